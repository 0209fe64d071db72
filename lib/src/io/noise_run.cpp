#include "kappa/io/noise_run.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>

#include "kappa/io/noise_options.hpp"
#include "kappa/noise.hpp"
#include "kappa/problems.hpp"

namespace kappa::io {

void NoiseFloorRecorder::row(const TraceRow& r) {
  k_.push_back(r.iter);
  d2_.push_back(r.dist * r.dist);
  f_.push_back(r.f_gap);
  if (next_) next_->row(r);
}

bool has_noise_floor(const RunSetup& setup) { return problems::finite_sum_parts(*setup.problem).offsets != nullptr; }

Json theory_noise_floor_json(const RunSetup& setup) {
  const auto parts = problems::finite_sum_parts(*setup.problem);
  std::string why;
  const auto method = noise_method(*setup.optimizer, why);
  Json j;
  if (!method || !parts.offsets) {
    j["dist2"] = nullptr;
    j["f_gap"] = nullptr;
    j["note"] = why;
    return j;
  }
  const Problem& A = *parts.quadric;
  const Eigen::MatrixXd& D = *parts.offsets;
  const Eigen::Index n = D.rows();
  const double N = static_cast<double>(D.cols()), B = static_cast<double>(parts.batch);
  // Without replacement the minibatch mean's covariance is S/B · (N − B)/(N − 1) (finite population).
  const double fpc = !parts.without_replacement ? 1.0 : (N > 1 ? (N - B) / (N - 1) : 0.0);
  std::vector<double> lambdas(static_cast<std::size_t>(n)), sigma2(static_cast<std::size_t>(n));
  if (const Vector* diag = A.diagonal()) {
    // A = diag(λ): the eigenvectors are the coordinates, u_i'S u_i = S_ii = (1/N) Σ_j D_ij².
    for (Eigen::Index i = 0; i < n; ++i) {
      const double l = (*diag)(i);
      lambdas[static_cast<std::size_t>(i)] = l;
      sigma2[static_cast<std::size_t>(i)] = l * l * D.row(i).squaredNorm() / N / B * fpc;
    }
  } else {
    if (n > problems::max_spectrum_dim) {
      j["dist2"] = nullptr;
      j["f_gap"] = nullptr;
      j["note"] = "the quadric's dimension exceeds the dense eigen-solver's limit";
      return j;
    }
    Eigen::MatrixXd H(n, n);
    Vector e = Vector::Zero(n), col(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      e(i) = 1;
      A.hessian_times(A.w_star(), e, col);
      H.col(i) = col;
      e(i) = 0;
    }
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(0.5 * (H + H.transpose()));
    const Eigen::MatrixXd P = es.eigenvectors().transpose() * D;  // row i: u_i'd_j
    for (Eigen::Index i = 0; i < n; ++i) {
      const double l = es.eigenvalues()(i);
      lambdas[static_cast<std::size_t>(i)] = l;
      sigma2[static_cast<std::size_t>(i)] = l * l * P.row(i).squaredNorm() / N / B * fpc;
    }
  }
  j = floor_json(noise::stationary(*method, lambdas, sigma2));
  j["gradient_noise"] = parts.without_replacement
                            ? "A S A / B (N - B)/(N - 1), S the covariance of the points, batches without replacement"
                            : "A S A / B, S the covariance of the points, batches drawn with replacement";
  return j;
}

namespace {

// Mean and batch-means standard error of x[first..]; se < 0 when there are too few samples.
std::pair<double, double> mean_and_se(const std::vector<double>& x, std::size_t first, int batches) {
  const std::size_t m = x.size() - first;
  double s = 0;
  for (std::size_t i = first; i < x.size(); ++i) s += x[i];
  const double mean = s / static_cast<double>(m);
  if (m < static_cast<std::size_t>(2 * batches)) return {mean, -1};
  const std::size_t len = m / static_cast<std::size_t>(batches);
  double ss = 0;
  // Blocks of len rows from the end backwards (the first m mod batches rows of the tail are left out
  // of the block means only).
  for (int b = 0; b < batches; ++b) {
    double bs = 0;
    const std::size_t end = x.size() - static_cast<std::size_t>(b) * len;
    for (std::size_t i = end - len; i < end; ++i) bs += x[i];
    const double bm = bs / static_cast<double>(len);
    ss += (bm - mean) * (bm - mean);
  }
  const double var = ss / (batches - 1.0);
  return {mean, std::sqrt(var / batches)};
}

}  // namespace

Json measured_noise_floor_json(const NoiseFloorRecorder& rec, std::int64_t iterations) {
  constexpr int batches = 20;
  const auto& k = rec.iters();
  std::size_t first = 0;
  while (first < k.size() && 2 * k[first] <= iterations && !(iterations == 0)) ++first;
  Json j;
  if (first >= k.size()) {
    j["dist2"] = nullptr;
    j["note"] = "no trace rows in the last half of the iterations";
    return j;
  }
  const auto [d, dse] = mean_and_se(rec.dist2(), first, batches);
  const auto [f, fse] = mean_and_se(rec.f_gap(), first, batches);
  auto num = [](double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); };
  j["dist2"] = num(d);
  j["dist2_standard_error"] = dse >= 0 ? num(dse) : Json(nullptr);
  j["f_gap"] = num(f);
  j["f_gap_standard_error"] = fse >= 0 ? num(fse) : Json(nullptr);
  j["first_iteration"] = k[first];
  j["samples"] = static_cast<std::int64_t>(k.size() - first);
  j["batches"] = batches;
  return j;
}

void add_noise_floors(Json& summary, const RunSetup& setup, const NoiseFloorRecorder& rec, std::int64_t iterations) {
  if (!has_noise_floor(setup)) return;
  summary["theory_noise_floor"] = theory_noise_floor_json(setup);
  summary["measured_noise_floor"] = measured_noise_floor_json(rec, iterations);
}

}  // namespace kappa::io
