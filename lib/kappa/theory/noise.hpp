// Stochastic theory on a quadric with additive gradient noise, one eigen-mode λ of A at a time.
// The optimizer sees g = λe + ξ on the mode (e = w − w* in the eigenbasis), ξ zero-mean, independent
// across steps, E ξ² = σ². With minibatches of B samples of per-sample variance s², σ² = s²/B.
// Every method below is a linear recurrence x' = T x + c ξ of a state x (1 or 2 numbers) with e one
// of its components, so the second moment M = E[x xᵀ] follows the exact linear recurrence
//   M_{k+1} = T M_k Tᵀ + σ² c cᵀ,
// whose fixed point (the discrete Lyapunov equation M = T M Tᵀ + σ² c cᵀ, unique and ⪰ 0 when the
// spectral radius ρ(T) < 1) is the stationary noise floor E[e²]. When ρ(T) ≥ 1 there is no
// stationary floor (the second moment grows or does not settle): the functions return nullopt.
//
// States and maps, in the project's convention (heavy ball v ← βv − ∇f(w), w ← w + αv):
//   gd / sgd          x = e:       e' = (1−αλ) e − α ξ
//   heavy-ball        x = (v, e):  T = [[β, −λ], [αβ, 1−αλ]],              c = (−1, −α)
//     (the noise enters v with weight 1 and reaches w through α: e' = e + α v' gets −α ξ)
//   nesterov          v ← βv − ∇f(w + αβv):  T = [[βq, −λ], [αβq, q]], q = 1−αλ,  c = (−1, −α)
//   nesterov-lecture  v ← βv − ∇f(w + αv):   T = [[β−αλ, −λ], [α(β−αλ), 1−αλ]],  c = (−1, −α)
//   torch sgd         x = (b, e), b torch's buffer (= −v when dampening is 0), lr α, momentum β,
//                     dampening τ:  b' = βb + (1−τ)g, w' = w − α b':
//                       T = [[β, (1−τ)λ], [−αβ, 1−α(1−τ)λ]],  c = (1−τ, −α(1−τ));
//                     first step b₁ = g (torch copies the gradient): T₀ = [[0, λ], [0, 1−αλ]], c₀ = (1, −α)
//                     nesterov (τ = 0): w' = w − α(g + βb'):
//                       T = [[β, λ], [−αβ², 1−α(1+β)λ]],  c = (1, −α(1+β))
//                     momentum 0 is plain sgd (x = e).
// Starts: v₀ = 0 (b₀ = 0), e₀ given, as kappa's optimizers start.
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kappa::noise {

enum class Scheme { gd, heavy_ball, nesterov, nesterov_lecture, torch_sgd };

struct Method {
  Scheme scheme = Scheme::gd;
  double alpha = 0;       // step (torch's lr)
  double beta = 0;        // momentum (ignored by gd)
  double dampening = 0;   // torch_sgd only, in [0, 1]
  bool nesterov = false;  // torch_sgd only (needs beta > 0 and dampening 0, as torch)
};

// Throws FieldError naming the field when a parameter is out of range (α finite > 0, β in [0, 1),
// dampening in [0, 1], torch nesterov with β > 0 and dampening 0).
void validate(const Method& m);

// The per-mode linear system: x' = T x + c ξ for every step after the first, x₁ = T₀ x₀ + c₀ ξ₀ for
// the first; e = x[dim − 1].
struct ModeSystem {
  int dim = 1;
  Eigen::Matrix2d T = Eigen::Matrix2d::Zero(), T0 = Eigen::Matrix2d::Zero();
  Eigen::Vector2d c = Eigen::Vector2d::Zero(), c0 = Eigen::Vector2d::Zero();
};
ModeSystem mode_system(const Method& m, double lambda);

// Spectral radius of T (the deterministic rate of the mode).
double mode_radius(const ModeSystem& s);

// The symmetric solution of M = T M Tᵀ + Q (3×3 linear system in the entries M₁₁, M₁₂, M₂₂; for
// dim 1, M₁₁ = Q₁₁/(1 − T₁₁²)); nullopt when ρ(T) ≥ 1.
std::optional<Eigen::Matrix2d> stationary_second_moment(const ModeSystem& s, const Eigen::Matrix2d& Q);

// Stationary E[e²] on one mode with noise variance σ² (linear in σ²); nullopt when ρ(T) ≥ 1.
std::optional<double> stationary_mode(const Method& m, double lambda, double sigma2);

// E[e_k²] on one mode after k steps from e₀ (v₀ = 0): the deterministic part (T^{k−1}T₀x₀)_e² and
// the accumulated noise σ² (Σ_{j<k−1} T^j c cᵀ T^jᵀ + T^{k−1} c₀c₀ᵀ T^{k−1}ᵀ)_ee, by doubling in
// O(log k) 2×2 products (exact for any ρ).
struct ModeExpectation {
  double deterministic = 0;
  double noise = 0;
  double total() const { return deterministic + noise; }
};
ModeExpectation expected_mode(const Method& m, double lambda, double sigma2, double e0, std::int64_t k);

// Over a spectrum λᵢ (eigenbasis of A) with per-mode noise variances σᵢ² (sizes equal):
// stationary E‖w − w*‖² = Σ E[eᵢ²] and E[f − f*] = Σ λᵢ/2 E[eᵢ²]; nullopt members when some
// mode has ρ ≥ 1, with `unstable_lambda` the first such λ.
struct Floor {
  std::optional<double> dist2;
  std::optional<double> f_gap;
  std::optional<double> unstable_lambda;
  double rate = 0;  // max over modes of ρ(T)
};
Floor stationary(const Method& m, const std::vector<double>& lambdas, const std::vector<double>& sigma2);

struct Expectation {
  double dist2 = 0, dist2_deterministic = 0, dist2_noise = 0, f_gap = 0;
};
Expectation expected(const Method& m, const std::vector<double>& lambdas, const std::vector<double>& sigma2,
                     const std::vector<double>& e0, std::int64_t k);

// The whole curve k = 0 … K by the recurrence (O(K·n)), every `every` steps (and K).
struct CurvePoint {
  std::int64_t k;
  Expectation e;
};
std::vector<CurvePoint> expected_curve(const Method& m, const std::vector<double>& lambdas,
                                       const std::vector<double>& sigma2, const std::vector<double>& e0,
                                       std::int64_t K, std::int64_t every);

// The first k ≤ max_steps with E‖w_k − w*‖² ≤ eps (nullopt: not within max_steps), and the first k
// at which the accumulated noise part is at least the deterministic part (the noise floor dominates).
// eps <= 0 asks only for the second. The search stops early once the (non-decreasing) noise part exceeds eps.
struct Milestones {
  std::optional<std::int64_t> steps_to_eps;
  std::optional<std::int64_t> noise_dominates;
};
Milestones milestones(const Method& m, const std::vector<double>& lambdas, const std::vector<double>& sigma2,
                      const std::vector<double>& e0, double eps, std::int64_t max_steps);

}  // namespace kappa::noise
