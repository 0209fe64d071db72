// Internal to the built-ins (lib/src/builtin*.cpp): argument access, checks, random matrices, and
// the computations the registry (builtin.cpp) lists. Not installed; kappa/claims/builtin.hpp is the API.
#pragma once
#include <fmt/format.h>

#include <Eigen/Dense>
#include <cmath>
#include <cstdint>

#include "kappa/claims/builtin.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/core/random.hpp"

namespace kappa::builtin::detail {

using Eigen::MatrixXd;
using Eigen::VectorXd;

inline double num(const Args& a, const char* k) { return std::get<double>(a.find(k)->second); }
inline std::int64_t integer(const Args& a, const char* k) { return static_cast<std::int64_t>(num(a, k)); }
inline const std::vector<double>& list(const Args& a, const char* k) {
  return std::get<std::vector<double>>(a.find(k)->second);
}
inline const std::string& name(const Args& a, const char* k) {
  return std::get<std::string>(a.find(k)->second);
}

inline void require(bool ok, const std::string& what) {
  if (!ok) throw InputError(what);
}
inline std::int64_t positive_int(const Args& a, const char* k, std::int64_t max = std::int64_t{1} << 30) {
  const auto v = integer(a, k);
  require(v >= 1 && v <= max, fmt::format("{} {}: must be an integer in [1, {}]", k, v, max));
  return v;
}
inline const std::vector<double>& positive_list(const Args& a, const char* k) {
  const auto& v = list(a, k);
  require(!v.empty(), fmt::format("{}: must not be empty", k));
  for (double x : v) require(std::isfinite(x) && x > 0, fmt::format("{}: {} must be > 0", k, x));
  return v;
}
inline std::uint64_t seed_of(const Args& a) {
  const double s = num(a, "seed");
  require(s >= 0 && s <= 9007199254740992.0, fmt::format("seed {}: must be a non-negative integer", s));
  return static_cast<std::uint64_t>(s);
}

// Discrete distribution over `values` with `probs` (non-negative, summing to 1 within 1e-12).
inline void check_distribution(const std::vector<double>& values, const std::vector<double>& probs) {
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
inline MatrixXd random_spd(Eigen::Index n, double cond, Rng& rng) {
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
inline VectorXd random_vector(Eigen::Index n, Rng& rng) {
  VectorXd v(n);
  for (Eigen::Index i = 0; i < n; ++i) v(i) = rng.normal();
  return v;
}

Result mean(const Args& a);
Result expectation(const Args& a);
Result sample_mean_variance(const Args& a);
Result gradient_standard_error(const Args& a);
Result second_moment(const Args& a);
Result cross_entropy(const Args& a);
Result optimizer_defaults(const Args& a);
Result gd_iterates(const Args& a);
Result heavy_ball_matrix(const Args& a);
Result heavy_ball_vs_torch(const Args& a);
Result overshoot_1d(const Args& a);
Result lookahead_rates(const Args& a);
Result newton_step(const Args& a);
Result newton_stationary(const Args& a);
Result secant_1d(const Args& a);
Result symmetric_unknowns(const Args& a);
Result bfgs_secant(const Args& a);
Result bfgs_exact_line_search(const Args& a);

}  // namespace kappa::builtin::detail
