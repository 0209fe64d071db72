// Gradient flow through a deep fully connected network: why gradients vanish or explode.
//
// Network (no biases): h_0 = x, a_l = W_l h_{l-1}, h_l = φ(a_l), l = 1..L, every W_l of size d×d.
// Loss: a fixed random linear read-out ℓ = Σ_b r_bᵀ h_L(x_b) with r_b ~ N(0, I), so the gradient
// reaching the top is r and what happens below it is the backward gain alone. Backpropagation
// (batch B as columns):  G_L = R,  D_l = G_l ⊙ φ'(A_l),  ∂ℓ/∂W_l = D_l H_{l-1}ᵀ,  G_{l-1} = W_lᵀ D_l.
//
// Gain per layer. For a fixed vector δ and W with i.i.d. N(0, σ²) entries, E‖Wᵀδ‖² = d·σ²·‖δ‖²
// (each of the d coordinates of Wᵀδ has variance σ²‖δ‖²). With the activation's derivative in
// between, the expected squared gain per layer is  g = d·σ_w²·E[φ'(a)²]:
//   linear  g = d σ²        ReLU  g = d σ² / 2   (φ' is 1 on half of the symmetric pre-activations)
// Xavier / Glorot (2010), normal form: σ² = 2/(fan_in+fan_out) = 1/d for square layers → linear g = 1.
// He et al. (2015): σ² = 2/fan_in = 2/d → ReLU g = 1. Naive N(0,1): g = d (linear), explodes like
// g^{L/2} in norm; small N(0, 0.01²): g = d·10⁻⁴, vanishes. tanh and sigmoid have no closed form
// (E[φ'(a)²] depends on the pre-activation variance); the tool reports the measured gain.
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "kappa/learn/activation.hpp"

namespace kappa::gradflow {

// Activation, Init, their parsing and init_variance: kappa/learn/activation.hpp (shared with mlp).
using kappa::Activation;
using kappa::Init;
// Closed-form expected squared gain d·σ²·E[φ'²] where it exists (linear, relu), else nullopt.
std::optional<double> theory_gain(Activation act, Init init, int width);

// Mean-field prediction of the per-layer gain for inputs x ~ N(0, I_d) (Poole et al. 2016; Schoenholz
// et al. 2017), for any activation: with m_0 = E[x_j²] = 1,
//   q_l = d σ_w² m_{l−1}   (variance of a pre-activation),   m_l = E_{z~N(0,1)}[φ(√q_l z)²],
//   g_l = d σ_w² E_{z~N(0,1)}[φ'(√q_l z)²]   (expected ‖G_{l−1}‖²/‖G_l‖²),  l = 1..L.
// The expectations by the midpoint rule on z ∈ [−10, 10] (20 000 intervals). Linear and ReLU give
// the closed forms d σ² and d σ²/2 at every layer.
std::vector<double> mean_field_gains(Activation act, Init init, int width, int depth);

struct Network {
  int depth = 0, width = 0;
  Activation activation = Activation::linear;
  Init init = Init::xavier;
  std::vector<Eigen::MatrixXd> weights;  // W_1..W_L (index 0..L-1)
};

// Weights drawn from kappa::Rng(seed), W_1 first, each column-major entry by entry.
Network make_network(int depth, int width, Activation act, Init init, std::uint64_t seed);

struct Backprop {
  std::vector<Eigen::MatrixXd> pre;     // A_1..A_L (index 0..L-1), d×B
  std::vector<Eigen::MatrixXd> post;    // H_0..H_L (index 0..L), d×B
  std::vector<Eigen::MatrixXd> grad_h;  // G_0..G_L = ∂ℓ/∂H_l (index 0..L)
  std::vector<Eigen::MatrixXd> grad_w;  // ∂ℓ/∂W_1..∂ℓ/∂W_L (index 0..L-1)
  double loss = 0;                      // Σ_b r_bᵀ h_L(x_b)
};

// Forward and backward pass for inputs X (d×B) and read-out R (d×B).
Backprop backprop(const Network& net, const Eigen::MatrixXd& X, const Eigen::MatrixXd& R);
// ℓ alone (for finite differences).
double loss(const Network& net, const Eigen::MatrixXd& X, const Eigen::MatrixXd& R);
// End-to-end Jacobian ∂h_L/∂x at one input x: diag(φ'(a_L)) W_L ··· diag(φ'(a_1)) W_1.
Eigen::MatrixXd jacobian(const Network& net, const Eigen::VectorXd& x);

// One experiment: `seeds` networks (seed, seed+1, ...), each with its own inputs X ~ N(0, I) and
// read-out R ~ N(0, I) drawn after the weights from the same Rng.
struct Config {
  int depth = 30, width = 64, batch = 32;
  Activation activation = Activation::tanh;
  Init init = Init::xavier;
  std::uint64_t seed = 1;
  int seeds = 5;
  int jacobian_inputs = 4;  // inputs per seed whose Jacobian's singular values are taken
};

struct LayerRow {
  int layer = 0;                 // l = 0..L (0: the input)
  double log10_act_norm = 0;     // mean over seeds of log10 ‖H_l‖_F
  double log10_grad_h_norm = 0;  // mean over seeds of log10 ‖∂ℓ/∂H_l‖_F
  double log10_grad_w_norm = 0;  // mean over seeds of log10 ‖∂ℓ/∂W_l‖_F (NaN at l = 0)
  double gain = 0;               // mean over seeds of ‖G_{l-1}‖²/‖G_l‖² (NaN at l = 0)
  double gain_mean_field = 0;    // mean_field_gains()[l-1] (NaN at l = 0)
};

struct Summary {
  std::vector<LayerRow> layers;
  double gain_mean = 0;               // mean of the per-layer gains over layers and seeds
  double gain_stderr = 0;             // its standard error (over the L·seeds ratios)
  std::optional<double> gain_theory;  // closed form (linear, relu)
  double gain_mean_field = 0;         // mean over layers of mean_field_gains()
  double sigma_w2 = 0;                // the weight variance used
  // ln of the Jacobian's resolvable singular values (σ > d·ε·σ_max; smaller ones are rounding
  // noise, and ReLU masks make J rank-deficient) over all seeds × jacobian_inputs:
  double sv_log_mean = 0, sv_log_std = 0, sv_log_min = 0, sv_log_max = 0;
  double sv_rank_mean = 0;  // mean numerical rank of J (out of d)
  // (mean σ²)^{1/L}: the Jacobian's mean-square gain per layer (linear: → d σ_w²).
  double jacobian_gain_per_layer = 0;
};

// Throws InputError for depth/width/batch/seeds < 1 or jacobian_inputs outside [0, batch].
Summary run(const Config& cfg);

}  // namespace kappa::gradflow
