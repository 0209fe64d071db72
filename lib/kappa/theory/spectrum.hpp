// A quadric's Hessian described by its eigenvalues: sorted, positive, finite.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace kappa {

class Spectrum {
 public:
  // Validates: non-empty, every λ finite and > 0. Sorts ascending. Throws InputError naming `what`.
  explicit Spectrum(std::vector<double> lambdas, const std::string& what = "spectrum");

  // The generators behind the spec strings (see io/spec.hpp). All validate A, B, N.
  static Spectrum ends(double lambda_min, double lambda_max);                // {A, B} (one value if A == B)
  static Spectrum linear(double a, double b, std::int64_t n);                // a + (b−a)·i/(n−1)
  static Spectrum geometric(double a, double b, std::int64_t n);             // a·(b/a)^(i/(n−1))
  static Spectrum cluster(double a, double b, std::int64_t n, double frac);  // round(frac·n) at a, rest at b
  static Spectrum uniform(double a, double b, std::int64_t n, std::uint64_t seed);  // ends included

  const std::vector<double>& values() const { return lambdas_; }
  std::size_t size() const { return lambdas_.size(); }
  double lambda_min() const { return lambdas_.front(); }
  double lambda_max() const { return lambdas_.back(); }
  double kappa() const { return lambdas_.back() / lambdas_.front(); }

  // Upper bound on n accepted by the generators (checked before allocating): 2^31 eigenvalues.
  static constexpr std::int64_t max_size = std::int64_t{1} << 31;
  // Memory the generators may allocate, in MiB; 0 means half the machine's physical memory.
  // (The fuzz targets lower it so that a huge N is rejected instead of exhausting memory.)
  static inline double memory_limit_mib = 0;

 private:
  std::vector<double> lambdas_;
};

}  // namespace kappa
