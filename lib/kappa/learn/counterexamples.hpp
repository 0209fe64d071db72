// Where quadratic theory stops, and the function behind the first-order lower bound.
//
// 1. Lessard, Recht & Packard (2016, §4.6): a one-dimensional strongly convex f with μ = 1, L = 25,
//      ∇f(x) = 25x          x < 1
//              x + 24       1 ≤ x < 2
//              25x − 24     x ≥ 2
//    and f continuous with f(0) = 0, integrating piece by piece:
//      f(x) = 25x²/2                x < 1     (f(1) = 25/2)
//             x²/2 + 24x − 12       1 ≤ x < 2 (f(2) = 38)
//             25x²/2 − 24x + 36     x ≥ 2
//    Minimiser x* = 0, f* = 0. Heavy ball with the quadratic-optimal α = 4/(√L+√μ)² = 1/9,
//    β = ((√L−√μ)/(√L+√μ))² = 4/9 (rate 2/3 on every quadratic with spectrum in [1, 25]) is attracted
//    from some starts to a period-3 cycle instead of the minimiser.
//
// 2. Nesterov's chain quadratic (Nesterov 2004, §2.1.4; "the worst function in the world"):
//      f(w) = ½ wᵀHw − bᵀw,  H = μI + (L−μ)/4 · T,  b = (L−μ)/4 · e₁,
//    T tridiagonal with 2 on the diagonal and −1 off it (eigenvalues 2 − 2cos(jπ/(n+1)) ∈ (0, 4)), so
//    the spectrum of H lies in (μ, L). From w₀ = 0 any method whose iterates lie in the span of the
//    gradients seen so far has w_k supported on the first k coordinates, hence
//      ‖w_k − w*‖ ≥ ‖(w*_{k+1}, …, w*_n)‖  (the "tail" bound, exact for this n), and for n → ∞
//      ‖w_k − w*‖ ≥ ((√κ−1)/(√κ+1))^k ‖w₀ − w*‖,  κ = L/μ  (Nesterov 2004, Thm 2.1.13).
//
// Methods here use the project's conventions (docs/architecture.md): heavy ball v ← βv − ∇f(w), w ← w + αv with
// v₀ = 0 (equivalently Polyak's w_{k+1} = w_k − α∇f(w_k) + β(w_k − w_{k−1}) with w_{−1} = w₀);
// Nesterov v ← βv − ∇f(w + αβv), w ← w + αv. They are written out here because the optimizer
// registry's first-order methods are not built yet; the problems are Problem subclasses so that
// kappa-run can run them through make_optimizer once it is.
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kappa/problems/problem.hpp"

namespace kappa::counterexamples {

// ---- Lessard–Recht–Packard -------------------------------------------------------------------
double lrp_value(double x);
double lrp_gradient(double x);
double lrp_curvature(double x);  // f''(x): 25, 1 or 25 (the left/right limit at a kink is the right piece)

class LrpProblem final : public Problem {
 public:
  LrpProblem();
  std::string_view kind() const override { return "lrp"; }
  Eigen::Index dim() const override { return 1; }
  double value(const Vector& w) const override { return lrp_value(w(0)); }
  void gradient(const Vector& w, Vector& g) override { full_gradient(w, g); }
  void full_gradient(const Vector& w, Vector& g) const override { g(0) = lrp_gradient(w(0)); }
  const Vector& w_star() const override { return w_star_; }
  double f_star() const override { return 0.0; }
  bool has_hessian() const override { return true; }
  void hessian_times(const Vector& w, const Vector& x, Vector& out) const override;
  void hessian_solve(const Vector& w, const Vector& g, Vector& out) const override;

 private:
  Vector w_star_;
};

// ---- the chain quadratic ---------------------------------------------------------------------
class ChainProblem final : public Problem {
 public:
  // n ≥ 1, kappa = L/μ > 1 with μ = 1. Throws InputError naming the bad value.
  ChainProblem(std::int64_t n, double kappa);
  std::string_view kind() const override { return "chain"; }
  Eigen::Index dim() const override { return n_; }
  double value(const Vector& w) const override;
  void gradient(const Vector& w, Vector& g) override { full_gradient(w, g); }
  void full_gradient(const Vector& w, Vector& g) const override;
  const Vector& w_star() const override { return w_star_; }
  double f_star() const override { return f_star_; }
  // λ_j = μ + (L−μ)/4 · (2 − 2cos(jπ/(n+1))), j = 1..n.
  std::optional<Spectrum> spectrum() const override;
  bool has_hessian() const override { return true; }
  void hessian_times(const Vector& w, const Vector& x, Vector& out) const override;
  void hessian_solve(const Vector& w, const Vector& g, Vector& out) const override;  // Thomas algorithm

  double mu() const { return 1.0; }
  double L() const { return kappa_; }
  const Vector& b() const { return b_; }
  // ‖(w*_{k+1}, …, w*_n)‖ / ‖w*‖ for k = 0..n: the Krylov-span lower bound from w₀ = 0.
  std::vector<double> tail_bound() const;

 private:
  Eigen::Index n_;
  double kappa_, c_;  // c = (L−μ)/4
  Vector b_, w_star_;
  double f_star_;
};

// "lrp" | "chain:N:KAPPA" → the problem (the spelling kappa-run's --problem can accept).
std::unique_ptr<Problem> make_problem(const std::string& spec);

// ---- iterations --------------------------------------------------------------------------------
// observer(k, w) is called for k = 0 (the start) .. iters.
using Observer = std::function<void(int k, const Vector& w)>;

// `method` ("gd", "heavy-ball", "nesterov", "cg") through the optimizer registry (make_optimizer, the
// code kappa-run uses; cg with kappa-run's default line search). α and β are passed to the methods
// that have them. Returns "registry" (the value of kappa-counterexample's `implementation` key).
// A line-search breakdown (cg at w*, where no descent direction is left) ends the run early: the
// last iterate is repeated for the remaining k, as kappa-run's trace stays at the converged point.
std::string iterate(Problem& p, const std::string& method, double alpha, double beta, Vector w, int iters,
                    const Observer& obs);
// What iterate() uses for this method: "registry" (checked without running anything).
std::string implementation(const std::string& method, double alpha, double beta);

// ---- the heavy-ball cycle on the LRP function ------------------------------------------------
struct Cycle {
  std::vector<double> points;  // one period, in iteration order, starting from the smallest |index|
  int period = 0;
  double map_residual = 0;  // max_i |p_{i+1} − (p_i − α∇f(p_i) + β(p_i − p_{i−1}))|
};

// Heavy ball on the LRP function from x0 (v₀ = 0) for `burn_in` steps; if the last iterates repeat
// with a period P ≤ max_period (to 1e-6), the cycle is refined exactly: with each point's piece of
// ∇f fixed (∇f(x) = s_i x + c_i), the P equations p_{i+1} = p_i − α(s_i p_i + c_i) + β(p_i − p_{i−1})
// are a linear system, solved by full-pivot LU; the pieces are then checked to be the ones the
// solution lies in. nullopt when the iterates converge to 0 or no period is found.
std::optional<Cycle> find_cycle(double x0, double alpha, double beta, int burn_in = 600, int max_period = 12);

// Outcome of heavy ball / GD / Nesterov on the LRP function from x0 after `iters` steps.
enum class Outcome { converged, cycle, other };
std::string_view to_string(Outcome o);
// method: "heavy-ball", "gd", "nesterov"; converged: |x| < 1e-8; cycle: within 1e-6 of a cycle point
// for each of the last 3·period iterates (only if `cycle` is given).
Outcome classify(const std::string& method, double x0, double alpha, double beta, const Cycle* cycle,
                 int iters);

// Maximal intervals of the ascending starts that lead to `cycle`, each inner end refined by 60
// bisections between the last start inside and the first outside.
std::vector<std::pair<double, double>> cycle_basin(const Cycle& cycle, double alpha, double beta,
                                                   const std::vector<double>& starts, int iters);

}  // namespace kappa::counterexamples
