// kappa-run's noise floors on the finite-sum quadric (--finite-sum N --batch B):
//   theory_noise_floor    the stationary E|w - w*|^2 and E[f - f*] of the optimizer's second-moment
//                         recurrence (lib/kappa/theory/noise.hpp) with the problem's own gradient noise:
//                         covariance A S A / B, S = (1/N) sum_i d_i d_i' the covariance of the centred
//                         points d_i = w_i - w* (B indices drawn uniformly with replacement), so the
//                         eigen-mode i of A (eigenvector u_i) has noise variance lambda_i^2 u_i'S u_i / B.
//   measured_noise_floor  the mean of |w_k - w*|^2 (and f - f*) over the trace rows of the last half of
//                         the iteration limit (k > K/2), with standard errors from 20 batch means (contiguous blocks,
//                         so the autocorrelation of the iterates is accounted for as long as a block is
//                         much longer than the correlation time 1/(1 - rate^2)).
#pragma once
#include <cstdint>
#include <vector>

#include "kappa/app/run.hpp"
#include "kappa/io/output.hpp"
#include "kappa/run/run.hpp"

namespace kappa::io {

// Accumulates the tail rows (iter k with 2k > K, K the iteration limit) of a run streaming, in O(1)
// memory: their sums and the sums over 20 contiguous blocks (the first m mod 20 tail rows are in the
// mean only), m the number of rows the run emits in the tail (every J-th iteration and the last).
// Forwards every row to `next` (may be null).
class NoiseFloorRecorder final : public RunObserver {
 public:
  static constexpr int batches = 20;
  NoiseFloorRecorder(RunObserver* next, std::int64_t max_iter, std::int64_t every);
  RowAction row(const TraceRow& r) override;  // next's answer
  std::int64_t expected_rows() const { return m_; }
  std::int64_t rows() const { return t_; }
  std::int64_t first_iteration() const { return first_k_; }
  double sum_dist2() const { return sd_; }
  double sum_f_gap() const { return sf_; }
  const std::vector<double>& block_dist2() const { return bd_; }  // block sums
  const std::vector<double>& block_f_gap() const { return bf_; }
  std::int64_t block_length() const { return len_; }

 private:
  RunObserver* next_;
  std::int64_t max_iter_, m_, skip_, len_, t_ = 0, first_k_ = -1;
  double sd_ = 0, sf_ = 0;
  std::vector<double> bd_, bf_;
};

// Whether the setup's problem is a finite sum (the floors apply).
bool has_noise_floor(const RunSetup& setup);

// {dist2, f_gap} (null plus "note" without a floor or a theory), with "gradient_noise" "with_replacement".
Json theory_noise_floor_json(const RunSetup& setup);

// {dist2, dist2_standard_error, f_gap, f_gap_standard_error, first_iteration, samples, batches};
// the standard errors are null with fewer than 40 rows in the tail; dist2 null with a note when the
// run stopped before its iteration limit (converged or diverged: no stationary tail).
Json measured_noise_floor_json(const NoiseFloorRecorder& rec);

// Adds both to a kappa-run summary when the problem is a finite sum.
void add_noise_floors(Json& summary, const RunSetup& setup, const NoiseFloorRecorder& rec);

}  // namespace kappa::io
