#include "kappa/run/run.hpp"

#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <utility>

#include "kappa/core/errors.hpp"
#include "kappa/core/format_number.hpp"
#include "kappa/core/names.hpp"
#include "kappa/core/parallel.hpp"
#include "kappa/theory/theory.hpp"

namespace kappa {

namespace {
constexpr NameTable<StopRule, 2> kStopRules{{{StopRule::dist, "dist"}, {StopRule::f_gap, "f_gap"}}};
constexpr NameTable<RunStatus, 5> kRunStatuses{{{RunStatus::converged, "converged"},
                                                {RunStatus::diverged, "diverged"},
                                                {RunStatus::max_iter, "max_iter"},
                                                {RunStatus::breakdown, "breakdown"},
                                                {RunStatus::stopped, "stopped"}}};
}  // namespace

std::string_view to_string(StopRule r) { return name_of(kStopRules, r); }

std::optional<StopRule> stop_rule_from_string(std::string_view s) { return value_named(kStopRules, s); }

std::string_view to_string(RunStatus s) { return name_of(kRunStatuses, s); }

void RunObservers::begin(const RunInfo& info) {
  for (RunObserver* o : list_) o->begin(info);
}

RowAction RunObservers::row(const TraceRow& r) {
  RowAction first;
  for (RunObserver* o : list_) {
    RowAction a = o->row(r);
    if (a.stop && !first.stop) first = std::move(a);
  }
  return first;
}

void RunObservers::end(const Summary& s) {
  for (RunObserver* o : list_) o->end(s);
}

namespace {

double distance(const Vector& w, const Vector& w_star, bool zero_optimum) {
  return zero_optimum ? w.norm() : (w - w_star).norm();
}

// Whether the slowest modes of the theory's iteration matrix are (within the run's length) a
// repeated eigenvalue: |σ₁ − σ₂|·k_end / r < 1 means d_k ∝ (σ₁^{k+1} − σ₂^{k+1})/(σ₁ − σ₂) ≈ (k+1)·r^k
// over the whole run, so the k·r^k model is the right one.
bool critically_damped(theory::Method m, const theory::Params& p, const Spectrum& s, double rate,
                       std::int64_t k_end) {
  if (!theory::has_momentum(m) || !(rate > 0)) return false;
  for (const double lambda : s.values()) {
    // |σ₁ − σ₂| = √|T² − 4D| (rounding in T² − 4D only makes a near-critical pair look closer).
    if (theory::mode_radius(m, lambda, p) < rate * (1 - 1e-9)) continue;
    const auto [t, d] = theory::trace_det(m, lambda, p);
    if (std::sqrt(std::fabs(t * t - 4 * d)) * static_cast<double>(std::max<std::int64_t>(k_end, 1)) < rate)
      return true;
  }
  return false;
}

}  // namespace

Summary run(Problem& problem, Optimizer& optimizer, Vector& w, const RunSettings& settings,
            RunObserver* observer) {
  if (w.size() != problem.dim())
    throw FieldError("w0",
                     fmt::format(": has {} values, the problem has dimension {}", w.size(), problem.dim()));
  if (settings.max_iter < 0)
    throw FieldError("max_iter", fmt::format(" {}: must be >= 0", settings.max_iter));
  if (settings.every < 1) throw FieldError("every", fmt::format(" {}: must be >= 1", settings.every));
  if (settings.threads < 1 || settings.threads > max_threads)
    throw FieldError("threads", fmt::format(" {}: must be in [1, {}]", settings.threads, max_threads));
  if (!(settings.tol >= 0) || !std::isfinite(settings.tol))
    throw FieldError("tol", fmt::format(" {}: must be finite and >= 0", shortest(settings.tol)));

  Summary s;
  s.rule = settings.rule;
  s.tol = settings.tol;
  const Vector& w_star = problem.w_star();
  const bool zero_optimum = w_star.isZero(0);
  Vector g(problem.dim());
  TailRecorder recorder;

  s.dist0 = distance(w, w_star, zero_optimum);
  s.f_gap0 = problem.f_gap(w);
  if (!std::isfinite(s.dist0) || !std::isfinite(s.f_gap0))
    throw FieldError("w0", ": the starting point gives a non-finite distance or function value");

  // grad_norm: from the step's fused pass when it gave one (the same bits), else computed here.
  auto emit = [&](std::int64_t k, double dist, double f_gap, std::optional<double> grad_norm = std::nullopt) {
    if (!observer) return RowAction::proceed();
    if (!grad_norm) {
      problem.full_gradient(w, g);
      grad_norm = g.norm();
    }
    return observer->row(TraceRow{k, f_gap, dist, *grad_norm, w});
  };
  auto stop_by_observer = [&](std::int64_t k, const RowAction& a) {
    s.status = RunStatus::stopped;
    s.message = fmt::format("stopped at iteration {}: {}", k,
                            a.reason.empty() ? "an observer asked to stop" : a.reason);
  };

  optimizer.reset(problem);
  if (observer) observer->begin(RunInfo{problem, settings, s.dist0, s.f_gap0});
  const RowAction first = emit(0, s.dist0, s.f_gap0);
  recorder.add(0, s.dist0);

  const double start = settings.rule == StopRule::dist ? s.dist0 : s.f_gap0;
  const double target = settings.tol * start;
  std::int64_t k = 0;
  double dist = s.dist0;
  bool stopped = false;
  if (start == 0) {
    s.status = RunStatus::converged;
    s.message = "started at the optimum";
    stopped = true;
  } else if (first.stop && settings.max_iter > 0) {
    stop_by_observer(0, first);
    stopped = true;
  }
  // The measures the loop tests after each step, asked of the step itself: the fused diagonal kernels
  // compute them in their one pass over memory (optimizer.hpp, StepRequest), on settings.threads.
  std::unique_ptr<ParallelFor> pool;
  if (settings.threads > 1) pool = std::make_unique<ParallelFor>(settings.threads);
  StepRequest request;
  request.pool = pool.get();
  while (!stopped && k < settings.max_iter) {
    const bool row_due = observer && ((k + 1) % settings.every == 0 || k + 1 == settings.max_iter);
    request.f_gap = settings.rule == StopRule::f_gap || row_due;
    request.grad_norm = row_due;
    const StepInfo info = optimizer.step_measured(problem, w, request);
    ++k;
    s.gradient_evaluations += info.gradient_evaluations;
    s.value_evaluations += info.value_evaluations;
    dist = info.dist ? *info.dist : distance(w, w_star, zero_optimum);
    auto f_gap_now = [&] { return info.f_gap ? *info.f_gap : problem.f_gap(w); };
    if (!std::isfinite(dist) || dist > settings.divergence_growth * s.dist0) {
      s.status = RunStatus::diverged;
      s.message =
          std::isfinite(dist)
              ? fmt::format("diverged at iteration {}: |w - w*| = {} grew by more than {} times its start {}",
                            k, shortest(dist), shortest(settings.divergence_growth), shortest(s.dist0))
              : fmt::format("diverged at iteration {}: |w - w*| is not finite", k);
      stopped = true;
      emit(k, dist, f_gap_now(), info.grad_norm);  // the first (and only) row with a non-finite or huge value
      break;
    }
    recorder.add(k, dist);
    if (info.breakdown) {
      s.status = RunStatus::breakdown;
      s.message = fmt::format("stopped at iteration {}: {}", k, info.message);
      stopped = true;
    } else {
      const double measure = settings.rule == StopRule::dist ? dist : f_gap_now();
      if (measure <= target) {
        s.status = RunStatus::converged;
        s.message = fmt::format("converged at iteration {}: {} <= tol * start ({} * {})", k,
                                settings.rule == StopRule::dist ? "|w - w*|" : "f - f*",
                                shortest(settings.tol), shortest(start));
        stopped = true;
      }
    }
    if (stopped || row_due) {
      const RowAction a = emit(k, dist, f_gap_now(), info.grad_norm);
      if (a.stop && !stopped && k < settings.max_iter) {  // at the limit the run ends as max_iter
        stop_by_observer(k, a);
        stopped = true;
      }
    }
  }
  if (!stopped) {
    s.status = RunStatus::max_iter;
    s.message = fmt::format("reached the iteration limit {}: {} / start = {} (tol {})", settings.max_iter,
                            settings.rule == StopRule::dist ? "|w - w*|" : "f - f*",
                            shortest((settings.rule == StopRule::dist ? dist : problem.f_gap(w)) / start),
                            shortest(settings.tol));
  }
  s.iterations = k;
  s.dist = dist;
  s.f_gap = problem.f_gap(w);
  problem.full_gradient(w, g);
  s.grad_norm = g.norm();

  // Theory, where it applies: a deterministic problem with a known spectrum and a method the quadric
  // theory describes.
  std::optional<std::pair<theory::Method, theory::Params>> th;
  std::optional<Spectrum> spectrum;
  if (!problem.stochastic()) th = optimizer.theory();
  if (th) spectrum = problem.spectrum();
  RateModel model = RateModel::geometric;
  if (th && spectrum) {
    const double r = theory::rate(th->first, *spectrum, th->second);
    s.theory_rate = r;
    s.theory_method = theory::to_string(th->first);
    if (critically_damped(th->first, th->second, *spectrum, r, k)) model = RateModel::k_geometric;
  }
  {
    // Below ~1e-12·‖w*‖ the error is rounding noise, not the method's contraction.
    const double floor = 1e-12 * w_star.norm() + 1e-300;
    s.fit = recorder.fit_tail(model, floor, settings.fit_fraction);
  }
  if (s.theory_rate && *s.theory_rate > 0 && std::isfinite(s.fit.rate))
    s.rate_rel_error = std::fabs(s.fit.rate - *s.theory_rate) / *s.theory_rate;
  if (observer) observer->end(s);
  return s;
}

}  // namespace kappa
