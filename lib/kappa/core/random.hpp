// Reproducible random numbers: std::mt19937_64 (its output sequence is fixed by the standard) with
// the project's own transforms, because std::uniform_real_distribution / std::normal_distribution
// differ between standard libraries. A seed gives the same bits with any compiler and library.
#pragma once
#include <cmath>
#include <cstdint>
#include <random>

namespace kappa {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t next_u64() { return engine_(); }

  // Uniform on [0, 1): the top 53 bits of one draw, times 2^-53 (exact in double).
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  // Uniform on [a, b).
  double uniform(double a, double b) { return a + (b - a) * uniform(); }

  // Uniform integer on [0, n) by rejection (no modulo bias). n > 0.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x;
    do x = engine_();
    while (x >= limit);
    return x % n;
  }

  // Standard normal by Marsaglia's polar method: it needs only sqrt (exact in IEEE) and log (glibc's
  // is correctly rounded), so the sequence is the same on every IEEE machine. Caches the second value.
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u, v, s;
    do {
      u = 2.0 * uniform() - 1.0;
      v = 2.0 * uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double m = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * m;
    has_spare_ = true;
    return u * m;
  }

 private:
  std::mt19937_64 engine_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace kappa
