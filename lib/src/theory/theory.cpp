#include "kappa/theory/theory.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <limits>

#include "kappa/core/errors.hpp"
#include "kappa/core/format_number.hpp"
#include "kappa/core/names.hpp"

namespace kappa::theory {
namespace {

std::string num(double x) { return shortest(x); }

constexpr NameTable<Method, 5> kNames{{{Method::gd, "gd"},
                                       {Method::heavy_ball, "heavy-ball"},
                                       {Method::nesterov, "nesterov"},
                                       {Method::nesterov_lecture, "nesterov-lecture"},
                                       {Method::newton, "newton"}}};
constexpr NameTable<Regime, 3> kRegimes{
    {{Regime::real, "real"}, {Regime::critical, "critical"}, {Regime::complex, "complex"}}};

// T² − 4D written as c·(a₁ − b₁)·(a₂ − b₂) without cancellation, so that the regime and the radius
// stay accurate near critical damping even for κ = 1e12 (where T² and 4D agree to ~12 digits and
// the naive difference would be pure rounding). u = αλ.
//   heavy-ball        T² − 4β = ((1−√β)² − u)·((1+√β)² − u)
//   nesterov          (1−u)·((1−β)² − (1+β)²u)
//   nesterov-lecture  4u² − 4βu + (1−β)² = 4(u − u₁)(u − u₂), u₁,₂ = (β ∓ √(2β−1))/2 for β ≥ ½;
//                     for β < ½ it has no real root in u and is > 0.
//
// "Repeated" means zero within the rounding of the computation AND of the inputs: a term like
// (1−√β)² carries an absolute error ~ eps·(1−√β) (1 − √β loses the leading digits when β → 1), and a
// β given as a double (or computed, like β* = ((√L−√μ)/(√L+√μ))²) encodes 1 − √β only to that
// precision. Without this slack the heavy-ball optimum at κ ≥ 1e8 came out "complex"/"real" at λ_min
// (Polyak's optimum is critically damped there for every κ).
struct Factor {
  double a, b;
  double slack = 0;  // absolute rounding slack of a − b from the inputs (see above)
  double value() const { return a - b; }
  // Within rounding of zero: the difference is below a few ulps of its terms plus the slack.
  bool near_zero() const {
    return std::fabs(a - b) <=
           8 * std::numeric_limits<double>::epsilon() * (std::fabs(a) + std::fabs(b)) + slack;
  }
};
struct Discriminant {
  double c;
  Factor f1, f2;
  bool repeated() const { return f1.near_zero() || f2.near_zero(); }
  double value() const { return c * f1.value() * f2.value(); }
};

Discriminant discriminant(Method m, double lambda, const Params& p) {
  const double u = p.alpha * lambda, b = p.beta;
  constexpr double e16 = 16 * std::numeric_limits<double>::epsilon();
  switch (m) {
    case Method::heavy_ball: {
      const double s = std::sqrt(b);
      return {1, {(1 - s) * (1 - s), u, e16 * (1 - s)}, {(1 + s) * (1 + s), u, e16 * (1 + s)}};
    }
    case Method::nesterov: return {1, {1, u}, {(1 - b) * (1 - b), (1 + b) * (1 + b) * u, e16 * (1 - b)}};
    case Method::nesterov_lecture: {
      if (b < 0.5) return {1, {(1 - b) * (1 - b) + 4 * u * u, 4 * b * u}, {1, 0}};
      const double u2 = (b + std::sqrt(2 * b - 1)) / 2;
      const double u1 = (1 - b) * (1 - b) / (4 * u2);
      return {4, {u, u1, e16 * (1 - b) / (4 * u2)}, {u, u2}};
    }
    default: return {1, {1, 0}, {1, 0}};
  }
}

// Exact arithmetic on doubles (Shewchuk, "Adaptive precision floating-point arithmetic and fast
// robust geometric predicates", 1997): two_sum and two_prod are error-free (a + b = s + e,
// a·b = p + e exactly, barring overflow and underflow), and grow_expansion keeps a sum of doubles
// as a non-overlapping expansion whose last non-zero component carries the sign of the exact sum.
void two_sum(double a, double b, double& s, double& e) {
  s = a + b;
  const double bv = s - a, av = s - bv;
  e = (a - av) + (b - bv);
}
void two_prod(double a, double b, double& p, double& e) {
  p = a * b;
  e = std::fma(a, b, -p);
}
int exact_sign(const double* terms, std::size_t count) {
  // An expansion of n doubles has at most n components (zero components are dropped).
  std::array<double, 16> h{}, next{};
  std::size_t nh = 0;
  for (std::size_t j = 0; j < count; ++j) {
    const double b = terms[j];
    double q = b;
    std::size_t nn = 0;
    for (std::size_t i = 0; i < nh; ++i) {
      double s, e;
      two_sum(q, h[i], s, e);
      if (e != 0) next[nn++] = e;
      q = s;
    }
    if (q != 0) next[nn++] = q;
    h = next;
    nh = nn;
  }
  return nh == 0 ? 0 : (h[nh - 1] > 0 ? 1 : -1);
}

// Exact stability of one mode (Jury/Schur-Cohn for z² − Tz + D: both roots in the open unit disc
// iff |D| < 1 and |T| < 1 + D). With u = αλ and β ∈ [0, 1) the regions reduce to an upper bound
// on u (u > 0 holds for α, λ > 0):
//   gd                |1 − u| < 1                          ⟺ 0 < u < 2
//   heavy-ball        D = β, |1+β−u| < 1+β                 ⟺ 0 < u < 2(1+β)
//   nesterov          T = (1+β)s, D = βs, s = 1−u: s ≥ 0 needs u > 0; s < 0 needs
//                     −(1+β)s < 1+βs ⟺ (1+2β)u < 2+2β (|D| < 1 follows)
//   nesterov-lecture  T = 1+β−2u, D = β−u: 1+β−2u < 1+β−u ⟺ u > 0 and 2u−1−β < 1+β−u ⟺ 3u < 2+2β
//   newton            |1 − α| < 1 ⟺ 0 < α < 2
//
// The verdict on the bound c − k·u > 0 (c = 2 or 2+2β, k = 1, 1+2β or 3) is exact arithmetic on the
// doubles, with the inputs' own rounding counted as the boundary: a decimal α, β, λ is known to half
// an ulp, so a margin c − k·u ≤ ε·(c + k·u) (ε = 2⁻⁵², one ulp of each term) cannot be told from 0
// and is reported as on the boundary — ρ = 1, not convergent. (λ = 1, α = 2.3, β = 0.15: αλ = 2 + 2β
// in decimal; the doubles are 0.7 ulp inside.) The lower bound u > 0 is a product of inputs, whose
// sign is certain. u = αλ is an exact product (two_prod), the comparison the sign of an exact
// expansion; |log₂ u| > 200 is decided from the exponents alone (every bound is in [2/3, 4]), so no
// partial product underflows or overflows.
// Verdict: −1 stable, 0 on the boundary (within the inputs' rounding: ρ = 1), +1 unstable.
int mode_verdict(Method m, double lambda, const Params& p) {
  constexpr double ulp = std::numeric_limits<double>::epsilon();
  const double b = p.beta;
  if (m == Method::newton) {
    if (!(p.alpha > 0)) return 1;
    const double margin = 2 - p.alpha, slack = ulp * (2 + p.alpha);  // 2 − α is exact near 2 (Sterbenz)
    return margin > slack ? -1 : margin >= -slack ? 0 : 1;
  }
  if (!(p.alpha > 0) || !(lambda > 0)) return 1;
  const int ex = std::ilogb(p.alpha) + std::ilogb(lambda);
  if (ex < -200) return -1;
  if (ex > 200) return 1;
  const double u = p.alpha * lambda;
  const double ku = m == Method::nesterov ? (1 + 2 * b) * u : m == Method::nesterov_lecture ? 3 * u : u;
  const double c = m == Method::gd ? 2.0 : 2 + 2 * b;
  // Far from the bound (relative margin 1e-12, far above the rounding of these few operations) the
  // rounded comparison is the exact one.
  if (ku < c * (1 - 1e-12)) return -1;
  if (ku > c * (1 + 1e-12)) return 1;
  const double slack = ulp * (c + ku);
  const int sa = std::ilogb(p.alpha);
  const double a = std::ldexp(p.alpha, -sa), l = std::ldexp(lambda, sa);  // same product, no underflow
  double up, ue;
  two_prod(a, l, up, ue);  // u = up + ue exactly
  // The sign of margin − slack and of margin + slack, margin = c − k·u as an exact expansion.
  auto verdict = [&](std::initializer_list<double> margin) {
    std::array<double, 16> t{};
    std::size_t n = 0;
    for (double x : margin) t[n++] = x;
    auto sign_with = [&](double extra) {
      t[n] = extra;
      return exact_sign(t.data(), n + 1);
    };
    if (sign_with(-slack) > 0) return -1;
    return sign_with(slack) >= 0 ? 0 : 1;
  };
  switch (m) {
    case Method::gd: return verdict({2.0, -up, -ue});
    case Method::heavy_ball: return verdict({2.0, 2 * b, -up, -ue});
    case Method::nesterov: {
      double s, t;
      two_sum(1.0, 2 * b, s, t);  // 1 + 2β = s + t
      double q[8];
      two_prod(up, s, q[0], q[1]);
      two_prod(up, t, q[2], q[3]);
      two_prod(ue, s, q[4], q[5]);
      two_prod(ue, t, q[6], q[7]);
      return verdict({2.0, 2 * b, -q[0], -q[1], -q[2], -q[3], -q[4], -q[5], -q[6], -q[7]});
    }
    case Method::nesterov_lecture: {
      double p1, e1, p2, e2;
      two_prod(3.0, up, p1, e1);
      two_prod(3.0, ue, p2, e2);
      return verdict({2.0, 2 * b, -p1, -e1, -p2, -e2});
    }
    case Method::newton: break;
  }
  return 1;
}

bool mode_stable(Method m, double lambda, const Params& p) { return mode_verdict(m, lambda, p) < 0; }

// Clamp a computed radius to the exact verdict: a stable mode's radius is at most 1 (it may round
// to 1), a mode on the boundary has radius exactly 1, an unstable mode's is at least 1.
double clamp_radius(int verdict, double r) {
  return verdict < 0 ? std::min(r, 1.0) : verdict == 0 ? 1.0 : std::max(r, 1.0);
}

}  // namespace

std::string_view to_string(Method m) { return name_of(kNames, m); }

std::optional<Method> method_from_string(std::string_view name) { return value_named(kNames, name); }

const std::vector<Method>& all_methods() {
  static const std::vector<Method> v = {Method::gd, Method::heavy_ball, Method::nesterov,
                                        Method::nesterov_lecture, Method::newton};
  return v;
}

bool has_momentum(Method m) {
  return m == Method::heavy_ball || m == Method::nesterov || m == Method::nesterov_lecture;
}

std::string_view to_string(Regime r) { return name_of(kRegimes, r); }

void validate(Method m, const Params& p) {
  if (!std::isfinite(p.alpha) || p.alpha <= 0)
    throw FieldError("alpha", " " + num(p.alpha) + ": must be a finite number > 0");
  if (has_momentum(m) && !(p.beta >= 0 && p.beta < 1))
    throw FieldError("beta", " " + num(p.beta) + ": must be in [0, 1)");
}

IterationMatrix iteration_matrix(Method m, double lambda, const Params& p) {
  const double a = p.alpha, b = p.beta, l = lambda;
  IterationMatrix r;
  switch (m) {
    case Method::gd:
      r.dim = 1;
      r.m[0][0] = 1 - a * l;
      break;
    case Method::newton:
      r.dim = 1;
      r.m[0][0] = 1 - a;
      break;
    case Method::heavy_ball: r.m = {{{b, -l}, {a * b, 1 - a * l}}}; break;
    case Method::nesterov: {
      const double s = 1 - a * l;
      r.m = {{{b * s, -l}, {a * b * s, s}}};
      break;
    }
    case Method::nesterov_lecture: {
      const double c = b - a * l;
      r.m = {{{c, -l}, {a * c, 1 - a * l}}};
      break;
    }
  }
  return r;
}

TraceDet trace_det(Method m, double lambda, const Params& p) {
  const double a = p.alpha, b = p.beta, l = lambda;
  switch (m) {
    case Method::gd: return {1 - a * l, 0};
    case Method::newton: return {1 - a, 0};
    case Method::heavy_ball: return {1 + b - a * l, b};
    case Method::nesterov: return {(1 + b) * (1 - a * l), b * (1 - a * l)};
    case Method::nesterov_lecture: return {1 + b - 2 * a * l, b - a * l};
  }
  return {0, 0};
}

ModeEigen mode_eigen(Method m, double lambda, const Params& p) {
  const auto [t, d] = trace_det(m, lambda, p);
  ModeEigen e{};
  if (!has_momentum(m)) {
    e.dim = 1;
    e.sigma1 = e.sigma2 = t;
    e.radius = clamp_radius(mode_verdict(m, lambda, p), std::fabs(t));
    e.regime = Regime::real;
    return e;
  }
  e.dim = 2;
  const auto dd = discriminant(m, lambda, p);
  const double disc = dd.value();
  if (dd.repeated()) {  // σ₁ = σ₂ = T/2 (a Jordan block unless the map is a multiple of I)
    e.sigma1 = e.sigma2 = 0.5 * t;
    e.radius = 0.5 * std::fabs(t);
    e.regime = Regime::critical;
  } else if (disc > 0) {
    const double big = 0.5 * (t + std::copysign(std::sqrt(disc), t));
    e.sigma1 = big;
    e.sigma2 = big != 0 ? d / big : 0.0;  // σ₁σ₂ = D
    e.radius = std::fabs(big);
    e.regime = Regime::real;
  } else {
    const double im = 0.5 * std::sqrt(-disc);
    e.sigma1 = {t / 2, im};
    e.sigma2 = {t / 2, -im};
    e.radius = std::sqrt(d);
    e.regime = Regime::complex;
  }
  e.radius = clamp_radius(mode_verdict(m, lambda, p), e.radius);
  return e;
}

namespace {
double raw_mode_radius(Method m, double lambda, const Params& p) {
  const auto [t, d] = trace_det(m, lambda, p);
  if (!has_momentum(m)) return std::fabs(t);
  const auto disc = discriminant(m, lambda, p);
  if (disc.repeated()) return 0.5 * std::fabs(t);
  const double x = disc.value();
  if (x < 0) return std::sqrt(d);              // complex pair: |σ|² = σσ̄ = D
  return 0.5 * (std::fabs(t) + std::sqrt(x));  // larger real root (T + sign(T)√disc)/2
}
}  // namespace

bool mode_converges(Method m, double lambda, const Params& p) { return mode_stable(m, lambda, p); }
int mode_boundary_verdict(Method m, double lambda, const Params& p) { return mode_verdict(m, lambda, p); }

double mode_radius(Method m, double lambda, const Params& p) {
  return clamp_radius(mode_verdict(m, lambda, p), raw_mode_radius(m, lambda, p));
}

// 1 − ρ without cancellation. With J = 1 − |T| + D (the Jury margin, written per method so that it
// carries no cancellation: J = u where T ≥ 0, and where T < 0 J = 2+2β−u (heavy-ball),
// 2+2β−(1+2β)u (nesterov), 2+2β−3u (nesterov-lecture)):
//   real or repeated roots  ρ = (|T| + √Δ)/2, Δ = T² − 4D ≥ 0, and (2−|T|)² − Δ = 4J, so
//                           1 − ρ = 2J / (2 − |T| + √Δ)
//   complex pair            ρ = √D, 1 − ρ = (1 − D)/(1 + √D)
//   gd / newton             1 − |1 − x| = x for x ≤ 1, 2 − x beyond (x = αλ, or α).
double mode_gap(Method m, double lambda, const Params& p) {
  const double u = p.alpha * lambda, b = p.beta;
  if (!has_momentum(m)) {
    const double x = m == Method::newton ? p.alpha : u;
    return x <= 1 ? x : 2 - x;
  }
  const auto [t, d] = trace_det(m, lambda, p);
  const auto disc = discriminant(m, lambda, p);
  const double x = disc.repeated() ? 0.0 : disc.value();
  if (x < 0) return (1 - d) / (1 + std::sqrt(d));
  double j = u;
  if (t < 0) {
    switch (m) {
      case Method::heavy_ball: j = 2 + 2 * b - u; break;
      case Method::nesterov: j = 2 + 2 * b - (1 + 2 * b) * u; break;
      case Method::nesterov_lecture: j = 2 + 2 * b - 3 * u; break;
      default: break;
    }
  }
  return 2 * j / (2 - std::fabs(t) + std::sqrt(x));
}

double rate(Method m, const Spectrum& s, const Params& p) {
  if (m == Method::newton) return clamp_radius(mode_verdict(m, 1, p), std::fabs(1 - p.alpha));
  double worst = 0;
  for (double l : s.values()) worst = std::max(worst, raw_mode_radius(m, l, p));
  return clamp_radius(mode_verdict(m, s.lambda_max(), p), worst);
}

double rate_gap(Method m, const Spectrum& s, const Params& p) {
  if (m == Method::newton) return mode_gap(m, 1, p);
  double worst = 0;
  for (double l : s.values()) worst = std::max(worst, raw_mode_radius(m, l, p));
  // The modes whose rounded radius is within rounding of the worst: the exact worst is among them.
  double gap = std::numeric_limits<double>::infinity();
  for (double l : s.values())
    if (raw_mode_radius(m, l, p) >= worst * (1 - 1e-9)) gap = std::min(gap, mode_gap(m, l, p));
  return gap;
}

// The bounds are upper bounds on αλ, so λ_max decides (and λ_min's u > 0 always holds).
bool converges(Method m, const Spectrum& s, const Params& p) { return mode_stable(m, s.lambda_max(), p); }

namespace {

// The closed forms lie strictly inside the stable region, but their α rounded to a double may land
// on or beyond its edge when κ is near 1/ε (gd at κ = 1e17: 2/(μ+L)·L rounds to 2). Step α down to
// the nearest double inside; a β* that rounds to 1 cannot be represented: refused, naming κ.
// one_minus_beta: 1 − β* without cancellation, for the message.
Optimum inside(Method m, double L, double kappa, Optimum o, double one_minus_beta = 0) {
  if (has_momentum(m) && !(o.params.beta < 1))
    throw InputError(
        "kappa " + num(kappa) + ": the optimal beta of " + std::string(to_string(m)) + " is 1 - " +
        num(one_minus_beta) +
        ", which rounds to 1 in double precision (the closed form needs kappa below about 1e32)");
  for (int k = 0; k < 64 && !mode_stable(m, L, o.params); ++k)
    o.params.alpha = std::nextafter(o.params.alpha, 0.0);
  return o;
}

}  // namespace

std::optional<Optimum> optimal_closed_form(Method m, double mu, double L) {
  const double kappa = L / mu;
  switch (m) {
    case Method::gd: return inside(m, L, kappa, Optimum{{2 / (mu + L), 0}, (kappa - 1) / (kappa + 1)});
    case Method::heavy_ball: {
      const double sm = std::sqrt(mu), sL = std::sqrt(L), sk = std::sqrt(kappa);
      const double a = 2 / (sm + sL);
      const double b = (sL - sm) / (sL + sm);
      return inside(m, L, kappa, Optimum{{a * a, b * b}, (sk - 1) / (sk + 1)},
                    4 * sm * sL / ((sm + sL) * (sm + sL)));
    }
    case Method::nesterov: {
      const double q = std::sqrt(3 * kappa + 1);
      return inside(m, L, kappa, Optimum{{4 / (3 * L + mu), (q - 2) / (q + 2)}, 1 - 2 / q}, 4 / (q + 2));
    }
    case Method::newton: return Optimum{{1, 0}, 0};
    case Method::nesterov_lecture: return std::nullopt;
  }
  return std::nullopt;
}

Optimum nesterov_textbook(double mu, double L) {
  const double sk = std::sqrt(L / mu);
  return inside(Method::nesterov, L, L / mu, Optimum{{1 / L, (sk - 1) / (sk + 1)}, 1 - 1 / sk}, 2 / (sk + 1));
}

namespace {

// Golden-section search for the minimum of a quasiconvex f on [lo, hi].
template <class F>
double golden_min(F f, double lo, double hi) {
  const double g = (std::sqrt(5.0) - 1) / 2;
  double a = lo, b = hi;
  double c = b - g * (b - a), d = a + g * (b - a);
  double fc = f(c), fd = f(d);
  for (int it = 0; it < 200 && b - a > 1e-15 * (std::fabs(a) + std::fabs(b)); ++it) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return fc <= fd ? c : d;
}

// Nelder–Mead on a 2-D function with standard coefficients, restarted from its own best point
// until a restart no longer improves (the objective is non-smooth at critical damping).
template <class F>
std::array<double, 2> nelder_mead(F f, std::array<double, 2> x0, std::array<double, 2> step) {
  using P = std::array<double, 2>;
  P best = x0;
  double fbest = f(best);
  for (int restart = 0; restart < 30; ++restart) {
    P s[3] = {best, {best[0] + step[0], best[1]}, {best[0], best[1] + step[1]}};
    double fs[3] = {fbest, f(s[1]), f(s[2])};
    for (int it = 0; it < 4000; ++it) {
      int idx[3] = {0, 1, 2};
      std::sort(idx, idx + 3, [&](int i, int j) { return fs[i] < fs[j]; });
      const int lo = idx[0], mid = idx[1], hi = idx[2];
      const double size = std::max(std::fabs(s[hi][0] - s[lo][0]) + std::fabs(s[mid][0] - s[lo][0]),
                                   std::fabs(s[hi][1] - s[lo][1]) + std::fabs(s[mid][1] - s[lo][1]));
      if (size < 1e-15) break;
      const P c = {(s[lo][0] + s[mid][0]) / 2, (s[lo][1] + s[mid][1]) / 2};
      auto along = [&](double t) { return P{c[0] + t * (s[hi][0] - c[0]), c[1] + t * (s[hi][1] - c[1])}; };
      const P r = along(-1);
      const double fr = f(r);
      if (fr < fs[lo]) {
        const P e = along(-2);
        const double fe = f(e);
        if (fe < fr) {
          s[hi] = e;
          fs[hi] = fe;
        } else {
          s[hi] = r;
          fs[hi] = fr;
        }
      } else if (fr < fs[mid]) {
        s[hi] = r;
        fs[hi] = fr;
      } else {
        const P k = fr < fs[hi] ? along(-0.5) : along(0.5);
        const double fk = f(k);
        if (fk < std::min(fr, fs[hi])) {
          s[hi] = k;
          fs[hi] = fk;
        } else {  // shrink towards the best vertex
          for (int i : {mid, hi}) {
            s[i] = {(s[i][0] + s[lo][0]) / 2, (s[i][1] + s[lo][1]) / 2};
            fs[i] = f(s[i]);
          }
        }
      }
    }
    const int lo = static_cast<int>(std::min_element(fs, fs + 3) - fs);
    const bool improved = fs[lo] < fbest * (1 - 1e-15) || (fbest > 0 && fs[lo] < fbest - 1e-300);
    if (fs[lo] < fbest) {
      best = s[lo];
      fbest = fs[lo];
    }
    if (!improved) break;
    step = {step[0] / 4, step[1] / 4};
  }
  return best;
}

}  // namespace

Optimum optimal_numeric(Method m, const Spectrum& s) {
  const double L = s.lambda_max();
  if (!has_momentum(m)) {
    // gd converges for α ∈ (0, 2/L); newton for α ∈ (0, 2). rate(α) is quasiconvex on that range.
    const double hi = m == Method::newton ? 2.0 : 2.0 / L;
    auto f = [&](double a) { return rate(m, s, {a, 0}); };
    // A grid first (robust), then golden section within one grid cell of the best point.
    const int n = 2000;
    int best = 1;
    double fbest = f(hi * best / n);
    for (int i = 2; i < n; ++i) {
      const double v = f(hi * i / n);
      if (v < fbest) {
        fbest = v;
        best = i;
      }
    }
    const double a = golden_min(f, hi * (best - 1) / n, hi * (best + 1) / n);
    return {{a, 0}, f(a)};
  }
  // Coordinates x = αL ∈ (0, 4] (every momentum method here diverges beyond αL = 4 for β < 1)
  // and t = −log10(1 − β) ∈ [0, 12], so that β near 1 (large κ) is resolved.
  auto params = [&](double x, double t) { return Params{x / L, 1 - std::pow(10.0, -t)}; };
  auto f = [&](const std::array<double, 2>& z) {
    if (z[0] <= 0 || z[0] > 4 || z[1] < 0 || z[1] > 16) return std::numeric_limits<double>::infinity();
    return rate(m, s, params(z[0], z[1]));
  };
  struct Cand {
    double value;
    std::array<double, 2> z;
  };
  std::vector<Cand> cands;
  const int nx = 80, nt = 121;
  for (int i = 1; i <= nx; ++i)
    for (int j = 0; j < nt; ++j) {
      const std::array<double, 2> z = {4.0 * i / nx, 12.0 * j / (nt - 1)};
      cands.push_back({f(z), z});
    }
  std::partial_sort(cands.begin(), cands.begin() + 4, cands.end(),
                    [](const Cand& a, const Cand& b) { return a.value < b.value; });
  std::array<double, 2> best = cands[0].z;
  double fbest = cands[0].value;
  for (int k = 0; k < 4; ++k) {
    const auto z = nelder_mead(f, cands[k].z, {4.0 / nx, 12.0 / (nt - 1)});
    const double v = f(z);
    if (v < fbest) {
      fbest = v;
      best = z;
    }
  }
  return {params(best[0], best[1]), fbest};
}

std::optional<std::int64_t> iterations_to_tol(Method m, const Spectrum& s, const Params& p, double eps,
                                              double rate) {
  if (!converges(m, s, p)) return std::nullopt;
  // Below 0.999 log ρ of the rounded ρ is accurate to ~1e-13 relative: the count from the rate.
  if (rate < 0.999) return iterations_to_tol(rate, eps);
  const double gap = rate_gap(m, s, p);
  if (!(gap > 0)) return std::nullopt;
  if (gap >= 1) return 1;
  // log ρ = log1p(−(1 − ρ)): exact where ρ rounds to 1 (κ = 1e17 with gd: ρ = 1 − 2e-17).
  const double k = std::ceil(std::log(eps) / std::log1p(-gap));
  if (!(k < 9.0e18)) return std::nullopt;
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(k));
}

std::optional<std::int64_t> iterations_to_tol(double r, double eps) {
  if (!(r < 1) || !(r >= 0)) return std::nullopt;
  if (r == 0) return 1;
  const double k = std::ceil(std::log(eps) / std::log(r));
  if (!(k < 9.0e18)) return std::nullopt;
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(k));
}

}  // namespace kappa::theory
