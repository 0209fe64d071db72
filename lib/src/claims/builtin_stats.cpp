// Built-in computations: means, variances, moments, cross-entropy, optimizer defaults (kappa/claims/builtin.hpp). Every update rule is written out here, so a claim compares the
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
    for (Eigen::Index j = 0; j < d; ++j)
      g(j, i) = -lambdas[static_cast<std::size_t>(j)] * spread * rng.normal();
  const VectorXd gbar = g.rowwise().mean();
  const double sigma = std::sqrt((g.colwise() - gbar).colwise().squaredNorm().mean());
  auto se = [&](std::int64_t n) {
    double sq = 0;
    VectorXd acc(d);
    for (std::int64_t t = 0; t < trials; ++t) {
      acc.setZero();
      for (std::int64_t k = 0; k < n; ++k)
        acc += g.col(static_cast<Eigen::Index>(rng.below(static_cast<std::uint64_t>(m))));
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

// An optimizer's resolved default parameters (make_optimizer(method)->parameters(); flags as 1 or 0).
Result optimizer_defaults(const Args& a) {
  const auto opt = make_optimizer(name(a, "method"));
  Result r;
  for (const auto& [k, v] : opt->parameters())
    if (const auto x = to_number(v)) r.emplace_back(k, *x);
  return r;
}

}  // namespace kappa::builtin::detail
