// The MLP's backpropagation against central finite differences, and its update rules against the
// formulas written out here.
#include <doctest/doctest.h>

#include <cmath>

#include "kappa/learn/mlp.hpp"

using namespace kappa;

TEST_CASE("mlp: backpropagated gradient matches central finite differences for every activation") {
  for (auto act : {Activation::linear, Activation::sigmoid, Activation::tanh, Activation::relu}) {
    CAPTURE(to_string(act));
    mlp::Network net({4, 5, 3, 3}, act);
    Rng rng(11);
    net.initialize(mlp::Init::xavier, rng);
    net.parameters() += 0.1 * Vector::Ones(net.parameter_count());  // non-zero biases too
    mlp::Matrix X(4, 7);
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = rng.normal();
    const std::vector<int> y{0, 2, 1, 1, 0, 2, 2};
    Vector g;
    const double f = net.loss(X, y, &g);
    CHECK(std::isfinite(f));
    REQUIRE(g.size() == net.parameter_count());
    const double h = 1e-6;
    double worst = 0;
    for (Eigen::Index k = 0; k < net.parameter_count(); ++k) {
      Vector tp = net.parameters(), tm = net.parameters();
      tp[k] += h;
      tm[k] -= h;
      const double fd = (net.loss_at(tp, X, y, nullptr) - net.loss_at(tm, X, y, nullptr)) / (2 * h);
      worst = std::max(worst, std::abs(fd - g[k]) / (1e-6 + std::abs(fd)));
    }
    CHECK(worst < 1e-5);  // relu's kink is not hit at these random points
  }
}

TEST_CASE("mlp: cross-entropy at zero weights is log(classes), init scales are as documented") {
  mlp::Network net({3, 4, 5}, mlp::Activation::tanh);
  mlp::Matrix X = mlp::Matrix::Ones(3, 2);
  CHECK(net.loss(X, {0, 4}, nullptr) == doctest::Approx(std::log(5.0)).epsilon(1e-14));
  mlp::Network wide({400, 300, 2}, mlp::Activation::relu);
  Rng rng(5);
  wide.initialize(mlp::Init::he, rng);
  const auto W1 = wide.parameters().head(400 * 300);
  CHECK(std::sqrt(W1.squaredNorm() / W1.size()) == doctest::Approx(std::sqrt(2.0 / 400)).epsilon(0.01));
  wide.initialize(mlp::Init::xavier, rng);
  const auto X1 = wide.parameters().head(400 * 300);
  // U(−a, a) has variance a²/3 = 2/(n_in + n_out).
  CHECK(std::sqrt(X1.squaredNorm() / X1.size()) == doctest::Approx(std::sqrt(2.0 / 700)).epsilon(0.01));
  CHECK(X1.cwiseAbs().maxCoeff() <= std::sqrt(6.0 / 700));
  // small and naive: N(0, s²) with s = 0.01 and s = naive_scale; the same scale as gradflow's small.
  wide.initialize(mlp::Init::small, rng);
  const auto S1 = wide.parameters().head(400 * 300);
  CHECK(std::sqrt(S1.squaredNorm() / S1.size()) ==
        doctest::Approx(std::sqrt(init_variance(Init::small, 400, 300))).epsilon(0.01));
  wide.initialize(mlp::Init::naive, rng, 0.5);
  const auto N1 = wide.parameters().head(400 * 300);
  CHECK(std::sqrt(N1.squaredNorm() / N1.size()) == doctest::Approx(0.5).epsilon(0.01));
}

TEST_CASE("mlp: one epoch with one full batch is one update of the written-out formula") {
  Rng rng(2);
  mlp::Matrix Xr;
  Vector labels;
  mlp::make_blobs(30, 2, 3, 3.0, rng, Xr, labels);
  Rng srng(4);
  const auto splits = mlp::split_data(Xr, labels, 1.0, 0.0, srng);
  const double lr = 0.05, weight_decay = 0.01, momentum = 0.9;
  for (std::string method : {"sgd", "momentum", "adam"}) {
    CAPTURE(method);
    mlp::TrainConfig cfg;
    cfg.hidden = {4};
    cfg.method = method == "momentum" ? "sgd" : method;
    cfg.optimizer = {{"alpha", lr}, {"weight_decay", weight_decay}};
    if (method == "momentum") cfg.optimizer.set("beta", momentum);
    cfg.batch_size = 30;  // the whole training set: the batch order does not matter
    cfg.epochs = 2;
    std::vector<double> losses;
    auto net = mlp::train(cfg, splits, [&](const mlp::EpochRow& r) { losses.push_back(r.train_loss); });
    // Replay: same init (seed), two full-batch steps of the formula.
    mlp::Network ref({2, 4, 3}, cfg.activation);
    Rng r2(cfg.seed);
    ref.initialize(cfg.init, r2);
    Vector th = ref.parameters(), g, buf, m = Vector::Zero(th.size()), v = Vector::Zero(th.size());
    for (int t = 1; t <= 2; ++t) {
      ref.loss_at(th, splits.train.X, splits.train.y, &g);
      g += weight_decay * th;
      if (method == "sgd") {
        th -= lr * g;
      } else if (method == "momentum") {
        buf = t == 1 ? g : Vector(momentum * buf + g);
        th -= lr * buf;
      } else {
        m = 0.9 * m + 0.1 * g;
        v = 0.999 * v + 0.001 * g.cwiseAbs2();
        const Eigen::ArrayXd mhat = m.array() / (1 - std::pow(0.9, t));
        const Eigen::ArrayXd vhat = v.array() / (1 - std::pow(0.999, t));
        th = (th.array() - lr * mhat / (vhat.sqrt() + 1e-8)).matrix();
      }
    }
    CHECK((net.parameters() - th).norm() <= 1e-12 * th.norm());
    CHECK(losses.size() == 3);
    CHECK(losses[2] < losses[0]);
  }
}
