// Branch-free closed-form radii, vectorised over the eigenvalues.
//
// Each per-method function below repeats, operation for operation, theory::trace_det,
// theory::discriminant and theory::mode_radius (lib/src/theory/theory.cpp): with u = αλ,
//   radius = 0.5·|T|                 when a factor of the discriminant is within rounding of zero,
//            √D                      when the discriminant T² − 4D < 0 (complex pair, |σ|² = D),
//            0.5·(|T| + √(T² − 4D))  otherwise (the larger real root),
// where the discriminant is the factored, cancellation-free product c·(a₁ − b₁)·(a₂ − b₂). The
// three cases become selects (x = 0 for a repeated root, sqrt(max(x, 0)), a final select for the
// complex case), so the loop has no branch and g++ vectorises it (check: build with
// -fopt-info-vec-optimized; the `acc` loops are reported as vectorised). IEEE sqrt, +, −, ×, |·| are
// correctly rounded and -ffp-contract=off forbids fused multiply-adds, so every lane gives the bits
// the scalar theory::mode_radius gives; the max is exact, hence order-independent.
//
// The λ array is padded with copies of λ_max to a multiple of kLanes (a repeated eigenvalue does not
// change a maximum), and the running maxima live in kLanes independent accumulators: an elementwise
// max, which vectorises without -ffast-math, unlike a scalar max-reduction.
//
// std::sqrt may set errno, and with -ftrapping-math g++ will not if-convert a select whose arms may
// raise an FP exception flag (sqrt of a negative, a comparison with NaN): both keep a scalar loop with
// branches. CMakeLists.txt compiles this file with -fno-math-errno -fno-trapping-math.
// Neither changes a result: no FP trap is ever enabled, and an unselected lane's value is discarded.
// On x86-64 g++ also builds an AVX2 clone of each kernel (target_clones, chosen at load time): the
// same IEEE operations four lanes wide, so the results do not depend on the clone taken.
#include "kappa/theory/rate_map.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

#include "kappa/core/errors.hpp"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define KAPPA_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define KAPPA_CLONES
#endif

namespace kappa::theory {
namespace {

constexpr std::size_t kLanes = 16;
constexpr double kEps8 = 8 * std::numeric_limits<double>::epsilon();

constexpr double kE16 = 16 * std::numeric_limits<double>::epsilon();

// The spectral radius of a mode with trace t, determinant d and discriminant x = t² − 4d:
// ½(|t| + √x) for a real pair (x ≥ 0), √d for a complex one (|σ|² = d).
[[gnu::always_inline]] inline double pair_radius(double t, double x, double d) {
  const double real = 0.5 * (std::fabs(t) + std::sqrt(x < 0 ? 0.0 : x));
  return x < 0 ? std::sqrt(d < 0 ? 0.0 : d) : real;
}

// theory.cpp's Factor::near_zero for a − b, with the factor's absolute rounding slack.
inline bool near_zero(double a, double b, double slack = 0) {
  return std::fabs(a - b) <= kEps8 * (std::fabs(a) + std::fabs(b)) + slack;
}

inline double finish(double acc[kLanes]) {
  double m = 0;
  for (std::size_t k = 0; k < kLanes; ++k) m = m < acc[k] ? acc[k] : m;
  return m;
}

// gd: σ = 1 − αλ.
KAPPA_CLONES double max_radius_gd(const double* lam, std::size_t n, double alpha) {
  double acc[kLanes] = {};
  for (std::size_t i = 0; i < n; i += kLanes)
    for (std::size_t k = 0; k < kLanes; ++k) {
      const double r = std::fabs(1 - alpha * lam[i + k]);
      acc[k] = acc[k] < r ? r : acc[k];
    }
  return finish(acc);
}

// heavy-ball: T = 1+β−u, D = β, T² − 4β = ((1−√β)² − u)·((1+√β)² − u).
KAPPA_CLONES double max_radius_hb(const double* lam, std::size_t n, double alpha, double beta) {
  const double s = std::sqrt(beta);
  const double a1 = (1 - s) * (1 - s), a2 = (1 + s) * (1 + s);
  const double slack1 = kE16 * (1 - s), slack2 = kE16 * (1 + s);
  double acc[kLanes] = {};
  for (std::size_t i = 0; i < n; i += kLanes)
    for (std::size_t k = 0; k < kLanes; ++k) {
      const double u = alpha * lam[i + k];
      const double t = 1 + beta - u;
      // near_zero(a1, u, slack1) | near_zero(a2, u, slack2) with |a₁| = a₁, |a₂| = a₂ (squares) and
      // |u| = u (α, λ > 0) written out: the same bits, two fewer |·| per factor.
      const bool rep =
          (std::fabs(a1 - u) <= kEps8 * (a1 + u) + slack1) | (std::fabs(a2 - u) <= kEps8 * (a2 + u) + slack2);
      const double x = rep ? 0.0 : (a1 - u) * (a2 - u);
      const double real = 0.5 * (std::fabs(t) + std::sqrt(x < 0 ? 0.0 : x));
      const double r = x < 0 ? s : real;
      acc[k] = acc[k] < r ? r : acc[k];
    }
  return finish(acc);
}

// nesterov: T = (1+β)(1−u), D = β(1−u), T² − 4D = (1 − u)·((1−β)² − (1+β)²u).
KAPPA_CLONES double max_radius_nag(const double* lam, std::size_t n, double alpha, double beta) {
  const double a2 = (1 - beta) * (1 - beta), b2 = (1 + beta) * (1 + beta);
  const double slack2 = kE16 * (1 - beta);
  double acc[kLanes] = {};
  for (std::size_t i = 0; i < n; i += kLanes)
    for (std::size_t k = 0; k < kLanes; ++k) {
      const double l = lam[i + k];
      const double u = alpha * l;
      const double t = (1 + beta) * (1 - alpha * l), d = beta * (1 - alpha * l);
      const double v = b2 * u;
      const bool rep = near_zero(1.0, u) | near_zero(a2, v, slack2);
      const double x = rep ? 0.0 : (1 - u) * (a2 - v);
      const double r = pair_radius(t, x, d);
      acc[k] = acc[k] < r ? r : acc[k];
    }
  return finish(acc);
}

// nesterov-lecture: T = 1+β−2αλ, D = β − αλ; T² − 4D = 4u² − 4βu + (1−β)²:
//   β < ½: ((1−β)² + 4u² − 4βu)·1 (no real root in u);  β ≥ ½: 4(u − u₁)(u − u₂).
KAPPA_CLONES double max_radius_nagl_low(const double* lam, std::size_t n, double alpha, double beta) {
  const double omb2 = (1 - beta) * (1 - beta);
  double acc[kLanes] = {};
  for (std::size_t i = 0; i < n; i += kLanes)
    for (std::size_t k = 0; k < kLanes; ++k) {
      const double l = lam[i + k];
      const double u = alpha * l;
      const double t = 1 + beta - 2 * alpha * l, d = beta - alpha * l;
      const double fa = omb2 + 4 * u * u, fb = 4 * beta * u;
      double x = (1 * (fa - fb)) * (1.0 - 0.0);
      x = near_zero(fa, fb) ? 0.0 : x;
      const double r = pair_radius(t, x, d);
      acc[k] = acc[k] < r ? r : acc[k];
    }
  return finish(acc);
}

KAPPA_CLONES double max_radius_nagl_high(const double* lam, std::size_t n, double alpha, double beta) {
  const double omb2 = (1 - beta) * (1 - beta);
  const double u2 = (beta + std::sqrt(2 * beta - 1)) / 2;
  const double u1 = omb2 / (4 * u2);
  const double slack1 = kE16 * (1 - beta) / (4 * u2);
  double acc[kLanes] = {};
  for (std::size_t i = 0; i < n; i += kLanes)
    for (std::size_t k = 0; k < kLanes; ++k) {
      const double l = lam[i + k];
      const double u = alpha * l;
      const double t = 1 + beta - 2 * alpha * l, d = beta - alpha * l;
      const bool rep = near_zero(u, u1, slack1) | near_zero(u, u2);
      const double x = rep ? 0.0 : (4 * (u - u1)) * (u - u2);
      const double r = pair_radius(t, x, d);
      acc[k] = acc[k] < r ? r : acc[k];
    }
  return finish(acc);
}

}  // namespace

// Why the ends suffice (gd, heavy-ball, nesterov). Write ρ(u) for the radius at u = αλ ≥ 0 with β
// fixed. If ρ is quasi-convex in u (non-increasing up to some u₀, non-decreasing after), then its
// maximum over the u of a spectrum, all in [αλ_min, αλ_max], is attained at αλ_min or αλ_max.
//   gd          ρ = |1 − u|: convex.
//   heavy-ball  T = 1+β−u, D = β. For u < (1−√β)²: T > 2√β, real roots, ρ = (T + √(T²−4β))/2 grows
//               with T, so it falls as u grows. For u in [(1−√β)², (1+√β)²]: complex, ρ = √β, flat.
//               For u > (1+√β)²: T < −2√β, ρ = (|T| + √(T²−4β))/2 grows with |T| = u−1−β.
//   nesterov    T = (1+β)(1−u), D = β(1−u). For u ≤ 1 the real branch ρ = (1−u)((1+β) +
//               √((1+β)² − 4β/(1−u)))/2 and the complex branch √(β(1−u)) both fall as u grows (and
//               ρ = 0 at u = 1); for u > 1, T < 0 and D < 0, ρ = (|T| + √(T² + 4|D|))/2 grows with
//               u − 1. Quasi-convex.
//   newton      ρ = |1 − α| for every λ.
// nesterov-lecture (D = β − u changes sign inside the spectrum) is left out: not claimed.
// In floating point every operation is monotone (correct rounding), so each computed branch is
// monotone too; tests/unit/theory/test_rate_map.cpp compares ends-only with the full maximum on random spectra.
bool ends_suffice(Method m) { return m != Method::nesterov_lecture; }

RateKernel::RateKernel(Method m, const Spectrum& s, bool ends_only) : method_(m) {
  if (ends_only && !ends_suffice(m))
    throw FieldError("ends_only", ": not valid for " + std::string(to_string(m)) +
                                      " (its radius is not quasi-convex in alpha*lambda)");
  if (ends_only)
    lambdas_ = {s.lambda_min(), s.lambda_max()};
  else
    lambdas_ = s.values();
  count_ = lambdas_.size();
  const std::size_t padded = (count_ + kLanes - 1) / kLanes * kLanes;
  lambdas_.resize(padded, s.lambda_max());
}

namespace {
double raw_max_radius(Method m, const double* lam, std::size_t n, const Params& p) {
  switch (m) {
    case Method::gd: return max_radius_gd(lam, n, p.alpha);
    case Method::heavy_ball: return max_radius_hb(lam, n, p.alpha, p.beta);
    case Method::nesterov: return max_radius_nag(lam, n, p.alpha, p.beta);
    case Method::nesterov_lecture:
      return p.beta < 0.5 ? max_radius_nagl_low(lam, n, p.alpha, p.beta)
                          : max_radius_nagl_high(lam, n, p.alpha, p.beta);
    case Method::newton: return std::fabs(1 - p.alpha);
  }
  return 0;
}
}  // namespace

// Clamped to the exact verdict as theory::rate is (≤ 1 iff theory::mode_converges at λ_max, which
// is the last entry: the padding repeats λ_max).
double RateKernel::operator()(const Params& p) const {
  const double* lam = lambdas_.data();
  const std::size_t n = lambdas_.size();
  const double r = raw_max_radius(method_, lam, n, p);
  const int v = mode_boundary_verdict(method_, lam[n - 1], p);
  return v < 0 ? std::min(r, 1.0) : v == 0 ? 1.0 : std::max(r, 1.0);
}

void RateKernel::map(std::span<const double> alphas, std::span<const double> betas, std::span<double> out,
                     int threads) const {
  const std::size_t na = alphas.size(), nb = betas.size();
  if (out.size() != na * nb) throw RuntimeError("RateKernel::map: output size does not match the grid");
  auto rows = [&](std::size_t j0, std::size_t j1) {
    for (std::size_t j = j0; j < j1; ++j)
      for (std::size_t i = 0; i < na; ++i) out[j * na + i] = (*this)(Params{alphas[i], betas[j]});
  };
  const std::size_t t = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), 1,
                                                std::max<std::size_t>(nb, 1));
  if (t == 1) {
    rows(0, nb);
    return;
  }
  // Rows handed out one at a time: on a shared machine a descheduled thread does not hold back a
  // fixed half of the map.
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t j; (j = next.fetch_add(1)) < nb;) rows(j, j + 1);
  };
  std::vector<std::thread> pool;
  for (std::size_t w = 0; w < t; ++w) pool.emplace_back(work);
  for (auto& th : pool) th.join();
}

}  // namespace kappa::theory
