// kappa-pep's solver time (built and run by bench/pep_bench.sh; not a test). Prints the median
// time of pep::solve (formulation + CSDP) for one problem over repetitions, and the value.
//   pep_bench METHOD ALPHA BETA MU L N REPS
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "kappa/theory/pep.hpp"

// pep_bench map NA NB N: the fig10 grid (heavy ball, mu = 2, L = 50, alpha in (0, 0.08], beta in
// [0, 0.98]) solved in one process, one point after another (what kappa-sweep --mode pep would do
// on one thread; CSDP solves are serialised anyway). Prints the wall time and the failures.
int map(int na, int nb, int steps) {
  const auto a = std::chrono::steady_clock::now();
  int failed = 0;
  for (int i = 1; i <= na; ++i)
    for (int j = 0; j < nb; ++j) {
      kappa::pep::Problem p;
      p.method = kappa::pep::Method::heavy_ball;
      p.alpha = 0.08 * i / na;
      p.beta = nb > 1 ? 0.98 * j / (nb - 1) : 0;
      p.mu = 2;
      p.L = 50;
      p.steps = steps;
      try {
        (void)kappa::pep::solve(p);
        (void)kappa::pep::quadratic_worst(p);
      } catch (const std::exception&) {
        ++failed;
      }
    }
  const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
  fmt::print("map_points={} map_seconds={:.2f} failed={}\n", na * nb, t, failed);
  return 0;
}

int main(int argc, char** argv) {
  if (argc == 5 && std::string(argv[1]) == "map")
    return map(std::atoi(argv[2]), std::atoi(argv[3]), std::atoi(argv[4]));
  if (argc != 8) {
    fmt::print(stderr, "usage: pep_bench METHOD ALPHA BETA MU L N REPS\n");
    return 2;
  }
  kappa::pep::Problem p;
  p.method = *kappa::pep::method_from_string(argv[1]);
  p.alpha = std::atof(argv[2]);
  p.beta = std::atof(argv[3]);
  p.mu = std::atof(argv[4]);
  p.L = std::atof(argv[5]);
  p.steps = std::atoi(argv[6]);
  const int reps = std::atoi(argv[7]);
  std::vector<double> t;
  double value = 0;
  for (int r = 0; r < reps; ++r) {
    const auto a = std::chrono::steady_clock::now();
    value = kappa::pep::solve(p).worst_case;
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count());
  }
  std::sort(t.begin(), t.end());
  fmt::print("solve_ms_median={:.3f} solve_ms_min={:.3f} worst_case={:.10g}\n", 1e3 * t[t.size() / 2],
             1e3 * t[0], value);
}
