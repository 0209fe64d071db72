#include "kappa/learn/gradflow.hpp"

#include <fmt/format.h>

#include <Eigen/SVD>
#include <cmath>
#include <limits>
#include <string>

#include "kappa/core/errors.hpp"
#include "kappa/core/random.hpp"

namespace kappa::gradflow {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

Eigen::MatrixXd normal_matrix(Rng& rng, int rows, int cols, double sd) {
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index i = 0; i < m.rows(); ++i) m(i, j) = sd * rng.normal();
  return m;
}

Eigen::MatrixXd apply(Activation a, const Eigen::MatrixXd& m) {
  return m.unaryExpr([a](double x) { return activate(a, x); });
}
Eigen::MatrixXd apply_derivative(Activation a, const Eigen::MatrixXd& m) {
  return m.unaryExpr([a](double x) { return activate_derivative(a, x); });
}
}  // namespace

std::optional<double> theory_gain(Activation act, Init init, int width) {
  const double s2 = init_variance(init, width, width);
  if (act == Activation::linear) return width * s2;      // d σ²
  if (act == Activation::relu) return width * s2 / 2.0;  // d σ² · P(a > 0), P = 1/2
  return std::nullopt;
}

std::vector<double> mean_field_gains(Activation act, Init init, int width, int depth) {
  const double s2d = init_variance(init, width, width) * width;  // d σ_w²
  // E_{z~N(0,1)}[f(z)] by the midpoint rule on [−10, 10] (the tails beyond carry < 1e-22 of the mass;
  // no node at 0, so ReLU's jump there is split exactly in half by the symmetric nodes).
  auto gauss = [](auto f) {
    constexpr int n = 20000;
    constexpr double lo = -10.0, h = 20.0 / n;
    const double c = 1.0 / std::sqrt(2.0 * std::acos(-1.0));
    double sum = 0;
    for (int i = 0; i < n; ++i) {
      const double z = lo + h * (i + 0.5);
      sum += f(z) * c * std::exp(-0.5 * z * z);
    }
    return sum * h;
  };
  std::vector<double> g;
  double m = 1.0;  // E[x_j²] of the inputs
  for (int l = 0; l < depth; ++l) {
    const double sq = std::sqrt(s2d * m);
    g.push_back(s2d * gauss([&](double z) {
                  const double d = activate_derivative(act, sq * z);
                  return d * d;
                }));
    m = gauss([&](double z) {
      const double v = activate(act, sq * z);
      return v * v;
    });
  }
  return g;
}

Network make_network(int depth, int width, Activation act, Init init, std::uint64_t seed) {
  Rng rng(seed);
  Network net{depth, width, act, init, {}};
  const double sd = std::sqrt(init_variance(init, width, width));
  net.weights.reserve(static_cast<std::size_t>(depth));
  for (int l = 0; l < depth; ++l) net.weights.push_back(normal_matrix(rng, width, width, sd));
  return net;
}

Backprop backprop(const Network& net, const Eigen::MatrixXd& X, const Eigen::MatrixXd& R) {
  const auto L = net.weights.size();
  Backprop bp;
  bp.post.push_back(X);
  for (std::size_t l = 0; l < L; ++l) {
    bp.pre.push_back(net.weights[l] * bp.post.back());
    bp.post.push_back(apply(net.activation, bp.pre.back()));
  }
  bp.loss = (R.array() * bp.post.back().array()).sum();
  bp.grad_h.assign(L + 1, Eigen::MatrixXd());
  bp.grad_w.assign(L, Eigen::MatrixXd());
  bp.grad_h[L] = R;
  for (std::size_t l = L; l-- > 0;) {
    // D_l = G_l ⊙ φ'(A_l); ∂ℓ/∂W_l = D_l H_{l-1}ᵀ; G_{l-1} = W_lᵀ D_l
    const Eigen::MatrixXd D = bp.grad_h[l + 1].cwiseProduct(apply_derivative(net.activation, bp.pre[l]));
    bp.grad_w[l] = D * bp.post[l].transpose();
    bp.grad_h[l] = net.weights[l].transpose() * D;
  }
  return bp;
}

double loss(const Network& net, const Eigen::MatrixXd& X, const Eigen::MatrixXd& R) {
  Eigen::MatrixXd h = X;
  for (const auto& W : net.weights) h = apply(net.activation, W * h);
  return (R.array() * h.array()).sum();
}

Eigen::MatrixXd jacobian(const Network& net, const Eigen::VectorXd& x) {
  Eigen::MatrixXd J = Eigen::MatrixXd::Identity(net.width, net.width);
  Eigen::VectorXd h = x;
  for (const auto& W : net.weights) {
    const Eigen::VectorXd a = W * h;
    const Eigen::VectorXd d = a.unaryExpr([&](double t) { return activate_derivative(net.activation, t); });
    J = d.asDiagonal() * (W * J);
    h = a.unaryExpr([&](double t) { return activate(net.activation, t); });
  }
  return J;
}

Summary run(const Config& cfg) {
  if (cfg.depth < 1) throw InputError("depth " + std::to_string(cfg.depth) + ": must be at least 1");
  if (cfg.width < 1) throw InputError("width " + std::to_string(cfg.width) + ": must be at least 1");
  if (cfg.batch < 1) throw InputError("batch " + std::to_string(cfg.batch) + ": must be at least 1");
  if (cfg.seeds < 1) throw InputError("seeds " + std::to_string(cfg.seeds) + ": must be at least 1");
  if (cfg.jacobian_inputs < 0 || cfg.jacobian_inputs > cfg.batch)
    throw InputError("jacobian inputs " + std::to_string(cfg.jacobian_inputs) + ": must be in [0, batch]");
  const int L = cfg.depth, d = cfg.width;
  Summary s;
  s.sigma_w2 = init_variance(cfg.init, d, d);
  s.gain_theory = theory_gain(cfg.activation, cfg.init, d);
  const std::vector<double> mf = mean_field_gains(cfg.activation, cfg.init, d, L);
  s.layers.resize(static_cast<std::size_t>(L) + 1);
  for (int l = 0; l <= L; ++l) {
    s.layers[l].layer = l;
    if (l == 0)
      s.layers[l].log10_grad_w_norm = s.layers[l].gain = s.layers[l].gain_mean_field = nan;
    else {
      s.layers[l].gain_mean_field = mf[l - 1];
      s.gain_mean_field += mf[l - 1] / L;
    }
  }
  double gsum = 0, gsum2 = 0;
  long gcount = 0;
  std::vector<double> logsv;
  double ms_sum = 0;  // Σ σ² scaled: kept as log-sum-exp pieces to survive overflow
  double ms_log_max = -std::numeric_limits<double>::infinity();
  std::vector<double> log_fro2;  // ln ‖J‖_F² per Jacobian
  double rank_sum = 0;
  int jac_count = 0;
  for (int k = 0; k < cfg.seeds; ++k) {
    const std::uint64_t seed = cfg.seed + static_cast<std::uint64_t>(k);
    const Network net = make_network(L, d, cfg.activation, cfg.init, seed);
    // Inputs and read-out from a second stream of the same seed (the weights' stream stays unchanged
    // when the batch size changes).
    Rng rng(seed ^ 0x9e3779b97f4a7c15ULL);
    const Eigen::MatrixXd X = normal_matrix(rng, d, cfg.batch, 1.0);
    const Eigen::MatrixXd R = normal_matrix(rng, d, cfg.batch, 1.0);
    const Backprop bp = backprop(net, X, R);
    // A norm that is 0 or beyond a double (a product of L layer gains) would print as ±inf/nan:
    // refused, naming the depth and the first layer where it happens.
    for (int l = 0; l <= L; ++l) {
      const double a = bp.post[l].norm(), g = bp.grad_h[l].norm(), gw = l > 0 ? bp.grad_w[l - 1].norm() : 1.0;
      const bool act_bad = !(a > 0 && std::isfinite(a)), g_bad = !(g > 0 && std::isfinite(g));
      const double bad = act_bad ? a : g_bad ? g : gw;
      if (act_bad || g_bad || !(gw > 0 && std::isfinite(gw)))
        throw InputError(fmt::format(
            "depth {}: the {} at layer {} is {} in double precision ({} init, {} activation, "
            "width {}); use a depth below {}",
            L, act_bad ? "activation" : "gradient", l, bad == 0 ? "0 (underflow)" : "not finite (overflow)",
            to_string(cfg.init), to_string(cfg.activation), d, act_bad ? l : L - l));
    }
    for (int l = 0; l <= L; ++l) {
      auto& row = s.layers[l];
      row.log10_act_norm += std::log10(bp.post[l].norm()) / cfg.seeds;
      row.log10_grad_h_norm += std::log10(bp.grad_h[l].norm()) / cfg.seeds;
      if (l > 0) {
        row.log10_grad_w_norm += std::log10(bp.grad_w[l - 1].norm()) / cfg.seeds;
        const double g = bp.grad_h[l - 1].squaredNorm() / bp.grad_h[l].squaredNorm();
        row.gain += g / cfg.seeds;
        gsum += g;
        gsum2 += g * g;
        ++gcount;
      }
    }
    for (int b = 0; b < cfg.jacobian_inputs; ++b) {
      const Eigen::MatrixXd J = jacobian(net, X.col(b));
      const Eigen::VectorXd sv = Eigen::JacobiSVD<Eigen::MatrixXd>(J).singularValues();
      if (!(sv(0) > 0)) continue;  // J = 0 (every unit dead): nothing to resolve
      // Singular values below d·ε·σ_max are rounding noise (ReLU masks make J rank-deficient):
      // only the resolvable ones enter the log statistics; their count is the numerical rank.
      const double floor = sv(0) * d * std::numeric_limits<double>::epsilon();
      int rank = 0;
      for (double v : sv)
        if (v > floor) {
          logsv.push_back(std::log(v));
          ++rank;
        }
      rank_sum += rank;
      ++jac_count;
      // ‖J‖_F² = Σσ², scaled by σ_max² before squaring to survive over/underflow.
      log_fro2.push_back(2.0 * std::log(sv(0)) + std::log((sv / sv(0)).squaredNorm()));
    }
  }
  s.gain_mean = gsum / gcount;
  s.gain_stderr =
      gcount > 1 ? std::sqrt(std::max(0.0, (gsum2 - gsum * gsum / gcount) / (gcount - 1)) / gcount) : nan;
  if (!logsv.empty()) {
    double sum = 0, sum2 = 0, lo = logsv[0], hi = logsv[0];
    for (double v : logsv) {
      sum += v;
      sum2 += v * v;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    const double n = static_cast<double>(logsv.size());
    s.sv_log_mean = sum / n;
    s.sv_log_std = std::sqrt(std::max(0.0, sum2 / n - s.sv_log_mean * s.sv_log_mean));
    s.sv_log_min = lo;
    s.sv_log_max = hi;
    // mean σ² = (Σ_J ‖J‖_F²) / (count·d), through log-sum-exp.
    for (double v : log_fro2) ms_log_max = std::max(ms_log_max, v);
    for (double v : log_fro2) ms_sum += std::exp(v - ms_log_max);
    const double log_ms = ms_log_max + std::log(ms_sum / (static_cast<double>(log_fro2.size()) * d));
    s.jacobian_gain_per_layer = std::exp(log_ms / L);
    s.sv_rank_mean = rank_sum / jac_count;
  } else {
    s.sv_log_mean = s.sv_log_std = s.sv_log_min = s.sv_log_max = s.jacobian_gain_per_layer = s.sv_rank_mean =
        nan;
  }
  return s;
}

}  // namespace kappa::gradflow
