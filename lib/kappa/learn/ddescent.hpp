// Double descent with random features (Belkin, Hsu, Ma & Mandal 2019; Mei & Montanari 2019).
//
// Features φ(x) = max(0, Vx/√d) with V ∈ ℝ^{p×d} i.i.d. N(0, 1) (a seeded random projection; for each
// seed one V with p_max rows is drawn and the first p rows are used, so the feature sets are nested).
// The fit is the minimum-norm least-squares solution θ = Φ⁺y, computed through a rank-revealing
// complete orthogonal decomposition Φ = Q [T 0; 0 0] Zᵀ (Eigen::CompleteOrthogonalDecomposition), not
// through the normal equations (which square the condition number exactly where it matters, at
// p ≈ n_train). For p < n_train it is ordinary least squares; for p ≥ n_train it interpolates the
// training labels (train error 0) with the smallest ‖θ‖. The test error peaks near p = n_train, where
// Φ is square and its smallest singular value is close to 0, and falls again as p grows.
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace kappa::ddescent {

// Minimum-norm least-squares solution of Aθ ≈ y via the complete orthogonal decomposition.
Eigen::VectorXd min_norm_solve(const Eigen::MatrixXd& A, const Eigen::VectorXd& y);

// max(0, V X / √d) for the rows of X (n×d) and the first p rows of V: an n×p matrix.
Eigen::MatrixXd relu_features(const Eigen::MatrixXd& X, const Eigen::MatrixXd& V, Eigen::Index p);

struct Split {
  Eigen::MatrixXd X_train, X_test;
  Eigen::VectorXd y_train, y_test;
};

// Synthetic regression: x ~ N(0, I_d), y = xᵀβ + σε with β ~ N(0, I/d) (so Var(xᵀβ) ≈ 1) and
// ε ~ N(0, 1) label noise on train and test labels alike.
Split synthetic(int n_train, int n_test, int dim, double noise, std::uint64_t seed);

// A random train/test split of a data set (rows of X, entries of y): a seeded permutation, the first
// n_train rows for training. Features and the target are standardised with the training part's mean
// and standard deviation (constant columns get scale 1).
Split split_standardised(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int n_train, std::uint64_t seed);

struct Point {
  Eigen::Index p = 0;
  double train_mse_mean = 0, test_mse_mean = 0, test_mse_median = 0, test_mse_min = 0, test_mse_max = 0;
  double theta_norm_mean = 0;  // mean over seeds of ‖θ‖
};

// The default grid of feature counts: n_train times ratios from 0.1 to 10, denser near 1, always
// containing p = n_train (duplicates removed, p ≥ 1).
std::vector<Eigen::Index> default_grid(int n_train);

// For seeds seed..seed+seeds−1: make_split(s) gives the data, V is drawn from Rng(s ^ const) with
// max(ps) rows, and every p in ps is fitted. Returns one Point per p (in the order given).
template <class MakeSplit>
std::vector<Point> sweep(const std::vector<Eigen::Index>& ps, std::uint64_t seed, int seeds,
                         MakeSplit make_split);

// Non-template core: results[seed][i] = (train mse, test mse, ‖θ‖) for split and ps[i].
struct Fit {
  double train_mse, test_mse, theta_norm;
};
std::vector<Fit> fit_all(const Split& split, const std::vector<Eigen::Index>& ps, std::uint64_t feature_seed);
std::vector<Point> summarise(const std::vector<Eigen::Index>& ps, const std::vector<std::vector<Fit>>& fits);

template <class MakeSplit>
std::vector<Point> sweep(const std::vector<Eigen::Index>& ps, std::uint64_t seed, int seeds,
                         MakeSplit make_split) {
  std::vector<std::vector<Fit>> fits;
  for (int k = 0; k < seeds; ++k) {
    const std::uint64_t s = seed + static_cast<std::uint64_t>(k);
    fits.push_back(fit_all(make_split(s), ps, s ^ 0x5851f42d4c957f2dULL));
  }
  return summarise(ps, fits);
}

}  // namespace kappa::ddescent
