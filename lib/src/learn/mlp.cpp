// The MLP of mlp.hpp: forward pass, backpropagation, initialisation, data splits and the training loop.
#include "kappa/learn/mlp.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "kappa/core/errors.hpp"
#include "kappa/core/format_number.hpp"
#include "kappa/optim/optimizer.hpp"

namespace kappa::mlp {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

void apply(Activation a, Matrix& Z) {
  switch (a) {
    case Activation::sigmoid:
      Z = Z.unaryExpr(
          [](double z) { return z >= 0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z)); });
      break;
    case Activation::tanh: Z = Z.array().tanh(); break;
    case Activation::relu: Z = Z.cwiseMax(0.0); break;
    case Activation::linear: break;
  }
}

// φ'(z) expressed through a = φ(z): σ' = a(1−a), tanh' = 1−a², relu' = [a > 0], linear 1.
Matrix derivative_from_output(Activation act, const Matrix& A) {
  switch (act) {
    case Activation::sigmoid: return (A.array() * (1.0 - A.array())).matrix();
    case Activation::tanh: return (1.0 - A.array().square()).matrix();
    case Activation::relu: return (A.array() > 0.0).cast<double>().matrix();
    case Activation::linear: return Matrix::Ones(A.rows(), A.cols());
  }
  return A;
}

}  // namespace

Network::Network(std::vector<int> sizes, Activation activation)
    : sizes_(std::move(sizes)), activation_(activation) {
  if (sizes_.size() < 2) throw InputError("network: needs at least an input and an output layer");
  for (int s : sizes_)
    if (s < 1) throw InputError("network: layer size " + std::to_string(s) + ": must be >= 1");
  Eigen::Index off = 0;
  for (std::size_t l = 1; l < sizes_.size(); ++l) {
    w_offset_.push_back(off);
    off += static_cast<Eigen::Index>(sizes_[l]) * sizes_[l - 1];
    b_offset_.push_back(off);
    off += sizes_[l];
  }
  theta_ = Vector::Zero(off);
}

void Network::initialize(Init init, Rng& rng, double naive_scale) {
  theta_.setZero();
  for (std::size_t l = 1; l < sizes_.size(); ++l) {
    const double fan_in = sizes_[l - 1], fan_out = sizes_[l];
    const Eigen::Index count = static_cast<Eigen::Index>(fan_in * fan_out);
    double* w = theta_.data() + w_offset_[l - 1];
    for (Eigen::Index i = 0; i < count; ++i) {
      switch (init) {
        case Init::xavier: {
          const double a = std::sqrt(6.0 / (fan_in + fan_out));
          w[i] = rng.uniform(-a, a);
          break;
        }
        case Init::he: w[i] = std::sqrt(2.0 / fan_in) * rng.normal(); break;
        case Init::naive: w[i] = naive_scale * rng.normal(); break;
        case Init::small: w[i] = 0.01 * rng.normal(); break;
      }
    }
  }
}

double Network::loss(const Matrix& X, const std::vector<int>& labels, Vector* grad) const {
  return loss_at(theta_, X, labels, grad);
}

double Network::loss_at(const Vector& theta, const Matrix& X, const std::vector<int>& labels,
                        Vector* grad) const {
  const std::size_t L = sizes_.size() - 1;
  const Eigen::Index B = X.cols();
  if (B == 0) return nan;
  auto W = [&](std::size_t l) {
    return Eigen::Map<const Matrix>(theta.data() + w_offset_[l], sizes_[l + 1], sizes_[l]);
  };
  auto b = [&](std::size_t l) {
    return Eigen::Map<const Vector>(theta.data() + b_offset_[l], sizes_[l + 1]);
  };
  std::vector<Matrix> A(L + 1);  // A[0] = X, A[l] = φ(z_l); A[L] = logits
  A[0] = X;
  for (std::size_t l = 0; l < L; ++l) {
    A[l + 1] = W(l) * A[l];
    A[l + 1].colwise() += b(l);
    if (l + 1 < L) apply(activation_, A[l + 1]);
  }
  // Softmax cross-entropy per column: log Σ exp(z − max) + max − z_y.
  Matrix& Z = A[L];
  double total = 0;
  Matrix P(Z.rows(), B);
  for (Eigen::Index j = 0; j < B; ++j) {
    const int y = labels[static_cast<std::size_t>(j)];
    const double m = Z.col(j).maxCoeff();
    P.col(j) = (Z.col(j).array() - m).exp();
    const double s = P.col(j).sum();
    total += std::log(s) + m - Z(y, j);
    P.col(j) /= s;
  }
  const double loss = total / static_cast<double>(B);
  if (!grad) return loss;
  // Backpropagation: δ_L = (P − onehot(y))/B; ∂W_l = δ_l a_{l−1}ᵀ; ∂b_l = Σ_cols δ_l;
  // δ_{l−1} = (W_lᵀ δ_l) ∘ φ'(z_{l−1}).
  grad->resize(theta.size());
  Matrix delta = P;
  for (Eigen::Index j = 0; j < B; ++j) delta(labels[static_cast<std::size_t>(j)], j) -= 1.0;
  delta /= static_cast<double>(B);
  for (std::size_t l = L; l-- > 0;) {
    Eigen::Map<Matrix>(grad->data() + w_offset_[l], sizes_[l + 1], sizes_[l]).noalias() =
        delta * A[l].transpose();
    Eigen::Map<Vector>(grad->data() + b_offset_[l], sizes_[l + 1]) = delta.rowwise().sum();
    if (l > 0) {
      Matrix back = W(l).transpose() * delta;
      delta = back.cwiseProduct(derivative_from_output(activation_, A[l]));
    }
  }
  return loss;
}

double Network::accuracy(const Matrix& X, const std::vector<int>& labels) const {
  if (X.cols() == 0) return nan;
  const std::size_t L = sizes_.size() - 1;
  Matrix A = X;
  for (std::size_t l = 0; l < L; ++l) {
    Matrix Z = Eigen::Map<const Matrix>(theta_.data() + w_offset_[l], sizes_[l + 1], sizes_[l]) * A;
    Z.colwise() += Eigen::Map<const Vector>(theta_.data() + b_offset_[l], sizes_[l + 1]);
    if (l + 1 < L) apply(activation_, Z);
    A = std::move(Z);
  }
  Eigen::Index correct = 0;
  for (Eigen::Index j = 0; j < A.cols(); ++j) {
    Eigen::Index arg;
    A.col(j).maxCoeff(&arg);
    correct += arg == labels[static_cast<std::size_t>(j)];
  }
  return static_cast<double>(correct) / static_cast<double>(A.cols());
}

namespace {
Split take(const Matrix& X_rows, const Vector& labels, const std::vector<Eigen::Index>& idx, std::size_t from,
           std::size_t to) {
  Split s;
  s.X.resize(X_rows.cols(), static_cast<Eigen::Index>(to - from));
  for (std::size_t k = from; k < to; ++k) {
    s.X.col(static_cast<Eigen::Index>(k - from)) = X_rows.row(idx[k]).transpose();
    s.y.push_back(static_cast<int>(labels[idx[k]]));
  }
  return s;
}
}  // namespace

Splits split_data(const Matrix& X_rows, const Vector& labels, double train_frac, double val_frac, Rng& rng) {
  if (!(train_frac > 0 && val_frac >= 0 && train_frac + val_frac <= 1))
    throw FieldError("split", fmt::format(" {},{}: expected train > 0, val >= 0, train + val <= 1",
                                          shortest(train_frac), shortest(val_frac)));
  for (Eigen::Index i = 0; i < labels.size(); ++i)
    if (!(labels[i] >= 0 && labels[i] == std::floor(labels[i]) && labels[i] < 1e6))
      throw InputError(fmt::format("data row {}: label {}: expected an integer class 0, 1, 2, ...", i + 1,
                                   shortest(labels[i])));
  const auto n = static_cast<std::size_t>(X_rows.rows());
  std::vector<Eigen::Index> idx(n);
  std::iota(idx.begin(), idx.end(), Eigen::Index{0});
  for (std::size_t i = n; i > 1; --i) std::swap(idx[i - 1], idx[rng.below(i)]);  // Fisher–Yates
  const auto n_train = static_cast<std::size_t>(std::llround(train_frac * static_cast<double>(n)));
  const auto n_val =
      std::min(n - n_train, static_cast<std::size_t>(std::llround(val_frac * static_cast<double>(n))));
  Splits s;
  s.train = take(X_rows, labels, idx, 0, n_train);
  s.val = take(X_rows, labels, idx, n_train, n_train + n_val);
  s.test = take(X_rows, labels, idx, n_train + n_val, n);
  return s;
}

void make_blobs(int samples, int features, int classes, double spread, Rng& rng, Matrix& X_rows,
                Vector& labels) {
  if (samples < 1 || features < 1 || classes < 2)
    throw InputError("blobs: expected samples >= 1, features >= 1, classes >= 2");
  Matrix centres(classes, features);
  for (int c = 0; c < classes; ++c)
    for (int j = 0; j < features; ++j) centres(c, j) = spread * rng.normal();
  X_rows.resize(samples, features);
  labels.resize(samples);
  for (int i = 0; i < samples; ++i) {
    const int c = i % classes;
    labels[i] = c;
    for (int j = 0; j < features; ++j) X_rows(i, j) = centres(c, j) + rng.normal();
  }
}

namespace {

// The network's loss as a stochastic kappa::Problem: gradient() is the loss gradient on the current
// minibatch (set by the trainer before each step), value()/full_gradient() use the whole training set.
class MinibatchProblem final : public Problem {
 public:
  MinibatchProblem(const Network& net, const Split& train) : net_(net), train_(train) {}
  std::string_view kind() const override { return "mlp"; }
  Eigen::Index dim() const override { return net_.parameter_count(); }
  double value(const Vector& w) const override { return net_.loss_at(w, train_.X, train_.y, nullptr); }
  void gradient(const Vector& w, Vector& g) override { net_.loss_at(w, Xb, yb, &g); }
  void full_gradient(const Vector& w, Vector& g) const override { net_.loss_at(w, train_.X, train_.y, &g); }
  bool stochastic() const override { return true; }
  const Vector& w_star() const override { return none_; }
  double f_star() const override { return nan; }
  Matrix Xb;
  std::vector<int> yb;

 private:
  const Network& net_;
  const Split& train_;
  Vector none_;
};

}  // namespace

void TrainConfig::validate() const {
  for (int h : hidden)
    if (h < 1) throw FieldError("hidden", " " + std::to_string(h) + ": layer sizes must be >= 1");
  if (batch_size < 1) throw FieldError("batch_size", " " + std::to_string(batch_size) + ": must be >= 1");
  if (epochs < 0) throw FieldError("epochs", " " + std::to_string(epochs) + ": must be >= 0");
  if (!(naive_scale > 0)) throw FieldError("naive_scale", " " + shortest(naive_scale) + ": must be > 0");
}

Network train(const TrainConfig& cfg, const Splits& data,
              const std::function<void(const EpochRow&)>& on_epoch) {
  cfg.validate();
  if (data.train.size() == 0) throw InputError("training split is empty");
  int classes = 0;
  for (const Split* s : {&data.train, &data.val, &data.test})
    for (int y : s->y) classes = std::max(classes, y + 1);
  std::vector<int> sizes{static_cast<int>(data.train.X.rows())};
  sizes.insert(sizes.end(), cfg.hidden.begin(), cfg.hidden.end());
  sizes.push_back(std::max(classes, 2));
  Network net(sizes, cfg.activation);
  Rng rng(cfg.seed);
  net.initialize(cfg.init, rng, cfg.naive_scale);

  auto optimizer = make_optimizer(cfg.method, cfg.optimizer);
  MinibatchProblem problem(net, data.train);
  optimizer->reset(problem);
  Vector g(net.parameter_count());
  double last_grad_norm = nan;
  auto report = [&](int epoch) {
    EpochRow r{epoch,
               net.loss(data.train.X, data.train.y, nullptr),
               net.loss(data.val.X, data.val.y, nullptr),
               net.loss(data.test.X, data.test.y, nullptr),
               net.accuracy(data.train.X, data.train.y),
               net.accuracy(data.val.X, data.val.y),
               net.accuracy(data.test.X, data.test.y),
               last_grad_norm};
    on_epoch(r);
    return std::isfinite(r.train_loss);
  };
  if (!report(0)) return net;
  const auto n = static_cast<std::size_t>(data.train.size());
  std::vector<Eigen::Index> order(n);
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  Vector& theta = net.parameters();
  for (int epoch = 1; epoch <= cfg.epochs; ++epoch) {
    for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);  // reshuffle per epoch
    for (std::size_t start = 0; start < n; start += static_cast<std::size_t>(cfg.batch_size)) {
      const std::size_t end = std::min(n, start + static_cast<std::size_t>(cfg.batch_size));
      problem.Xb.resize(data.train.X.rows(), static_cast<Eigen::Index>(end - start));
      problem.yb.clear();
      for (std::size_t k = start; k < end; ++k) {
        problem.Xb.col(static_cast<Eigen::Index>(k - start)) = data.train.X.col(order[k]);
        problem.yb.push_back(data.train.y[static_cast<std::size_t>(order[k])]);
      }
      const auto info = optimizer->step(problem, theta);
      if (info.breakdown) throw RuntimeError("optimizer " + cfg.method + ": " + info.message);
    }
    // The last minibatch's gradient norm at the updated parameters (without weight decay).
    problem.gradient(theta, g);
    last_grad_norm = g.norm();
    if (!report(epoch)) break;
  }
  return net;
}

}  // namespace kappa::mlp
