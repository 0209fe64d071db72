// Double descent: the min-norm solution against an independent SVD pseudo-inverse, the features and
// the split written out, and the shape of the curve (peak at the threshold, second descent).
#include <doctest/doctest.h>

#include <Eigen/SVD>
#include <cmath>

#include "kappa/core/random.hpp"
#include "kappa/learn/ddescent.hpp"

using namespace kappa;
using namespace kappa::ddescent;

namespace {
Eigen::MatrixXd normals_by_rows(Rng& rng, int r, int c) {
  Eigen::MatrixXd m(r, c);
  for (int i = 0; i < r; ++i)
    for (int j = 0; j < c; ++j) m(i, j) = rng.normal();
  return m;
}
// A⁺y = V Σ⁺ Uᵀ y with singular values below 1e-10·σ_max treated as zero (Jacobi SVD).
Eigen::VectorXd pinv_solve(const Eigen::MatrixXd& A, const Eigen::VectorXd& y) {
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(A, Eigen::ComputeFullU | Eigen::ComputeFullV);
  const auto& s = svd.singularValues();
  Eigen::VectorXd uty = svd.matrixU().transpose() * y;
  Eigen::VectorXd z = Eigen::VectorXd::Zero(A.cols());
  for (Eigen::Index i = 0; i < s.size(); ++i)
    if (s(i) > 1e-10 * s(0)) z(i) = uty(i) / s(i);
  return svd.matrixV() * z;
}
}  // namespace

TEST_CASE("ddescent: the min-norm solution equals the SVD pseudo-inverse's, wide, tall and rank-deficient") {
  Rng rng(5);
  // wide 6×10 (interpolation), tall 12×4 (least squares), and 8×9 of rank 5 (B·C).
  const Eigen::MatrixXd wide = normals_by_rows(rng, 6, 10), tall = normals_by_rows(rng, 12, 4);
  const Eigen::MatrixXd deficient = normals_by_rows(rng, 8, 5) * normals_by_rows(rng, 5, 9);
  for (const Eigen::MatrixXd* A : {&wide, &tall, &deficient}) {
    const Eigen::VectorXd y = normals_by_rows(rng, static_cast<int>(A->rows()), 1);
    const Eigen::VectorXd th = min_norm_solve(*A, y), ref = pinv_solve(*A, y);
    CHECK((th - ref).norm() < 1e-10 * ref.norm());
  }
  // Wide: it interpolates, and it is orthogonal to the null space (θ = Aᵀz for some z).
  const Eigen::VectorXd y = normals_by_rows(rng, 6, 1);
  const Eigen::VectorXd th = min_norm_solve(wide, y);
  CHECK((wide * th - y).norm() < 1e-12 * y.norm());
  const Eigen::VectorXd z = (wide * wide.transpose()).ldlt().solve(y);
  CHECK((th - wide.transpose() * z).norm() < 1e-10 * th.norm());
}

TEST_CASE("ddescent: ReLU features, nesting in p, and the standardised split") {
  Rng rng(9);
  const Eigen::MatrixXd X = normals_by_rows(rng, 5, 4), V = normals_by_rows(rng, 7, 4);
  const Eigen::MatrixXd F = relu_features(X, V, 7), F3 = relu_features(X, V, 3);
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 7; ++j) {
      const double a = X.row(i).dot(V.row(j)) / 2.0;  // √d = 2
      CHECK(F(i, j) == doctest::Approx(a > 0 ? a : 0.0).epsilon(1e-14).scale(1.0));
      if (j < 3) CHECK(F3(i, j) == F(i, j));
    }
  const Eigen::MatrixXd D = normals_by_rows(rng, 50, 3) * 4.0 + Eigen::MatrixXd::Constant(50, 3, 7.0);
  const Eigen::VectorXd t = normals_by_rows(rng, 50, 1) * 3.0;
  const Split s = split_standardised(D, t, 30, 2);
  CHECK(s.X_train.rows() == 30);
  CHECK(s.X_test.rows() == 20);
  for (int j = 0; j < 3; ++j) {
    CHECK(std::abs(s.X_train.col(j).mean()) < 1e-13);
    CHECK(std::sqrt(s.X_train.col(j).array().square().mean()) == doctest::Approx(1.0).epsilon(1e-13));
  }
  CHECK(std::abs(s.y_train.mean()) < 1e-13);
  const Split again = split_standardised(D, t, 30, 2);
  CHECK(again.y_test == s.y_test);  // deterministic
}

TEST_CASE("ddescent: zero train error past the threshold, the test peak at p = n_train, the second descent") {
  const int n = 40;
  std::vector<Eigen::Index> ps{8, 16, 24, 32, 36, 38, 40, 42, 44, 48, 60, 80, 120, 200, 400};
  const auto pts = sweep(ps, 1, 8, [&](std::uint64_t s) { return synthetic(n, 400, 10, 0.5, s); });
  std::size_t peak = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (pts[i].p >= n)
      CHECK(pts[i].train_mse_mean < 1e-20);
    else
      CHECK(pts[i].train_mse_mean > 0.01);
    if (pts[i].test_mse_mean > pts[peak].test_mse_mean) peak = i;
  }
  CHECK(pts[peak].p >= 36);  // the claim's window [0.9 n, 1.1 n]
  CHECK(pts[peak].p <= 44);
  CHECK(pts.back().test_mse_mean < 0.1 * pts[peak].test_mse_mean);
  // The noise floor is σ² = 0.25: no test error can be below it on average.
  for (const auto& pt : pts) CHECK(pt.test_mse_mean > 0.25);
}
