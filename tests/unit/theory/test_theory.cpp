// The theory closed forms (lib/kappa/theory/theory.hpp) against independent computations:
//   - Eigen's general (complex) eigen solver on the 2×2 iteration matrices;
//   - the scalar update rules written out here and iterated (one step, and thousands of steps whose
//     decay is measured);
//   - a brute-force grid minimisation written here (not theory::optimal_numeric);
//   - known values from the lecture and the literature, worked out by hand.
// Every tolerance below says why it is what it is.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <limits>
#include <vector>

#include "kappa/core/errors.hpp"
#include "kappa/theory/theory.hpp"

#include "helpers.hpp"

using namespace kappa;
using namespace kappa::theory;
using cd = std::complex<double>;

namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

const Method kMomentum[] = {Method::heavy_ball, Method::nesterov, Method::nesterov_lecture};

Eigen::Matrix2d to_eigen(const IterationMatrix& t) {
  Eigen::Matrix2d m;
  m << t.m[0][0], t.m[0][1], t.m[1][0], t.m[1][1];
  return m;
}

// Eigenvalues by Eigen's general real eigen solver (Hessenberg + shifted QR): no trace/determinant
// formula involved. Sorted by decreasing modulus.
std::array<cd, 2> eigen_solver(const Eigen::Matrix2d& m) {
  Eigen::EigenSolver<Eigen::Matrix2d> es(m, false);
  REQUIRE(es.info() == Eigen::Success);
  std::array<cd, 2> s = {es.eigenvalues()[0], es.eigenvalues()[1]};
  if (std::abs(s[1]) > std::abs(s[0])) std::swap(s[0], s[1]);
  return s;
}

// One step of each method's update rule on one mode, f(w) = ½λw² (error coordinates, w* = 0, so
// ∇f(w) = λw), written from the formulas in the lecture / issue, not from the matrix:
//   heavy-ball        v ← βv − ∇f(w),         w ← w + αv
//   nesterov          v ← βv − ∇f(w + αβv),   w ← w + αv
//   nesterov-lecture  v ← βv − ∇f(w + αv),    w ← w + αv     (the slide's lookahead)
//   gd                w ← w − α∇f(w)
//   newton            w ← w − α H⁻¹∇f(w) = w − α(1/λ)(λw)
struct State {
  double v, w;
};
State step(Method m, double lambda, const Params& p, State s) {
  const double a = p.alpha, b = p.beta;
  auto grad = [&](double w) { return lambda * w; };
  switch (m) {
    case Method::heavy_ball: {
      const double v = b * s.v - grad(s.w);
      return {v, s.w + a * v};
    }
    case Method::nesterov: {
      const double v = b * s.v - grad(s.w + a * b * s.v);
      return {v, s.w + a * v};
    }
    case Method::nesterov_lecture: {
      const double v = b * s.v - grad(s.w + a * s.v);
      return {v, s.w + a * v};
    }
    case Method::gd: return {0, s.w - a * grad(s.w)};
    case Method::newton: return {0, s.w - a * (1 / lambda) * grad(s.w)};
  }
  return s;
}

// The k-step map P_k = M^k obtained by iterating the update rule from the two unit states (its
// columns), never multiplying by the closed-form matrix.
struct Power {
  double a, b, c, d;  // [[a, b], [c, d]]
  double norm() const { return std::sqrt(a * a + b * b + c * c + d * d); }
};

// ln ‖P_k‖_F for k = 0..kmax from the recurrence. The pair of states is rescaled whenever its norm
// leaves [1e-100, 1e100] (the map is linear, so a common factor only shifts the log), so that K can
// be large whatever the rate.
std::vector<double> log_norms(Method m, double lambda, const Params& p, int kmax) {
  State e1{1, 0}, e2{0, 1};
  double log_scale = 0;
  std::vector<double> out;
  out.reserve(kmax + 1);
  for (int k = 0; k <= kmax; ++k) {
    const double n = Power{e1.v, e2.v, e1.w, e2.w}.norm();
    out.push_back(std::log(n) + log_scale);
    if (n < 1e-100 || n > 1e100) {
      e1 = {e1.v / n, e1.w / n};
      e2 = {e2.v / n, e2.w / n};
      log_scale += std::log(n);
    }
    e1 = step(m, lambda, p, e1);
    e2 = step(m, lambda, p, e2);
  }
  return out;
}

// Tolerance for comparing eigenvalues of a 2×2 matrix computed two ways. A backward-stable solver
// returns eigenvalues of M + E, ‖E‖ ≈ eps‖M‖; a simple eigenvalue then moves by ‖E‖·cond, with
// cond ≈ ‖M‖/|σ₁ − σ₂| for a 2×2; at (near-)critical damping the pair is a Jordan block and moves by
// up to √(‖E‖·‖M‖) (the square-root sensitivity of a defective eigenvalue). We take the smaller.
double eig_tolerance(const Eigen::Matrix2d& m, const std::array<cd, 2>& s) {
  const double nm = std::max(1.0, m.norm());
  const double gap = std::abs(s[0] - s[1]);
  const double simple = 64 * eps * nm * std::max(1.0, nm / std::max(gap, 1e-300));
  const double defective = 64 * std::sqrt(eps) * nm;
  return std::min(simple, defective);
}

bool same_pair(const std::array<cd, 2>& x, const std::array<cd, 2>& y, double tol) {
  const bool direct = std::abs(x[0] - y[0]) <= tol && std::abs(x[1] - y[1]) <= tol;
  const bool swapped = std::abs(x[0] - y[1]) <= tol && std::abs(x[1] - y[0]) <= tol;
  return direct || swapped;
}

// The grid shared by the matrix tests: curvatures over 7 decades, step sizes from tiny to past the
// stability limit (αλ up to ~10), momenta from 0 to 1 − 1e-9.
const double kLambdas[] = {1e-3, 0.1, 0.5, 1, 2, 10, 100, 1e4};
const double kAlphaLambda[] = {1e-6, 1e-3, 0.01, 0.1, 0.5, 1, 1.5, 1.99, 2.5, 3.9, 10};
const double kBetas[] = {0, 0.1, 0.3, 0.5, 0.81, 0.9, 0.99, 0.999999, 1 - 1e-9};

}  // namespace

TEST_CASE("method names round-trip and has_momentum matches the matrix dimension") {
  for (const Method m : all_methods()) {
    const auto back = method_from_string(to_string(m));
    REQUIRE(back.has_value());
    CHECK(*back == m);
    CHECK(has_momentum(m) == (iteration_matrix(m, 1, {0.1, 0.5}).dim == 2));
  }
  CHECK(to_string(Method::heavy_ball) == "heavy-ball");
  CHECK(to_string(Method::nesterov_lecture) == "nesterov-lecture");
  CHECK_FALSE(method_from_string("heavyball").has_value());
  CHECK_FALSE(method_from_string("").has_value());
  CHECK(to_string(Regime::critical) == "critical");
}

namespace {
// f(m, λ, αλ, p) at every method and grid point kLambdas × kAlphaLambda × kBetas, p = (αλ/λ, β) with
// β = 0 for a method without momentum.
template <class F>
void for_each_grid_point(F&& f) {
  for (const Method m : all_methods())
    for (const double lambda : kLambdas)
      for (const double al : kAlphaLambda)
        for (const double beta : kBetas) f(m, lambda, al, Params{al / lambda, has_momentum(m) ? beta : 0});
}
}  // namespace

TEST_CASE("iteration_matrix equals one step of the update rule written out") {
  // M·(v, w) must equal step(v, w) for arbitrary states; both sides round a handful of products, so
  // agreement within 8 ulps of the largest term.
  const State states[] = {{1, 0}, {0, 1}, {0.3, -1.7}, {-2.5, 0.125}};
  for_each_grid_point([&](Method m, double lambda, double al, Params p) {
    const auto t = iteration_matrix(m, lambda, p);
    for (const State s : states) {
      const State want = step(m, lambda, p, s);
      CAPTURE(to_string(m));
      CAPTURE(lambda);
      CAPTURE(p.alpha);
      CAPTURE(p.beta);
      CAPTURE(s.v);
      CAPTURE(s.w);
      if (t.dim == 1) {
        const double got = t.m[0][0] * s.w;
        CHECK(std::fabs(got - want.w) <= 8 * eps * (std::fabs(s.w) * (1 + al + p.alpha)));
      } else {
        const double gv = t.m[0][0] * s.v + t.m[0][1] * s.w;
        const double gw = t.m[1][0] * s.v + t.m[1][1] * s.w;
        const double scale = (std::fabs(s.v) + std::fabs(s.w)) * (1 + lambda) * (1 + p.alpha) * (1 + al);
        CHECK(std::fabs(gv - want.v) <= 8 * eps * scale);
        CHECK(std::fabs(gw - want.w) <= 8 * eps * scale);
      }
    }
  });
}

TEST_CASE("trace_det is the trace and determinant of iteration_matrix") {
  for_each_grid_point([&](Method m, double lambda, double al, Params p) {
    const auto t = iteration_matrix(m, lambda, p);
    const auto [tr, det] = trace_det(m, lambda, p);
    CAPTURE(to_string(m));
    CAPTURE(lambda);
    CAPTURE(p.alpha);
    CAPTURE(p.beta);
    if (t.dim == 1) {
      CHECK(tr == t.m[0][0]);
      CHECK(det == 0);
      return;
    }
    const double mt = t.m[0][0] + t.m[1][1];
    const double md = t.m[0][0] * t.m[1][1] - t.m[0][1] * t.m[1][0];
    const double scale = (1 + lambda) * (1 + p.alpha) * (1 + al);
    CHECK(std::fabs(tr - mt) <= 8 * eps * scale);
    CHECK(std::fabs(det - md) <= 16 * eps * scale * scale);
  });
}

TEST_CASE("mode_eigen matches Eigen's general eigen solver over a grid of (lambda, alpha, beta)") {
  int complex_seen = 0, real_seen = 0;
  for (const Method m : kMomentum)
    for (const double lambda : kLambdas)
      for (const double al : kAlphaLambda)
        for (const double beta : kBetas) {
          const Params p{al / lambda, beta};
          const Eigen::Matrix2d M = to_eigen(iteration_matrix(m, lambda, p));
          const auto want = eigen_solver(M);
          const auto e = mode_eigen(m, lambda, p);
          const double tol = eig_tolerance(M, want);
          CAPTURE(to_string(m));
          CAPTURE(lambda);
          CAPTURE(p.alpha);
          CAPTURE(beta);
          CAPTURE(tol);
          CAPTURE(want[0]);
          CAPTURE(want[1]);
          CAPTURE(e.sigma1);
          CAPTURE(e.sigma2);
          REQUIRE(e.dim == 2);
          CHECK(same_pair({e.sigma1, e.sigma2}, want, tol));
          CHECK(std::abs(e.sigma1) >= std::abs(e.sigma2) - tol);  // documented: σ₁ has the larger modulus
          const double radius = std::max(std::abs(want[0]), std::abs(want[1]));
          CHECK(std::fabs(e.radius - radius) <= tol);
          CHECK(std::fabs(mode_radius(m, lambda, p) - radius) <= tol);
          // The regime where Eigen's answer leaves no doubt (the pair is far from coinciding).
          const double gap = std::abs(want[0] - want[1]);
          if (gap > 1e-6 * (1 + radius)) {
            const bool is_complex = std::fabs(want[0].imag()) > 1e-9 * (1 + radius);
            CHECK(e.regime == (is_complex ? Regime::complex : Regime::real));
            (is_complex ? complex_seen : real_seen)++;
          }
        }
  // The grid really covers both regimes for every method.
  CHECK(complex_seen > 50);
  CHECK(real_seen > 50);
}

TEST_CASE("gd and newton: the 1x1 map is 1 - alpha*lambda and 1 - alpha") {
  for (const double lambda : kLambdas)
    for (const double al : kAlphaLambda) {
      const Params p{al / lambda, 0};
      const auto g = mode_eigen(Method::gd, lambda, p);
      CHECK(g.dim == 1);
      CHECK(g.sigma1 == cd(1 - p.alpha * lambda));
      CHECK(g.radius == std::fabs(1 - p.alpha * lambda));
      CHECK(g.regime == Regime::real);
      const auto n = mode_eigen(Method::newton, lambda, p);
      CHECK(n.sigma1 == cd(1 - p.alpha));
      CHECK(n.radius == std::fabs(1 - p.alpha));
    }
}

TEST_CASE("the lecture's heavy-ball matrix [[b, l], [-a b, 1 - a l]] has our eigenvalues") {
  // It is our map for the negated velocity u = −v: S M S with S = diag(−1, 1) (exact: negations only).
  for (const double lambda : kLambdas)
    for (const double al : kAlphaLambda)
      for (const double beta : kBetas) {
        const Params p{al / lambda, beta};
        const auto t = iteration_matrix(Method::heavy_ball, lambda, p);
        Eigen::Matrix2d lecture;
        lecture << beta, lambda, -p.alpha * beta, 1 - p.alpha * lambda;
        Eigen::Matrix2d S = Eigen::Vector2d(-1, 1).asDiagonal();
        CHECK((S * to_eigen(t) * S - lecture).norm() == 0);
        const auto ours = eigen_solver(to_eigen(t));
        const auto theirs = eigen_solver(lecture);
        CAPTURE(lambda);
        CAPTURE(p.alpha);
        CAPTURE(beta);
        CHECK(same_pair(ours, theirs, eig_tolerance(lecture, theirs)));
      }
}

TEST_CASE("critical damping: mode_eigen reports a repeated pair with its radius") {
  // Heavy ball, λ = 1, α = 0.01, β = 0.81: αλ = (1 − √β)² = 0.01, so T = 1.8, D = 0.81 and
  // σ₁ = σ₂ = √β = 0.9 (a Jordan block). Before the fix mode_eigen left σ and the radius at 0 and
  // called the mode "real".
  const auto e = mode_eigen(Method::heavy_ball, 1, {0.01, 0.81});
  CHECK(e.regime == Regime::critical);
  CHECK(std::abs(e.sigma1 - 0.9) <= 1e-15);
  CHECK(std::abs(e.sigma2 - 0.9) <= 1e-15);
  CHECK(std::fabs(e.radius - 0.9) <= 1e-15);
  CHECK(std::fabs(mode_radius(Method::heavy_ball, 1, {0.01, 0.81}) - 0.9) <= 1e-15);

  // Nesterov's textbook tuning makes λ_min critical: (1−β)² = (1+β)²αμ with α = 1/L, β = (√κ−1)/(√κ+1);
  // σ = T/2 = 1 − 1/√κ. κ = 100: σ = 0.9.
  const auto tb = nesterov_textbook(1, 100);
  const auto n = mode_eigen(Method::nesterov, 1, tb.params);
  CHECK(n.regime == Regime::critical);
  CHECK(std::fabs(n.radius - 0.9) <= 1e-15);
  CHECK(std::abs(n.sigma1 - 0.9) <= 1e-15);
  // And λ_max = L: αL = 1 makes the map nilpotent ([[0, −L], [0, 0]]): σ₁ = σ₂ = 0.
  const auto top = mode_eigen(Method::nesterov, 100, tb.params);
  CHECK(top.regime == Regime::critical);
  CHECK(top.radius == 0);

  // At the heavy-ball optimum both extreme modes are critically damped (Polyak): for every κ,
  // including 1e12 where (1 − √β*)² ≈ 4e-12 is computed from β* ≈ 1 − 4e-6.
  for (const double kappa : {4.0, 100.0, 1e4, 1e8, 1e12}) {
    const auto opt = *optimal_closed_form(Method::heavy_ball, 1, kappa);
    CAPTURE(kappa);
    const auto lo = mode_eigen(Method::heavy_ball, 1, opt.params);
    const auto hi = mode_eigen(Method::heavy_ball, kappa, opt.params);
    CHECK(lo.regime == Regime::critical);
    CHECK(hi.regime == Regime::critical);
    // σ = ±√β* there.
    CHECK(std::fabs(lo.radius - std::sqrt(opt.params.beta)) <= 4 * eps);
    CHECK(std::fabs(hi.radius - std::sqrt(opt.params.beta)) <= 4 * eps);
    CHECK(std::fabs(lo.sigma1.real() - std::sqrt(opt.params.beta)) <= 4 * eps);
    CHECK(std::fabs(hi.sigma1.real() + std::sqrt(opt.params.beta)) <= 4 * eps);
  }
}

TEST_CASE("regimes of the heavy ball across alpha*lambda: real, critical, complex, critical, real") {
  // T² − 4β = ((1−√β)² − αλ)((1+√β)² − αλ): real below (1−√β)², complex between, real above.
  const double beta = 0.25;  // √β = 0.5: edges at αλ = 0.25 and 2.25 (exact in binary)
  auto regime = [&](double al) { return mode_eigen(Method::heavy_ball, 1, {al, beta}).regime; };
  CHECK(regime(0.1) == Regime::real);
  CHECK(regime(0.25) == Regime::critical);
  CHECK(regime(0.3) == Regime::complex);
  CHECK(regime(2.2) == Regime::complex);
  CHECK(regime(2.25) == Regime::critical);
  CHECK(regime(2.3) == Regime::real);
  // In the complex band the modulus is √D = √β whatever αλ is.
  for (const double al : {0.3, 1.0, 2.2})
    CHECK(std::fabs(mode_radius(Method::heavy_ball, 1, {al, beta}) - 0.5) <= eps);
  // The second critical point: σ₁ = σ₂ = −√β.
  CHECK(std::abs(mode_eigen(Method::heavy_ball, 1, {2.25, beta}).sigma1 - cd(-0.5)) <= eps);
}

TEST_CASE("the radius equals the decay rate of the iterated recurrence") {
  // Measured rate: r̂ = (‖P_2K‖ / ‖P_K‖)^(1/K), P_k = M^k built by iterating the update rule from the
  // two unit states (log_norms above; K = 20000 steps, rescaled so nothing underflows). Cases:
  //   distinct real σ:   ‖P_k‖ = c r^k (1 + O((|σ₂|/r)^k)): r̂ is exact up to rounding (the
  //                      subdominant term is below 1e-8 for the gaps ≥ 1e-3 kept here);
  //   σ = ±r (real, equal moduli): ‖P_k‖ alternates with period 2: max over 2 consecutive k;
  //   complex pair:      P_k = r^k (cos kθ I + sin kθ J), ‖P_k‖ = r^k g(kθ) with g periodic: the max
  //                      over a window of one full period (θ from Eigen, not from the closed form)
  //                      at K and at 2K (decay within the window removed, see below). Sampling the phase in steps of θ leaves the window max within
  //                      a factor cos(θ/2) of g's peak (g² = a cos² + b sin² near its peak), so the
  //                      bias of r̂ is at most −ln cos(θ/2) / K relative;
  //   critical (Jordan): ‖P_k‖ ≈ c k r^k — its own test below; near-critical points (gap < 1e-3) are
  //                      skipped here.
  // Tolerance: relative 1e-9 (rounding accumulated over 40000 steps, measured ~1e-12) plus the
  // phase-sampling bound for complex pairs. A wrong radius formula (|T|/2 for a complex pair, √D for a
  // real one) is off by 1e-3 or more at every point kept.
  int checked = 0, complex_checked = 0;
  const int K = 20000;
  for (const Method m : kMomentum)
    for (const double lambda : {0.1, 1.0, 10.0})
      for (const double al : {0.003, 0.05, 0.5, 1.2, 1.9, 3.0})
        for (const double beta : {0.0, 0.3, 0.7, 0.95}) {
          const Params p{al / lambda, beta};
          const double r = mode_radius(m, lambda, p);
          const auto ev = eigen_solver(to_eigen(iteration_matrix(m, lambda, p)));
          const double gap = std::abs(ev[0] - ev[1]);
          if (r < 1e-3 || r > 1.05) continue;  // (nearly) nilpotent / diverging fast
          if (gap < 1e-3 * r) continue;        // near critical: its own test
          const bool cplx = std::fabs(ev[0].imag()) > 1e-12;
          const bool real_close = !cplx && std::abs(ev[1]) > 0.999 * std::abs(ev[0]);
          const double theta = std::fabs(std::arg(ev[0]));
          int W = 1;
          if (cplx) W = static_cast<int>(std::ceil(2 * M_PI / theta)) + 1;
          if (real_close) W = 2;
          if (W > K) continue;
          const auto ln = log_norms(m, lambda, p, 2 * K + W);
          // The window max must not favour the window's first step just because the sequence decays
          // within the window: maximise ln‖P_(K+j)‖ − j·ln r̂ instead, r̂ being the measurement itself
          // (a fixed point found by iterating from the plain two-point ratio; it moves r̂ by O(W/K)).
          double measured = std::exp((ln[2 * K] - ln[K]) / K);
          for (int it = 0; it < 8; ++it) {
            const double c = std::log(measured);
            double a = -1e300, b = -1e300;
            for (int j = 0; j < W; ++j) {
              a = std::max(a, ln[K + j] - j * c);
              b = std::max(b, ln[2 * K + j] - j * c);
            }
            measured = std::exp((b - a) / K);
          }
          const double bias = cplx ? -std::log(std::cos(std::min(theta, M_PI / 2) / 2)) / K : 0;
          CAPTURE(to_string(m));
          CAPTURE(lambda);
          CAPTURE(p.alpha);
          CAPTURE(beta);
          CAPTURE(r);
          CAPTURE(W);
          CAPTURE(measured);
          CAPTURE(bias);
          CHECK(std::fabs(measured - r) <= (1e-9 + bias) * r);
          ++checked;
          complex_checked += cplx;
        }
  CHECK(checked > 100);
  CHECK(complex_checked > 30);
}

TEST_CASE("critical damping decays like k r^k: the measured rate needs the factor k") {
  // Heavy ball at the optimum for κ = 100: both extreme modes are Jordan blocks with σ = ±√β* = ±9/11.
  const auto opt = *optimal_closed_form(Method::heavy_ball, 1, 100);
  const double r = 9.0 / 11.0;
  const int K = 1000;
  for (const double lambda : {1.0, 100.0}) {
    const auto ln = log_norms(Method::heavy_ball, lambda, opt.params, 2 * K);
    const double log_ratio = ln[2 * K] - ln[K];
    const double naive = std::exp(log_ratio / K);
    const double jordan = std::exp((log_ratio - std::log(2.0)) / K);  // ‖P_k‖ ≈ c·k·r^k
    CAPTURE(lambda);
    CAPTURE(naive);
    CAPTURE(jordan);
    // Jordan model: the r^k term beside k r^k leaves O(1/K²) in the ratio, far below 1e-6.
    CHECK(std::fabs(jordan - r) <= 1e-6);
    // The naive estimate is biased upward by 2^(1/K) ≈ 1 + 6.9e-4: it would fail the same check.
    CHECK(naive - r > 5e-4);
  }
}

TEST_CASE("rate over a spectrum is the max over its modes, converges iff rate < 1") {
  const Spectrum s({0.5, 1, 3, 7, 20});
  for (const Method m : all_methods()) {
    const Params p{0.07, has_momentum(m) ? 0.6 : 0};
    double worst = 0;
    for (double l : s.values()) {
      const auto ev = eigen_solver(to_eigen(iteration_matrix(m, l, p)));
      worst = std::max(worst, std::abs(ev[0]));
    }
    CAPTURE(to_string(m));
    CHECK(rate(m, s, p) == doctest::Approx(worst).epsilon(1e-12));
    CHECK(converges(m, s, p) == (worst < 1));
  }
}

TEST_CASE("known values: gd and heavy ball at kappa = 100") {
  // gd: α* = 2/(μ+L) = 2/101, rate* = (κ−1)/(κ+1) = 99/101.
  const auto gd = *optimal_closed_form(Method::gd, 1, 100);
  CHECK(gd.params.alpha == doctest::Approx(2.0 / 101).epsilon(4 * eps));
  CHECK(gd.rate == doctest::Approx(99.0 / 101).epsilon(4 * eps));
  const Spectrum k100({1, 100});
  CHECK(rate(Method::gd, k100, gd.params) == doctest::Approx(99.0 / 101).epsilon(8 * eps));
  // heavy ball: α* = (2/(1+10))² = 4/121, β* = (9/11)² = 81/121, rate* = (10−1)/(10+1) = 9/11.
  const auto hb = *optimal_closed_form(Method::heavy_ball, 1, 100);
  CHECK(hb.params.alpha == doctest::Approx(4.0 / 121).epsilon(4 * eps));
  CHECK(hb.params.beta == doctest::Approx(81.0 / 121).epsilon(4 * eps));
  CHECK(hb.rate == doctest::Approx(9.0 / 11).epsilon(4 * eps));
  CHECK(rate(Method::heavy_ball, k100, hb.params) == doctest::Approx(9.0 / 11).epsilon(8 * eps));
  // The spectrum's interior does not change it (the complex band has modulus √β* = 9/11 too).
  const Spectrum lin(std::vector<double>{1, 2.5, 10, 37, 64, 99, 100});
  CHECK(rate(Method::heavy_ball, lin, hb.params) == doctest::Approx(9.0 / 11).epsilon(8 * eps));
  // newton: |1 − α| whatever the spectrum.
  CHECK(rate(Method::newton, k100, {1, 0}) == 0);
  CHECK(rate(Method::newton, k100, {0.25, 0}) == 0.75);
  CHECK(rate(Method::newton, k100, {1.5, 0}) == 0.5);
  CHECK(rate(Method::newton, k100, {2, 0}) == 1);
  CHECK_FALSE(converges(Method::newton, k100, {2, 0}));
  const auto nt = *optimal_closed_form(Method::newton, 1, 100);
  CHECK(nt.params.alpha == 1);
  CHECK(nt.rate == 0);
}

TEST_CASE("known values: Nesterov tuned 1 - 2/sqrt(3k+1) and textbook 1 - 1/sqrt(k), on the spectrum") {
  for (const double kappa : {2.0, 10.0, 100.0, 1e4, 1e6}) {
    CAPTURE(kappa);
    const Spectrum s({1, kappa});
    // Tuned (Lessard, Recht, Packard 2016): α = 4/(3L+μ), β = (√(3κ+1)−2)/(√(3κ+1)+2).
    const auto tuned = *optimal_closed_form(Method::nesterov, 1, kappa);
    const double q = std::sqrt(3 * kappa + 1);
    CHECK(tuned.params.alpha == doctest::Approx(4 / (3 * kappa + 1)).epsilon(4 * eps));
    CHECK(tuned.params.beta == doctest::Approx((q - 2) / (q + 2)).epsilon(4 * eps));
    CHECK(tuned.rate == doctest::Approx(1 - 2 / q).epsilon(4 * eps));
    // Evaluated on the spectrum through Eigen's solver (independent of mode_radius).
    double worst = 0;
    for (double l : s.values())
      worst = std::max(
          worst, std::abs(eigen_solver(to_eigen(iteration_matrix(Method::nesterov, l, tuned.params)))[0]));
    // λ_min is a Jordan block here, so Eigen's answer carries √eps-level error.
    CHECK(std::fabs(worst - (1 - 2 / q)) <= 64 * std::sqrt(eps));
    CHECK(std::fabs(rate(Method::nesterov, s, tuned.params) - (1 - 2 / q)) <= 16 * eps);
    // Textbook (Nesterov 2004): α = 1/L, β = (√κ−1)/(√κ+1), rate 1 − 1/√κ.
    const auto tb = nesterov_textbook(1, kappa);
    CHECK(tb.params.alpha == doctest::Approx(1 / kappa).epsilon(4 * eps));
    CHECK(tb.rate == doctest::Approx(1 - 1 / std::sqrt(kappa)).epsilon(4 * eps));
    CHECK(std::fabs(rate(Method::nesterov, s, tb.params) - (1 - 1 / std::sqrt(kappa))) <= 16 * eps);
    // The tuned rate is the better one for every κ > 1.
    CHECK(tuned.rate < tb.rate);
  }
  CHECK_FALSE(optimal_closed_form(Method::nesterov_lecture, 1, 100).has_value());
}

namespace {

// Brute force: the rate on {μ, L} from Eigen's solver (not mode_radius), minimised over a grid that
// is refined around its best point (each level a full grid; no descent, no closed form).
double eigen_rate(Method m, const std::vector<double>& lambdas, const Params& p) {
  double worst = 0;
  for (double l : lambdas) {
    const auto t = iteration_matrix(m, l, p);
    if (t.dim == 1)
      worst = std::max(worst, std::fabs(t.m[0][0]));
    else
      worst = std::max(worst, std::abs(eigen_solver(to_eigen(t))[0]));
  }
  return worst;
}

// An optimum in a failure's context: its rate and parameters, to the last bit.
std::string show(const Optimum& o) {
  return fmt::format("rate {} at alpha {}, beta {}", o.rate, o.params.alpha, o.params.beta);
}

Optimum brute_force(Method m, const std::vector<double>& lambdas) {
  const double L = *std::max_element(lambdas.begin(), lambdas.end());
  if (!has_momentum(m)) {
    double lo = 0, hi = 2 / L, best_a = 0, best = 2;
    for (int level = 0; level < 6; ++level) {
      const int n = 1000;
      for (int i = 1; i < n; ++i) {
        const double a = lo + (hi - lo) * i / n;
        const double v = eigen_rate(m, lambdas, {a, 0});
        if (v < best) {
          best = v;
          best_a = a;
        }
      }
      const double w = (hi - lo) / n * 2;
      lo = std::max(0.0, best_a - w);
      hi = best_a + w;
    }
    return {{best_a, 0}, best};
  }
  // α ∈ (0, 4/L), β ∈ [0, 1): 121 × 121 per level, the box shrinks 20× per level around the best.
  double alo = 0, ahi = 4 / L, blo = 0, bhi = 1;
  Params bp{0, 0};
  double best = 1e300;
  for (int level = 0; level < 5; ++level) {
    const int n = 120;
    for (int i = 0; i <= n; ++i)
      for (int j = 0; j <= n; ++j) {
        const Params p{alo + (ahi - alo) * i / n, blo + (bhi - blo) * j / n};
        if (p.alpha <= 0 || p.beta < 0 || p.beta >= 1) continue;
        const double v = eigen_rate(m, lambdas, p);
        if (v < best) {
          best = v;
          bp = p;
        }
      }
    const double wa = (ahi - alo) / n * 3, wb = (bhi - blo) / n * 3;
    alo = std::max(0.0, bp.alpha - wa);
    ahi = bp.alpha + wa;
    blo = std::max(0.0, bp.beta - wb);
    bhi = std::min(1.0, bp.beta + wb);
  }
  return {bp, best};
}

}  // namespace

TEST_CASE("optimal_closed_form against a brute-force grid minimisation of the Eigen-computed rate") {
  for (const double kappa : {1.0, 4.0, 100.0}) {
    const std::vector<double> ends = {1, kappa};
    for (const Method m : {Method::gd, Method::heavy_ball, Method::nesterov}) {
      const auto cf = *optimal_closed_form(m, 1, kappa);
      const auto bf = brute_force(m, ends);
      CAPTURE(kappa);
      CAPTURE(to_string(m));
      INFO("brute force: " << show(bf) << "; closed form: " << show(cf));
      // Nothing on the grid beats the closed form (beyond the √eps error of Eigen at a Jordan block)...
      CHECK(bf.rate >= cf.rate - 64 * std::sqrt(eps));
      // ...and the grid gets within its resolution of it: the rate is Lipschitz in (α, β) away from
      // critical damping and Hölder-½ at it; the last grid cell is ~1e-7 (gd: 1e-16) of the range.
      CHECK(bf.rate <= cf.rate + 2e-4);
      // The minimiser: within the final cells (rates near the optimum rise like √distance near the
      // Jordan block, so the α, β a grid picks are less sharp than the rate).
      CHECK(bf.params.alpha == doctest::Approx(cf.params.alpha).epsilon(2e-3));
      if (has_momentum(m) && kappa > 1)
        CHECK(bf.params.beta == doctest::Approx(cf.params.beta).epsilon(2e-3));
    }
  }
}

TEST_CASE("optimal_numeric agrees with the closed forms tightly") {
  for (const double kappa : {1.0, 2.0, 100.0, 1e4, 1e6}) {
    const Spectrum s = Spectrum::ends(1, kappa);
    for (const Method m : {Method::gd, Method::heavy_ball, Method::nesterov, Method::newton}) {
      const auto cf = *optimal_closed_form(m, 1, kappa);
      const auto nu = optimal_numeric(m, s);
      CAPTURE(kappa);
      CAPTURE(to_string(m));
      INFO("numeric: " << show(nu) << "; closed form: " << show(cf));
      // The numeric optimum never beats the closed form by more than rounding, and finds it to 1e-9
      // in (1 − rate) relative terms (the quantity that sets the iteration count).
      CHECK(nu.rate >= cf.rate - 1e-12);
      CHECK(nu.rate - cf.rate <= 1e-9 * std::max(1e-3, 1 - cf.rate));
      CHECK(nu.rate == doctest::Approx(rate(m, s, nu.params)).epsilon(1e-15));
    }
  }
  // nesterov-lecture has no closed form; the numeric optimum is at least as good as the tuned
  // Nesterov parameters evaluated on the lecture's variant, and strictly convergent.
  const Spectrum s = Spectrum::ends(1, 100);
  const auto nl = optimal_numeric(Method::nesterov_lecture, s);
  CHECK(nl.rate < 1);
  CHECK(nl.rate <= rate(Method::nesterov_lecture, s, optimal_closed_form(Method::nesterov, 1, 100)->params));
  CHECK(nl.rate <= eigen_rate(Method::nesterov_lecture, {1, 100},
                              brute_force(Method::nesterov_lecture, {1, 100}).params) +
                       1e-6);
}

TEST_CASE("edge: kappa = 1 and a spectrum of one eigenvalue") {
  // κ = 1: one step of gd with α = 1/λ solves it; the momentum methods' optimum has β = 0.
  for (const Method m : {Method::gd, Method::heavy_ball, Method::nesterov}) {
    const auto o = *optimal_closed_form(m, 3, 3);
    CAPTURE(to_string(m));
    CHECK(o.rate == 0);
    CHECK(o.params.alpha == doctest::Approx(1.0 / 3).epsilon(4 * eps));
    CHECK(o.params.beta == 0);
    CHECK(rate(m, Spectrum({3}), o.params) <= 4 * eps);
  }
  const Spectrum one({5});
  CHECK(one.size() == 1);
  CHECK(one.kappa() == 1);
  CHECK(Spectrum::ends(5, 5).size() == 1);
  // gd on one eigenvalue: |1 − 5α| vanishes at α = 0.2.
  CHECK(rate(Method::gd, one, {0.2, 0}) <= eps);
  const auto nu = optimal_numeric(Method::gd, one);
  CHECK(nu.rate <= 1e-12);
  CHECK(nu.params.alpha == doctest::Approx(0.2).epsilon(1e-12));
  CHECK(iterations_to_tol(0, 1e-6) == 1);
}

TEST_CASE("edge: kappa = 1e12, where the discriminant cancels catastrophically unless factored") {
  // Heavy ball at its optimum for κ = 1e12: rate* = (1e6 − 1)/(1e6 + 1), 1 − rate* ≈ 2e-6. λ_min
  // is critically damped: T² and 4D agree to ~12 digits, so a naive T² − 4D is rounding noise of
  // size ~eps·4 ≈ 1e-15 whose square root (3e-8) would move the radius by ~1.5% of 1 − rate*.
  // The factored discriminant keeps the spectrum's rate within 1e-6 of 1 − rate* in relative terms.
  const double kappa = 1e12;
  const Spectrum s = Spectrum::ends(1, kappa);
  for (const Method m : {Method::gd, Method::heavy_ball, Method::nesterov}) {
    const auto o = *optimal_closed_form(m, 1, kappa);
    const double r = rate(m, s, o.params);
    CAPTURE(to_string(m));
    CAPTURE(r);
    CAPTURE(o.rate);
    CHECK(r < 1);
    CHECK(std::fabs((1 - r) - (1 - o.rate)) <= 1e-6 * (1 - o.rate));
  }
  const auto hb = *optimal_closed_form(Method::heavy_ball, 1, kappa);
  CHECK(hb.rate == doctest::Approx((1e6 - 1) / (1e6 + 1)).epsilon(4 * eps));
  // The naive discriminant really is that bad (this is why the factored form exists).
  const auto [t, d] = trace_det(Method::heavy_ball, 1, hb.params);
  const double naive = 0.5 * (t + std::sqrt(std::max(0.0, t * t - 4 * d)));
  const double naive_err = std::fabs((1 - naive) - (1 - hb.rate)) / (1 - hb.rate);
  const double factored_err =
      std::fabs((1 - mode_radius(Method::heavy_ball, 1, hb.params)) - (1 - hb.rate)) / (1 - hb.rate);
  MESSAGE("kappa=1e12 heavy-ball, error in (1-rate) at lambda_min: naive T^2-4D "
          << naive_err << ", factored " << factored_err);
  CHECK(factored_err <= 1e-6);
  // Iterations at 1e-6: log(1e-6)/log(rate*) ≈ 6.9e6, finite.
  const auto it = iterations_to_tol(rate(Method::heavy_ball, s, hb.params), 1e-6);
  REQUIRE(it.has_value());
  CHECK(*it == doctest::Approx(std::log(1e-6) / std::log1p(-2.0 / (1e6 + 1))).epsilon(1e-5));
}

TEST_CASE("edge: alpha on the stability boundary and beta -> 1") {
  // gd with α·λ_max = 2 (exact: λ_max = 4, α = 0.5): |1 − 2| = 1, not convergent, no iteration count.
  const Spectrum s({1, 4});
  CHECK(rate(Method::gd, s, {0.5, 0}) == 1);
  CHECK_FALSE(converges(Method::gd, s, {0.5, 0}));
  CHECK_FALSE(iterations_to_tol(rate(Method::gd, s, {0.5, 0}), 1e-6).has_value());
  CHECK(converges(Method::gd, s, {0.4999, 0}));
  CHECK_FALSE(converges(Method::gd, s, {0.5001, 0}));
  // Heavy ball: αλ = 2(1+β) gives σ = −1 (T = −1−β, D = β: roots −1 and −β). β = 0.25, λ = 1,
  // α = 2.5 (every intermediate exact in binary: √β = 0.5, discriminant 0.5625 = 0.75²).
  CHECK(mode_radius(Method::heavy_ball, 1, {2.5, 0.25}) == 1);
  CHECK(mode_eigen(Method::heavy_ball, 1, {2.5, 0.25}).sigma1 == cd(-1));
  CHECK(mode_eigen(Method::heavy_ball, 1, {2.5, 0.25}).sigma2 == cd(-0.25));
  CHECK_FALSE(converges(Method::heavy_ball, Spectrum({1}), {2.5, 0.25}));
  CHECK(converges(Method::heavy_ball, Spectrum({1}), {2.49, 0.25}));
  // β → 1: the complex modes have modulus √β < 1, still convergent, Eigen agrees.
  for (const double beta : {1 - 1e-6, 1 - 1e-12, std::nextafter(1.0, 0.0)}) {
    const Params p{0.01, beta};
    CAPTURE(beta);
    const auto e = mode_eigen(Method::heavy_ball, 1, p);
    CHECK(e.regime == Regime::complex);
    CHECK(e.radius == doctest::Approx(std::sqrt(beta)).epsilon(eps));
    CHECK(e.radius < 1);
    const auto ev = eigen_solver(to_eigen(iteration_matrix(Method::heavy_ball, 1, p)));
    CHECK(std::fabs(std::abs(ev[0]) - e.radius) <= 64 * eps);
  }
  // validate: the field and what was expected.
  auto message = [](Method m, Params p) { return test::input_error_of([&] { validate(m, p); }); };
  CHECK(message(Method::heavy_ball, {0.1, 1}) == "beta 1: must be in [0, 1)");
  CHECK(message(Method::heavy_ball, {0.1, -0.5}) == "beta -0.5: must be in [0, 1)");
  CHECK(message(Method::heavy_ball, {0.1, std::nan("")}) == "beta nan: must be in [0, 1)");
  CHECK(message(Method::gd, {0, 0}) == "alpha 0: must be a finite number > 0");
  CHECK(message(Method::gd, {-1, 0}) == "alpha -1: must be a finite number > 0");
  CHECK(message(Method::gd, {INFINITY, 0}) == "alpha inf: must be a finite number > 0");
  CHECK(message(Method::gd, {0.1, 5}) == "(no InputError)");  // gd ignores β
  CHECK(message(Method::heavy_ball, {0.1, 0}) == "(no InputError)");
}

TEST_CASE("iterations_to_tol: the smallest k with rate^k <= eps") {
  // Checked against the definition by repeated multiplication, with a relative slack of 1e-12 for
  // the rounding of log (k is an integer; only exact powers sit on the boundary).
  for (const double r : {1e-9, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 0.999999})
    for (const double e : {0.5, 1e-3, 1e-6, 1e-12}) {
      const auto k = iterations_to_tol(r, e);
      REQUIRE(k.has_value());
      CAPTURE(r);
      CAPTURE(e);
      CAPTURE(*k);
      CHECK(*k >= 1);
      const double rk = std::pow(r, static_cast<double>(*k));
      const double rk1 = std::pow(r, static_cast<double>(*k - 1));
      CHECK(rk <= e * (1 + 1e-12));
      if (*k > 1) CHECK(rk1 > e * (1 - 1e-12));
    }
  CHECK(iterations_to_tol(0.5, 0.25) == 2);
  CHECK(iterations_to_tol(0.5, 0.2) == 3);
  CHECK(iterations_to_tol(0.9, 0.95) == 1);
  CHECK(iterations_to_tol(0, 1e-6) == 1);
  CHECK_FALSE(iterations_to_tol(1, 1e-6).has_value());
  CHECK_FALSE(iterations_to_tol(1.5, 1e-6).has_value());
  CHECK_FALSE(iterations_to_tol(std::nan(""), 1e-6).has_value());
  // gd at κ = 100, ε = 1e-6: ⌈ln 1e-6 / ln(99/101)⌉ = ⌈690.8⌉ = 691.
  CHECK(iterations_to_tol(99.0 / 101, 1e-6) == 691);
}
