// Problem::value_and_gradient (one call, one pass where the problem can) is value() then gradient()
// bit for bit, for every kind of problem; the default (counterexamples, least squares, the finite sum)
// is that sequence itself, including the finite sum's minibatch draw.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "kappa/core/random.hpp"
#include "kappa/io/matrix_market.hpp"
#include "kappa/learn/counterexamples.hpp"
#include "kappa/problems/data.hpp"
#include "kappa/problems/problems.hpp"

using namespace kappa;

namespace {

using test::normals;
using test::same_bits;

// Two identical problems (the finite sum's RNG advances in gradient()): one called fused, one separately.
void check_kind(const std::string& what, const std::function<std::unique_ptr<Problem>()>& make,
                int points = 5) {
  CAPTURE(what);
  auto fused = make(), separate = make();
  const Eigen::Index n = fused->dim();
  Vector g1(n), g2(n);
  for (int k = 0; k < points; ++k) {
    const Vector w = normals(n, 100 + static_cast<std::uint64_t>(k));
    const double f1 = fused->value_and_gradient(w, g1);
    const double f2 = separate->value(w);
    separate->gradient(w, g2);
    CHECK(same_bits(f1, f2));
    CHECK(same_bits(g1, g2));
    CHECK(std::isfinite(f1));
    CHECK(g1.norm() > 0);  // not vacuous: a real gradient
  }
}

data::Dataset regression_data(bool binary) {
  data::Dataset ds;
  ds.source = "test data";
  const int rows = 57, cols = 4;
  ds.X.resize(rows, cols);
  ds.y.resize(rows);
  Rng rng(3);
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols - 1; ++j) ds.X(i, j) = rng.normal();
    ds.X(i, cols - 1) = 1.0;
    const double z = 0.7 * ds.X(i, 0) - 0.4 * ds.X(i, 1) + 0.2 + 0.8 * rng.normal();
    ds.y(i) = binary ? (z > 0 ? 1.0 : 0.0) : z;
  }
  for (int j = 0; j < cols - 1; ++j) ds.feature_names.push_back(fmt::format("x{}", j));
  ds.feature_names.push_back("intercept");
  ds.has_intercept = true;
  return ds;
}

}  // namespace

TEST_CASE("value_and_gradient is value then gradient bit for bit, for every kind of problem") {
  for (const Eigen::Index n :
       {Eigen::Index{1}, Eigen::Index{2}, Eigen::Index{7}, Eigen::Index{1001}, Eigen::Index{300007}}) {
    const Spectrum s = Spectrum::geometric(0.5, 80, static_cast<std::size_t>(n));
    check_kind(fmt::format("diagonal n = {}", n), [&] { return problems::diagonal(s); });
    check_kind(fmt::format("diagonal with w* n = {}", n),
               [&] { return problems::diagonal(s, normals(n, 1)); });
  }
  for (const Eigen::Index n : {Eigen::Index{3}, Eigen::Index{64}, Eigen::Index{301}}) {
    const Spectrum s = Spectrum::linear(1, 30, static_cast<std::size_t>(n));
    check_kind(fmt::format("rotated n = {}", n), [&] { return problems::rotated(s, 4, normals(n, 2)); });
  }
  check_kind("matrix bcsstk01", [] {
    auto A = io::read_matrix_market(std::string(KAPPA_TEST_DATA) + "/bcsstk01.mtx");
    const auto n = A.rows();
    return problems::matrix(std::move(A), "bcsstk01", normals(n, 3));
  });
  check_kind("finite sum", [] {
    return problems::finite_sum(problems::diagonal(Spectrum::linear(1, 10, 20), normals(20, 4)), 50, 5, 9,
                                0.5);
  });
  check_kind("finite sum over a rotated quadric", [] {
    return problems::finite_sum(problems::rotated(Spectrum::linear(1, 10, 12), 2), 30, 3, 1, 1.0);
  });
  check_kind("least squares",
             [] { return data::make_problem(data::Model::least_squares, regression_data(false), 0.1); });
  check_kind("logistic",
             [] { return data::make_problem(data::Model::logistic, regression_data(true), 0.05); });
  check_kind("sigmoid-fit",
             [] { return std::make_unique<data::SigmoidFitProblem>(data::SigmoidFitProblem::builtin()); });
  check_kind("lrp", [] { return counterexamples::make_problem("lrp"); });
  check_kind("chain", [] { return counterexamples::make_problem("chain:30:100"); });
}
