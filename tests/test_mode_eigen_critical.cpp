// mode_eigen at a double root (critical damping): σ₁ = σ₂ = T/2, |σ| = √D, regime critical.
// Found by the figures (heavy ball at its optimum: both extreme modes are critical). The expected
// values are the lecture's closed forms: at α* = 4/(√λ₁+√λₙ)², β* = ((√κ−1)/(√κ+1))² the extreme
// modes have T = 1 + β − αλ with T² = 4β, so σ = ±√β* = ±(√κ−1)/(√κ+1) = ±9/11 for κ = 100.
#include <doctest/doctest.h>

#include <cmath>

#include "kappa/theory.hpp"

using namespace kappa;

TEST_CASE("heavy ball at its optimum: the extreme modes are critically damped at +-sqrt(beta*)") {
  const double k = 100, alpha = 4.0 / ((1 + std::sqrt(k)) * (1 + std::sqrt(k))), beta = 81.0 / 121.0;
  const theory::Params p{alpha, beta};
  const auto lo = theory::mode_eigen(theory::Method::heavy_ball, 1.0, p);
  const auto hi = theory::mode_eigen(theory::Method::heavy_ball, k, p);
  CHECK(lo.regime == theory::Regime::critical);
  CHECK(hi.regime == theory::Regime::critical);
  CHECK(lo.sigma1.real() == doctest::Approx(9.0 / 11).epsilon(1e-12));
  CHECK(lo.sigma2.real() == doctest::Approx(9.0 / 11).epsilon(1e-12));
  CHECK(hi.sigma1.real() == doctest::Approx(-9.0 / 11).epsilon(1e-12));
  CHECK(std::abs(lo.sigma1.imag()) == 0.0);
  CHECK(lo.radius == doctest::Approx(std::sqrt(beta)).epsilon(1e-12));
  CHECK(hi.radius == doctest::Approx(std::sqrt(beta)).epsilon(1e-12));
  // The radius agrees with the one the rate uses.
  CHECK(lo.radius == doctest::Approx(theory::mode_radius(theory::Method::heavy_ball, 1.0, p)).epsilon(1e-15));
}
