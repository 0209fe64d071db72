// Exact convergence verdicts at the stability boundary (theory::converges / mode_converges, rate
// clamped to 1, iteration counts from 1 − ρ) against independent computations:
//   - the Jury/Schur criterion |D| < 1, |T| < 1 + D evaluated in exact rational arithmetic
//     (boost::multiprecision::cpp_rational) on trace and determinant of the iteration matrix built
//     here from its entries, the doubles converted exactly — not the reduced bounds on αλ that
//     theory.cpp uses;
//   - the criterion itself against Eigen's general eigen solver and against the recurrence iterated;
//   - 1 − ρ against the eigenvalue formula evaluated with 50 decimal digits (cpp_bin_float_50).
#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/cpp_int.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "kappa/core/errors.hpp"
#include "kappa/theory/rate_map.hpp"
#include "kappa/theory/theory.hpp"

#include "helpers.hpp"

using namespace kappa;
using namespace kappa::theory;
using Rat = boost::multiprecision::cpp_rational;
using Big = boost::multiprecision::cpp_bin_float_50;

namespace {

// A double as an exact rational (every finite double is m·2^e).
Rat exact(double x) {
  int e = 0;
  const double m = std::frexp(x, &e);  // x = m·2^e, |m| in [0.5, 1)
  const auto mi = static_cast<long long>(std::ldexp(m, 53));
  Rat r(mi);
  e -= 53;
  Rat two(2);
  Rat p(1);
  for (int i = 0; i < std::abs(e); ++i) p *= two;
  return e >= 0 ? Rat(r * p) : Rat(r / p);
}

// The iteration matrix entries in (v, w) coordinates, as in the header comment of theory.hpp,
// built here in exact arithmetic; T = trace, D = determinant.
struct RatTD {
  Rat t, d;
};
RatTD exact_trace_det(Method m, double lambda, const Params& p) {
  const Rat a = exact(p.alpha), b = exact(p.beta), l = exact(lambda), one(1);
  Rat m00, m01, m10, m11;
  switch (m) {
    case Method::heavy_ball:
      m00 = b;
      m01 = -l;
      m10 = a * b;
      m11 = one - a * l;
      break;
    case Method::nesterov: {
      const Rat s = one - a * l;
      m00 = b * s;
      m01 = -l;
      m10 = a * b * s;
      m11 = s;
      break;
    }
    case Method::nesterov_lecture: {
      const Rat c = b - a * l;
      m00 = c;
      m01 = -l;
      m10 = a * c;
      m11 = one - a * l;
      break;
    }
    case Method::gd: return {one - a * l, 0};
    case Method::newton: return {one - a, 0};
  }
  return {m00 + m11, m00 * m11 - m01 * m10};
}

// Schur stability of z² − Tz + D (Jury): |D| < 1 and |T| < 1 + D; of z − σ: |σ| < 1.
bool jury_exact(Method m, double lambda, const Params& p) {
  const auto [t, d] = exact_trace_det(m, lambda, p);
  if (!has_momentum(m)) return abs(t) < 1;
  return abs(d) < 1 && abs(t) < 1 + d;
}

// theory.hpp's definition of the verdict: the exact Jury criterion, with a margin 1 + D − |T| at the
// far edge (T < 0, where it is c − k·αλ) within the inputs' rounding ε·(c + k·αλ) counted as the
// boundary. c + k·αλ = 2c − margin: the test computes it from the exact margin.
bool verdict(Method m, double lambda, const Params& p, double c) {
  if (!jury_exact(m, lambda, p)) return false;
  const auto [t, d] = exact_trace_det(m, lambda, p);
  if (t >= 0) return true;
  const Rat margin = has_momentum(m) ? Rat(1 + d - abs(t)) : Rat(1 - abs(t));
  return margin > exact(std::numeric_limits<double>::epsilon()) * (2 * exact(c) - margin);
}

Big to_big(const Rat& r) { return Big(numerator(r)) / Big(denominator(r)); }

double eigen_radius(Method m, double lambda, const Params& p) {
  const auto im = iteration_matrix(m, lambda, p);
  if (im.dim == 1) return std::fabs(im.m[0][0]);
  Eigen::Matrix2d a;
  a << im.m[0][0], im.m[0][1], im.m[1][0], im.m[1][1];
  return Eigen::EigenSolver<Eigen::Matrix2d>(a, false).eigenvalues().cwiseAbs().maxCoeff();
}

// The boundary in u = αλ, derived by hand from the Jury criterion (used only to place test points
// near it; the verdicts are checked against jury_exact).
double boundary_u(Method m, double beta) {
  switch (m) {
    case Method::gd: return 2;
    case Method::heavy_ball: return 2 * (1 + beta);
    case Method::nesterov: return (2 + 2 * beta) / (1 + 2 * beta);
    case Method::nesterov_lecture: return (2 + 2 * beta) / 3;
    case Method::newton: return 2;
  }
  return 0;
}

const Method kAll[] = {Method::gd, Method::heavy_ball, Method::nesterov, Method::nesterov_lecture};

}  // namespace

TEST_CASE("the issue's case: heavy ball at alpha*lambda = 2(1+beta) does not converge, rate exactly 1") {
  // λ = 1, α = 2.3, β = 0.15: αλ = 2 + 2β in doubles (2·fl(1.15) = fl(2.3)); the roots are −1, −β.
  const Spectrum s({1});
  const Params p{2.3, 0.15};
  // The doubles are 0.7 ulp inside (fl(2.3) < 2 + fl(0.3)): a margin below the inputs' rounding.
  CHECK(jury_exact(Method::heavy_ball, 1, p));
  CHECK_FALSE(verdict(Method::heavy_ball, 1, p, 2.3));
  CHECK_FALSE(converges(Method::heavy_ball, s, p));
  CHECK(rate(Method::heavy_ball, s, p) == 1);
  CHECK(mode_radius(Method::heavy_ball, 1, p) == 1);
  CHECK(mode_eigen(Method::heavy_ball, 1, p).radius == 1);
  CHECK_FALSE(iterations_to_tol(Method::heavy_ball, s, p, 1e-6, rate(Method::heavy_ball, s, p)).has_value());
  // 1e-15 inside the boundary: converges.
  const Params in{2.3 * (1 - 1e-15), 0.15};
  CHECK(verdict(Method::heavy_ball, 1, in, 2.3));
  CHECK(converges(Method::heavy_ball, s, in));
  CHECK(rate(Method::heavy_ball, s, in) <= 1);
}

TEST_CASE("converges equals the exact rational Jury criterion a few ulps around every boundary") {
  std::mt19937_64 gen(20261201);
  std::uniform_real_distribution<double> ub(0.0, 0.999), ul(-3, 3);
  int unstable = 0, stable = 0;
  for (const Method m : kAll)
    for (int trial = 0; trial < 400; ++trial) {
      const double beta = m == Method::gd ? 0.0 : (trial % 5 == 0 ? 0.0 : ub(gen));
      const double lambda = std::pow(10.0, ul(gen));
      double alpha = boundary_u(m, beta) / lambda;
      const int steps = static_cast<int>(gen() % 17) - 8;  // −8 … 8 ulps
      for (int k = 0; k < std::abs(steps); ++k) alpha = std::nextafter(alpha, steps > 0 ? 10.0 : 0.0);
      const Params p{alpha, beta};
      CAPTURE(to_string(m));
      CAPTURE(lambda);
      CAPTURE(alpha);
      CAPTURE(beta);
      const bool ref = verdict(m, lambda, p, m == Method::gd ? 2.0 : 2 + 2 * beta);
      (ref ? stable : unstable)++;
      CHECK(mode_converges(m, lambda, p) == ref);
      const Spectrum s({lambda / 7, lambda});
      CHECK(converges(m, s, p) == ref);
      // The printed rate agrees with the verdict: ≤ 1 when it converges, ≥ 1 otherwise.
      const double r = rate(m, s, p);
      CHECK((ref ? r <= 1 : r >= 1));
      // The sweep's vectorised kernel gives the same clamped number.
      CHECK(RateKernel(m, s)(p) == r);
    }
  CHECK(stable > 100);  // both sides of the boundary were exercised
  CHECK(unstable > 100);
  // newton: 0 < α < 2, exactly.
  CHECK(converges(Method::newton, Spectrum({3}), {2 * (1 - 1e-15), 0}));
  CHECK_FALSE(converges(Method::newton, Spectrum({3}), {std::nextafter(2.0, 0.0), 0}));
  CHECK_FALSE(converges(Method::newton, Spectrum({3}), {2.0, 0}));
  CHECK(rate(Method::newton, Spectrum({3}), {2.0, 0}) == 1);
}

TEST_CASE("exact rational boundary cases: the bound itself is not stable, the next double inside is") {
  // Points exactly on the boundary in binary: gd αλ = 2; heavy ball β = 0.5, αλ = 3; nesterov β = 0.5,
  // (1+2β)αλ = 2αλ = 3 → αλ = 1.5; nesterov-lecture β = 0.5, 3αλ = 3 → αλ = 1.
  struct Case {
    Method m;
    double beta, u;
  };
  for (const Case c : {Case{Method::gd, 0, 2}, Case{Method::heavy_ball, 0.5, 3},
                       Case{Method::nesterov, 0.5, 1.5}, Case{Method::nesterov_lecture, 0.5, 1}}) {
    CAPTURE(to_string(c.m));
    const double lambda = 4;  // α = u/4 exact
    const Params on{c.u / lambda, c.beta}, in{c.u / lambda * (1 - 1e-14), c.beta};
    REQUIRE_FALSE(jury_exact(c.m, lambda, on));
    REQUIRE(jury_exact(c.m, lambda, in));
    // One ulp inside is within the rounding of the inputs: the boundary.
    CHECK_FALSE(mode_converges(c.m, lambda, {std::nextafter(c.u / lambda, 0.0), c.beta}));
    CHECK_FALSE(mode_converges(c.m, lambda, on));
    CHECK(mode_radius(c.m, lambda, on) == 1);  // a root on the unit circle: exactly 1
    CHECK(mode_converges(c.m, lambda, in));
    // The root on the unit circle, by Eigen: |σ| = 1 to rounding.
    CHECK(eigen_radius(c.m, lambda, on) == doctest::Approx(1).epsilon(1e-12));
  }
}

TEST_CASE("the Jury criterion agrees with Eigen's eigen solver and with the iterated recurrence") {
  // Away from the boundary (relative offsets 1e-2 … 0.5 in αλ) the radius is clearly on one side.
  for (const Method m : kAll)
    for (const double beta : {0.0, 0.1, 0.5, 0.9, 0.99})
      for (const double off : {-0.5, -0.1, -0.01, 0.01, 0.1, 0.5}) {
        if (m == Method::gd && beta != 0) continue;
        const double lambda = 2.5, alpha = boundary_u(m, beta) * (1 + off) / lambda;
        const Params p{alpha, beta};
        CAPTURE(to_string(m));
        CAPTURE(beta);
        CAPTURE(off);
        const bool conv = mode_converges(m, lambda, p);
        CHECK(conv == (off < 0));
        CHECK(conv == (eigen_radius(m, lambda, p) < 1));
        CHECK(conv == jury_exact(m, lambda, p));
        // The recurrence iterated (the matrix applied to (1, 1)), renormalised each step, log growth summed.
        const auto im = iteration_matrix(m, lambda, p);
        double x = 1, y = 1, log_growth = 0;
        const int n = 20000;
        for (int k = 0; k < n; ++k) {
          const double nx = im.dim == 1 ? im.m[0][0] * x : im.m[0][0] * x + im.m[0][1] * y;
          const double ny = im.dim == 1 ? 0 : im.m[1][0] * x + im.m[1][1] * y;
          const double norm = std::hypot(nx, ny);
          if (norm == 0) {  // the map sent the state to 0 exactly (σ = 0): converged
            log_growth = -1;
            break;
          }
          log_growth += std::log(norm);
          x = nx / norm;
          y = ny / norm;
        }
        CHECK((log_growth < 0) == conv);
      }
}

TEST_CASE("1 - rho without cancellation against 50-digit arithmetic, iterations where rho rounds to 1") {
  auto big_gap = [](Method m, double lambda, const Params& p) -> Big {
    const auto [tr, dr] = exact_trace_det(m, lambda, p);
    const Big t = to_big(tr), d = to_big(dr);
    if (!has_momentum(m)) return Big(1) - abs(t);
    const Big disc = t * t - 4 * d;
    const Big rho = disc >= 0 ? Big((abs(t) + sqrt(disc)) / 2) : Big(sqrt(d));
    return Big(1) - rho;
  };
  std::mt19937_64 gen(7);
  std::uniform_real_distribution<double> uu(0.01, 0.95), ub(0.0, 0.99);
  for (const Method m : kAll)
    for (int trial = 0; trial < 300; ++trial) {
      const double beta = m == Method::gd ? 0.0 : ub(gen);
      const double lambda = 3, alpha = boundary_u(m, beta) * uu(gen) / lambda;
      const Params p{alpha, beta};
      const double ref = static_cast<double>(big_gap(m, lambda, p));
      CAPTURE(to_string(m));
      CAPTURE(alpha);
      CAPTURE(beta);
      CAPTURE(ref);
      // A gap near a double root (critical damping) has a √ of the rounding in T² − 4D: 1e-7 there.
      CHECK(mode_gap(m, lambda, p) == doctest::Approx(ref).epsilon(1e-7));
    }
  // Tiny αλ: ρ = 1 − O(αλ) rounds to 1 but the gap is exact to rounding (here 1e-17).
  for (const Method m : kAll) {
    const Params p{1e-17, m == Method::gd ? 0.0 : 0.3};
    const double ref = static_cast<double>(big_gap(m, 1, p));
    CAPTURE(to_string(m));
    CHECK(ref > 0);
    CHECK(mode_gap(m, 1, p) == doctest::Approx(ref).epsilon(1e-12));
  }
  // gd at κ = 1e17 with its closed-form step: converges (exactly), the rate rounds to 1, and the
  // iteration count ⌈ln ε / ln(1 − g)⌉, g = min(αμ, 2 − αL) in exact arithmetic, is finite.
  const Spectrum s = Spectrum::ends(1, 1e17);
  const auto opt = optimal_closed_form(Method::gd, 1, 1e17);
  REQUIRE(opt.has_value());
  CHECK(verdict(Method::gd, 1e17, opt->params, 2.0));
  CHECK(converges(Method::gd, s, opt->params));
  const double r = rate(Method::gd, s, opt->params);
  CHECK(r == 1);
  const Rat a = exact(opt->params.alpha);
  const Rat g1 = a, g2 = Rat(2) - a * exact(1e17);
  const Big g = to_big(g1 < g2 ? Rat(g1) : Rat(g2));
  const Big kref = ceil(log(Big(1e-6)) / log(Big(1) - g));
  const auto k = iterations_to_tol(Method::gd, s, opt->params, 1e-6, r);
  REQUIRE(k.has_value());
  CHECK(static_cast<double>(*k) == doctest::Approx(static_cast<double>(kref)).epsilon(1e-9));
}

TEST_CASE("unrepresentable spectra and optima are refused, naming the value") {
  auto message = [](auto f) { return test::input_error_of(f); };
  // λ_max/λ_min = 1e600 is beyond a double: refused, not κ = inf.
  CHECK(message([] {
          Spectrum({1e-300, 1e300});
        }) == "spectrum: condition number 1e+300 / 1e-300 exceeds the largest double (1.8e308)");
  // κ = 1e40: heavy ball's β* = ((√L−√μ)/(√L+√μ))² = 1 − 4e-20 rounds to 1 (refused as an input).
  CHECK(message([] {
          optimal_closed_form(Method::heavy_ball, 1, 1e40);
        }).find("kappa 1e+40: the optimal beta of heavy-ball is 1 - 4e-20") == 0);
  CHECK(message([] {
          optimal_closed_form(Method::nesterov, 1, 1e40);
        }).find("kappa 1e+40: the optimal beta of nesterov") == 0);
  // Still representable at κ = 1e30: β* < 1 and the verdict is "converges".
  const auto o = optimal_closed_form(Method::heavy_ball, 1, 1e30);
  REQUIRE(o.has_value());
  CHECK(o->params.beta < 1);
  CHECK(converges(Method::heavy_ball, Spectrum::ends(1, 1e30), o->params));
}
