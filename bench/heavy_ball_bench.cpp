// Heavy ball on a diagonal quadric, n = 1e7 by default: one step as kappa-run's loop takes it (the
// real optimizer's step_measured, which updates and sums ‖w − w*‖ in its one pass) on T threads,
// against a STREAM triad a = b + s·c in the same run.
// Bytes counted as actually moved: triad 32 B/element (read b, c; write a, plus the write-allocate
// read of a), heavy ball 40 B/coordinate (read λ, w, v; write w, v; w and v are read anyway, so no
// write-allocate traffic). Prints one JSON object; bench/heavy_ball.py adds the numpy/torch peers.
// Usage: heavy_ball_bench [n] [reps] [threads]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "kappa/core/memory.hpp"
#include "kappa/core/parallel.hpp"
#include "kappa/optim/optimizer.hpp"
#include "kappa/problems/problems.hpp"

using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : 10'000'000;
  const int reps = argc > 2 ? std::atoi(argv[2]) : 30;
  const int threads = argc > 3 ? std::atoi(argv[3]) : 1;
  const kappa::Spectrum spectrum = kappa::Spectrum::geometric(1, 1000, n);
  auto problem = kappa::problems::diagonal(spectrum);
  const double alpha = 4.0 / ((1 + std::sqrt(1000.0)) * (1 + std::sqrt(1000.0)));
  auto hb = kappa::make_optimizer("heavy-ball", {{"alpha", alpha}, {"beta", 0.8}});
  hb->reset(*problem);
  kappa::Vector w = kappa::huge_page_vector(n);  // as kappa-run's --w0 ones
  w.setOnes();
  kappa::ParallelFor pool(threads);
  kappa::StepRequest request;  // what the loop asks on a step without a trace row: ‖w − w*‖ only
  request.pool = &pool;

  std::vector<double> a(n, 0.0), b(n, 1.0), c(n, 2.0);
  const double scalar = 3.0;
  double best_hb = 1e30, best_triad = 1e30, dist = 0;
  // Interleave the two so that both see the same machine load.
  for (int r = 0; r < reps; ++r) {
    auto t0 = Clock::now();
    dist = *hb->step_measured(*problem, w, request).dist;
    auto t1 = Clock::now();
    double* __restrict pa = a.data();
    const double* __restrict pb = b.data();
    const double* __restrict pc = c.data();
    for (long i = 0; i < n; ++i) pa[i] = pb[i] + scalar * pc[i];
    auto t2 = Clock::now();
    best_hb = std::min(best_hb, std::chrono::duration<double>(t1 - t0).count());
    best_triad = std::min(best_triad, std::chrono::duration<double>(t2 - t1).count());
  }
  volatile double sink = a[n / 2] + w[n / 2] + dist;
  (void)sink;
  const double gbs_hb = 40.0 * n / best_hb / 1e9, gbs_triad = 32.0 * n / best_triad / 1e9;
  fmt::print(
      "{{\"n\": {}, \"reps\": {}, \"threads\": {}, \"kappa_heavy_ball_s\": {:.6g}, \"kappa_heavy_ball_gbs\": {:.4g}, "
      "\"triad_s\": {:.6g}, \"triad_gbs\": {:.4g}, \"bandwidth_ratio\": {:.4g}}}\n",
      n, reps, threads, best_hb, gbs_hb, best_triad, gbs_triad, gbs_hb / gbs_triad);
  return 0;
}
