// The (alpha, beta) heavy-ball rate map, 1000 x 1000 points over 100 eigenvalues (1e8 radii), in
// closed form with RateKernel on 1 and 2 threads, the ends-only shortcut, and the scalar
// theory::rate loop on a slice (for the per-thread gain of the vectorised kernel). Writes the map
// (float64, row j = beta_j) to argv[1] so that sweep_bench.py checks numpy's map against it.
// Built and run by bench/sweep_bench.sh.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>

#include "kappa/theory/rate_map.hpp"
#include "kappa/theory/theory.hpp"

using namespace kappa;

// Best wall time of `reps` runs; `cpu` gets the process CPU time (all threads) of that run. On a
// loaded machine the CPU time is the work done; wall time includes waiting for a core.
template <class F>
double best_of(int reps, F&& f, double* cpu = nullptr) {
  double best = 1e300;
  for (int r = 0; r < reps; ++r) {
    const auto c0 = std::clock();
    const auto t0 = std::chrono::steady_clock::now();
    f();
    const double w = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (w < best && cpu) *cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    best = std::min(best, w);
  }
  return best;
}

int main(int argc, char** argv) {
  const int na = 1000, nb = 1000;
  const auto s = Spectrum::linear(1, 100, 100);
  std::vector<double> alphas(na), betas(nb), map(static_cast<std::size_t>(na) * nb), ends(map.size());
  for (int i = 0; i < na; ++i) alphas[i] = 1e-4 + (0.04 - 1e-4) * i / (na - 1);
  for (int j = 0; j < nb; ++j) betas[j] = 0.99 * j / (nb - 1);
  const theory::RateKernel full(theory::Method::heavy_ball, s), endk(theory::Method::heavy_ball, s, true);
  double c1 = 0, c2 = 0;
  const double t1 = best_of(
      3, [&] { full.map(alphas, betas, map, 1); }, &c1);
  const double t2 = best_of(
      3, [&] { full.map(alphas, betas, map, 2); }, &c2);
  const double te = best_of(3, [&] { endk.map(alphas, betas, ends, 2); });
  // Scalar reference: theory::rate (the same bits, a branchy scalar loop) on 20 beta rows.
  const int rows = 20;
  double sink = 0;
  const double ts = best_of(2,
                            [&] {
                              for (int j = 0; j < rows; ++j)
                                for (int i = 0; i < na; ++i)
                                  sink += theory::rate(theory::Method::heavy_ball, s, {alphas[i], betas[j]});
                            }) *
                    (static_cast<double>(nb) / rows);
  std::size_t mismatches = 0, ends_diff = 0;
  for (int j = 0; j < rows; ++j)
    for (int i = 0; i < na; ++i)
      mismatches += map[j * na + i] != theory::rate(theory::Method::heavy_ball, s, {alphas[i], betas[j]});
  for (std::size_t k = 0; k < map.size(); ++k) ends_diff += map[k] != ends[k];
  fmt::print("kernel 1 thread   {:.4f} s wall, {:.4f} s CPU  ({:.2f} ns/radius)\n", t1, c1, c1 / 1e8 * 1e9);
  fmt::print("kernel 2 threads  {:.4f} s wall, {:.4f} s CPU (both threads)\n", t2, c2);
  fmt::print("ends-only 2 thr.  {:.4f} s  (points differing from the full map: {})\n", te, ends_diff);
  fmt::print(
      "scalar theory::rate, 1 thread (extrapolated from {} rows)  {:.4f} s  -> kernel/scalar per thread {:.1f}x\n",
      rows, ts, ts / t1);
  fmt::print("kernel vs theory::rate on {} points: {} bit mismatches (checksum {})\n", rows * na, mismatches,
             sink > 0);
  if (argc > 1) {
    std::FILE* f = std::fopen(argv[1], "wb");
    std::fwrite(map.data(), sizeof(double), map.size(), f);
    std::fclose(f);
  }
  std::printf("T1=%.6f T2=%.6f TE=%.6f C2=%.6f\n", t1, t2, te, c2);
  return 0;
}
