// Run observers (run.hpp): an observer that stops the run, several observers on one run, and the
// progress line. The reference for "where the run stands" is an independent run without observers
// limited to the same iteration count: stopping at k must leave exactly its w.
#include <doctest/doctest.h>

#include <Eigen/Dense>

#include <cstdio>
#include <string>
#include <vector>

#include "kappa/io/progress.hpp"
#include "kappa/optim/optimizer.hpp"
#include "kappa/problems/problems.hpp"
#include "kappa/run/run.hpp"

using namespace kappa;
using Eigen::VectorXd;

namespace {

MethodParams alpha_of(double a) {
  MethodParams s;
  s.set("alpha", a);
  return s;
}

// Records every call; asks to stop at iteration stop_at (never when negative).
struct Recorder final : RunObserver {
  std::int64_t stop_at = -1;
  std::string name;
  std::vector<std::string>* log = nullptr;  // shared across observers: the order of calls
  std::vector<std::int64_t> iters;
  std::vector<double> dists;
  int begins = 0, ends = 0;
  double begin_dist0 = -1;
  std::string end_message;
  void begin(const RunInfo& info) override {
    ++begins;
    begin_dist0 = info.dist0;
    if (log) log->push_back(name + " begin");
  }
  RowAction row(const TraceRow& r) override {
    CHECK(begins == 1);
    iters.push_back(r.iter);
    dists.push_back(r.dist);
    if (log) log->push_back(name + " " + std::to_string(r.iter));
    if (r.iter == stop_at) return RowAction::stop_run(name + " saw enough");
    return RowAction::proceed();
  }
  void end(const Summary& s) override {
    ++ends;
    end_message = s.message;
    if (log) log->push_back(name + " end");
  }
};

}  // namespace

TEST_CASE("observer: a stop at iteration k ends the run there with status stopped and the reason") {
  auto p = problems::diagonal(Spectrum::ends(1, 100));
  for (const std::int64_t every : {1, 10}) {
    for (const std::int64_t k : {0, 1, 30, 37}) {
      if (k % every != 0) continue;  // a stop can only be asked at a row
      CAPTURE(every);
      CAPTURE(k);
      RunSettings rs;
      rs.max_iter = 1000;
      rs.tol = 0;
      rs.every = every;
      auto gd = make_optimizer("gd", alpha_of(0.0198));
      VectorXd w = VectorXd::Ones(2);
      Recorder obs;
      obs.name = "user";
      obs.stop_at = k;
      const Summary s = run(*p, *gd, w, rs, &obs);
      CHECK(s.status == RunStatus::stopped);
      CHECK(to_string(s.status) == "stopped");
      CHECK(s.iterations == k);
      CHECK(s.message == "stopped at iteration " + std::to_string(k) + ": user saw enough");
      REQUIRE(!obs.iters.empty());
      CHECK(obs.iters.back() == k);  // no row after the stop
      CHECK(obs.begins == 1);
      CHECK(obs.ends == 1);
      CHECK(obs.end_message == s.message);

      // Independent: the same run limited to k iterations, without observers, reaches the same w.
      auto gd2 = make_optimizer("gd", alpha_of(0.0198));
      VectorXd w2 = VectorXd::Ones(2);
      RunSettings rs2 = rs;
      rs2.max_iter = k;
      const Summary s2 = run(*p, *gd2, w2, rs2);
      CHECK(s2.iterations == k);
      CHECK(w == w2);
      CHECK(s.dist == s2.dist);
      CHECK(s.gradient_evaluations == s2.gradient_evaluations);
    }
  }
}

TEST_CASE("observer: a stop asked where the run ends anyway leaves the run's own status") {
  auto p = problems::diagonal(Spectrum::ends(1, 10));
  RunSettings rs;
  rs.max_iter = 5;
  rs.tol = 0;
  auto gd = make_optimizer("gd", alpha_of(0.1));
  VectorXd w = VectorXd::Ones(2);
  Recorder obs;
  obs.stop_at = 5;  // the last iteration
  const Summary s = run(*p, *gd, w, rs, &obs);
  CHECK(s.status == RunStatus::max_iter);
  CHECK(s.message.find("reached the iteration limit 5") == 0);
  CHECK(obs.ends == 1);
}

TEST_CASE("observer: two observers both see every row, in order, and the first stop is reported") {
  auto p = problems::diagonal(Spectrum::ends(1, 100));
  RunSettings rs;
  rs.max_iter = 200;
  rs.tol = 0;
  rs.every = 7;

  // Reference rows: one observer alone.
  Recorder alone;
  {
    auto gd = make_optimizer("gd", alpha_of(0.0198));
    VectorXd w = VectorXd::Ones(2);
    run(*p, *gd, w, rs, &alone);
  }
  std::vector<std::int64_t> expected_iters;
  for (std::int64_t k = 0; k <= 200; k += 7) expected_iters.push_back(k);
  expected_iters.push_back(200);
  CHECK(alone.iters == expected_iters);

  std::vector<std::string> log;
  Recorder a, b;
  a.name = "a";
  b.name = "b";
  a.log = b.log = &log;
  RunObservers both{&a, nullptr, &b};
  auto gd = make_optimizer("gd", alpha_of(0.0198));
  VectorXd w = VectorXd::Ones(2);
  const Summary s = run(*p, *gd, w, rs, &both);
  CHECK(s.status == RunStatus::max_iter);
  CHECK(a.iters == alone.iters);
  CHECK(b.iters == alone.iters);
  CHECK(a.dists == alone.dists);
  CHECK(b.dists == alone.dists);
  // Calls interleave: a then b for begin, every row, end.
  std::vector<std::string> order = {"a begin", "b begin"};
  for (const auto k : expected_iters) {
    order.push_back("a " + std::to_string(k));
    order.push_back("b " + std::to_string(k));
  }
  order.insert(order.end(), {"a end", "b end"});
  CHECK(log == order);

  // b asks to stop at 14, a at 21: the run stops at 14 with b's reason; a still saw row 14.
  Recorder c, d;
  c.name = "a";
  c.stop_at = 21;
  d.name = "b";
  d.stop_at = 14;
  RunObservers two{&c, &d};
  auto gd3 = make_optimizer("gd", alpha_of(0.0198));
  VectorXd w3 = VectorXd::Ones(2);
  const Summary s3 = run(*p, *gd3, w3, rs, &two);
  CHECK(s3.status == RunStatus::stopped);
  CHECK(s3.iterations == 14);
  CHECK(s3.message == "stopped at iteration 14: b saw enough");
  CHECK(c.iters == std::vector<std::int64_t>{0, 7, 14});
  CHECK(d.iters == std::vector<std::int64_t>{0, 7, 14});
}

TEST_CASE("progress line: drawn with \\r and cleared at the end, nothing before its delay") {
  auto p = problems::diagonal(Spectrum::ends(1, 100));
  RunSettings rs;
  rs.max_iter = 50;
  rs.tol = 0;
  auto read_all = [](std::FILE* f) {
    std::rewind(f);
    std::string out;
    int c;
    while ((c = std::fgetc(f)) != EOF) out.push_back(static_cast<char>(c));
    return out;
  };
  {
    std::FILE* f = std::tmpfile();
    REQUIRE(f);
    io::ProgressLine line("kappa-run", f, 0.0, 0.0);  // no delay, redrawn on every row
    auto gd = make_optimizer("gd", alpha_of(0.0198));
    VectorXd w = VectorXd::Ones(2);
    run(*p, *gd, w, rs, &line);
    const std::string out = read_all(f);
    std::fclose(f);
    CHECK(line.shown());
    CHECK(out.find("\rkappa-run: iteration 0 / 50 (0%)  dist / start 1  ") == 0);
    CHECK(out.find("\rkappa-run: iteration 50 / 50 (100%)  dist / start ") != std::string::npos);
    CHECK(out.find('\n') == std::string::npos);
    // Ends with blanks over the last line and the cursor back at its start.
    const auto last = out.rfind("\rkappa-run: iteration 50");
    const auto clear_at = out.find('\r', last + 1);
    REQUIRE(clear_at != std::string::npos);
    const std::size_t width = clear_at - last - 1;
    CHECK(out.substr(clear_at) == "\r" + std::string(width, ' ') + "\r");
  }
  {
    std::FILE* f = std::tmpfile();
    REQUIRE(f);
    io::ProgressLine line("kappa-run", f, 3600.0, 0.0);  // the run is over long before an hour
    auto gd = make_optimizer("gd", alpha_of(0.0198));
    VectorXd w = VectorXd::Ones(2);
    run(*p, *gd, w, rs, &line);
    CHECK(!line.shown());
    CHECK(read_all(f).empty());
    std::fclose(f);
  }
}
