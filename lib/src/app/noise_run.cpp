#include "kappa/app/noise_run.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

#include "kappa/app/noise.hpp"
#include "kappa/problems/problems.hpp"
#include "kappa/theory/noise.hpp"

namespace kappa::io {

NoiseFloorRecorder::NoiseFloorRecorder(RunObserver* next, std::int64_t max_iter, std::int64_t every)
    : next_(next), max_iter_(max_iter) {
  // Rows at k = every, 2·every, … ≤ K and at K: those with 2k > K.
  const std::int64_t J = std::max<std::int64_t>(every, 1), K = std::max<std::int64_t>(max_iter, 0);
  m_ = K / J - (K / 2) / J + (K % J != 0 ? 1 : 0);
  if (K == 0) m_ = 0;
  len_ = m_ / batches;
  skip_ = m_ - len_ * batches;
  bd_.assign(batches, 0.0);
  bf_.assign(batches, 0.0);
}

RowAction NoiseFloorRecorder::row(const TraceRow& r) {
  if (2 * r.iter > max_iter_ && t_ < m_) {
    const double d2 = r.dist * r.dist;
    if (first_k_ < 0) first_k_ = r.iter;
    sd_ += d2;
    sf_ += r.f_gap;
    if (len_ > 0 && t_ >= skip_) {
      const auto b = static_cast<std::size_t>((t_ - skip_) / len_);
      bd_[b] += d2;
      bf_[b] += r.f_gap;
    }
    ++t_;
  }
  return next_ ? next_->row(r) : RowAction::proceed();
}

bool has_noise_floor(const RunSetup& setup) {
  return problems::finite_sum_parts(*setup.problem).offsets != nullptr;
}

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
  j["gradient_noise"] =
      parts.without_replacement
          ? "A S A / B (N - B)/(N - 1), S the covariance of the points, batches without replacement"
          : "A S A / B, S the covariance of the points, batches drawn with replacement";
  return j;
}

Json measured_noise_floor_json(const NoiseFloorRecorder& rec) {
  Json j;
  if (rec.rows() == 0 || rec.rows() < rec.expected_rows()) {
    j["dist2"] = nullptr;
    j["f_gap"] = nullptr;
    j["note"] = rec.rows() == 0 ? "no trace rows in the last half of the iterations"
                                : "the run stopped before its iteration limit: no stationary tail";
    return j;
  }
  const double m = static_cast<double>(rec.rows());
  // Standard error of the mean from the block means: sd(block means)/√batches.
  auto se = [&](const std::vector<double>& blocks, double mean) -> Json {
    if (rec.block_length() < 2) return nullptr;
    const int nb = NoiseFloorRecorder::batches;
    double ss = 0;
    for (const double bs : blocks) {
      const double bm = bs / static_cast<double>(rec.block_length());
      ss += (bm - mean) * (bm - mean);
    }
    return finite_or_null(std::sqrt(ss / (nb - 1.0) / nb));
  };
  const double d = rec.sum_dist2() / m, f = rec.sum_f_gap() / m;
  j["dist2"] = finite_or_null(d);
  j["dist2_standard_error"] = se(rec.block_dist2(), d);
  j["f_gap"] = finite_or_null(f);
  j["f_gap_standard_error"] = se(rec.block_f_gap(), f);
  j["first_iteration"] = rec.first_iteration();
  j["samples"] = rec.rows();
  j["batches"] = NoiseFloorRecorder::batches;
  return j;
}

void add_noise_floors(Json& summary, const RunSetup& setup, const NoiseFloorRecorder& rec) {
  if (!has_noise_floor(setup)) return;
  summary["theory_noise_floor"] = theory_noise_floor_json(setup);
  summary["measured_noise_floor"] = measured_noise_floor_json(rec);
}

}  // namespace kappa::io
