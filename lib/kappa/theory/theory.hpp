// Convergence theory of first-order methods on a quadric f(w) = ½ wᵀAw − bᵀw, one eigenvalue λ of A
// at a time. Each method's error in the eigenbasis evolves by a fixed per-mode linear map; its
// eigenvalues σ₁, σ₂ (closed form from trace T and determinant D of the 2×2 map) decide the rate.
//
// Conventions (docs/architecture.md): state is (v, w) with the lecture's velocity v, the heavy ball being
//   v ← βv − ∇f(w),  w ← w + αv.
// torch.optim.SGD(lr=α, momentum=β) stores the buffer b = −v (b ← βb + g, w ← w − αb): same
// iterates, negated velocity. The lecture prints the matrix [[β, λ], [−αβ, 1−αλ]], which is this
// map for the negated velocity (same trace 1+β−αλ and determinant β, hence same eigenvalues).
//
// Per method, in (v, w) coordinates on one mode with curvature λ:
//   gd                v absent          σ = 1 − αλ
//   heavy-ball        [[β, −λ], [αβ, 1−αλ]]                 T = 1+β−αλ,      D = β
//   nesterov          v ← βv − ∇f(w + αβv), w ← w + αv:
//                     [[β(1−αλ), −λ], [αβ(1−αλ), 1−αλ]]     T = (1+β)(1−αλ), D = β(1−αλ)
//   nesterov-lecture  the slide's lookahead w + αv (no β):
//                     [[β−αλ, −λ], [α(β−αλ), 1−αλ]]         T = 1+β−2αλ,     D = β−αλ
//   newton            damped Newton w ← w − αA⁻¹∇f: σ = 1 − α for every λ
#pragma once
#include <array>
#include <complex>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kappa/theory/spectrum.hpp"

namespace kappa::theory {

enum class Method { gd, heavy_ball, nesterov, nesterov_lecture, newton };

// Names as on the command line: "gd", "heavy-ball", "nesterov", "nesterov-lecture", "newton".
std::string_view to_string(Method m);
std::optional<Method> method_from_string(std::string_view name);
const std::vector<Method>& all_methods();
bool has_momentum(Method m);  // true when the method has β and a 2×2 iteration matrix

struct Params {
  double alpha = 0;
  double beta = 0;  // ignored by gd and newton
};

// Validates a parameter set for a method; throws FieldError naming the field, e.g.
// "beta 1.5: must be in [0, 1)". Allowed: α finite > 0, β finite in [0, 1).
void validate(Method m, const Params& p);

// The per-mode iteration matrix in (v, w) coordinates; 1×1 (only m[0][0]) for gd and newton.
struct IterationMatrix {
  int dim = 2;
  std::array<std::array<double, 2>, 2> m{};
};
IterationMatrix iteration_matrix(Method m, double lambda, const Params& p);

// Trace and determinant of the per-mode map (for dim 1: T = σ, D = 0).
struct TraceDet {
  double trace;
  double det;
};
TraceDet trace_det(Method m, double lambda, const Params& p);

enum class Regime { real, critical, complex };  // distinct real, repeated (Jordan block), complex pair
std::string_view to_string(Regime r);

struct ModeEigen {
  int dim;                      // 1: only sigma1 is meaningful
  std::complex<double> sigma1;  // the one of larger modulus
  std::complex<double> sigma2;
  double radius;  // max(|σ₁|, |σ₂|)
  Regime regime;
};
// Closed-form eigenvalues: σ = (T ± √(T² − 4D))/2, computed without cancellation.
ModeEigen mode_eigen(Method m, double lambda, const Params& p);

// Spectral radius of one mode (the same number as mode_eigen(...).radius, without complex arithmetic).
double mode_radius(Method m, double lambda, const Params& p);

// Worst-case rate over a spectrum: max over every λᵢ of the mode's spectral radius.
double rate(Method m, const Spectrum& s, const Params& p);

// Converges from every start: decided exactly (not from a rounded radius) by the Jury/Schur
// criterion on the double inputs: gd 0 < αλ < 2; heavy-ball 0 < αλ < 2(1+β); nesterov
// 0 < (1+2β)αλ < 2+2β; nesterov-lecture 0 < 3αλ < 2+2β; newton 0 < α < 2 (β ∈ [0, 1)), at λ_max.
// A margin c − k·αλ within one ulp of its terms (the rounding of the decimal inputs themselves) is
// the boundary: not convergent, ρ = 1 (λ = 1, α = 2.3, β = 0.15 is αλ = 2 + 2β).
// rate() and mode_radius() agree with it: a radius is ≤ 1 exactly when the mode converges, and a
// mode on the boundary has radius 1 (a converging mode's radius may round to 1, as gd's at κ = 1e17).
bool converges(Method m, const Spectrum& s, const Params& p);
bool mode_converges(Method m, double lambda, const Params& p);
// −1 converges, 0 on the boundary (ρ = 1 exactly), +1 diverges: the verdict rate() clamps to.
int mode_boundary_verdict(Method m, double lambda, const Params& p);

// 1 − ρ computed without cancellation (for one mode; over a spectrum the worst mode's), so that
// rates that round to 1 still give the right iteration count. ≤ 0 when the mode does not converge.
double mode_gap(Method m, double lambda, const Params& p);
double rate_gap(Method m, const Spectrum& s, const Params& p);

// Iterations ⌈log ε / log ρ⌉ for rate = rate(m, s, p); for ρ ≥ 0.999 with log ρ = log1p(−(1−ρ)) from
// rate_gap; nullopt when the method does not converge (exact criterion) or the count exceeds 9e18.
std::optional<std::int64_t> iterations_to_tol(Method m, const Spectrum& s, const Params& p, double eps,
                                              double rate);

struct Optimum {
  Params params;
  double rate;
};

// Closed-form optimal parameters for a spectrum in [μ, L], κ = L/μ:
//   gd          α* = 2/(μ+L),                         rate* = (κ−1)/(κ+1)
//   heavy-ball  α* = (2/(√μ+√L))², β* = ((√L−√μ)/(√L+√μ))², rate* = (√κ−1)/(√κ+1)  (Polyak 1964)
//   nesterov    α = 4/(3L+μ), β = (√(3κ+1)−2)/(√(3κ+1)+2), rate = 1 − 2/√(3κ+1)
//               (Lessard, Recht, Packard 2016, the tuning for quadratics)
//   newton      α* = 1, rate* = 0
// nesterov-lecture has no closed form: nullopt.
std::optional<Optimum> optimal_closed_form(Method m, double lambda_min, double lambda_max);

// Nesterov's textbook tuning α = 1/L, β = (√κ−1)/(√κ+1), rate 1 − 1/√κ (Nesterov 2004, §2.2).
Optimum nesterov_textbook(double lambda_min, double lambda_max);

// Numerical minimisation of rate(m, s, ·) over the method's parameters (α for gd/newton, (α, β) for
// momentum methods): a coarse grid over the convergent region, then Nelder–Mead from the best grid
// points. Independent of the closed forms, so the two check each other.
Optimum optimal_numeric(Method m, const Spectrum& s);

// Iterations k = ⌈log ε / log rate⌉ for the error to shrink by ε (0 < ε < 1) at a given rate;
// 1 when rate == 0; nullopt when rate >= 1 (never).
std::optional<std::int64_t> iterations_to_tol(double rate, double eps);

}  // namespace kappa::theory
