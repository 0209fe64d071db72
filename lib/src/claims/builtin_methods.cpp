// Built-in computations: gradient descent, heavy ball, Nesterov, Newton, secant and BFGS (kappa/claims/builtin.hpp). Every update rule is written out here, so a claim compares the
// document with a computation independent of the optimizers under test.
#include <Eigen/Cholesky>
#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>

#include "builtin_detail.hpp"
#include "kappa/optim/optimizer.hpp"
#include "kappa/optim/optimizers.hpp"
#include "kappa/theory/theory.hpp"

namespace kappa::builtin::detail {

using Eigen::MatrixXd;
using Eigen::VectorXd;

// ------------------------------------------------------------------------------------ gradient descent

// GD w ← w − α∇f(w) = w − αλ⊙w iterated k times, against the slide's wᵢᵏ = (1 − αλᵢ)ᵏ wᵢ⁰.
Result gd_iterates(const Args& a) {
  const auto& lambdas = positive_list(a, "lambdas");
  const double alpha = num(a, "alpha"), w0 = num(a, "w0");
  const auto k = positive_int(a, "iterations", 1 << 20);
  double max_rel = 0, max_abs_w = 0;
  for (double l : lambdas) {
    double w = w0;
    for (std::int64_t i = 0; i < k; ++i) w = w - alpha * (l * w);
    const double closed = std::pow(1 - alpha * l, static_cast<double>(k)) * w0;
    max_rel = std::max(max_rel,
                       std::abs(w - closed) / std::max(std::abs(closed), std::numeric_limits<double>::min()));
    max_abs_w = std::max(max_abs_w, std::abs(w));
  }
  return {{"max_rel_error", max_rel}, {"growth", max_abs_w / std::abs(w0)}};
}

// ------------------------------------------------------------------------------------ heavy ball

// The heavy ball's map on one mode, derived by composing its two update rules in (v, w):
//   v ← βv − λw  is V = [[β, −λ], [0, 1]],   w ← w + αv  is W = [[1, 0], [α, 1]],   M = W·V,
// against the slide's S = [[β, λ], [−αβ, 1−αλ]]. Eigenvalues by a general eigen solver.
Result heavy_ball_matrix(const Args& a) {
  const double lambda = num(a, "lambda"), alpha = num(a, "alpha"), beta = num(a, "beta");
  const double v0 = num(a, "v0"), w0 = num(a, "w0");
  Eigen::Matrix2d V, W, S, D;
  V << beta, -lambda, 0, 1;
  W << 1, 0, alpha, 1;
  const Eigen::Matrix2d M = W * V;
  S << beta, lambda, -alpha * beta, 1 - alpha * lambda;
  D << -1, 0, 0, 1;
  auto eig = [](const Eigen::Matrix2d& m) {
    Eigen::Vector2cd e = Eigen::EigenSolver<Eigen::Matrix2d>(m, false).eigenvalues();
    std::vector<std::complex<double>> v = {e(0), e(1)};
    std::sort(v.begin(), v.end(), [](auto x, auto y) {
      return x.real() != y.real() ? x.real() < y.real() : x.imag() < y.imag();
    });
    return v;
  };
  const auto em = eig(M), es = eig(S);
  const double eig_diff = std::max(std::abs(em[0] - es[0]), std::abs(em[1] - es[1]));
  const auto t = theory::iteration_matrix(theory::Method::heavy_ball, lambda, {alpha, beta});
  double theory_diff = 0;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) theory_diff = std::max(theory_diff, std::abs(t.m[i][j] - M(i, j)));
  const Eigen::Vector2d z(v0, w0);
  return {{"eig_diff", eig_diff},
          {"radius_rule", std::max(std::abs(em[0]), std::abs(em[1]))},
          {"radius_buffer_form", std::max(std::abs(es[0]), std::abs(es[1]))},
          {"radius_theory", theory::mode_radius(theory::Method::heavy_ball, lambda, {alpha, beta})},
          {"matrix_diff", (M - S).cwiseAbs().maxCoeff()},
          {"negated_velocity_diff", (D * M * D - S).cwiseAbs().maxCoeff()},
          {"theory_matrix_diff", theory_diff},
          {"buffer_form_step_error", (S * z - M * z).cwiseAbs().maxCoeff()}};
}

// The lecture's heavy ball v ← βv − ∇f(w), w ← w + αv against torch.optim.SGD(lr=α, momentum=β)
// as its documentation writes it: b ← βb + ∇f(w) (b = ∇f on the first step), w ← w − αb.
// Diagonal quadric, w⁰ = w0 in every coordinate.
Result heavy_ball_vs_torch(const Args& a) {
  const auto& lambdas = positive_list(a, "lambdas");
  const double alpha = num(a, "alpha"), beta = num(a, "beta"), w0 = num(a, "w0");
  const auto k = positive_int(a, "iterations", 1 << 20);
  double max_diff = 0;
  Result r;
  std::vector<double> finals;
  for (double l : lambdas) {
    double v = 0, w = w0, b = 0, u = w0;
    for (std::int64_t i = 0; i < k; ++i) {
      v = beta * v - l * w;
      w = w + alpha * v;
      const double g = l * u;
      b = i == 0 ? g : beta * b + g;
      u = u - alpha * b;
      max_diff = std::max(max_diff, std::abs(w - u));
    }
    finals.push_back(w);
  }
  r.emplace_back("max_abs_diff", max_diff);
  for (std::size_t i = 0; i < finals.size(); ++i) r.emplace_back(fmt::format("final_w_{}", i), finals[i]);
  return r;
}

// ------------------------------------------------------------------------------------ Nesterov

// One mode's momentum recurrences written out (v⁰ = 0):
//   heavy ball        v ← βv − λw,            w ← w + αv
//   Nesterov          v ← βv − λ(w + αβv),    w ← w + αv     (lookahead w + αβv)
//   the slide         v ← βv − λ(w + αv),     w ← w + αv     (lookahead w + αv)
namespace {
enum class Rule { heavy_ball, nesterov, slide };
void momentum_step(Rule r, double lambda, double alpha, double beta, double& v, double& w) {
  const double look = r == Rule::heavy_ball ? w : r == Rule::nesterov ? w + alpha * beta * v : w + alpha * v;
  v = beta * v - lambda * look;
  w = w + alpha * v;
}
}  // namespace

// f(w) = ½λw², w⁰ > 0: the overshoot past the optimum, max over k of max(0, −wᵏ/w⁰).
Result overshoot_1d(const Args& a) {
  const double lambda = num(a, "lambda"), alpha = num(a, "alpha"), beta = num(a, "beta"), w0 = num(a, "w0");
  const auto k = positive_int(a, "iterations", 1 << 24);
  require(w0 != 0, "w0: must not be 0");
  auto overshoot = [&](Rule r) {
    double v = 0, w = w0, worst = 0;
    for (std::int64_t i = 0; i < k; ++i) {
      momentum_step(r, lambda, alpha, beta, v, w);
      worst = std::max(worst, -w / w0);
    }
    return worst;
  };
  return {{"overshoot_heavy_ball", overshoot(Rule::heavy_ball)},
          {"overshoot_nesterov", overshoot(Rule::nesterov)},
          {"overshoot_lookahead_alpha_v", overshoot(Rule::slide)}};
}

// Measured rate of Nesterov's and of the slide's recurrence on a diagonal quadric (w⁰ = 1, v⁰ = 0 in
// every mode): (‖zᴷ‖/‖zᴷ⁻ᵐ‖)^(1/m) with z = (v, w), K = iterations, m = window.
Result lookahead_rates(const Args& a) {
  const auto& lambdas = positive_list(a, "lambdas");
  const double alpha = num(a, "alpha"), beta = num(a, "beta");
  const auto k = positive_int(a, "iterations", 1 << 20);
  const auto m = positive_int(a, "window", 1 << 20);
  require(m < k, "window: must be smaller than iterations");
  auto measure = [&](Rule r) {
    std::vector<double> v(lambdas.size(), 0.0), w(lambdas.size(), 1.0);
    double before = 0, after = 0;
    for (std::int64_t i = 1; i <= k; ++i) {
      for (std::size_t j = 0; j < lambdas.size(); ++j) momentum_step(r, lambdas[j], alpha, beta, v[j], w[j]);
      if (i == k - m || i == k) {
        double sq = 0;
        for (std::size_t j = 0; j < lambdas.size(); ++j) sq += v[j] * v[j] + w[j] * w[j];
        (i == k ? after : before) = std::sqrt(sq);
      }
    }
    return std::pow(after / before, 1.0 / static_cast<double>(m));
  };
  return {{"measured_rate_nesterov", measure(Rule::nesterov)},
          {"measured_rate_lookahead_alpha_v", measure(Rule::slide)}};
}

// ------------------------------------------------------------------------------------ Newton

// One damped Newton step w¹ = w⁰ − αA⁻¹∇f(w⁰) on f(w) = ½(w − w*)ᵀA(w − w*), A a random SPD matrix
// (not diagonal) with condition number `cond`: error ratio ‖w¹ − w*‖/‖w⁰ − w*‖ (= |1 − α|).
Result newton_step(const Args& a) {
  const auto n = positive_int(a, "n", 2000);
  const double alpha = num(a, "alpha"), cond = num(a, "cond");
  require(cond >= 1, "cond: must be >= 1");
  Rng rng(seed_of(a));
  const MatrixXd A = random_spd(n, cond, rng);
  const VectorXd w_star = random_vector(n, rng), w0 = random_vector(n, rng);
  const VectorXd g = A * (w0 - w_star);
  const VectorXd w1 = w0 - alpha * A.ldlt().solve(g);
  return {{"error_ratio", (w1 - w_star).norm() / (w0 - w_star).norm()}};
}

// The epilog's "Hx + g = 0 ⇒ x = H⁻¹g": the residual ‖Hx + g‖/‖g‖ of x = H⁻¹g (the slide) and of
// x = −H⁻¹g, for a random SPD H and g.
Result newton_stationary(const Args& a) {
  const auto n = positive_int(a, "n", 2000);
  Rng rng(seed_of(a));
  const MatrixXd H = random_spd(n, 10.0, rng);
  const VectorXd g = random_vector(n, rng);
  const VectorXd x = H.ldlt().solve(g);
  return {{"residual_plus_inverse", (H * x + g).norm() / g.norm()},
          {"residual_correct", (H * (-x) + g).norm() / g.norm()}};
}

// ------------------------------------------------------------------------------------ secant, BFGS

// 1-D secant method on f(w) = ½λ(w − w*)², f'(w) = λ(w − w*), from w_prev, w_curr:
//   Newton      w − f'(w)/f''(w)
//   secant      w − f'(w)·(w − w_prev)/(f'(w) − f'(w_prev))     (divides by the difference quotient)
//   the slide   w − (f'(w) − f'(w_prev))/(w − w_prev)·f'(w)     (multiplies by it)
// and the slide's value predicted by hand, w − λ²(w − w*).
Result secant_1d(const Args& a) {
  const double lambda = num(a, "lambda"), ws = num(a, "w_star"), wp = num(a, "w_prev"), w = num(a, "w_curr");
  require(w != wp, "w_curr: must differ from w_prev");
  auto fp = [&](double x) { return lambda * (x - ws); };
  const double q = (fp(w) - fp(wp)) / (w - wp);
  return {{"newton_next", w - fp(w) / lambda},
          {"secant_next", w - fp(w) * (w - wp) / (fp(w) - fp(wp))},
          {"quotient_times_gradient_next", w - q * fp(w)},
          {"quotient_times_gradient_predicted", w - lambda * lambda * (w - ws)}};
}

// The number of unknowns of a symmetric n×n matrix, counted (i ≤ j), against the slide's (n×n)/2.
Result symmetric_unknowns(const Args& a) {
  const auto n = positive_int(a, "n", 1 << 20);
  double count = 0;
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = i; j < n; ++j) count += 1;
  const double nn = static_cast<double>(n);
  return {{"unknowns", count}, {"half_n_squared", nn * nn / 2}, {"equations", nn}};
}

// The BFGS update H⁺ = H + yyᵀ/(yᵀs) + sign·(Hs)(Hs)ᵀ/(sᵀHs) (sign −1 is BFGS, +1 the slide) for a
// random SPD H, step s and y = As with A random SPD (so yᵀs > 0). impl "formula" writes it out here,
// "library" calls optimizers::bfgs_update. Reports the secant residual ‖H⁺s − y‖/‖y‖ (with sign +1
// it is 2‖Hs‖/‖y‖, reported as predicted_plus_sign_residual), the asymmetry ‖H⁺ − H⁺ᵀ‖/‖H⁺‖, the
// least eigenvalue, and the Frobenius change ‖H⁺ − H‖ against the PSB update
// H + (rsᵀ + srᵀ)/(sᵀs) − (rᵀs)ssᵀ/(sᵀs)², r = y − Hs, which is the symmetric secant matrix nearest
// to H in the Frobenius norm (Dennis & Moré 1977, Thm 7.3).
Result bfgs_secant(const Args& a) {
  const auto n = positive_int(a, "n", 2000);
  const double sign = num(a, "sign"), cond = num(a, "cond");
  require(sign == 1 || sign == -1, fmt::format("sign {}: must be 1 or -1", sign));
  require(cond >= 1, "cond: must be >= 1");
  const auto& impl = name(a, "impl");
  require(impl == "formula" || impl == "library", fmt::format("impl {}: expected formula or library", impl));
  Rng rng(seed_of(a));
  const MatrixXd A = random_spd(n, cond, rng);
  const MatrixXd H = random_spd(n, cond, rng);
  const VectorXd s = random_vector(n, rng);
  const VectorXd y = A * s;
  MatrixXd Hp;
  if (impl == "library") {
    Hp = optimizers::bfgs_update(H, s, y, sign);
  } else {
    const VectorXd Hs = H * s;
    Hp = H + (y * y.transpose()) / y.dot(s) + sign * (Hs * Hs.transpose()) / s.dot(Hs);
  }
  const VectorXd r = y - H * s;
  const double ss = s.dot(s);
  const MatrixXd psb =
      H + (r * s.transpose() + s * r.transpose()) / ss - (r.dot(s) / (ss * ss)) * (s * s.transpose());
  const MatrixXd sym = 0.5 * (Hp + Hp.transpose());
  return {{"secant_residual", (Hp * s - y).norm() / y.norm()},
          {"predicted_plus_sign_residual", 2 * (H * s).norm() / y.norm()},
          {"asymmetry", (Hp - Hp.transpose()).norm() / Hp.norm()},
          {"min_eigenvalue",
           Eigen::SelfAdjointEigenSolver<MatrixXd>(sym, Eigen::EigenvaluesOnly).eigenvalues()(0)},
          {"frobenius_change", (Hp - H).norm()},
          {"psb_frobenius_change", (psb - H).norm()},
          {"psb_secant_residual", (psb * s - y).norm() / y.norm()}};
}

// BFGS (inverse form Hinv⁺ = (I − ρsyᵀ)Hinv(I − ρysᵀ) + ρssᵀ, ρ = 1/yᵀs, Hinv⁰ = I) with exact line
// search t = −gᵀd/(dᵀAd) on f(w) = ½wᵀAw − bᵀw, A random SPD n×n: the iterations until
// ‖∇f‖ ≤ tol·‖∇f(w⁰)‖ (at most 10n).
Result bfgs_exact_line_search(const Args& a) {
  const auto n = positive_int(a, "n", 500);
  const double cond = num(a, "cond"), tol = num(a, "tol");
  require(cond >= 1, "cond: must be >= 1");
  require(tol > 0 && tol < 1, "tol: must be in (0, 1)");
  Rng rng(seed_of(a));
  const MatrixXd A = random_spd(n, cond, rng);
  const VectorXd b = random_vector(n, rng);
  VectorXd w = VectorXd::Zero(n);
  VectorXd g = A * w - b;
  const double g0 = g.norm();
  MatrixXd Hinv = MatrixXd::Identity(n, n);
  const MatrixXd I = MatrixXd::Identity(n, n);
  std::int64_t k = 0;
  while (g.norm() > tol * g0 && k < 10 * n) {
    const VectorXd d = -Hinv * g;
    const double t = -g.dot(d) / d.dot(A * d);
    const VectorXd s = t * d;
    w += s;
    const VectorXd gn = A * w - b;
    const VectorXd y = gn - g;
    const double rho = 1.0 / y.dot(s);
    Hinv = (I - rho * s * y.transpose()) * Hinv * (I - rho * y * s.transpose()) + rho * s * s.transpose();
    g = gn;
    ++k;
  }
  return {{"iterations", static_cast<double>(k)},
          {"n", static_cast<double>(n)},
          {"gradient_ratio", g.norm() / g0}};
}

}  // namespace kappa::builtin::detail
