// Rate estimation from a sequence of errors d_k = ‖w_k − w*‖.
//   geometric    d_k ≈ c·r^k:    least squares of log d_k on k; r = exp(slope).
//   k_geometric  d_k ≈ c·k·r^k:  least squares of log(d_k / k) on k. A critically damped mode (a
//                repeated eigenvalue r of the iteration matrix, a Jordan block; heavy ball at its
//                optimal parameters) decays like k·r^k: fitting it with the geometric model gives
//                exp(mean of 1/k) ≈ r·(1 + 1/k̄) instead of r, a bias that shrinks only like 1/k.
#pragma once
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

namespace kappa {

enum class RateModel { geometric, k_geometric };
std::string_view to_string(RateModel m);  // "r^k" | "k*r^k"

struct RateFit {
  double rate = std::numeric_limits<double>::quiet_NaN();  // NaN when fewer than 3 usable points
  RateModel model = RateModel::geometric;
  std::int64_t first = 0, last = 0;  // the window [first, last] of iterations fitted
  std::size_t points = 0;            // points used (finite, > 0)
  double rms_residual = std::numeric_limits<double>::quiet_NaN();  // of the log fit
};

// Least-squares fit over all given points (k ascending; points with d ≤ 0 or not finite skipped).
RateFit fit_rate(std::span<const std::int64_t> k, std::span<const double> d, RateModel model);

// Keeps (k, d_k) of a run with flat memory: every point until `capacity`, then every other point is
// dropped and only every 2nd, 4th, ... new one is kept (an evenly thinned record of the whole run).
class TailRecorder {
 public:
  explicit TailRecorder(std::size_t capacity = 4096);
  void add(std::int64_t k, double d);
  // The fit on the tail: of the points above `floor` (rounding noise below it), the last `fraction`
  // of the iterations, i.e. the window [k_end − fraction·k_end, k_end] with k_end the last such
  // point. fraction = 0.5 is the default window: the second half of the run.
  RateFit fit_tail(RateModel model, double floor, double fraction = 0.5) const;
  const std::vector<std::int64_t>& ks() const { return k_; }
  const std::vector<double>& ds() const { return d_; }

 private:
  std::size_t capacity_;
  std::int64_t stride_ = 1, seen_ = 0;
  std::vector<std::int64_t> k_;
  std::vector<double> d_;
};

}  // namespace kappa
