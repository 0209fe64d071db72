// kappa-run's noise floors on the finite-sum quadric (--finite-sum N --batch B):
//   theory_noise_floor    the stationary E|w - w*|^2 and E[f - f*] of the optimizer's second-moment
//                         recurrence (lib/kappa/noise.hpp) with the problem's own gradient noise:
//                         covariance A S A / B, S = (1/N) sum_i d_i d_i' the covariance of the centred
//                         points d_i = w_i - w* (B indices drawn uniformly with replacement), so the
//                         eigen-mode i of A (eigenvector u_i) has noise variance lambda_i^2 u_i'S u_i / B.
//   measured_noise_floor  the mean of |w_k - w*|^2 (and f - f*) over the trace rows of the last half of
//                         the iterations, with standard errors from 20 batch means (contiguous blocks,
//                         so the autocorrelation of the iterates is accounted for as long as a block is
//                         much longer than the correlation time 1/(1 - rate^2)).
#pragma once
#include <cstdint>
#include <vector>

#include "kappa/io/optimizer_options.hpp"
#include "kappa/io/output.hpp"
#include "kappa/run.hpp"

namespace kappa::io {

// Records (k, |w - w*|^2, f - f*) of every row it sees and forwards the row to `next` (may be null).
class NoiseFloorRecorder final : public RunObserver {
 public:
  explicit NoiseFloorRecorder(RunObserver* next) : next_(next) {}
  void row(const TraceRow& r) override;
  const std::vector<std::int64_t>& iters() const { return k_; }
  const std::vector<double>& dist2() const { return d2_; }
  const std::vector<double>& f_gap() const { return f_; }

 private:
  RunObserver* next_;
  std::vector<std::int64_t> k_;
  std::vector<double> d2_, f_;
};

// Whether the setup's problem is a finite sum (the floors apply).
bool has_noise_floor(const RunSetup& setup);

// {dist2, f_gap} (null plus "note" without a floor or a theory), with "gradient_noise" "with_replacement".
Json theory_noise_floor_json(const RunSetup& setup);

// {dist2, dist2_standard_error, f_gap, f_gap_standard_error, first_iteration, samples, batches};
// the standard errors are null with fewer than 40 rows in the tail.
Json measured_noise_floor_json(const NoiseFloorRecorder& rec, std::int64_t iterations);

// Adds both to a kappa-run summary when the problem is a finite sum.
void add_noise_floors(Json& summary, const RunSetup& setup, const NoiseFloorRecorder& rec, std::int64_t iterations);

}  // namespace kappa::io
