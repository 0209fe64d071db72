// Per-mode second-moment theory of noisy first-order methods (lib/kappa/theory/noise.hpp has the maps).
#include "kappa/theory/noise.hpp"

#include <fmt/format.h>

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <complex>

#include "kappa/core/errors.hpp"
#include "kappa/core/format_number.hpp"

namespace kappa::noise {

void validate(const Method& m) {
  if (!(m.alpha > 0) || !std::isfinite(m.alpha))
    throw FieldError("alpha", fmt::format(" {}: must be finite and > 0", shortest(m.alpha)));
  if (m.scheme != Scheme::gd && (!(m.beta >= 0) || !(m.beta < 1)))
    throw FieldError("beta", fmt::format(" {}: must be in [0, 1)", shortest(m.beta)));
  if (m.scheme == Scheme::torch_sgd) {
    if (!(m.dampening >= 0) || !(m.dampening <= 1))
      throw FieldError("dampening", fmt::format(" {}: must be in [0, 1]", shortest(m.dampening)));
    if (m.nesterov && (m.beta <= 0 || m.dampening != 0))
      throw FieldError("nesterov", ": needs momentum > 0 and dampening 0 (as torch.optim.SGD)");
  }
}

ModeSystem mode_system(const Method& m, double lambda) {
  ModeSystem s;
  const double a = m.alpha, b = m.beta;
  auto one = [&](double t, double c) {
    s.dim = 1;
    s.T(0, 0) = t;
    s.c(0) = c;
    s.T0 = s.T;
    s.c0 = s.c;
  };
  auto two = [&](double t11, double t12, double t21, double t22, double c1, double c2) {
    s.dim = 2;
    s.T << t11, t12, t21, t22;
    s.c << c1, c2;
    s.T0 = s.T;
    s.c0 = s.c;
  };
  switch (m.scheme) {
    case Scheme::gd: one(1 - a * lambda, -a); break;
    case Scheme::heavy_ball: two(b, -lambda, a * b, 1 - a * lambda, -1, -a); break;
    case Scheme::nesterov: {
      const double q = 1 - a * lambda;
      two(b * q, -lambda, a * b * q, q, -1, -a);
      break;
    }
    case Scheme::nesterov_lecture:
      two(b - a * lambda, -lambda, a * (b - a * lambda), 1 - a * lambda, -1, -a);
      break;
    case Scheme::torch_sgd: {
      if (b == 0) {
        one(1 - a * lambda, -a);  // torch: no buffer without momentum; dampening unused
        break;
      }
      if (m.nesterov) {
        two(b, lambda, -a * b * b, 1 - a * (1 + b) * lambda, 1,
            -a * (1 + b));  // b₀ = 0: first step is the same map
      } else {
        const double d = 1 - m.dampening;
        two(b, d * lambda, -a * b, 1 - a * d * lambda, d, -a * d);
        s.T0 << 0, lambda, 0, 1 - a * lambda;  // b₁ = g: torch copies the first gradient
        s.c0 << 1, -a;
      }
      break;
    }
  }
  return s;
}

double mode_radius(const ModeSystem& s) {
  if (s.dim == 1) return std::fabs(s.T(0, 0));
  const double t = s.T.trace(), d = s.T.determinant();
  const double disc = t * t - 4 * d;
  if (disc < 0) return std::sqrt(std::max(d, 0.0));  // complex pair: |σ|² = det
  // Real roots without cancellation: σ₁ = (t + sign(t)√disc)/2, σ₂ = d/σ₁.
  const double r = std::sqrt(disc);
  const double s1 = 0.5 * (t + std::copysign(r, t));
  const double s2 = s1 != 0 ? d / s1 : 0.0;
  return std::max(std::fabs(s1), std::fabs(s2));
}

std::optional<Eigen::Matrix2d> stationary_second_moment(const ModeSystem& s, const Eigen::Matrix2d& Q) {
  if (!(mode_radius(s) < 1)) return std::nullopt;
  Eigen::Matrix2d M = Eigen::Matrix2d::Zero();
  if (s.dim == 1) {
    const double t = s.T(0, 0);
    M(0, 0) = Q(0, 0) / ((1 - t) * (1 + t));
    return M;
  }
  // M = T M Tᵀ + Q for symmetric M = [[a, b], [b, d]], T = [[p, q], [r, u]]:
  //   a = p²a + 2pq b + q²d + Q₁₁,  b = pr a + (pu + qr) b + qu d + Q₁₂,  d = r²a + 2ru b + u²d + Q₂₂.
  const double p = s.T(0, 0), q = s.T(0, 1), r = s.T(1, 0), u = s.T(1, 1);
  Eigen::Matrix3d K;
  K << p * p, 2 * p * q, q * q, p * r, p * u + q * r, q * u, r * r, 2 * r * u, u * u;
  const Eigen::Matrix3d I_K = Eigen::Matrix3d::Identity() - K;
  const Eigen::Vector3d rhs(Q(0, 0), 0.5 * (Q(0, 1) + Q(1, 0)), Q(1, 1));
  const Eigen::Vector3d x = I_K.fullPivLu().solve(rhs);
  M << x(0), x(1), x(1), x(2);
  return M;
}

std::optional<double> stationary_mode(const Method& m, double lambda, double sigma2) {
  const auto s = mode_system(m, lambda);
  const Eigen::Matrix2d Q = sigma2 * s.c * s.c.transpose();
  const auto M = stationary_second_moment(s, Q);
  if (!M) return std::nullopt;
  const int e = s.dim - 1;
  return (*M)(e, e);
}

namespace {

// (T^k, Σ_{j<k} T^j Q T^jᵀ) by binary doubling: (P_a, S_a)∘(P_b, S_b) = (P_a P_b, S_a + P_a S_b P_aᵀ).
std::pair<Eigen::Matrix2d, Eigen::Matrix2d> power_and_sum(const Eigen::Matrix2d& T, const Eigen::Matrix2d& Q,
                                                          std::int64_t k) {
  Eigen::Matrix2d P = Eigen::Matrix2d::Identity(), S = Eigen::Matrix2d::Zero();
  Eigen::Matrix2d Pb = T, Sb = Q;
  while (k > 0) {
    if (k & 1) {
      S = S + P * Sb * P.transpose();
      P = P * Pb;
    }
    k >>= 1;
    if (k > 0) {
      Sb = Sb + Pb * Sb * Pb.transpose();
      Pb = Pb * Pb;
    }
  }
  return {P, S};
}

}  // namespace

ModeExpectation expected_mode(const Method& m, double lambda, double sigma2, double e0, std::int64_t k) {
  const auto s = mode_system(m, lambda);
  const int e = s.dim - 1;
  ModeExpectation out;
  if (k <= 0) {
    out.deterministic = e0 * e0;
    return out;
  }
  Eigen::Vector2d x0 = Eigen::Vector2d::Zero();
  x0(e) = e0;
  const Eigen::Vector2d x1 = s.T0 * x0;
  const Eigen::Matrix2d N1 = sigma2 * s.c0 * s.c0.transpose();
  const auto [P, S] = power_and_sum(s.T, sigma2 * s.c * s.c.transpose(), k - 1);
  const Eigen::Vector2d xk = P * x1;
  const Eigen::Matrix2d Nk = P * N1 * P.transpose() + S;
  out.deterministic = xk(e) * xk(e);
  out.noise = Nk(e, e);
  return out;
}

namespace {

void check_sizes(const std::vector<double>& lambdas, const std::vector<double>& sigma2,
                 const std::vector<double>* e0) {
  if (sigma2.size() != lambdas.size() || (e0 && e0->size() != lambdas.size()))
    throw InputError(fmt::format("noise theory: {} eigenvalues, {} noise variances{}", lambdas.size(),
                                 sigma2.size(),
                                 e0 ? fmt::format(", {} start values", e0->size()) : std::string()));
}

}  // namespace

Floor stationary(const Method& m, const std::vector<double>& lambdas, const std::vector<double>& sigma2) {
  check_sizes(lambdas, sigma2, nullptr);
  Floor f;
  double d2 = 0, fg = 0;
  bool ok = true;
  for (std::size_t i = 0; i < lambdas.size(); ++i) {
    const auto s = mode_system(m, lambdas[i]);
    f.rate = std::max(f.rate, mode_radius(s));
    const auto ei = stationary_mode(m, lambdas[i], sigma2[i]);
    if (!ei) {
      if (ok) f.unstable_lambda = lambdas[i];
      ok = false;
      continue;
    }
    d2 += *ei;
    fg += 0.5 * lambdas[i] * *ei;
  }
  if (ok) {
    f.dist2 = d2;
    f.f_gap = fg;
  }
  return f;
}

Expectation expected(const Method& m, const std::vector<double>& lambdas, const std::vector<double>& sigma2,
                     const std::vector<double>& e0, std::int64_t k) {
  check_sizes(lambdas, sigma2, &e0);
  Expectation out;
  for (std::size_t i = 0; i < lambdas.size(); ++i) {
    const auto x = expected_mode(m, lambdas[i], sigma2[i], e0[i], k);
    out.dist2_deterministic += x.deterministic;
    out.dist2_noise += x.noise;
    out.f_gap += 0.5 * lambdas[i] * x.total();
  }
  out.dist2 = out.dist2_deterministic + out.dist2_noise;
  return out;
}

namespace {

// The recurrence stepped mode by mode: deterministic state x_k and noise second moment N_k.
class CurveStepper {
 public:
  CurveStepper(const Method& m, const std::vector<double>& lambdas, const std::vector<double>& sigma2,
               const std::vector<double>& e0)
      : lambdas_(lambdas), sigma2_(sigma2) {
    check_sizes(lambdas, sigma2, &e0);
    for (std::size_t i = 0; i < lambdas.size(); ++i) {
      systems_.push_back(mode_system(m, lambdas[i]));
      Eigen::Vector2d x = Eigen::Vector2d::Zero();
      x(systems_.back().dim - 1) = e0[i];
      x_.push_back(x);
      N_.push_back(Eigen::Matrix2d::Zero());
    }
  }
  void step() {
    for (std::size_t i = 0; i < systems_.size(); ++i) {
      const auto& s = systems_[i];
      const Eigen::Matrix2d& T = first_ ? s.T0 : s.T;
      const Eigen::Vector2d& c = first_ ? s.c0 : s.c;
      x_[i] = T * x_[i];
      N_[i] = T * N_[i] * T.transpose() + sigma2_[i] * c * c.transpose();
    }
    first_ = false;
  }
  Expectation value() const {
    Expectation out;
    for (std::size_t i = 0; i < systems_.size(); ++i) {
      const int e = systems_[i].dim - 1;
      const double det = x_[i](e) * x_[i](e), nz = N_[i](e, e);
      out.dist2_deterministic += det;
      out.dist2_noise += nz;
      out.f_gap += 0.5 * lambdas_[i] * (det + nz);
    }
    out.dist2 = out.dist2_deterministic + out.dist2_noise;
    return out;
  }

 private:
  const std::vector<double>& lambdas_;
  const std::vector<double>& sigma2_;
  std::vector<ModeSystem> systems_;
  std::vector<Eigen::Vector2d> x_;
  std::vector<Eigen::Matrix2d> N_;
  bool first_ = true;
};

}  // namespace

std::vector<CurvePoint> expected_curve(const Method& m, const std::vector<double>& lambdas,
                                       const std::vector<double>& sigma2, const std::vector<double>& e0,
                                       std::int64_t K, std::int64_t every) {
  if (every < 1) throw FieldError("every", fmt::format(" {}: must be >= 1", every));
  CurveStepper stepper(m, lambdas, sigma2, e0);
  std::vector<CurvePoint> out;
  out.push_back({0, stepper.value()});
  for (std::int64_t k = 1; k <= K; ++k) {
    stepper.step();
    if (k % every == 0 || k == K) out.push_back({k, stepper.value()});
  }
  return out;
}

Milestones milestones(const Method& m, const std::vector<double>& lambdas, const std::vector<double>& sigma2,
                      const std::vector<double>& e0, double eps, std::int64_t max_steps) {
  CurveStepper stepper(m, lambdas, sigma2, e0);
  const bool monotone_noise = !(m.scheme == Scheme::torch_sgd && m.beta != 0 && m.dampening != 0);
  Milestones out;
  for (std::int64_t k = 0; k <= max_steps; ++k) {
    if (k > 0) stepper.step();
    const auto v = stepper.value();
    if (!std::isfinite(v.dist2)) break;
    if (!out.steps_to_eps && v.dist2 <= eps) out.steps_to_eps = k;
    if (!out.noise_dominates && v.dist2_noise > 0 && v.dist2_noise >= v.dist2_deterministic)
      out.noise_dominates = k;
    // The noise part Σ_{j<k} (T^j c)_e² σ² never decreases: once it exceeds eps, so does every later E.
    // (Not so for torch's dampened momentum, whose first step injects more noise than the later ones.)
    const bool eps_settled = out.steps_to_eps || (monotone_noise && v.dist2_noise > eps);
    if (eps_settled && out.noise_dominates) break;
  }
  return out;
}

}  // namespace kappa::noise
