// The built-in computations of kappa-check (see kappa/builtin.hpp). Every update rule is written out
// here, so a claim compares the lecture with a computation independent of the optimizers under test.
#include "kappa/builtin.hpp"

#include <fmt/format.h>

#include <Eigen/Cholesky>
#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>

#include "kappa/errors.hpp"
#include "kappa/optimizer.hpp"
#include "kappa/optimizers.hpp"
#include "kappa/random.hpp"
#include "kappa/theory.hpp"

namespace kappa::builtin {
namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

double num(const Args& a, const char* k) { return std::get<double>(a.find(k)->second); }
std::int64_t integer(const Args& a, const char* k) { return static_cast<std::int64_t>(num(a, k)); }
const std::vector<double>& list(const Args& a, const char* k) { return std::get<std::vector<double>>(a.find(k)->second); }
const std::string& name(const Args& a, const char* k) { return std::get<std::string>(a.find(k)->second); }

void require(bool ok, const std::string& what) {
  if (!ok) throw InputError(what);
}
std::int64_t positive_int(const Args& a, const char* k, std::int64_t max = std::int64_t{1} << 30) {
  const auto v = integer(a, k);
  require(v >= 1 && v <= max, fmt::format("{} {}: must be an integer in [1, {}]", k, v, max));
  return v;
}
const std::vector<double>& positive_list(const Args& a, const char* k) {
  const auto& v = list(a, k);
  require(!v.empty(), fmt::format("{}: must not be empty", k));
  for (double x : v) require(std::isfinite(x) && x > 0, fmt::format("{}: {} must be > 0", k, x));
  return v;
}
std::uint64_t seed_of(const Args& a) {
  const double s = num(a, "seed");
  require(s >= 0 && s <= 9007199254740992.0, fmt::format("seed {}: must be a non-negative integer", s));
  return static_cast<std::uint64_t>(s);
}

// Discrete distribution over `values` with `probs` (non-negative, summing to 1 within 1e-12).
void check_distribution(const std::vector<double>& values, const std::vector<double>& probs) {
  require(!values.empty(), "values: must not be empty");
  require(values.size() == probs.size(),
          fmt::format("probs: {} probabilities for {} values", probs.size(), values.size()));
  double sum = 0;
  for (double p : probs) {
    require(p >= 0 && p <= 1, fmt::format("probs: {} is not a probability", p));
    sum += p;
  }
  require(std::abs(sum - 1) <= 1e-12, fmt::format("probs: sum to {}, not 1", sum));
}

// Random orthogonal Q (Householder QR of a standard normal matrix) and SPD A = Q diag(λ) Qᵀ with
// λ log-spaced in [1, cond].
MatrixXd random_spd(Eigen::Index n, double cond, Rng& rng) {
  MatrixXd g(n, n);
  for (Eigen::Index j = 0; j < n; ++j)
    for (Eigen::Index i = 0; i < n; ++i) g(i, j) = rng.normal();
  const MatrixXd q = Eigen::HouseholderQR<MatrixXd>(g).householderQ();
  VectorXd lambda(n);
  for (Eigen::Index i = 0; i < n; ++i)
    lambda(i) = n == 1 ? 1.0 : std::pow(cond, static_cast<double>(i) / static_cast<double>(n - 1));
  MatrixXd a = q * lambda.asDiagonal() * q.transpose();
  return 0.5 * (a + a.transpose());
}
VectorXd random_vector(Eigen::Index n, Rng& rng) {
  VectorXd v(n);
  for (Eigen::Index i = 0; i < n; ++i) v(i) = rng.normal();
  return v;
}

// ------------------------------------------------------------------------------ means and variances

// Σ xᵢ / divisor (divisor defaults to the count): the slide's "1/10 (x₁ + … + xₙ)".
Result mean(const Args& a) {
  const auto& v = list(a, "values");
  require(!v.empty(), "values: must not be empty");
  double sum = 0;
  for (double x : v) sum += x;
  const double n = static_cast<double>(v.size());
  const double divisor = a.count("divisor") ? num(a, "divisor") : n;
  require(divisor != 0, "divisor: must not be 0");
  return {{"value", sum / divisor}, {"sum", sum}, {"n", n}, {"mean", sum / n}};
}

// E[x] = Σ p(x)·x, Var[x] = Σ p(x)(x − E[x])².
Result expectation(const Args& a) {
  const auto& v = list(a, "values");
  const auto& p = list(a, "probs");
  check_distribution(v, p);
  double mu = 0;
  for (std::size_t i = 0; i < v.size(); ++i) mu += p[i] * v[i];
  double var = 0;
  for (std::size_t i = 0; i < v.size(); ++i) var += p[i] * (v[i] - mu) * (v[i] - mu);
  return {{"value", mu}, {"variance", var}};
}

// The distribution of the sample mean x̄ of N draws from p: its variance by simulation (`trials`
// sample means, unbiased sample variance) beside σ²/N (right) and σ²/√N (the slide).
Result sample_mean_variance(const Args& a) {
  const auto& v = list(a, "values");
  const auto& p = list(a, "probs");
  check_distribution(v, p);
  const auto n = positive_int(a, "n", 1 << 24);
  const auto trials = positive_int(a, "trials", 1 << 24);
  require(trials >= 2, "trials: must be at least 2");
  Rng rng(seed_of(a));
  double mu = 0, var = 0;
  for (std::size_t i = 0; i < v.size(); ++i) mu += p[i] * v[i];
  for (std::size_t i = 0; i < v.size(); ++i) var += p[i] * (v[i] - mu) * (v[i] - mu);
  std::vector<double> cdf(p.size());
  double c = 0;
  for (std::size_t i = 0; i < p.size(); ++i) cdf[i] = (c += p[i]);
  cdf.back() = 1.0;
  // Welford's running mean / variance of the trial means.
  double m = 0, m2 = 0;
  for (std::int64_t t = 0; t < trials; ++t) {
    double s = 0;
    for (std::int64_t k = 0; k < n; ++k) {
      const double u = rng.uniform();
      std::size_t i = 0;
      while (u >= cdf[i] && i + 1 < cdf.size()) ++i;
      s += v[i];
    }
    const double xbar = s / static_cast<double>(n);
    const double d = xbar - m;
    m += d / static_cast<double>(t + 1);
    m2 += d * (xbar - m);
  }
  const double nn = static_cast<double>(n);
  return {{"variance_of_mean", m2 / static_cast<double>(trials - 1)},
          {"mean_of_means", m},
          {"sigma2", var},
          {"sigma2_over_n", var / nn},
          {"sigma2_over_sqrt_n", var / std::sqrt(nn)}};
}

// The finite-sum quadric f(w) = 1/(2M) Σᵢ (w − wᵢ)ᵀA(w − wᵢ), A = diag(λ), wᵢ ~ N(0, spread²I).
// Term gradients gᵢ = A(w − wᵢ) at w = 0, full gradient ḡ = mean gᵢ. A minibatch of N terms drawn
// with replacement estimates ḡ with standard error SE(N) = sqrt(E‖ĝ − ḡ‖²) = σ/√N, where
// σ² = (1/M) Σ‖gᵢ − ḡ‖². Measured for N = n_small and n_large over `trials` minibatches each; the
// cost is counted in term-gradient evaluations (N per estimate, M for the full gradient).
Result gradient_standard_error(const Args& a) {
  const auto& lambdas = positive_list(a, "lambdas");
  const auto m = positive_int(a, "terms", 1 << 24);
  const auto n_small = positive_int(a, "n_small", 1 << 24);
  const auto n_large = positive_int(a, "n_large", 1 << 24);
  const auto trials = positive_int(a, "trials", 1 << 20);
  const double spread = num(a, "spread");
  require(spread > 0, "spread: must be > 0");
  Rng rng(seed_of(a));
  const auto d = static_cast<Eigen::Index>(lambdas.size());
  MatrixXd g(d, m);
  for (std::int64_t i = 0; i < m; ++i)
    for (Eigen::Index j = 0; j < d; ++j) g(j, i) = -lambdas[static_cast<std::size_t>(j)] * spread * rng.normal();
  const VectorXd gbar = g.rowwise().mean();
  const double sigma = std::sqrt((g.colwise() - gbar).colwise().squaredNorm().mean());
  auto se = [&](std::int64_t n) {
    double sq = 0;
    VectorXd acc(d);
    for (std::int64_t t = 0; t < trials; ++t) {
      acc.setZero();
      for (std::int64_t k = 0; k < n; ++k) acc += g.col(static_cast<Eigen::Index>(rng.below(static_cast<std::uint64_t>(m))));
      sq += (acc / static_cast<double>(n) - gbar).squaredNorm();
    }
    return std::sqrt(sq / static_cast<double>(trials));
  };
  const double se_small = se(n_small), se_large = se(n_large);
  return {{"se_small", se_small},
          {"se_large", se_large},
          {"se_ratio", se_small / se_large},
          {"sigma", sigma},
          {"predicted_small", sigma / std::sqrt(static_cast<double>(n_small))},
          {"predicted_large", sigma / std::sqrt(static_cast<double>(n_large))},
          {"cost_ratio", static_cast<double>(n_large) / static_cast<double>(n_small)},
          {"full_gradient_cost", static_cast<double>(m)}};
}

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
    max_rel = std::max(max_rel, std::abs(w - closed) / std::max(std::abs(closed), std::numeric_limits<double>::min()));
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
    std::sort(v.begin(), v.end(), [](auto x, auto y) { return x.real() != y.real() ? x.real() < y.real() : x.imag() < y.imag(); });
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
          {"radius_slide", std::max(std::abs(es[0]), std::abs(es[1]))},
          {"radius_theory", theory::mode_radius(theory::Method::heavy_ball, lambda, {alpha, beta})},
          {"matrix_diff", (M - S).cwiseAbs().maxCoeff()},
          {"negated_velocity_diff", (D * M * D - S).cwiseAbs().maxCoeff()},
          {"theory_matrix_diff", theory_diff},
          {"slide_step_error", (S * z - M * z).cwiseAbs().maxCoeff()}};
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
enum class Rule { heavy_ball, nesterov, slide };
void momentum_step(Rule r, double lambda, double alpha, double beta, double& v, double& w) {
  const double look = r == Rule::heavy_ball ? w : r == Rule::nesterov ? w + alpha * beta * v : w + alpha * v;
  v = beta * v - lambda * look;
  w = w + alpha * v;
}

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
          {"overshoot_slide", overshoot(Rule::slide)}};
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
  return {{"measured_rate_nesterov", measure(Rule::nesterov)}, {"measured_rate_slide", measure(Rule::slide)}};
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
  return {{"residual_slide", (H * x + g).norm() / g.norm()}, {"residual_correct", (H * (-x) + g).norm() / g.norm()}};
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
          {"slide_next", w - q * fp(w)},
          {"slide_next_predicted", w - lambda * lambda * (w - ws)}};
}

// The number of unknowns of a symmetric n×n matrix, counted (i ≤ j), against the slide's (n×n)/2.
Result symmetric_unknowns(const Args& a) {
  const auto n = positive_int(a, "n", 1 << 20);
  double count = 0;
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = i; j < n; ++j) count += 1;
  const double nn = static_cast<double>(n);
  return {{"unknowns", count}, {"slide_count", nn * nn / 2}, {"equations", nn}};
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
  const MatrixXd psb = H + (r * s.transpose() + s * r.transpose()) / ss - (r.dot(s) / (ss * ss)) * (s * s.transpose());
  const MatrixXd sym = 0.5 * (Hp + Hp.transpose());
  return {{"secant_residual", (Hp * s - y).norm() / y.norm()},
          {"predicted_plus_sign_residual", 2 * (H * s).norm() / y.norm()},
          {"asymmetry", (Hp - Hp.transpose()).norm() / Hp.norm()},
          {"min_eigenvalue", Eigen::SelfAdjointEigenSolver<MatrixXd>(sym, Eigen::EigenvaluesOnly).eigenvalues()(0)},
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
  return {{"iterations", static_cast<double>(k)}, {"n", static_cast<double>(n)}, {"gradient_ratio", g.norm() / g0}};
}

// ------------------------------------------------------------------------------------ Adam & co

// For a sequence of scalar gradients g₁…g_k: Adam's bias-corrected second moment as the slide writes
// it (q ← β₂q + (1 − β₂)g², q̂ = q/(1 − β₂ᵏ)), the same average written as a weighted sum
// Σⱼ (1 − β₂)β₂^(k−j) gⱼ² / (1 − β₂ᵏ) (RMSprop's exponential average, bias-corrected), and
// AdaGrad's accumulator Σⱼ gⱼ². Also Adam's first moment v̂ against the momentum average.
Result second_moment(const Args& a) {
  const auto& gs = list(a, "gradients");
  require(!gs.empty(), "gradients: must not be empty");
  const double b1 = num(a, "beta1"), b2 = num(a, "beta2");
  require(b1 >= 0 && b1 < 1, "beta1: must be in [0, 1)");
  require(b2 > 0 && b2 < 1, "beta2: must be in (0, 1)");
  double v = 0, q = 0, sum = 0;
  for (double g : gs) {
    v = b1 * v + (1 - b1) * g;
    q = b2 * q + (1 - b2) * g * g;
    sum += g * g;
  }
  const auto k = static_cast<double>(gs.size());
  double weighted = 0, weighted_v = 0;
  for (std::size_t j = 0; j < gs.size(); ++j) {
    const double age = k - 1 - static_cast<double>(j);
    weighted += (1 - b2) * std::pow(b2, age) * gs[j] * gs[j];
    weighted_v += (1 - b1) * std::pow(b1, age) * gs[j];
  }
  return {{"adam_q_hat", q / (1 - std::pow(b2, k))},
          {"ema_average", weighted / (1 - std::pow(b2, k))},
          {"adagrad_sum", sum},
          {"adam_v_hat", v / (1 - std::pow(b1, k))},
          {"momentum_average", weighted_v / (1 - std::pow(b1, k))}};
}

// Cross-entropy J(q) = E_{x∼p}[−log q(x)] and the entropy H(p) = J(p) (Gibbs: J(q) ≥ H(p)).
Result cross_entropy(const Args& a) {
  const auto& p = list(a, "p");
  const auto& q = list(a, "q");
  check_distribution(p, p);
  check_distribution(q, q);
  require(p.size() == q.size(), "q: must have as many entries as p");
  double j = 0, h = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0) continue;
    j -= p[i] * std::log(q[i]);
    h -= p[i] * std::log(p[i]);
  }
  return {{"value", j}, {"entropy", h}};
}

// An optimizer's resolved default parameters (make_optimizer(method, {})->parameters()).
Result optimizer_defaults(const Args& a) {
  const auto opt = make_optimizer(name(a, "method"), OptimizerSettings{});
  Result r;
  for (const auto& [k, v] : opt->parameters()) r.emplace_back(k, v);
  return r;
}

ArgSpec req(std::string n, ArgType t, std::string help) { return {std::move(n), t, true, 0.0, std::move(help)}; }
ArgSpec opt(std::string n, ArgType t, Arg d, std::string help) { return {std::move(n), t, false, std::move(d), std::move(help)}; }
constexpr ArgType N = ArgType::number, I = ArgType::integer, L = ArgType::list, S = ArgType::name;

}  // namespace

std::string_view to_string(ArgType t) {
  switch (t) {
    case ArgType::number: return "number";
    case ArgType::integer: return "integer";
    case ArgType::list: return "array of numbers";
    case ArgType::name: return "string";
  }
  return "?";
}

const std::vector<Builtin>& builtins() {
  static const std::vector<Builtin> all = {
      {"mean", "sum of values / divisor (default: their count)",
       {req("values", L, "the samples"), opt("divisor", N, 0.0, "the divisor as printed (default: the count)")},
       {"value", "sum", "n", "mean"}, mean},
      {"expectation", "E[x] and Var[x] of a discrete distribution",
       {req("values", L, "the outcomes"), req("probs", L, "their probabilities")},
       {"value", "variance"}, expectation},
      {"sample_mean_variance", "variance of the mean of n draws, by simulation, beside sigma^2/n and sigma^2/sqrt(n)",
       {req("values", L, "outcomes"), req("probs", L, "probabilities"), req("n", I, "sample size"),
        opt("trials", I, 20000.0, "simulated sample means"), opt("seed", I, 1.0, "Rng seed")},
       {"variance_of_mean", "mean_of_means", "sigma2", "sigma2_over_n", "sigma2_over_sqrt_n"}, sample_mean_variance},
      {"gradient_standard_error", "standard error of a minibatch gradient on the finite-sum quadric",
       {req("lambdas", L, "diagonal of A"), opt("terms", I, 1000.0, "M, the number of terms"),
        opt("n_small", I, 100.0, "small batch"), opt("n_large", I, 10000.0, "large batch"),
        opt("trials", I, 1000.0, "minibatches per size"), opt("spread", N, 1.0, "std of the term centres w_i"),
        opt("seed", I, 1.0, "Rng seed")},
       {"se_small", "se_large", "se_ratio", "sigma", "predicted_small", "predicted_large", "cost_ratio", "full_gradient_cost"},
       gradient_standard_error},
      {"gd_iterates", "GD iterated against (1 - alpha lambda)^k w0",
       {req("lambdas", L, "diagonal of A"), req("alpha", N, "step"), opt("w0", N, 1.0, "start in every coordinate"),
        req("iterations", I, "k")},
       {"max_rel_error", "growth"}, gd_iterates},
      {"heavy_ball_matrix", "the slide's heavy-ball matrix against the one composed from the update rule",
       {req("lambda", N, "eigenvalue"), req("alpha", N, "step"), req("beta", N, "momentum"),
        opt("v0", N, 0.5, "test state v"), opt("w0", N, 1.0, "test state w")},
       {"eig_diff", "radius_rule", "radius_slide", "radius_theory", "matrix_diff", "negated_velocity_diff",
        "theory_matrix_diff", "slide_step_error"},
       heavy_ball_matrix},
      {"heavy_ball_vs_torch", "the lecture's heavy ball against torch.optim.SGD's documented update",
       {req("lambdas", L, "diagonal of A"), req("alpha", N, "lr"), req("beta", N, "momentum"),
        opt("w0", N, 1.0, "start"), req("iterations", I, "steps")},
       {"max_abs_diff", "final_w_0", "final_w_1", "..."}, heavy_ball_vs_torch},
      {"overshoot_1d", "overshoot past the optimum of heavy ball, Nesterov and the slide's Nesterov on 1/2 lambda w^2",
       {req("lambda", N, "curvature"), req("alpha", N, "step"), req("beta", N, "momentum"), opt("w0", N, 1.0, "start"),
        opt("iterations", I, 1000.0, "steps")},
       {"overshoot_heavy_ball", "overshoot_nesterov", "overshoot_slide"}, overshoot_1d},
      {"lookahead_rates", "measured rates of Nesterov's lookahead w + alpha beta v and the slide's w + alpha v",
       {req("lambdas", L, "diagonal of A"), req("alpha", N, "step"), req("beta", N, "momentum"),
        opt("iterations", I, 400.0, "K"), opt("window", I, 200.0, "m")},
       {"measured_rate_nesterov", "measured_rate_slide"}, lookahead_rates},
      {"newton_step", "one damped Newton step on a random (rotated) SPD quadric",
       {opt("n", I, 20.0, "dimension"), opt("alpha", N, 1.0, "step"), opt("cond", N, 1000.0, "condition number"),
        opt("seed", I, 1.0, "Rng seed")},
       {"error_ratio"}, newton_step},
      {"newton_stationary", "residual of x = H^-1 g (slide) and x = -H^-1 g in Hx + g = 0",
       {opt("n", I, 10.0, "dimension"), opt("seed", I, 1.0, "Rng seed")},
       {"residual_slide", "residual_correct"}, newton_stationary},
      {"secant_1d", "1-D secant step: correct and as the slide writes it",
       {req("lambda", N, "curvature"), req("w_star", N, "minimiser"), req("w_prev", N, "w_{k-1}"), req("w_curr", N, "w_k")},
       {"newton_next", "secant_next", "slide_next", "slide_next_predicted"}, secant_1d},
      {"symmetric_unknowns", "unknowns of a symmetric n x n matrix against the slide's n^2/2",
       {req("n", I, "dimension")}, {"unknowns", "slide_count", "equations"}, symmetric_unknowns},
      {"bfgs_secant", "BFGS update with either sign of the last term: secant residual, symmetry, PSB",
       {opt("n", I, 10.0, "dimension"), req("sign", N, "-1 (BFGS) or +1 (the slide)"),
        opt("impl", S, std::string("formula"), "formula | library (optimizers::bfgs_update)"),
        opt("cond", N, 100.0, "condition number of A and H"), opt("seed", I, 1.0, "Rng seed")},
       {"secant_residual", "predicted_plus_sign_residual", "asymmetry", "min_eigenvalue", "frobenius_change",
        "psb_frobenius_change", "psb_secant_residual"},
       bfgs_secant},
      {"bfgs_exact_line_search", "BFGS with exact line search on a random SPD quadric: iterations to tol",
       {opt("n", I, 20.0, "dimension"), opt("cond", N, 100.0, "condition number"), opt("tol", N, 1e-8, "gradient reduction"),
        opt("seed", I, 1.0, "Rng seed")},
       {"iterations", "n", "gradient_ratio"}, bfgs_exact_line_search},
      {"second_moment", "Adam's second moment against RMSprop's average and AdaGrad's sum",
       {req("gradients", L, "g_1..g_k"), opt("beta1", N, 0.9, "beta1"), opt("beta2", N, 0.999, "beta2")},
       {"adam_q_hat", "ema_average", "adagrad_sum", "adam_v_hat", "momentum_average"}, second_moment},
      {"cross_entropy", "J(q) = E_p[-log q] and the entropy H(p)",
       {req("p", L, "data distribution"), req("q", L, "model distribution")}, {"value", "entropy"}, cross_entropy},
      {"optimizer_defaults", "an optimizer's resolved default parameters",
       {req("method", S, "--method name")}, {"<parameter names>"}, optimizer_defaults},
  };
  return all;
}

const Builtin* find_builtin(std::string_view n) {
  for (const auto& b : builtins())
    if (b.name == n) return &b;
  return nullptr;
}

Result run_builtin(std::string_view n, const Args& given) {
  const Builtin* b = find_builtin(n);
  if (!b) throw InputError(fmt::format("unknown built-in computation '{}'", n));
  Args args = given;
  for (const auto& spec : b->args) {
    auto it = args.find(spec.name);
    if (it == args.end()) {
      if (spec.required) throw InputError(fmt::format("{}: missing argument '{}'", n, spec.name));
      if (spec.name == "divisor") continue;  // "absent" means the count
      args.emplace(spec.name, spec.default_value);
      continue;
    }
    const Arg& v = it->second;
    const bool ok = spec.type == ArgType::list   ? std::holds_alternative<std::vector<double>>(v)
                    : spec.type == ArgType::name ? std::holds_alternative<std::string>(v)
                                                 : std::holds_alternative<double>(v);
    if (!ok) throw InputError(fmt::format("{}: argument '{}' must be {}", n, spec.name, to_string(spec.type)));
    if (spec.type == ArgType::integer) {
      const double x = std::get<double>(v);
      if (x != std::floor(x)) throw InputError(fmt::format("{}: argument '{}' must be an integer, got {}", n, spec.name, x));
    }
  }
  return b->run(args);
}

}  // namespace kappa::builtin
