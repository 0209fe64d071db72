// The noise theory (lib/kappa/theory/noise.hpp) against computations that do not use it: a Kronecker-product
// solve of the Lyapunov equation written here, the AR(2) stationary variances derived by hand below,
// and Monte Carlo runs of kappa's real optimizers on a quadric with additive Gaussian gradient noise
// (fixed seeds; tolerances of 4 standard errors of the Monte Carlo mean, stated at each check).
#include <doctest/doctest.h>

#include <Eigen/Dense>
#include <cmath>
#include <memory>
#include <vector>

#include "kappa/app/noise_run.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/core/random.hpp"
#include "kappa/optim/optimizer.hpp"
#include "kappa/problems/problem.hpp"
#include "kappa/run/run.hpp"
#include "kappa/theory/noise.hpp"

using namespace kappa;

namespace {

// f(w) = ½ Σ λᵢ wᵢ² (w* = 0); gradient() returns λ⊙w + σ ξ, ξ standard normal from Rng(seed).
class NoisyDiagonal final : public Problem {
 public:
  NoisyDiagonal(std::vector<double> lambdas, double sigma, std::uint64_t seed)
      : lambdas_(std::move(lambdas)),
        sigma_(sigma),
        rng_(seed),
        w_star_(Vector::Zero(static_cast<Eigen::Index>(lambdas_.size()))) {}
  std::string_view kind() const override { return "noisy-diagonal"; }
  Eigen::Index dim() const override { return static_cast<Eigen::Index>(lambdas_.size()); }
  double value(const Vector& w) const override {
    double s = 0;
    for (Eigen::Index i = 0; i < dim(); ++i) s += 0.5 * lambdas_[static_cast<std::size_t>(i)] * w(i) * w(i);
    return s;
  }
  void gradient(const Vector& w, Vector& g) override {
    full_gradient(w, g);
    for (Eigen::Index i = 0; i < dim(); ++i) g(i) += sigma_ * rng_.normal();
  }
  void full_gradient(const Vector& w, Vector& g) const override {
    for (Eigen::Index i = 0; i < dim(); ++i) g(i) = lambdas_[static_cast<std::size_t>(i)] * w(i);
  }
  bool stochastic() const override { return true; }
  const Vector& w_star() const override { return w_star_; }
  double f_star() const override { return 0; }

 private:
  std::vector<double> lambdas_;
  double sigma_;
  Rng rng_;
  Vector w_star_;
};

struct Case {
  const char* optimizer;  // kappa's optimizer name
  noise::Method method;
  bool has_beta, has_dampening;
};

// The optimizer's settings for a case (built where used: copying MethodParams's optional
// strings trips g++ 12's false maybe-uninitialized warning).
std::unique_ptr<Optimizer> optimizer_for(const Case& c) {
  MethodParams st;
  st.set("alpha", c.method.alpha);
  if (c.has_beta) st.set("beta", c.method.beta);
  if (c.has_dampening) st.set("dampening", c.method.dampening);
  if (c.method.nesterov) st.set("nesterov", true);
  return make_optimizer(c.optimizer, st);
}

std::vector<Case> cases() {
  using noise::Scheme;
  std::vector<Case> c;
  auto add = [&](const char* name, double a, std::optional<double> b, std::optional<double> damp, bool nest,
                 Scheme s) {
    const noise::Method m{s, a, b.value_or(0), damp.value_or(0), nest};
    c.push_back({name, m, b.has_value(), damp.has_value()});
  };
  add("gd", 0.15, std::nullopt, std::nullopt, false, Scheme::gd);
  add("heavy-ball", 0.05, 0.7, std::nullopt, false, Scheme::heavy_ball);
  add("nesterov", 0.08, 0.6, std::nullopt, false, Scheme::nesterov);
  add("nesterov-lecture", 0.05, 0.5, std::nullopt, false, Scheme::nesterov_lecture);
  add("sgd", 0.05, 0.7, std::nullopt, false, Scheme::torch_sgd);
  add("sgd", 0.1, 0.6, 0.4, false, Scheme::torch_sgd);           // dampening: first step copies the gradient
  add("sgd", 0.05, 0.6, std::nullopt, true, Scheme::torch_sgd);  // torch's nesterov
  add("sgd", 0.12, std::nullopt, std::nullopt, false, Scheme::torch_sgd);
  return c;
}

// Kronecker-product solve of M = T M Tᵀ + Q: vec(M) = (I₄ − T ⊗ T)⁻¹ vec(Q) (column-major vec).
Eigen::Matrix2d kronecker_lyapunov(const Eigen::Matrix2d& T, const Eigen::Matrix2d& Q) {
  Eigen::Matrix4d K;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      K.block<2, 2>(2 * i, 2 * j) = T(i, j) * T;  // (T⊗T) with vec column-major: T⊗T acts as M ↦ T M Tᵀ
  const Eigen::Vector4d q(Q(0, 0), Q(1, 0), Q(0, 1), Q(1, 1));
  const Eigen::Vector4d m = (Eigen::Matrix4d::Identity() - K).colPivHouseholderQr().solve(q);
  Eigen::Matrix2d M;
  M << m(0), m(2), m(1), m(3);
  return M;
}

// Monte Carlo of E‖w_k − w*‖² at the given k: `runs` independent runs of the real optimizer from w0,
// each with its own seed. Returns (mean, standard error) per k.
struct McPoint {
  double mean, se;
};
std::vector<McPoint> monte_carlo(const Case& c, const std::vector<double>& lambdas, double sigma,
                                 const std::vector<double>& w0, const std::vector<std::int64_t>& ks,
                                 int runs) {
  std::vector<double> sum(ks.size(), 0.0), sum2(ks.size(), 0.0);
  auto opt = optimizer_for(c);
  for (int r = 0; r < runs; ++r) {
    NoisyDiagonal p(lambdas, sigma, 1000 + static_cast<std::uint64_t>(r));
    Vector w = Eigen::Map<const Vector>(w0.data(), static_cast<Eigen::Index>(w0.size()));
    opt->reset(p);
    std::int64_t k = 0;
    for (std::size_t j = 0; j < ks.size(); ++j) {
      while (k < ks[j]) {
        opt->step(p, w);
        ++k;
      }
      const double d2 = w.squaredNorm();
      sum[j] += d2;
      sum2[j] += d2 * d2;
    }
  }
  std::vector<McPoint> out;
  for (std::size_t j = 0; j < ks.size(); ++j) {
    const double mean = sum[j] / runs;
    const double var = (sum2[j] / runs - mean * mean) * runs / (runs - 1.0);
    out.push_back({mean, std::sqrt(var / runs)});
  }
  return out;
}

}  // namespace

TEST_CASE(
    "noise: the 3x3 Lyapunov solve equals a Kronecker-product solve, and M is the recurrence's fixed point") {
  for (const auto& c : cases())
    for (const double lambda : {0.3, 1.0, 4.0, 9.0}) {
      const auto s = noise::mode_system(c.method, lambda);
      if (!(noise::mode_radius(s) < 1)) continue;
      const Eigen::Matrix2d Q = 0.7 * s.c * s.c.transpose();
      const auto M = noise::stationary_second_moment(s, Q);
      REQUIRE(M);
      if (s.dim == 2) {
        const Eigen::Matrix2d K = kronecker_lyapunov(s.T, Q);
        CHECK((*M - K).cwiseAbs().maxCoeff() <= 1e-10 * K.cwiseAbs().maxCoeff());
      } else {
        CHECK((*M)(0, 0) == doctest::Approx(Q(0, 0) / (1 - s.T(0, 0) * s.T(0, 0))).epsilon(1e-12));
      }
      // M = T M Tᵀ + Q, and M ⪰ 0.
      const Eigen::Matrix2d R = s.T * *M * s.T.transpose() + Q - *M;
      CHECK(R.cwiseAbs().maxCoeff() <= 1e-12 * M->cwiseAbs().maxCoeff());
      CHECK((*M)(s.dim - 1, s.dim - 1) > 0);
    }
}

TEST_CASE(
    "noise: stationary floors equal the AR(2) variances derived by hand (the issue's formulas, with sigma^2 the gradient noise variance)") {
  // With αv_k = e_k − e_{k−1} every method below is e_{k+1} = a₁e_k + a₂e_{k−1} − αξ_k, an AR(2) of
  // innovation variance α²σ², whose stationary variance is (1 − a₂)/((1 + a₂)((1 − a₂)² − a₁²))·α²σ².
  auto ar2 = [](double a1, double a2, double innovation) {
    return (1 - a2) / ((1 + a2) * ((1 - a2) * (1 - a2) - a1 * a1)) * innovation;
  };
  const double s2 = 0.37;
  for (const double lambda : {0.2, 1.0, 5.0})
    for (const double alpha : {0.01, 0.1, 0.3})
      for (const double beta : {0.0, 0.5, 0.9}) {
        if (alpha * lambda >= 1.9) continue;
        const double q = 1 - alpha * lambda;
        // SGD: α s²/(λ(2 − αλ)).
        const double gd = alpha * s2 / (lambda * (2 - alpha * lambda));
        // Heavy ball: a₁ = 1+β−αλ, a₂ = −β → α s²(1+β)/(λ(1−β)(2(1+β) − αλ)).
        const double hb = alpha * s2 * (1 + beta) / (lambda * (1 - beta) * (2 * (1 + beta) - alpha * lambda));
        // Nesterov: a₁ = (1+β)q, a₂ = −βq → α s²(1+βq)/(λ(1−βq)(2(1+β) − αλ(1+2β))).
        const double nv = alpha * s2 * (1 + beta * q) /
                          (lambda * (1 - beta * q) * (2 * (1 + beta) - alpha * lambda * (1 + 2 * beta)));
        // nesterov-lecture: a₁ = 1+β−2αλ, a₂ = −(β−αλ).
        const double nl = ar2(1 + beta - 2 * alpha * lambda, -(beta - alpha * lambda), alpha * alpha * s2);
        CHECK(ar2(1 + beta - alpha * lambda, -beta, alpha * alpha * s2) ==
              doctest::Approx(hb).epsilon(1e-12));
        const noise::Method g{noise::Scheme::gd, alpha, 0, 0, false};
        const noise::Method h{noise::Scheme::heavy_ball, alpha, beta, 0, false};
        const noise::Method n{noise::Scheme::nesterov, alpha, beta, 0, false};
        const noise::Method l{noise::Scheme::nesterov_lecture, alpha, beta, 0, false};
        // torch sgd with momentum (no dampening) has the heavy ball's iterates: the same floor.
        const noise::Method t{noise::Scheme::torch_sgd, alpha, beta, 0, false};
        if (auto x = noise::stationary_mode(g, lambda, s2)) CHECK(*x == doctest::Approx(gd).epsilon(1e-10));
        if (auto x = noise::stationary_mode(h, lambda, s2)) CHECK(*x == doctest::Approx(hb).epsilon(1e-10));
        if (auto x = noise::stationary_mode(t, lambda, s2)) CHECK(*x == doctest::Approx(hb).epsilon(1e-10));
        if (auto x = noise::stationary_mode(n, lambda, s2)) CHECK(*x == doctest::Approx(nv).epsilon(1e-10));
        if (auto x = noise::stationary_mode(l, lambda, s2); x && nl > 0)
          CHECK(*x == doctest::Approx(nl).epsilon(1e-10));
      }
}

TEST_CASE("noise: the floor of torch's dampened momentum is the heavy ball's at step lr(1 - dampening)") {
  // b' = βb + (1−τ)g, w' = w − lr b' is the heavy ball with α = lr(1−τ), v = −b/(1−τ) (after step 1).
  for (const double lambda : {0.5, 3.0}) {
    const noise::Method t{noise::Scheme::torch_sgd, 0.2, 0.6, 0.3, false};
    const noise::Method h{noise::Scheme::heavy_ball, 0.2 * 0.7, 0.6, 0, false};
    CHECK(*noise::stationary_mode(t, lambda, 1.3) ==
          doctest::Approx(*noise::stationary_mode(h, lambda, 1.3)).epsilon(1e-12));
  }
}

TEST_CASE(
    "noise: the expected error curve equals the Monte Carlo mean of kappa's optimizers at several k (4 standard errors)") {
  // Two modes, λ = 0.5 and 4, noise σ = 0.3 per coordinate, w0 = (1, −2); 4000 runs (seeds 1000…4999).
  const std::vector<double> lambdas = {0.5, 4.0}, w0 = {1.0, -2.0};
  const double sigma = 0.3;
  const std::vector<double> s2(2, sigma * sigma);
  const std::vector<std::int64_t> ks = {1, 2, 5, 20, 60, 300};
  for (const auto& c : cases()) {
    CAPTURE(c.optimizer);
    CAPTURE(c.method.beta);
    CAPTURE(c.method.dampening);
    const auto mc = monte_carlo(c, lambdas, sigma, w0, ks, 4000);
    for (std::size_t j = 0; j < ks.size(); ++j) {
      CAPTURE(ks[j]);
      const auto th = noise::expected(c.method, lambdas, s2, w0, ks[j]);
      CHECK(std::fabs(th.dist2 - mc[j].mean) <= 4 * mc[j].se);
      // The doubling (O(log k)) and the step-by-step recurrence agree.
      const auto curve = noise::expected_curve(c.method, lambdas, s2, w0, ks[j], ks[j]);
      CHECK(curve.back().e.dist2 == doctest::Approx(th.dist2).epsilon(1e-10));
      CHECK(curve.back().e.dist2_noise == doctest::Approx(th.dist2_noise).epsilon(1e-10));
    }
    // At k = 300 every case here has settled (ρ^600 < 1e-12): the curve is at the stationary floor.
    const auto f = noise::stationary(c.method, lambdas, s2);
    REQUIRE(f.dist2);
    CHECK(noise::expected(c.method, lambdas, s2, w0, 300).dist2 == doctest::Approx(*f.dist2).epsilon(1e-9));
  }
}

TEST_CASE("noise: without noise the curve is the deterministic iteration, with rate >= 1 there is no floor") {
  const noise::Method h{noise::Scheme::heavy_ball, 0.05, 0.7, 0, false};
  // v₀ = 0, e₀ = 1, λ = 2: iterate the update by hand.
  double v = 0, e = 1;
  for (int k = 1; k <= 30; ++k) {
    v = 0.7 * v - 2 * e;
    e = e + 0.05 * v;
    const auto x = noise::expected_mode(h, 2.0, 0.0, 1.0, k);
    CHECK(x.noise == 0);
    CHECK(x.deterministic == doctest::Approx(e * e).epsilon(1e-12));
  }
  // α λ > 2(1 + β): heavy ball diverges; no stationary floor.
  const noise::Method big{noise::Scheme::heavy_ball, 1.0, 0.5, 0, false};
  CHECK_FALSE(noise::stationary_mode(big, 4.0, 1.0));
  const auto f = noise::stationary(big, {0.5, 4.0}, {1.0, 1.0});
  CHECK_FALSE(f.dist2);
  CHECK_FALSE(f.f_gap);
  REQUIRE(f.unstable_lambda);
  CHECK(*f.unstable_lambda == 4.0);
  CHECK(f.rate > 1);
  // Full dampening: torch never moves after the first step (rate 1): no floor.
  const noise::Method stuck{noise::Scheme::torch_sgd, 0.1, 0.5, 1.0, false};
  CHECK_FALSE(noise::stationary_mode(stuck, 1.0, 1.0));
  // The expected curve still exists (the noise accumulates without bound): finite numbers.
  CHECK(std::isfinite(noise::expected(big, {0.5, 4.0}, {1.0, 1.0}, {1.0, 1.0}, 50).dist2));
}

TEST_CASE("noise: momentum's floor at small alpha is SGD's at the effective step alpha/(1 - beta)") {
  // hb / sgd(α/(1−β)) = (1+β)(2 − αλ/(1−β)) / (2(1+β) − αλ) → 1 as α → 0.
  for (const double beta : {0.5, 0.9}) {
    const double alpha = 1e-5, lambda = 1.0;
    const noise::Method h{noise::Scheme::heavy_ball, alpha, beta, 0, false};
    const noise::Method g{noise::Scheme::gd, alpha / (1 - beta), 0, 0, false};
    CHECK(*noise::stationary_mode(h, lambda, 1.0) ==
          doctest::Approx(*noise::stationary_mode(g, lambda, 1.0)).epsilon(1e-3));
  }
}

TEST_CASE("noise: milestones: first k below eps and the step where the noise part dominates") {
  const noise::Method g{noise::Scheme::gd, 0.1, 0, 0, false};
  // One mode λ = 1: E e_k² = 0.81^k + σ²α²(1 − 0.81^k)/(1 − 0.81); with σ² = 0.01: floor ≈ 5.26e-4.
  const auto m = noise::milestones(g, {1.0}, {0.01}, {1.0}, 1e-3, 10000);
  REQUIRE(m.steps_to_eps);
  REQUIRE(m.noise_dominates);
  auto E = [](std::int64_t k, bool det) {
    const double r = std::pow(0.81, static_cast<double>(k));
    return det ? r : 0.01 * 0.01 * (1 - r) / 0.19;
  };
  const auto k = *m.steps_to_eps;
  CHECK(E(k, true) + E(k, false) <= 1e-3);
  CHECK(E(k - 1, true) + E(k - 1, false) > 1e-3);
  const auto d = *m.noise_dominates;
  CHECK(E(d, false) >= E(d, true));
  CHECK(E(d - 1, false) < E(d - 1, true));
  // eps below the floor: never.
  CHECK_FALSE(noise::milestones(g, {1.0}, {0.01}, {1.0}, 1e-4, 10000).steps_to_eps);
}

TEST_CASE("noise: bad parameters are InputErrors naming the option") {
  CHECK_THROWS_AS(noise::validate({noise::Scheme::gd, -1, 0, 0, false}), InputError);
  CHECK_THROWS_AS(noise::validate({noise::Scheme::heavy_ball, 0.1, 1.0, 0, false}), InputError);
  CHECK_THROWS_AS(noise::validate({noise::Scheme::torch_sgd, 0.1, 0.5, 0.2, true}), InputError);
  CHECK_THROWS_AS(noise::stationary({noise::Scheme::gd, 0.1, 0, 0, false}, {1.0, 2.0}, {1.0}), InputError);
}

TEST_CASE("noise: kappa-run's measured floor is the tail mean with a 20-batch-means standard error") {
  // 100 rows k = 0..99 with |w − w*|² = (k mod 7) + 0.01k: the tail is k = 50..99 (k > 99/2 … the last
  // half of 99 iterations), 50 rows; 20 blocks of 2 rows taken from the end (rows 60..99), mean over all 50.
  io::NoiseFloorRecorder rec(nullptr, 99, 1);
  const Vector w = Vector::Zero(1);
  std::vector<double> d2;
  for (int k = 0; k < 100; ++k) {
    const double v = (k % 7) + 0.01 * k;
    d2.push_back(v);
    rec.row(TraceRow{k, 2 * v, std::sqrt(v), 0.0, w});
  }
  const auto j = io::measured_noise_floor_json(rec);
  double mean = 0;
  for (int k = 50; k < 100; ++k) mean += d2[static_cast<std::size_t>(k)];
  mean /= 50;
  double ss = 0;
  for (int b = 0; b < 20; ++b) {
    const double bm =
        0.5 * (d2[static_cast<std::size_t>(99 - 2 * b)] + d2[static_cast<std::size_t>(98 - 2 * b)]);
    ss += (bm - mean) * (bm - mean);
  }
  const double se = std::sqrt(ss / 19 / 20);
  CHECK(j["first_iteration"].get<std::int64_t>() == 50);
  CHECK(j["samples"].get<std::int64_t>() == 50);
  CHECK(j["dist2"].get<double>() == doctest::Approx(mean).epsilon(1e-12));
  CHECK(j["dist2_standard_error"].get<double>() == doctest::Approx(se).epsilon(1e-12));
  CHECK(j["f_gap"].get<double>() == doctest::Approx(2 * mean).epsilon(1e-12));
  // Fewer than 40 tail rows: no standard error.
  io::NoiseFloorRecorder few(nullptr, 9, 1);
  for (int k = 0; k < 10; ++k) few.row(TraceRow{k, 1.0, 1.0, 0.0, w});
  CHECK(io::measured_noise_floor_json(few)["dist2_standard_error"].is_null());
  CHECK(io::measured_noise_floor_json(few)["samples"].get<std::int64_t>() == 5);
  // Rows every 7 iterations of 100 (and the last): the tail is k = 56, 63, …, 98 and 100.
  io::NoiseFloorRecorder sparse(nullptr, 100, 7);
  CHECK(sparse.expected_rows() == 8);
  // A run that stopped early (fewer rows than the limit's tail): no measured floor.
  io::NoiseFloorRecorder stopped(nullptr, 100, 1);
  for (int k = 0; k < 80; ++k) stopped.row(TraceRow{k, 1.0, 1.0, 0.0, w});
  CHECK(io::measured_noise_floor_json(stopped)["dist2"].is_null());
}
