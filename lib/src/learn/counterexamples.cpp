#include "kappa/learn/counterexamples.hpp"

#include <Eigen/LU>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>
#include <string_view>

#include "kappa/core/errors.hpp"
#include "kappa/core/format_number.hpp"
#include "kappa/core/names.hpp"
#include "kappa/optim/optimizer.hpp"

namespace kappa::counterexamples {

// ---- LRP --------------------------------------------------------------------------------------
namespace {
// ∇f(x) = s·x + c on the piece containing x.
struct Piece {
  double s, c;
};
Piece piece(double x) {
  if (x < 1.0) return {25.0, 0.0};
  if (x < 2.0) return {1.0, 24.0};
  return {25.0, -24.0};
}
// One heavy-ball step in Polyak's form: x⁺ = x − α∇f(x) + β(x − x₋).
double hb_step(double x, double xm, double alpha, double beta) {
  return x - alpha * lrp_gradient(x) + beta * (x - xm);
}
}  // namespace

double lrp_value(double x) {
  if (x < 1.0) return 12.5 * x * x;
  if (x < 2.0) return 0.5 * x * x + 24.0 * x - 12.0;
  return 12.5 * x * x - 24.0 * x + 36.0;
}

double lrp_gradient(double x) {
  const Piece p = piece(x);
  return p.s * x + p.c;
}

double lrp_curvature(double x) { return piece(x).s; }

LrpProblem::LrpProblem() : w_star_(Vector::Zero(1)) {}

void LrpProblem::hessian_times(const Vector& w, const Vector& x, Vector& out) const {
  out(0) = lrp_curvature(w(0)) * x(0);
}
void LrpProblem::hessian_solve(const Vector& w, const Vector& g, Vector& out) const {
  out(0) = g(0) / lrp_curvature(w(0));
}

// ---- chain ------------------------------------------------------------------------------------
ChainProblem::ChainProblem(std::int64_t n, double kappa) : n_(n), kappa_(kappa), c_((kappa - 1.0) / 4.0) {
  if (n < 1 || n > 10'000'000)
    throw InputError("chain size N = " + std::to_string(n) + ": must be in [1, 10000000]");
  if (!std::isfinite(kappa) || !(kappa > 1.0))
    throw InputError("chain kappa " + shortest(kappa) + ": must be a finite number > 1");
  b_ = Vector::Zero(n_);
  b_(0) = c_;
  w_star_.resize(n_);
  hessian_solve(w_star_, b_, w_star_);
  f_star_ = -0.5 * b_.dot(w_star_);
}

double ChainProblem::value(const Vector& w) const {
  Vector hw(n_);
  hessian_times(w, w, hw);
  return 0.5 * w.dot(hw) - b_.dot(w);
}

void ChainProblem::full_gradient(const Vector& w, Vector& g) const {
  hessian_times(w, w, g);
  g -= b_;
}

std::optional<Spectrum> ChainProblem::spectrum() const {
  std::vector<double> l(static_cast<std::size_t>(n_));
  for (Eigen::Index j = 1; j <= n_; ++j)
    l[j - 1] = 1.0 + c_ * (2.0 - 2.0 * std::cos(std::numbers::pi * j / (n_ + 1.0)));
  return Spectrum(std::move(l), "chain spectrum");
}

void ChainProblem::hessian_times(const Vector&, const Vector& x, Vector& out) const {
  // (Hx)_i = (μ + 2c) x_i − c (x_{i−1} + x_{i+1}); out may alias x, so keep the previous x_{i−1}.
  double prev = 0.0;
  for (Eigen::Index i = 0; i < n_; ++i) {
    const double xi = x(i), next = i + 1 < n_ ? x(i + 1) : 0.0;
    out(i) = (1.0 + 2.0 * c_) * xi - c_ * (prev + next);
    prev = xi;
  }
}

void ChainProblem::hessian_solve(const Vector&, const Vector& g, Vector& out) const {
  // Thomas algorithm for the symmetric tridiagonal H (diagonally dominant: stable without pivoting).
  const double d = 1.0 + 2.0 * c_, e = -c_;
  std::vector<double> cp(static_cast<std::size_t>(n_)), dp(static_cast<std::size_t>(n_));
  cp[0] = e / d;
  dp[0] = g(0) / d;
  for (Eigen::Index i = 1; i < n_; ++i) {
    const double m = d - e * cp[i - 1];
    cp[i] = e / m;
    dp[i] = (g(i) - e * dp[i - 1]) / m;
  }
  out(n_ - 1) = dp[n_ - 1];
  for (Eigen::Index i = n_ - 1; i-- > 0;) out(i) = dp[i] - cp[i] * out(i + 1);
}

std::vector<double> ChainProblem::tail_bound() const {
  // tail[k] = ‖(w*_{k+1}, …, w*_n)‖ / ‖w*‖ (1-based), summed from the end.
  std::vector<double> t(static_cast<std::size_t>(n_) + 1, 0.0);
  double s = 0.0;
  for (Eigen::Index k = n_; k-- > 0;) {
    s += w_star_(k) * w_star_(k);
    t[k] = s;
  }
  const double total = t[0];
  for (double& v : t) v = std::sqrt(v / total);
  return t;
}

std::unique_ptr<Problem> make_problem(const std::string& spec) {
  if (spec == "lrp") return std::make_unique<LrpProblem>();
  const std::string_view sv(spec);
  if (sv.starts_with("chain:")) {
    const auto rest = sv.substr(6);
    const auto colon = rest.find(':');
    std::int64_t n = 0;
    double kappa = 0;
    bool ok = colon != std::string_view::npos;
    if (ok) {
      const auto a = rest.substr(0, colon), b = rest.substr(colon + 1);
      auto r1 = std::from_chars(a.data(), a.data() + a.size(), n);
      auto r2 = std::from_chars(b.data(), b.data() + b.size(), kappa);
      ok = r1.ec == std::errc() && r1.ptr == a.data() + a.size() && r2.ec == std::errc() &&
           r2.ptr == b.data() + b.size();
    }
    if (!ok) throw FieldError("problem", " " + spec + ": expected chain:N:KAPPA (an integer and a number)");
    return std::make_unique<ChainProblem>(n, kappa);
  }
  throw FieldError("problem", " " + spec + ": expected lrp or chain:N:KAPPA");
}

// ---- iterations -------------------------------------------------------------------------------
namespace {
void check_method(const std::string& method) {
  if (method != "gd" && method != "heavy-ball" && method != "nesterov" && method != "cg")
    throw FieldError("method", " " + method + ": expected heavy-ball, gd, nesterov or cg");
}
std::unique_ptr<Optimizer> registry_optimizer(const std::string& method, double alpha, double beta) {
  check_method(method);
  MethodParams params;
  if (method != "cg") params.set("alpha", alpha);
  if (method == "heavy-ball" || method == "nesterov") params.set("beta", beta);
  return make_optimizer(method, params);
}
}  // namespace

std::string iterate(Problem& p, const std::string& method, double alpha, double beta, Vector w, int iters,
                    const Observer& obs) {
  auto opt = registry_optimizer(method, alpha, beta);
  opt->reset(p);
  obs(0, w);
  Vector g(p.dim());
  for (int k = 1; k <= iters; ++k) {
    // At w* (a zero gradient) a line search has no direction to search: the iterate stays.
    if (method == "cg" && (p.full_gradient(w, g), g.squaredNorm() == 0.0)) {
      obs(k, w);
      continue;
    }
    const StepInfo info = opt->step(p, w);
    if (info.breakdown) throw RuntimeError("method " + method + ": " + info.message);
    obs(k, w);
  }
  return "registry";
}

std::string implementation(const std::string& method, double alpha, double beta) {
  registry_optimizer(method, alpha, beta);
  return "registry";
}

// ---- cycle ------------------------------------------------------------------------------------
std::optional<Cycle> find_cycle(double x0, double alpha, double beta, int burn_in, int max_period) {
  std::vector<double> xs{x0};
  double xm = x0, x = x0;  // w_{−1} = w₀ (v₀ = 0)
  for (int k = 0; k < burn_in; ++k) {
    const double xn = hb_step(x, xm, alpha, beta);
    xm = x;
    x = xn;
    xs.push_back(x);
    if (!std::isfinite(x)) return std::nullopt;
  }
  if (std::abs(xs.back()) < 1e-8) return std::nullopt;
  const auto N = xs.size();
  int period = 0;
  for (int P = 1; P <= max_period && period == 0; ++P) {
    bool ok = true;
    for (int i = 0; i < 2 * P && ok; ++i) ok = std::abs(xs[N - 1 - i] - xs[N - 1 - i - P]) < 1e-6;
    if (ok) period = P;
  }
  if (period == 0) return std::nullopt;
  // The last period's points in iteration order, their pieces, and the exact linear system.
  std::vector<double> pts(xs.end() - period, xs.end());
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(period, period);
  Eigen::VectorXd rhs(period);
  for (int i = 0; i < period; ++i) {
    const Piece pc = piece(pts[i]);
    const int next = (i + 1) % period, prev = (i + period - 1) % period;
    // p_{i+1} − (1 + β − α s_i) p_i + β p_{i−1} = −α c_i
    A(i, next) += 1.0;
    A(i, i) -= 1.0 + beta - alpha * pc.s;
    A(i, prev) += beta;
    rhs(i) = -alpha * pc.c;
  }
  const Eigen::VectorXd p = A.fullPivLu().solve(rhs);
  for (int i = 0; i < period; ++i) {
    const Piece a = piece(pts[i]), b = piece(p(i));
    if (a.s != b.s || a.c != b.c) return std::nullopt;  // the refined point left its piece
    pts[i] = p(i);
  }
  std::rotate(pts.begin(), std::min_element(pts.begin(), pts.end()), pts.end());
  Cycle c;
  c.points = pts;
  c.period = period;
  for (int i = 0; i < period; ++i) {
    const double pi = pts[i], pm = pts[(i + period - 1) % period], pn = pts[(i + 1) % period];
    c.map_residual = std::max(c.map_residual, std::abs(pn - hb_step(pi, pm, alpha, beta)));
  }
  return c;
}

std::string_view to_string(Outcome o) {
  constexpr NameTable<Outcome, 3> names{
      {{Outcome::converged, "converged"}, {Outcome::cycle, "cycle"}, {Outcome::other, "other"}}};
  return name_of(names, o);
}

Outcome classify(const std::string& method, double x0, double alpha, double beta, const Cycle* cycle,
                 int iters) {
  std::vector<double> xs;
  xs.reserve(static_cast<std::size_t>(iters) + 1);
  double x = x0, xm = x0;
  xs.push_back(x);
  for (int k = 0; k < iters; ++k) {
    double xn;
    if (method == "heavy-ball")
      xn = hb_step(x, xm, alpha, beta);
    else if (method == "gd")
      xn = x - alpha * lrp_gradient(x);
    else if (method == "nesterov") {
      // Polyak form of v ← βv − ∇f(w + αβv), w ← w + αv: y = x + β(x − x₋), x⁺ = y − α∇f(y).
      const double y = x + beta * (x - xm);
      xn = y - alpha * lrp_gradient(y);
    } else
      throw FieldError("method", " " + method + ": expected heavy-ball, gd or nesterov");
    xm = x;
    x = xn;
    xs.push_back(x);
    if (!std::isfinite(x)) return Outcome::other;
  }
  if (std::abs(xs.back()) < 1e-8 && std::abs(xs[xs.size() - 2]) < 1e-8) return Outcome::converged;
  if (cycle) {
    const auto P = static_cast<std::size_t>(cycle->period);
    bool on = xs.size() > 3 * P;
    for (std::size_t i = 0; on && i < 3 * P; ++i) {
      const double v = xs[xs.size() - 1 - i];
      on = std::any_of(cycle->points.begin(), cycle->points.end(),
                       [v](double p) { return std::abs(v - p) < 1e-6; });
    }
    if (on) return Outcome::cycle;
  }
  return Outcome::other;
}

std::vector<std::pair<double, double>> cycle_basin(const Cycle& cycle, double alpha, double beta,
                                                   const std::vector<double>& starts, int iters) {
  if (starts.empty() || !std::is_sorted(starts.begin(), starts.end()))
    throw InputError("basin starts: expected at least one start, in ascending order");
  auto inside = [&](double x0) {
    return classify("heavy-ball", x0, alpha, beta, &cycle, iters) == Outcome::cycle;
  };
  auto refine = [&](double in, double out) {
    for (int i = 0; i < 60; ++i) {
      const double mid = 0.5 * (in + out);
      (inside(mid) ? in : out) = mid;
    }
    return in;
  };
  std::vector<std::pair<double, double>> runs;
  bool prev_in = false;
  double start = starts.front();
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const double x0 = starts[i];
    const bool in = inside(x0);
    if (in && !prev_in) start = i == 0 ? x0 : refine(x0, starts[i - 1]);
    if (!in && prev_in) runs.emplace_back(start, refine(starts[i - 1], x0));
    prev_in = in;
  }
  if (prev_in) runs.emplace_back(start, starts.back());
  return runs;
}

}  // namespace kappa::counterexamples
