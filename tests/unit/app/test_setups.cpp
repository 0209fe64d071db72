// The app layer used from C++ as a library user would: setups built by hand, with no option
// parsing, give the records the formulas predict, and the same records as the tools' option path.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "kappa/app/rate.hpp"
#include "kappa/app/tables.hpp"
#include "kappa/cli/evaluate.hpp"
#include "kappa/io/table_output.hpp"

using namespace kappa;

TEST_CASE(
    "a RateSetup built by hand: gd at 2/(mu+L) has rate (kappa-1)/(kappa+1) and ceil(ln tol / ln rate) iterations") {
  for (const double kappa : {4.0, 100.0, 1e4}) {
    CAPTURE(kappa);
    io::RateSetup s;
    s.method = theory::Method::gd;
    s.spectrum = std::make_shared<const Spectrum>(Spectrum::ends(1, kappa));
    s.params = {theory::Params{2 / (1 + kappa), 0}, "given"};
    s.tol = 1e-6;
    const io::Json r = io::rate_record(s);
    const double rate = (kappa - 1) / (kappa + 1);
    CHECK(r["rate"].get<double>() == doctest::Approx(rate).epsilon(1e-14));
    CHECK(r["iterations"].get<std::int64_t>() ==
          static_cast<std::int64_t>(std::ceil(std::log(1e-6) / std::log(rate))));
    CHECK(r["converges"].get<bool>());
    CHECK(r["kappa"].get<double>() == kappa);
    CHECK(r["beta"].is_null());
    // The tool's path (options parsed into the setup) gives the same record.
    const io::Json t = io::evaluate_rate({{"method", "gd"},
                                          {"lambda-min", "1"},
                                          {"lambda-max", fmt::format("{}", kappa)},
                                          {"alpha", fmt::format("{}", 2 / (1 + kappa))}});
    CHECK(t == r);
  }
}

TEST_CASE("a RateSetup's rate function replaces theory::rate and feeds the iteration count") {
  io::RateSetup s;
  s.method = theory::Method::heavy_ball;
  s.spectrum = std::make_shared<const Spectrum>(Spectrum::ends(1, 100));
  s.params = {theory::Params{0.01, 0.5}, "given"};
  const io::Json r = io::rate_record(s, [](const theory::Params&) { return 0.5; });
  CHECK(r["rate"].get<double>() == 0.5);
  CHECK(r["iterations"].get<std::int64_t>() == 20);  // 0.5^20 = 9.5e-7 <= 1e-6 < 0.5^19
}

TEST_CASE("an EigSetup built by hand: gd's per-mode map is the number 1 - alpha lambda") {
  io::EigSetup s{
      theory::Method::gd, Spectrum({0.5, 1, 3, 7}), {theory::Params{0.25, 0}, "given"}, true, false,
      std::nullopt,       io::Json::object()};
  io::RecordCollector out;
  io::eig(s, out);
  const io::Json r = out.take();
  REQUIRE(r["rows"].size() == 4);
  for (const auto& row : r["rows"]) {
    const double lambda = row["lambda"].get<double>();
    CAPTURE(lambda);
    CHECK(row["sigma1_re"].get<double>() == 1 - 0.25 * lambda);
    CHECK(row["sigma1_im"].get<double>() == 0);
    CHECK(row["sigma2_re"].is_null());
    CHECK(row["radius"].get<double>() == std::fabs(1 - 0.25 * lambda));
    CHECK(row["m11"].get<double>() == 1 - 0.25 * lambda);
  }
  double worst = 0;  // the largest |1 - alpha lambda|: lambda = 0.5 here
  for (const double lambda : {0.5, 1.0, 3.0, 7.0}) worst = std::max(worst, std::fabs(1 - 0.25 * lambda));
  CHECK(r["rate"].get<double>() == worst);
  CHECK(r["parameters"]["params_source"] == "given");
}
