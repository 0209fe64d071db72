// The run loop (docs/architecture.md): iterate an optimizer on a problem, stop on tolerance, divergence
// or the iteration limit, stream trace rows to an observer, and end in a Summary that puts the
// measured rate beside the theory's. Every exit path sets status and message.
#pragma once
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "kappa/fit.hpp"
#include "kappa/optimizer.hpp"
#include "kappa/problem.hpp"

namespace kappa {

// What the tolerance is measured on, relative to the start:
//   dist   ‖w_k − w*‖ ≤ tol·‖w_0 − w*‖      f_gap  f(w_k) − f* ≤ tol·(f(w_0) − f*)
enum class StopRule { dist, f_gap };
std::string_view to_string(StopRule r);
std::optional<StopRule> stop_rule_from_string(std::string_view s);

enum class RunStatus { converged, diverged, max_iter, breakdown };
std::string_view to_string(RunStatus s);

struct RunSettings {
  std::int64_t max_iter = 1000;
  double tol = 1e-10;
  StopRule rule = StopRule::dist;
  std::int64_t every = 1;               // trace row every J iterations (plus the first and the last)
  double divergence_growth = 1e10;      // diverged when ‖w−w*‖ > growth·‖w_0−w*‖ (or not finite)
  double fit_fraction = 0.5;            // the rate is fitted on the last half of the iterations
  int threads = 1;                      // threads of the fused diagonal kernels (no result depends on it)
};
constexpr int max_threads = 256;

struct TraceRow {
  std::int64_t iter;
  double f_gap, dist, grad_norm;  // f − f*, ‖w − w*‖, ‖∇f(w)‖ (the full gradient)
  const Vector& w;
};

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void row(const TraceRow& r) = 0;
};

struct Summary {
  RunStatus status = RunStatus::max_iter;
  std::int64_t iterations = 0;
  double f_gap = std::numeric_limits<double>::quiet_NaN();
  double dist = std::numeric_limits<double>::quiet_NaN();
  double grad_norm = std::numeric_limits<double>::quiet_NaN();
  double f_gap0 = 0, dist0 = 0;
  RateFit fit;                         // measured_rate = fit.rate
  std::optional<double> theory_rate;   // when the optimizer and the problem have a theory
  std::optional<double> rate_rel_error;  // |measured − theory| / theory
  std::string theory_method;
  StopRule rule = StopRule::dist;
  double tol = 0;
  std::int64_t gradient_evaluations = 0, value_evaluations = 0;
  std::string message;
};

// Runs from w (updated in place). optimizer.reset(problem) is called here. The observer (may be
// null) receives rows at iteration 0, every `every` iterations, and at the last iteration; after a
// non-finite value no further row is produced.
Summary run(Problem& problem, Optimizer& optimizer, Vector& w, const RunSettings& settings,
            RunObserver* observer = nullptr);

}  // namespace kappa
