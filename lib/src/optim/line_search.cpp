// The line searches and the loop shared by steepest, cg, bfgs and lbfgs (kappa/optim/line_search.hpp).
#include "kappa/optim/line_search.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "kappa/core/errors.hpp"
#include "kappa/core/format_number.hpp"

namespace kappa::line_search {

std::string_view to_string(Kind k) { return k == Kind::exact ? "exact" : "strong-wolfe"; }

std::optional<Kind> kind_from_string(std::string_view name) {
  if (name == "exact") return Kind::exact;
  if (name == "strong-wolfe" || name == "strong_wolfe") return Kind::strong_wolfe;
  return std::nullopt;
}

void WolfeParams::validate() const {
  // 0 < c1 < c2 < 1 guarantees that a step satisfying both conditions exists (N&W Lemma 3.1).
  using K = ParamError::Kind;
  if (!(c1 > 0.0 && c1 < 1.0))
    throw ParamError(K::bad_value, "c1", fmt::format(" {}: must be in (0, 1)", shortest(c1)));
  if (!(c2 > c1 && c2 < 1.0))
    throw ParamError(K::bad_value, "c2",
                     fmt::format(" {}: must be in (c1, 1) with c1 = {}", shortest(c2), shortest(c1)));
  if (max_evals < 1)
    throw ParamError(K::bad_value, "max_ls", fmt::format(" {}: must be an integer >= 1", max_evals));
  if (!(xtol > 0.0 && xtol < 1.0))
    throw InputError(fmt::format("line-search xtol {}: must be in (0, 1)", xtol));
}

double cubic_interpolate(double x1, double f1, double g1, double x2, double f2, double g2, double lo,
                         double hi) {
  // torch/optim/lbfgs.py (from minFunc's polyinterp): with x2 the farther point,
  //   d1 = g1 + g2 − 3 (f1 − f2)/(x1 − x2),  d2 = √(d1² − g1 g2),
  //   t = x2 − (x2 − x1) (g2 + d2 − d1)/(g2 − g1 + 2 d2), clamped to [lo, hi].
  const double d1 = g1 + g2 - 3.0 * (f1 - f2) / (x1 - x2);
  const double d2_square = d1 * d1 - g1 * g2;
  if (d2_square >= 0.0) {  // false for NaN too: then the midpoint
    const double d2 = std::sqrt(d2_square);
    const double min_pos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2.0 * d2))
                                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2.0 * d2));
    return std::min(std::max(min_pos, lo), hi);
  }
  return (lo + hi) / 2.0;
}

namespace {

struct Point {
  double t, f, gtd;
  Vector g;
};

}  // namespace

Result strong_wolfe(Problem& problem, const Vector& w, const Vector& d, double f, const Vector& g, double gtd,
                    double t0, const WolfeParams& p, Vector& w_trial, Vector& g_out) {
  // A port of torch.optim.lbfgs._strong_wolfe (itself lswolfe.lua from minFunc): the bracketing phase
  // of Nocedal & Wright Alg. 3.5 with cubic extrapolation, then the zoom phase (Alg. 3.6) with cubic
  // interpolation safeguarded 10 % away from the bracket ends. Differences from torch, all outside
  // the normal path: the zoom stops on a relative bracket width (xtol), a non-finite φ counts as a
  // failed decrease, "no lower point found" is reported instead of returning t = 0 silently, and
  // where f is at its rounding level the decrease is judged on φ' (Hager–Zhang, below).
  Result r;
  auto evaluate = [&](double t, Point& pt) {
    w_trial = w + t * d;
    pt.t = t;
    pt.g.resize(w.size());                             // a no-op unless pt was moved from
    pt.f = problem.value_and_gradient(w_trial, pt.g);  // one pass where the problem can
    pt.gtd = pt.g.dot(d);
    ++r.evaluations;
  };
  // Near w*, f(w + td) − f(w) falls below the rounding of f (about ε|f|, large when f* ≠ 0) long before
  // ∇f does, and the Armijo test on f values decides at random. There the sufficient decrease is
  // tested on the derivative instead, Hager & Zhang's approximate Wolfe condition (SIAM J. Optim. 16,
  // 2005, eq. (23)): φ'(t) ≤ (2c1 − 1) φ'(0), which on a quadric is the Armijo condition exactly
  // (φ(t) − φ(0) = t (φ'(0) + φ'(t))/2). f is "at its resolution" where |φ(t) − φ(0)| ≤ 1e-12 |φ(0)|.
  // The regime is entered only when the first trial is already within that rounding: a gradient that
  // disagrees with f (f rises clearly where φ' < 0 says it falls) is never excused by it.
  const double f_noise = 1e-12 * std::abs(f);
  bool f_unreliable = true;  // decided at the first trial
  auto within_noise = [&](const Point& pt, double f_ref) {
    return f_unreliable && std::abs(pt.f - f_ref) <= f_noise;
  };
  auto armijo_fails = [&](const Point& pt) {
    if (!std::isfinite(pt.f) || !std::isfinite(pt.gtd)) return true;
    if (pt.f <= f + p.c1 * pt.t * gtd) return false;
    return !(within_noise(pt, f) && pt.gtd <= (2.0 * p.c1 - 1.0) * gtd);
  };
  // The trial step between a and b: the cubic through (t, φ, φ') at both (torch), or, where both φ are
  // within the rounding of f, the secant root of φ' (exact on a quadric; needs no f).
  auto interpolate = [&](const Point& a, const Point& b, double lo, double hi) {
    if (within_noise(a, f) && within_noise(b, f) && a.gtd != b.gtd) {
      const double t = a.t - a.gtd * (b.t - a.t) / (b.gtd - a.gtd);
      return std::isfinite(t) ? std::min(std::max(t, lo), hi) : (lo + hi) / 2.0;
    }
    return cubic_interpolate(a.t, a.f, a.gtd, b.t, b.f, b.gtd, lo, hi);
  };
  auto curvature_holds = [&](const Point& pt) { return std::abs(pt.gtd) <= -p.c2 * gtd; };

  Point prev{0.0, f, gtd, g};
  Point cur{0.0, 0.0, 0.0, Vector(g.size())};
  evaluate(t0, cur);
  f_unreliable = within_noise(cur, f);

  // Bracketing: grow t until [t_prev, t] contains a point satisfying the strong Wolfe conditions.
  Point lo_pt, hi_pt;  // the bracket; lo has the lower f
  bool bracketed = false, done = false;
  int ls_iter = 0;
  while (ls_iter < p.max_evals) {
    if (armijo_fails(cur) || (ls_iter > 1 && cur.f >= prev.f && !within_noise(cur, prev.f))) {
      lo_pt = std::move(prev);
      hi_pt = std::move(cur);
      bracketed = true;
      break;
    }
    if (curvature_holds(cur)) {
      lo_pt = std::move(cur);
      done = true;
      break;
    }
    if (cur.gtd >= 0.0) {
      lo_pt = std::move(prev);
      hi_pt = std::move(cur);
      bracketed = true;
      break;
    }
    // Extrapolate: the cubic's minimiser within [t + 0.01 (t − t_prev), 10 t].
    const double t_next = interpolate(prev, cur, cur.t + 0.01 * (cur.t - prev.t), cur.t * 10.0);
    std::swap(prev, cur);
    evaluate(t_next, cur);
    ++ls_iter;
  }
  if (!done && !bracketed) {  // max_evals reached while extrapolating: torch's bracket [0, t]
    lo_pt = Point{0.0, f, gtd, g};
    hi_pt = std::move(cur);
  }
  // torch orders the pair by f (low = lower f, ties to the left end).
  if (!done && hi_pt.f < lo_pt.f) std::swap(lo_pt, hi_pt);

  // Zoom: shrink [lo, hi] (in either order) around a strong Wolfe point.
  bool insuf_progress = false;
  while (!done && bracketed && ls_iter < p.max_evals) {
    const double a = std::min(lo_pt.t, hi_pt.t), b = std::max(lo_pt.t, hi_pt.t);
    if (b - a < p.xtol * b) break;
    // torch passes the bracket in its stored order; the interpolant does not depend on it.
    double t = interpolate(lo_pt, hi_pt, a, b);
    // Keep t at least 10 % of the bracket away from its ends (torch's insufficient-progress rule).
    const double eps = 0.1 * (b - a);
    if (std::min(b - t, t - a) < eps) {
      if (insuf_progress || t >= b || t <= a) {
        t = std::abs(t - b) < std::abs(t - a) ? b - eps : a + eps;
        insuf_progress = false;
      } else {
        insuf_progress = true;
      }
    } else {
      insuf_progress = false;
    }
    evaluate(t, cur);
    ++ls_iter;
    // Where f cannot rank cur against lo (within its rounding), the derivatives decide (below).
    if (armijo_fails(cur) || (cur.f >= lo_pt.f && !within_noise(cur, lo_pt.f))) {
      std::swap(hi_pt, cur);  // t becomes the high end
    } else {
      if (curvature_holds(cur))
        done = true;
      else if (cur.gtd * (hi_pt.t - lo_pt.t) >= 0.0)
        std::swap(hi_pt, lo_pt);  // old low becomes high
      std::swap(lo_pt, cur);      // t becomes the low end
    }
    if (hi_pt.f < lo_pt.f) std::swap(lo_pt, hi_pt);
  }

  r.t = lo_pt.t;
  r.f = lo_pt.f;
  r.gtd = lo_pt.gtd;
  r.wolfe = done;
  if (lo_pt.t == 0.0 || (!(lo_pt.f <= f) && armijo_fails(lo_pt))) {
    r.t = 0.0;
    r.failure = fmt::format(
        "strong-Wolfe line search found no lower f along d after {} evaluations (f = {:.17g}, gᵀd = {:.3g}); "
        "at this gradient f changes below float64 resolution",
        r.evaluations, f, gtd);
    w_trial = w;
    g_out = g;
    return r;
  }
  w_trial = w + r.t * d;
  g_out = lo_pt.g;
  return r;
}

}  // namespace kappa::line_search

namespace kappa::optimizers {

using line_search::Kind;

std::vector<ParamSchema> line_search_params(Kind default_kind, double default_c2) {
  const line_search::WolfeParams d;
  return {choice_param("line_search", std::string(line_search::to_string(default_kind)),
                       {"exact", "strong-wolfe"})
              .help("the line search; exact needs the Hessian"),
          real_param("c1", d.c1).in(0, 1, false).help("strong Wolfe sufficient decrease"),
          real_param("c2", default_c2).in(0, 1, false).help("strong Wolfe curvature (above c1)"),
          integer_param("max_ls", d.max_evals)
              .in(1, 1000000, true, true)
              .help("function evaluations per line search (torch's _strong_wolfe max_ls)")};
}

LineSearchSettings resolve_line_search(const ResolvedParams& p) {
  LineSearchSettings ls;
  ls.kind = *line_search::kind_from_string(p.choice("line_search"));  // one of the schema's choices
  if (ls.kind == Kind::exact)
    for (const char* name : {"c1", "c2", "max_ls"})
      if (p.given(name))
        throw ParamError(ParamError::Kind::bad_value, name, ": only used with the strong-wolfe line search");
  ls.wolfe.c1 = p.real("c1");
  ls.wolfe.c2 = p.real("c2");
  ls.wolfe.max_evals = static_cast<int>(p.integer("max_ls"));
  ls.wolfe.validate();
  return ls;
}

ParamSchema trial_step_param() {
  return real_param("alpha", 1.0).positive().torch("lr").help("first trial step of the strong-Wolfe search");
}

double resolve_trial_step(const ResolvedParams& p, const LineSearchSettings& ls) {
  if (p.given("alpha") && ls.kind == Kind::exact)
    throw ParamError(ParamError::Kind::bad_value, "alpha",
                     fmt::format(" {}: only used with the strong-wolfe line search (the first trial step)",
                                 shortest(p.real("alpha"))));
  return p.real("alpha");
}

void LineSearchOptimizer::reset(const Problem& problem) {
  if (problem.stochastic())
    throw FieldError("method",
                     fmt::format(" {}: needs exact gradients and values; problem '{}' is stochastic", name(),
                                 problem.kind()));
  if (ls_.kind == Kind::exact && !problem.has_hessian())
    throw FieldError("line_search",
                     fmt::format(" exact: problem '{}' has no Hessian; use strong-wolfe", problem.kind()));
  const Eigen::Index n = problem.dim();
  for (Vector* v : {&g_, &d_, &w_trial_, &g_trial_, &s_, &y_, &ad_, &w_cached_}) v->setZero(n);
  have_g_ = false;
  iteration_ = 0;
  last_t_ = last_gtd_ = 0.0;
  reset_state(n);
}

double LineSearchOptimizer::initial_step(const Vector& g, const Vector& d, double gtd, long k) const {
  // First step: torch's min(1, 1/‖g‖₁) (a unit step would be as long as the gradient). Later:
  // Nocedal & Wright (3.60), the previous step's first-order change t_{k−1} g_{k−1}ᵀd_{k−1} = t_k g_kᵀd_k.
  (void)d;
  if (k == 0) return std::min(1.0, 1.0 / g.lpNorm<1>());
  return last_t_ * last_gtd_ / gtd;
}

std::vector<std::pair<std::string, ParamValue>> LineSearchOptimizer::parameters() const {
  std::vector<std::pair<std::string, ParamValue>> p;
  add_parameters(p);
  p.emplace_back("line_search_exact", ls_.kind == Kind::exact);
  if (ls_.kind == Kind::strong_wolfe) {
    p.emplace_back("c1", ls_.wolfe.c1);
    p.emplace_back("c2", ls_.wolfe.c2);
    p.emplace_back("max_ls", std::int64_t{ls_.wolfe.max_evals});
  }
  return p;
}

StepInfo LineSearchOptimizer::step(Problem& problem, Vector& w) {
  StepInfo info;
  info.gradient_evaluations = 0;
  const bool wolfe = ls_.kind == Kind::strong_wolfe;

  // g (and f for the Wolfe search) at w: reuse the previous step's when the caller did not move w.
  if (!have_g_ || w != w_cached_) {
    ++info.gradient_evaluations;
    if (wolfe) {
      f_ = problem.value_and_gradient(w, g_);
      ++info.value_evaluations;
    } else {
      problem.gradient(w, g_);
    }
    w_cached_ = w;
    have_g_ = true;
  }
  if (!g_.allFinite()) {
    info.breakdown = true;
    info.message = "the gradient is not finite";
    return info;
  }
  if (g_.squaredNorm() == 0.0) {
    info.message = "the gradient is exactly zero: w is stationary";
    return info;
  }

  // The method's direction; never search uphill.
  direction(g_, d_);
  double gtd = g_.dot(d_);
  if (!(gtd < 0.0)) {
    info.message =
        fmt::format("gᵀd = {:.3g} is not a descent direction: memory dropped, restarted with d = −∇f", gtd);
    restart();
    direction(g_, d_);  // a fresh method's direction is −g
    gtd = g_.dot(d_);
    if (!(gtd < 0.0)) {
      info.breakdown = true;
      info.message = fmt::format("gᵀd = {:.3g} even after a restart: the gradient is not usable", gtd);
      return info;
    }
  }

  double t = 0.0;
  if (!wolfe) {
    // Exact minimiser along d of a quadric: φ(t) = f + t gᵀd + ½ t² dᵀAd, φ'(t) = 0 at t = −gᵀd / dᵀAd.
    problem.hessian_times(w, d_, ad_);
    const double dad = d_.dot(ad_);
    if (!(dad > 0.0) || !std::isfinite(dad)) {
      info.breakdown = true;
      info.message = fmt::format(
          "exact line search: dᵀAd = {:.3g} along the direction; the Hessian is not "
          "positive definite there",
          dad);
      return info;
    }
    t = -gtd / dad;
    w_trial_ = w + t * d_;
    problem.gradient(w_trial_, g_trial_);
    ++info.gradient_evaluations;
  } else {
    const double t0 = initial_step(g_, d_, gtd, iteration_);
    const auto r = line_search::strong_wolfe(problem, w, d_, f_, g_, gtd, t0, ls_.wolfe, w_trial_, g_trial_);
    info.gradient_evaluations += r.evaluations;
    info.value_evaluations += r.evaluations;
    if (!r.failure.empty()) {
      info.breakdown = true;
      info.message = r.failure;
      return info;
    }
    if (!r.wolfe)
      info.message = fmt::format(
          "line search stopped after {} evaluations without the curvature condition "
          "(f decreased; step accepted)",
          r.evaluations);
    t = r.t;
    f_ = r.f;
  }

  // s = t d as torch does (not w⁺ − w, which differs by rounding), y = ∇f(w⁺) − ∇f(w).
  s_ = t * d_;
  y_ = g_trial_ - g_;
  record(s_, y_, g_, g_trial_);
  last_t_ = t;
  last_gtd_ = gtd;
  ++iteration_;
  w = w_trial_;
  w_cached_ = w;
  std::swap(g_, g_trial_);
  return info;
}

}  // namespace kappa::optimizers
