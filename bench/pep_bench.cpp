// kappa-pep's solver time (built and run by bench/pep_bench.sh; not a test). Prints the median
// time of pep::solve (formulation + CSDP) for one problem over repetitions, and the value.
//   pep_bench METHOD ALPHA BETA MU L N REPS
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "kappa/pep.hpp"

int main(int argc, char** argv) {
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
  fmt::print("solve_ms_median={:.3f} solve_ms_min={:.3f} worst_case={:.10g}\n", 1e3 * t[t.size() / 2], 1e3 * t[0], value);
}
