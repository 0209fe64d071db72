// The run loop (docs/architecture.md): iterate an optimizer on a problem, stop on tolerance, divergence
// or the iteration limit, stream trace rows to observers (which may stop the run), and end in a Summary
// that puts the measured rate beside the theory's. Every exit path sets status and message.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kappa/optim/optimizer.hpp"
#include "kappa/problems/problem.hpp"
#include "kappa/run/fit.hpp"

namespace kappa {

// What the tolerance is measured on, relative to the start:
//   dist   ‖w_k − w*‖ ≤ tol·‖w_0 − w*‖      f_gap  f(w_k) − f* ≤ tol·(f(w_0) − f*)
enum class StopRule { dist, f_gap };
std::string_view to_string(StopRule r);
std::optional<StopRule> stop_rule_from_string(std::string_view s);

// stopped: an observer's row() asked to stop (the message gives the observer's reason).
enum class RunStatus { converged, diverged, max_iter, breakdown, stopped };
std::string_view to_string(RunStatus s);

struct RunSettings {
  std::int64_t max_iter = 1000;
  double tol = 1e-10;
  StopRule rule = StopRule::dist;
  std::int64_t every = 1;           // trace row every J iterations (plus the first and the last)
  double divergence_growth = 1e10;  // diverged when ‖w−w*‖ > growth·‖w_0−w*‖ (or not finite)
  double fit_fraction = 0.5;        // the rate is fitted on the last half of the iterations
  int threads = 1;                  // threads of the fused diagonal kernels (no result depends on it)
};
constexpr int max_threads = 256;

struct TraceRow {
  std::int64_t iter;
  double f_gap, dist, grad_norm;  // f − f*, ‖w − w*‖, ‖∇f(w)‖ (the full gradient)
  const Vector& w;
};

struct Summary;

// What an observer learns before the first row.
struct RunInfo {
  const Problem& problem;
  const RunSettings& settings;
  double dist0, f_gap0;  // ‖w_0 − w*‖, f(w_0) − f*
};

// An observer's answer to a row (Ceres' CallbackReturnType, ensmallen's callbacks returning true to
// terminate): proceed, or stop the run at this row with a reason (the summary's message says it).
struct RowAction {
  bool stop = false;
  std::string reason;
  static RowAction proceed() { return {}; }
  static RowAction stop_run(std::string why) { return {true, std::move(why)}; }
};

// Attached to a run: begin() once before row 0, row() for every trace row (iteration 0, every
// `every` iterations, the last), end() once with the finished Summary on every exit path that returns
// (not when the run throws). A stop asked at a row the run ends on anyway (converged, diverged,
// breakdown, the limit) is ignored: the run's own status stands.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  virtual void begin(const RunInfo&) {}
  virtual RowAction row(const TraceRow& r) = 0;
  virtual void end(const Summary&) {}
};

// Several observers as one: each sees every call in the order they were added (all of them see a
// row, even when an earlier one asks to stop there); the first stop's reason is the one reported.
class RunObservers final : public RunObserver {
 public:
  RunObservers() = default;
  RunObservers(std::initializer_list<RunObserver*> list) {
    for (RunObserver* o : list) add(o);
  }
  void add(RunObserver* o) {  // null is skipped
    if (o) list_.push_back(o);
  }
  bool empty() const { return list_.empty(); }
  void begin(const RunInfo& info) override;
  RowAction row(const TraceRow& r) override;
  void end(const Summary& s) override;

 private:
  std::vector<RunObserver*> list_;
};

struct Summary {
  RunStatus status = RunStatus::max_iter;
  std::int64_t iterations = 0;
  double f_gap = std::numeric_limits<double>::quiet_NaN();
  double dist = std::numeric_limits<double>::quiet_NaN();
  double grad_norm = std::numeric_limits<double>::quiet_NaN();
  double f_gap0 = 0, dist0 = 0;
  RateFit fit;                           // measured_rate = fit.rate
  std::optional<double> theory_rate;     // when the optimizer and the problem have a theory
  std::optional<double> rate_rel_error;  // |measured − theory| / theory
  std::string theory_method;
  StopRule rule = StopRule::dist;
  double tol = 0;
  std::int64_t gradient_evaluations = 0, value_evaluations = 0;
  std::string message;
};

// Runs from w (updated in place). optimizer.reset(problem) is called here. The observer (may be
// null; RunObservers for several) receives rows at iteration 0, every `every` iterations, and at the
// last iteration; after a non-finite value no further row is produced. When its row() asks to stop,
// the run ends at that row with status stopped and message "stopped at iteration k: <reason>".
Summary run(Problem& problem, Optimizer& optimizer, Vector& w, const RunSettings& settings,
            RunObserver* observer = nullptr);

}  // namespace kappa
