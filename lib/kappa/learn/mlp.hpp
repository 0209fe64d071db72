// A small multilayer perceptron for classification (Eigen, float64), general enough for the
// lecture's training-procedure experiments:
//   a₀ = x,  zₗ = Wₗ aₗ₋₁ + bₗ,  aₗ = φ(zₗ) (hidden layers),  logits z_L,  p = softmax(z_L)
//   loss = −1/B Σ log p_{yᵢ}  (softmax cross-entropy, mean over the batch; log-sum-exp stabilised)
// All parameters live in one flat vector θ = (W₁ column-major, b₁, W₂, b₂, ...), so optimizers,
// finite differences and kappa::Problem see a plain Vector.
// Initialisation (fan_in n_in, fan_out n_out):
//   xavier  W ~ U(−a, a), a = √(6/(n_in + n_out))       (Glorot & Bengio 2010)
//   he      W ~ N(0, 2/n_in)                               (He et al. 2015)
//   naive   W ~ N(0, s²) with a fixed s (default 0.01: vanishing signals in deep nets)
//   small   W ~ N(0, 0.01²)
// Biases start at 0. Randomness only from kappa::Rng (seeded).
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kappa/core/random.hpp"
#include "kappa/learn/activation.hpp"
#include "kappa/optim/method_schema.hpp"
#include "kappa/problems/problem.hpp"

namespace kappa::mlp {

using Matrix = Eigen::MatrixXd;

using kappa::Activation;  // kappa/learn/activation.hpp, shared with gradflow
using kappa::Init;

class Network {
 public:
  // sizes = {inputs, hidden..., classes}; at least {inputs, classes}.
  Network(std::vector<int> sizes, Activation activation);
  void initialize(Init init, Rng& rng, double naive_scale = 0.01);

  const std::vector<int>& sizes() const { return sizes_; }
  Eigen::Index parameter_count() const { return theta_.size(); }
  Vector& parameters() { return theta_; }
  const Vector& parameters() const { return theta_; }

  // Mean cross-entropy of the samples (columns of X, d × B) with labels in [0, classes); when grad
  // is non-null, also ∂loss/∂θ (sized parameter_count()) by backpropagation.
  double loss(const Matrix& X, const std::vector<int>& labels, Vector* grad) const;
  // The same at other parameters θ (for finite differences).
  double loss_at(const Vector& theta, const Matrix& X, const std::vector<int>& labels, Vector* grad) const;
  // Fraction of samples whose largest logit is the label.
  double accuracy(const Matrix& X, const std::vector<int>& labels) const;

 private:
  std::vector<int> sizes_;
  Activation activation_;
  Vector theta_;
  std::vector<Eigen::Index> w_offset_, b_offset_;
};

// A labelled split: features as columns (d × n), integer labels.
struct Split {
  Matrix X;
  std::vector<int> y;
  Eigen::Index size() const { return X.cols(); }
};

// Shuffles the samples (Fisher–Yates with rng) and cuts them into train / validation / test by
// fractions (test gets the rest). Rows of X are samples, as read from a CSV.
struct Splits {
  Split train, val, test;
};
Splits split_data(const Matrix& X_rows, const Vector& labels, double train_frac, double val_frac, Rng& rng);

// Gaussian blobs: `classes` centres drawn N(0, spread²) in `features` dimensions, samples N(centre, 1).
void make_blobs(int samples, int features, int classes, double spread, Rng& rng, Matrix& X_rows,
                Vector& labels);

// The optimizer is any first-order method of kappa's registry (make_optimizer), stepping on the
// minibatch gradient; "momentum" is registry sgd with momentum β. With torch.optim 1.13's rules
// (float64) and weight decay added to the gradient (g ← g + wd·θ):
//   sgd       θ ← θ − α g
//   momentum  buf ← β buf + g (buf₁ = g), θ ← θ − α buf      (torch.optim.SGD(momentum=β))
//   adam      torch.optim.Adam(lr=α, betas=(β₁, β₂), eps)      (also adamw, rmsprop, adagrad, ...)
struct TrainConfig {
  std::vector<int> hidden = {32};
  Activation activation = Activation::relu;
  Init init = Init::he;
  double naive_scale = 0.01;
  std::string method = "sgd";              // a registry method (kappa/optim/method_schema.hpp)
  MethodParams optimizer{{"alpha", 0.1}};  // its parameters (kappa-train's step size 0.1 by default)
  int batch_size = 32;
  int epochs = 20;
  std::uint64_t seed = 1;
  void validate() const;  // throws FieldError naming the field (the optimizer's schema checks its parameters)
};

// One row per epoch (epoch 0 = before training): mean losses over each whole split (NaN when the
// split is empty), accuracies, and the gradient norm of the last minibatch.
struct EpochRow {
  int epoch;
  double train_loss, val_loss, test_loss;
  double train_acc, val_acc, test_acc;
  double grad_norm;
};

// Trains a fresh network (initialised from cfg.seed) on splits.train, calling `on_epoch` per row.
// Stops early after the first row whose training loss is not finite (a diverged run).
Network train(const TrainConfig& cfg, const Splits& splits,
              const std::function<void(const EpochRow&)>& on_epoch);

}  // namespace kappa::mlp
