#include "kappa/learn/ddescent.hpp"

#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "kappa/core/errors.hpp"
#include "kappa/core/random.hpp"

namespace kappa::ddescent {

namespace {
Eigen::MatrixXd randn(Rng& rng, Eigen::Index r, Eigen::Index c, double sd) {
  Eigen::MatrixXd m(r, c);
  for (Eigen::Index i = 0; i < r; ++i)  // row by row: the first p rows of V do not depend on p_max
    for (Eigen::Index j = 0; j < c; ++j) m(i, j) = sd * rng.normal();
  return m;
}
double mse(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return (a - b).squaredNorm() / static_cast<double>(a.size());
}
}  // namespace

Eigen::VectorXd min_norm_solve(const Eigen::MatrixXd& A, const Eigen::VectorXd& y) {
  // Φ P = Q [R11 R12; 0 0] (pivoted QR), then [R11 R12] = [T 0] Zᵀ: θ = P Z [T⁻¹ Q₁ᵀ y; 0]
  // is the least-squares solution of minimum norm (Golub & Van Loan, §5.4.2). Eigen's rank decision
  // uses its default threshold (ε × the larger dimension, relative to the largest pivot).
  return Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd>(A).solve(y);
}

Eigen::MatrixXd relu_features(const Eigen::MatrixXd& X, const Eigen::MatrixXd& V, Eigen::Index p) {
  const double scale = 1.0 / std::sqrt(static_cast<double>(X.cols()));
  return (scale * (X * V.topRows(p).transpose())).cwiseMax(0.0);
}

Split synthetic(int n_train, int n_test, int dim, double noise, std::uint64_t seed) {
  if (n_train < 1 || n_test < 1 || dim < 1)
    throw InputError("synthetic data: n_train, n_test and dim must be >= 1");
  if (!(noise >= 0) || !std::isfinite(noise))
    throw InputError("synthetic data: noise must be a finite number >= 0");
  Rng rng(seed);
  const Eigen::VectorXd beta = randn(rng, dim, 1, 1.0 / std::sqrt(dim));
  Split s;
  s.X_train = randn(rng, n_train, dim, 1.0);
  s.X_test = randn(rng, n_test, dim, 1.0);
  s.y_train = s.X_train * beta + randn(rng, n_train, 1, noise);
  s.y_test = s.X_test * beta + randn(rng, n_test, 1, noise);
  return s;
}

Split split_standardised(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int n_train,
                         std::uint64_t seed) {
  const Eigen::Index n = X.rows();
  if (y.size() != n)
    throw InputError("data: " + std::to_string(n) + " rows of features but " + std::to_string(y.size()) +
                     " targets");
  if (n_train < 2 || n_train >= n)
    throw InputError("n_train " + std::to_string(n_train) + ": must be in [2, " + std::to_string(n - 1) +
                     "] for " + std::to_string(n) + " rows");
  // Fisher–Yates with the project's unbiased integer draws.
  std::vector<Eigen::Index> perm(static_cast<std::size_t>(n));
  std::iota(perm.begin(), perm.end(), Eigen::Index{0});
  Rng rng(seed);
  for (Eigen::Index i = n - 1; i > 0; --i)
    std::swap(perm[i], perm[static_cast<std::size_t>(rng.below(static_cast<std::uint64_t>(i) + 1))]);
  Split s;
  const Eigen::Index nt = n - n_train;
  s.X_train.resize(n_train, X.cols());
  s.X_test.resize(nt, X.cols());
  s.y_train.resize(n_train);
  s.y_test.resize(nt);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (i < n_train) {
      s.X_train.row(i) = X.row(perm[i]);
      s.y_train(i) = y(perm[i]);
    } else {
      s.X_test.row(i - n_train) = X.row(perm[i]);
      s.y_test(i - n_train) = y(perm[i]);
    }
  }
  // Standardise with the training statistics (population standard deviation).
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    const double m = s.X_train.col(j).mean();
    const double sd = std::sqrt((s.X_train.col(j).array() - m).square().mean());
    const double scale = sd > 0 ? 1.0 / sd : 1.0;
    s.X_train.col(j) = (s.X_train.col(j).array() - m) * scale;
    s.X_test.col(j) = (s.X_test.col(j).array() - m) * scale;
  }
  const double m = s.y_train.mean();
  const double sd = std::sqrt((s.y_train.array() - m).square().mean());
  const double scale = sd > 0 ? 1.0 / sd : 1.0;
  s.y_train = (s.y_train.array() - m) * scale;
  s.y_test = (s.y_test.array() - m) * scale;
  return s;
}

std::vector<Eigen::Index> default_grid(int n_train) {
  static const double ratios[] = {0.1,  0.2, 0.3,  0.4, 0.5, 0.6, 0.7,  0.8, 0.85, 0.9, 0.95, 0.98, 1.0, 1.02,
                                  1.05, 1.1, 1.15, 1.2, 1.3, 1.5, 1.75, 2,   2.5,  3,   4,    5,    7,   10};
  std::vector<Eigen::Index> ps;
  for (double r : ratios) {
    const auto p = std::max<Eigen::Index>(1, std::llround(r * n_train));
    if (ps.empty() || p > ps.back()) ps.push_back(p);
  }
  return ps;
}

std::vector<Fit> fit_all(const Split& split, const std::vector<Eigen::Index>& ps,
                         std::uint64_t feature_seed) {
  if (ps.empty()) throw InputError("feature counts: expected at least one p");
  const Eigen::Index pmax = *std::max_element(ps.begin(), ps.end());
  Rng rng(feature_seed);
  const Eigen::MatrixXd V = randn(rng, pmax, split.X_train.cols(), 1.0);
  const Eigen::MatrixXd F_train = relu_features(split.X_train, V, pmax);
  const Eigen::MatrixXd F_test = relu_features(split.X_test, V, pmax);
  std::vector<Fit> out;
  for (Eigen::Index p : ps) {
    if (p < 1) throw InputError("feature count " + std::to_string(p) + ": must be >= 1");
    const Eigen::VectorXd theta = min_norm_solve(F_train.leftCols(p), split.y_train);
    out.push_back({mse(F_train.leftCols(p) * theta, split.y_train),
                   mse(F_test.leftCols(p) * theta, split.y_test), theta.norm()});
  }
  return out;
}

std::vector<Point> summarise(const std::vector<Eigen::Index>& ps, const std::vector<std::vector<Fit>>& fits) {
  std::vector<Point> pts;
  const double k = static_cast<double>(fits.size());
  for (std::size_t i = 0; i < ps.size(); ++i) {
    Point pt;
    pt.p = ps[i];
    std::vector<double> test;
    for (const auto& f : fits) {
      pt.train_mse_mean += f[i].train_mse / k;
      pt.test_mse_mean += f[i].test_mse / k;
      pt.theta_norm_mean += f[i].theta_norm / k;
      test.push_back(f[i].test_mse);
    }
    std::sort(test.begin(), test.end());
    const std::size_t m = test.size();
    pt.test_mse_median = m % 2 ? test[m / 2] : 0.5 * (test[m / 2 - 1] + test[m / 2]);
    pt.test_mse_min = test.front();
    pt.test_mse_max = test.back();
    pts.push_back(pt);
  }
  return pts;
}

}  // namespace kappa::ddescent
