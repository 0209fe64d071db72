#include "kappa/theory/spectrum.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "kappa/core/errors.hpp"
#include "kappa/core/format_number.hpp"
#include "kappa/core/random.hpp"

namespace kappa {
namespace {

std::string num(double x) { return shortest(x); }

double physical_memory_mib() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
  return pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page) / (1 << 20) : 0.0;
}

void check_range(double a, double b, std::int64_t n) {
  if (!std::isfinite(a) || a <= 0) throw InputError("lower end " + num(a) + ": must be a finite number > 0");
  if (!std::isfinite(b) || b <= 0) throw InputError("upper end " + num(b) + ": must be a finite number > 0");
  if (b < a) throw InputError("upper end " + num(b) + " is below lower end " + num(a) + ": expected A <= B");
  if (n < 1) throw InputError("N = " + std::to_string(n) + ": must be at least 1");
  // Checked before allocating: the eigenvalues alone need 8·N bytes.
  const double need_mib = static_cast<double>(n) * 8.0 / (1 << 20);
  const double limit_mib =
      Spectrum::memory_limit_mib > 0 ? Spectrum::memory_limit_mib : physical_memory_mib() / 2;
  if (n > Spectrum::max_size || (limit_mib > 0 && need_mib > limit_mib))
    throw InputError("N = " + std::to_string(n) + ": too large: the eigenvalues alone would need " +
                     std::to_string(static_cast<long long>(need_mib)) + " MiB, more than the " +
                     std::to_string(static_cast<long long>(limit_mib)) +
                     " MiB allowed (half of this machine's memory)");
}

}  // namespace

Spectrum::Spectrum(std::vector<double> lambdas, const std::string& what) : lambdas_(std::move(lambdas)) {
  if (lambdas_.empty()) throw InputError(what + ": no eigenvalues");
  for (std::size_t i = 0; i < lambdas_.size(); ++i) {
    const double x = lambdas_[i];
    if (!std::isfinite(x) || x <= 0)
      throw InputError(what + ": eigenvalue " + num(x) + " (number " + std::to_string(i + 1) +
                       "): must be a finite number > 0");
  }
  std::sort(lambdas_.begin(), lambdas_.end());
  if (!std::isfinite(lambdas_.back() / lambdas_.front()))
    throw InputError(what + ": condition number " + num(lambdas_.back()) + " / " + num(lambdas_.front()) +
                     " exceeds the largest double (1.8e308)");
}

Spectrum Spectrum::ends(double a, double b) {
  check_range(a, b, 2);
  return a == b ? Spectrum({a}) : Spectrum({a, b});
}

Spectrum Spectrum::linear(double a, double b, std::int64_t n) {
  check_range(a, b, n);
  std::vector<double> v(static_cast<std::size_t>(n));
  if (n == 1) return Spectrum({a});
  for (std::int64_t i = 0; i < n; ++i)
    v[i] = a + (b - a) * (static_cast<double>(i) / static_cast<double>(n - 1));
  v.back() = b;  // exact end despite rounding
  return Spectrum(std::move(v));
}

Spectrum Spectrum::geometric(double a, double b, std::int64_t n) {
  check_range(a, b, n);
  if (n == 1) return Spectrum({a});
  std::vector<double> v(static_cast<std::size_t>(n));
  const double log_ratio = std::log(b / a);
  for (std::int64_t i = 0; i < n; ++i)
    v[i] = a * std::exp(log_ratio * (static_cast<double>(i) / static_cast<double>(n - 1)));
  v.front() = a;
  v.back() = b;
  return Spectrum(std::move(v));
}

Spectrum Spectrum::cluster(double a, double b, std::int64_t n, double frac) {
  check_range(a, b, n);
  if (!(frac >= 0 && frac <= 1)) throw InputError("FRAC " + num(frac) + ": must be in [0, 1]");
  const auto at_a = static_cast<std::int64_t>(std::llround(frac * static_cast<double>(n)));
  std::vector<double> v(static_cast<std::size_t>(n), b);
  std::fill(v.begin(), v.begin() + at_a, a);
  return Spectrum(std::move(v));
}

Spectrum Spectrum::uniform(double a, double b, std::int64_t n, std::uint64_t seed) {
  check_range(a, b, n);
  if (n == 1) return Spectrum({a});
  // The ends are always present so that λ_min, λ_max and κ are exactly A, B and B/A.
  std::vector<double> v(static_cast<std::size_t>(n));
  Rng rng(seed);
  v[0] = a;
  v[1] = b;
  for (std::int64_t i = 2; i < n; ++i) v[i] = rng.uniform(a, b);
  return Spectrum(std::move(v));
}

}  // namespace kappa
