// Problems, the run loop, rate fitting and the first-order optimizers, each against something
// independent: the update formula written out here with dense matrices, closed-form decay, the
// population variance of the finite sum.
#include <doctest/doctest.h>

#include <unistd.h>
#include <Eigen/Dense>
#include <cmath>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "kappa/cli/evaluate.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/core/random.hpp"
#include "kappa/io/matrix_market.hpp"
#include "kappa/optim/optimizer.hpp"
#include "kappa/problems/problems.hpp"
#include "kappa/run/fit.hpp"
#include "kappa/run/run.hpp"

#include "helpers.hpp"

using namespace kappa;
using Eigen::MatrixXd;
using Eigen::VectorXd;

namespace {

// The test problems: λ = linear 0.5..9 (n = 6), w* ≠ 0, w0 = normals; A dense, built here.
struct Quadric {
  MatrixXd A;
  VectorXd w_star, w0;
  std::unique_ptr<Problem> problem;
};

Quadric make_quadric(bool rotate) {
  const Spectrum s = Spectrum::linear(0.5, 9.0, 6);
  Quadric q;
  Rng rng(11);
  q.w_star.resize(6);
  q.w0.resize(6);
  for (int i = 0; i < 6; ++i) q.w_star(i) = rng.normal(), q.w0(i) = rng.normal();
  const VectorXd lam = Eigen::Map<const VectorXd>(s.values().data(), 6);
  if (rotate) {
    const MatrixXd Q = problems::random_orthogonal(6, 5);
    q.A = Q * lam.asDiagonal() * Q.transpose();
    q.problem = problems::rotated(s, 5, q.w_star);
  } else {
    q.A = lam.asDiagonal();
    q.problem = problems::diagonal(s, q.w_star);
  }
  return q;
}

double rel_diff(const VectorXd& a, const VectorXd& b) {
  return (a - b).cwiseAbs().maxCoeff() / std::max(1.0, b.cwiseAbs().maxCoeff());
}

// Runs `steps` steps of the optimizer and of the reference update; returns the largest relative
// difference of the iterates.
double compare(const std::string& method, const MethodParams& settings, bool rotate,
               const std::function<void(const MatrixXd&, const VectorXd&, VectorXd&, int)>& reference,
               int steps = 250) {
  Quadric q = make_quadric(rotate);
  auto opt = make_optimizer(method, settings);
  opt->reset(*q.problem);
  VectorXd w = q.w0, r = q.w0;
  double worst = 0;
  for (int k = 1; k <= steps; ++k) {
    opt->step(*q.problem, w);
    reference(q.A, q.w_star, r, k);
    worst = std::max(worst, rel_diff(w, r));
  }
  CHECK((r - q.w0).norm() > 1e-3);  // the reference moved: the comparison is not vacuous
  return worst;
}

MethodParams with_alpha(double a) {
  MethodParams s;
  s.set("alpha", a);
  return s;
}

}  // namespace

TEST_CASE("random_orthogonal: orthogonal, deterministic per seed, different across seeds") {
  const MatrixXd Q = problems::random_orthogonal(20, 3);
  CHECK((Q.transpose() * Q - MatrixXd::Identity(20, 20)).cwiseAbs().maxCoeff() < 1e-13);
  CHECK((problems::random_orthogonal(20, 3) - Q).cwiseAbs().maxCoeff() == 0);
  CHECK((problems::random_orthogonal(20, 4) - Q).cwiseAbs().maxCoeff() > 0.1);
}

TEST_CASE("quadrics: f, gradient, f* against the dense formula, rotated spectrum is A's") {
  for (bool rotate : {false, true}) {
    Quadric q = make_quadric(rotate);
    const VectorXd w = q.w0;
    const VectorXd e = w - q.w_star;
    VectorXd g(6);
    q.problem->gradient(w, g);
    CHECK(rel_diff(g, q.A * e) < 1e-13);
    CHECK(std::fabs(q.problem->value(w) - 0.5 * e.dot(q.A * e)) < 1e-13 * (0.5 * e.dot(q.A * e)));
    CHECK(q.problem->f_star() == 0);
    Eigen::SelfAdjointEigenSolver<MatrixXd> es(q.A);
    const auto s = q.problem->spectrum();
    REQUIRE(s);
    for (int i = 0; i < 6; ++i) CHECK(std::fabs(es.eigenvalues()(i) - s->values()[i]) < 1e-12);
    VectorXd x(6);
    q.problem->hessian_solve(w, g, x);
    CHECK(rel_diff(x, e) < 1e-12);
  }
}

TEST_CASE("gd and heavy-ball (fused diagonal pass and general path) follow their update formulas") {
  for (bool rotate : {false, true}) {
    CAPTURE(rotate);
    CHECK(
        compare("gd", with_alpha(0.15), rotate, [](const MatrixXd& A, const VectorXd& ws, VectorXd& w, int) {
          w = w - 0.15 * (A * (w - ws));
        }) < 1e-12);
    MethodParams hb = with_alpha(0.12);
    hb.set("beta", 0.7);
    VectorXd v;
    CHECK(compare("heavy-ball", hb, rotate, [&](const MatrixXd& A, const VectorXd& ws, VectorXd& w, int k) {
            if (k == 1) v = VectorXd::Zero(w.size());
            v = 0.7 * v - A * (w - ws);  // the lecture's form
            w = w + 0.12 * v;
          }) < 1e-12);
  }
}

TEST_CASE("sgd (momentum, dampening, nesterov, weight decay) follows torch's update written out") {
  for (bool rotate : {false, true}) {
    for (int variant = 0; variant < 4; ++variant) {
      CAPTURE(rotate);
      CAPTURE(variant);
      MethodParams s = with_alpha(0.1);
      const double m = 0.6, damp = variant == 1 ? 0.25 : 0.0, wd = variant == 3 ? 0.05 : 0.0;
      const bool nest = variant == 2;
      s.set("beta", m);
      if (variant == 1) s.set("dampening", damp);
      if (nest) s.set("nesterov", true);
      if (variant == 3) s.set("weight_decay", wd);
      VectorXd b;
      CHECK(compare("sgd", s, rotate, [&](const MatrixXd& A, const VectorXd& ws, VectorXd& w, int k) {
              VectorXd d = A * (w - ws) + wd * w;
              b = k == 1 ? d : VectorXd(m * b + (1 - damp) * d);  // first step copies the gradient
              d = nest ? VectorXd(d + m * b) : b;
              w = w - 0.1 * d;
            }) < 1e-12);
    }
  }
}

TEST_CASE("nesterov (lookahead w + alpha beta v) and nesterov-lecture (w + alpha v)") {
  for (bool rotate : {false, true}) {
    for (bool lecture : {false, true}) {
      CAPTURE(rotate);
      CAPTURE(lecture);
      MethodParams s = with_alpha(0.1);
      s.set("beta", 0.8);
      VectorXd v;
      CHECK(compare(lecture ? "nesterov-lecture" : "nesterov", s, rotate,
                    [&](const MatrixXd& A, const VectorXd& ws, VectorXd& w, int k) {
                      if (k == 1) v = VectorXd::Zero(w.size());
                      const VectorXd y = w + (lecture ? 0.1 : 0.1 * 0.8) * v;
                      v = 0.8 * v - A * (y - ws);
                      w = w + 0.1 * v;
                    }) < 1e-12);
    }
  }
}

TEST_CASE(
    "newton (damped) and sign-gd follow their formulas, Newton with alpha = 1 lands on w* in one step") {
  for (bool rotate : {false, true}) {
    CHECK(compare("newton", with_alpha(0.3), rotate,
                  [](const MatrixXd& A, const VectorXd& ws, VectorXd& w, int) {
                    w = w - 0.3 * A.ldlt().solve(A * (w - ws));
                  }) < 1e-12);
    // α/√ε·λ_max = 0.9 < 2: near w* the step is the stable linear map w − (α/√ε)·g, so the
    // trajectory is not chaotic and rounding differences (matrix products summed in another order)
    // stay at rounding level; with a larger α the method cycles around w* and amplifies them.
    MethodParams s = with_alpha(0.001);
    s.set("eps", 1e-4);
    CHECK(compare("sign-gd", s, rotate, [](const MatrixXd& A, const VectorXd& ws, VectorXd& w, int) {
            const VectorXd g = A * (w - ws);
            w = w - 0.001 * (g.array() / (g.array().square() + 1e-4).sqrt()).matrix();
          }) < 1e-12);
    Quadric q = make_quadric(rotate);
    auto newton = make_optimizer("newton", {});
    newton->reset(*q.problem);
    VectorXd w = q.w0;
    newton->step(*q.problem, w);
    CHECK((w - q.w_star).norm() < 1e-14 * (q.w0 - q.w_star).norm() * 10);
  }
  // bcsstk01 (kappa ~ 8.8e5): one Cholesky solve, error ~ kappa * eps.
  auto A = io::read_matrix_market(std::string(KAPPA_TEST_DATA) + "/bcsstk01.mtx");
  auto p = problems::matrix(A, "bcsstk01", VectorXd::Constant(48, 0.5));
  auto newton = make_optimizer("newton", {});
  newton->reset(*p);
  VectorXd w = VectorXd::Ones(48);
  newton->step(*p, w);
  CHECK((w - p->w_star()).norm() < 1e-9 * std::sqrt(48.0) * 0.5);
}

TEST_CASE("adagrad, rmsprop, adam, adamw follow torch's updates written out") {
  for (bool rotate : {false, true}) {
    CAPTURE(rotate);
    {
      MethodParams s = with_alpha(0.2);
      s.set("lr_decay", 0.01);
      s.set("initial_accumulator_value", 0.1);
      s.set("weight_decay", 0.02);
      VectorXd sum;
      CHECK(compare("adagrad", s, rotate, [&](const MatrixXd& A, const VectorXd& ws, VectorXd& w, int k) {
              if (k == 1) sum = VectorXd::Constant(w.size(), 0.1);
              const VectorXd g = A * (w - ws) + 0.02 * w;
              const double clr = 0.2 / (1 + (k - 1) * 0.01);
              sum = sum + g.cwiseProduct(g);
              w = w - clr * (g.array() / (sum.array().sqrt() + 1e-10)).matrix();
            }) < 1e-12);
    }
    for (bool centered : {false, true}) {
      CAPTURE(centered);
      // lr 0.002: over 200 steps the run stays away from the cycle around w* where normalised steps
      // amplify rounding differences (see the sign-gd note).
      MethodParams s = with_alpha(0.002);
      s.set("rho", 0.95);
      s.set("beta", 0.3);
      if (centered) s.set("centered", true);
      VectorXd q, m, b;
      CHECK(compare(
                "rmsprop", s, rotate,
                [&](const MatrixXd& A, const VectorXd& ws, VectorXd& w, int k) {
                  if (k == 1) q = m = b = VectorXd::Zero(w.size());
                  const VectorXd g = A * (w - ws);
                  q = 0.95 * q + 0.05 * g.cwiseProduct(g);
                  VectorXd var = q;
                  if (centered) {
                    m = 0.95 * m + 0.05 * g;
                    var = q - m.cwiseProduct(m);
                  }
                  const VectorXd avg = (var.array().sqrt() + 1e-8).matrix();
                  b = 0.3 * b + g.cwiseQuotient(avg);
                  w = w - 0.002 * b;
                },
                200) < 1e-12);
    }
    for (bool decoupled : {false, true}) {
      for (bool ams : {false, true}) {
        CAPTURE(decoupled);
        CAPTURE(ams);
        MethodParams s = with_alpha(0.02);
        s.set("beta1", 0.85);
        s.set("beta2", 0.995);
        s.set("weight_decay", 0.03);
        if (ams) s.set("amsgrad", true);
        VectorXd m, q, qmax;
        CHECK(compare(decoupled ? "adamw" : "adam", s, rotate,
                      [&](const MatrixXd& A, const VectorXd& ws, VectorXd& w, int k) {
                        if (k == 1) m = q = qmax = VectorXd::Zero(w.size());
                        VectorXd g = A * (w - ws);
                        if (decoupled)
                          w = w * (1 - 0.02 * 0.03);
                        else
                          g = g + 0.03 * w;
                        m = 0.85 * m + 0.15 * g;
                        q = 0.995 * q + 0.005 * g.cwiseProduct(g);
                        qmax = qmax.cwiseMax(q);
                        const VectorXd& qq = ams ? qmax : q;
                        const double bc1 = 1 - std::pow(0.85, k), bc2 = 1 - std::pow(0.995, k);
                        const VectorXd denom = ((qq.array().sqrt() / std::sqrt(bc2)) + 1e-8).matrix();
                        w = w - (0.02 / bc1) * m.cwiseQuotient(denom);
                      }) < 1e-12);
      }
    }
  }
}

TEST_CASE("defaults are torch's and every optimizer echoes them") {
  auto find = [](const Optimizer& o, const std::string& key) {
    for (const auto& [k, v] : o.parameters())
      if (k == key) return to_number(v).value_or(std::nan(""));
    FAIL("no parameter " << key);
    return 0.0;
  };
  auto adam = make_optimizer("adam", {});
  CHECK(find(*adam, "lr") == 1e-3);
  CHECK(find(*adam, "beta1") == 0.9);
  CHECK(find(*adam, "beta2") == 0.999);
  CHECK(find(*adam, "eps") == 1e-8);
  CHECK(find(*adam, "weight_decay") == 0);
  CHECK(find(*make_optimizer("adamw", {}), "weight_decay") == 0.01);
  auto rms = make_optimizer("rmsprop", {});
  CHECK(find(*rms, "lr") == 0.01);
  CHECK(find(*rms, "rho") == 0.99);
  CHECK(find(*rms, "eps") == 1e-8);
  auto ada = make_optimizer("adagrad", {});
  CHECK(find(*ada, "lr") == 0.01);
  CHECK(find(*ada, "eps") == 1e-10);
  CHECK(find(*make_optimizer("newton", {}), "alpha") == 1);
}

TEST_CASE("bad optimizer parameters: one line naming the parameter") {
  auto msg = [](const std::string& m, const MethodParams& s) {
    return test::input_error_of([&] { make_optimizer(m, s); });
  };
  MethodParams s = with_alpha(0.1);
  s.set("amsgrad", true);
  CHECK(msg("gd", s) == "amsgrad: method gd has no such parameter");
  s = with_alpha(0.1);
  s.set("beta", 1.0);
  CHECK(msg("heavy-ball", s) == "beta 1: must be in [0, 1)");
  CHECK(msg("sgd", with_alpha(0)) == "alpha 0: must be finite and > 0");
  CHECK(msg("adam", with_alpha(-1)) == "alpha -1: must be finite and > 0");
  CHECK(msg("sgd", {}).find("alpha: method sgd needs a step size") == 0);
  CHECK(msg("nope", {}).find("method nope: unknown method; expected one of gd,") == 0);
  s = with_alpha(0.1);
  s.set("rho", 0.99);
  CHECK(msg("adam", s) == "rho: method adam has no such parameter");
  s = with_alpha(0.1);
  s.set("nesterov", true);
  CHECK(msg("sgd", s).find("nesterov: needs momentum beta > 0") == 0);
}

TEST_CASE("fit: log-linear recovers r of c r^k, the k r^k model recovers r of critically damped decay") {
  std::vector<std::int64_t> k;
  std::vector<double> geo, crit;
  const double r = 0.93;
  for (int i = 100; i <= 400; ++i) {
    k.push_back(i);
    geo.push_back(3.0 * std::pow(r, i));
    crit.push_back(0.2 * i * std::pow(r, i));
  }
  CHECK(std::fabs(fit_rate(k, geo, RateModel::geometric).rate - r) < 1e-12);
  CHECK(std::fabs(fit_rate(k, crit, RateModel::k_geometric).rate - r) < 1e-12);
  // The plain log-linear fit on k r^k is biased by about exp(1/k) ~ 1 + 1/250 here.
  const double biased = fit_rate(k, crit, RateModel::geometric).rate;
  CHECK(biased / r - 1 > 2e-3);
  CHECK(biased / r - 1 < 6e-3);
  // The thinned recorder keeps flat memory and fits the last half.
  TailRecorder rec(256);
  for (int i = 0; i <= 100000; ++i) rec.add(i, std::pow(0.9999, i));
  CHECK(rec.ks().size() <= 256);
  const auto f = rec.fit_tail(RateModel::geometric, 0.0);
  CHECK(std::fabs(f.rate - 0.9999) < 1e-12);
  CHECK(f.last == rec.ks().back());
  CHECK(f.first >= 50000 - 512);
}

TEST_CASE("run: gd's measured rate equals max|1 - alpha lambda| to 1e-6") {
  const Spectrum s = Spectrum::geometric(1, 100, 20);
  auto p = problems::diagonal(s);
  MethodParams os = with_alpha(0.015);
  auto gd = make_optimizer("gd", os);
  VectorXd w = VectorXd::Ones(20);
  RunSettings rs;
  rs.max_iter = 1500;
  rs.tol = 0;
  const auto sum = run(*p, *gd, w, rs);
  const double theory = std::max(std::fabs(1 - 0.015 * 1), std::fabs(1 - 0.015 * 100));  // 0.985
  CHECK(sum.status == RunStatus::max_iter);
  CHECK(std::fabs(sum.fit.rate - theory) < 1e-6);
  REQUIRE(sum.theory_rate);
  CHECK(std::fabs(*sum.theory_rate - theory) < 1e-15);
}

TEST_CASE("run: heavy-ball and nesterov at their optimal tuning approach the theory rate") {
  // κ = 100: heavy ball r* = 9/11 (critically damped at both ends: the k r^k model applies).
  const Spectrum s = Spectrum::ends(1, 100);
  struct Case {
    const char* method;
    double alpha, beta, rate;
  } cases[] = {
      {"heavy-ball", 4.0 / 121, 81.0 / 121, 9.0 / 11},
      // Lessard et al. tuning for quadratics: α = 4/(3L+μ), β = (√(3κ+1)−2)/(√(3κ+1)+2), r = 1 − 2/√(3κ+1).
      {"nesterov", 4.0 / 301, (std::sqrt(301.0) - 2) / (std::sqrt(301.0) + 2), 1 - 2 / std::sqrt(301.0)},
  };
  for (const auto& c : cases) {
    CAPTURE(c.method);
    auto p = problems::diagonal(s, VectorXd::Constant(2, 0.3));
    MethodParams os = with_alpha(c.alpha);
    os.set("beta", c.beta);
    auto opt = make_optimizer(c.method, os);
    VectorXd w = VectorXd::Ones(2);
    RunSettings rs;
    rs.max_iter = 5000;
    rs.tol = 1e-13;
    const auto sum = run(*p, *opt, w, rs);
    CHECK(sum.status == RunStatus::converged);
    CHECK(sum.fit.model == RateModel::k_geometric);
    CHECK(std::fabs(sum.fit.rate - c.rate) / c.rate < 1e-3);
    REQUIRE(sum.rate_rel_error);
    CHECK(*sum.rate_rel_error < 1e-3);
  }
}

TEST_CASE("run: divergence stops with status diverged and no row after the first non-finite value") {
  struct Rows : RunObserver {
    std::vector<TraceRow> rows;
    std::vector<double> dists;
    RowAction row(const TraceRow& r) override {
      dists.push_back(r.dist);
      return RowAction::proceed();
    }
  };
  for (double alpha : {0.03, 1e300}) {
    CAPTURE(alpha);
    auto p = problems::diagonal(Spectrum::ends(1, 100));
    auto gd = make_optimizer("gd", with_alpha(alpha));
    VectorXd w = VectorXd::Ones(2);
    Rows rows;
    RunSettings rs;
    rs.max_iter = 100000;
    const auto sum = run(*p, *gd, w, rs, &rows);
    CHECK(sum.status == RunStatus::diverged);
    CHECK(sum.message.find("diverged at iteration " + std::to_string(sum.iterations)) == 0);
    REQUIRE(rows.dists.size() == static_cast<std::size_t>(sum.iterations) + 1);
    for (std::size_t i = 0; i + 1 < rows.dists.size(); ++i) CHECK(std::isfinite(rows.dists[i]));
    if (alpha == 0.03) {
      // |1 − 3| = 2 per step on the λ = 100 mode: 2^k > 1e10·√2 first at k = 34.
      CHECK(sum.iterations == 34);
    }
  }
}

TEST_CASE("run: every exit sets status and message, start at the optimum converges at once") {
  auto p = problems::diagonal(Spectrum::ends(1, 10), VectorXd::Ones(2));
  auto gd = make_optimizer("gd", with_alpha(0.1));
  VectorXd w = VectorXd::Ones(2);
  const auto sum = run(*p, *gd, w, RunSettings{});
  CHECK(sum.status == RunStatus::converged);
  CHECK(sum.iterations == 0);
  CHECK(!sum.message.empty());
  VectorXd w2 = VectorXd::Zero(2);
  RunSettings rs;
  rs.max_iter = 3;
  const auto s2 = run(*p, *gd, w2, rs);
  CHECK(s2.status == RunStatus::max_iter);
  CHECK(s2.message.find("reached the iteration limit 3") == 0);
}

TEST_CASE(
    "finite sum: f* and the full gradient, minibatch gradients unbiased with standard error sigma/sqrt(B)") {
  const Spectrum s = Spectrum::ends(1, 4);
  const int N = 50;
  auto fs = problems::finite_sum(problems::diagonal(s, VectorXd::Constant(2, 0.5)), N, 1, 3, 2.0);
  // Rebuild the points as the documented recipe says and check f and f* against the sum written out.
  Rng rng(3);
  MatrixXd z(2, N);
  for (int i = 0; i < N; ++i) z(0, i) = rng.normal(), z(1, i) = rng.normal();
  const VectorXd zbar = z.rowwise().mean();
  MatrixXd pts = (2.0 * (z.colwise() - zbar)).colwise() + VectorXd::Constant(2, 0.5);
  const VectorXd lam = (VectorXd(2) << 1, 4).finished();
  const VectorXd w = (VectorXd(2) << 1.2, -0.7).finished();
  double f = 0, fstar = 0;
  for (int i = 0; i < N; ++i) {
    const VectorXd e = w - pts.col(i), e0 = VectorXd::Constant(2, 0.5) - pts.col(i);
    f += 0.5 * e.dot(lam.asDiagonal() * e) / N;
    fstar += 0.5 * e0.dot(lam.asDiagonal() * e0) / N;
  }
  CHECK(std::fabs(fs->value(w) - f) < 1e-12 * f);
  CHECK(std::fabs(fs->f_star() - fstar) < 1e-12 * fstar);
  CHECK(fs->stochastic());

  // Per coordinate j, the population variance of A(w − wᵢ) over i is λⱼ²·Var_pop(w_ij); with B
  // indices drawn with replacement the minibatch mean has variance σⱼ²/B exactly.
  VectorXd sigma2(2);
  for (int j = 0; j < 2; ++j) {
    const double mean = pts.row(j).mean();
    sigma2(j) = lam(j) * lam(j) * (pts.row(j).array() - mean).square().mean();
  }
  VectorXd full(2);
  fs->full_gradient(w, full);
  const int M = 20000;
  for (int B : {1, 4, 16}) {
    CAPTURE(B);
    auto p = problems::finite_sum(problems::diagonal(s, VectorXd::Constant(2, 0.5)), N, B, 3, 2.0);
    VectorXd sum = VectorXd::Zero(2), sumsq = VectorXd::Zero(2), g(2);
    for (int m = 0; m < M; ++m) {
      p->gradient(w, g);
      const VectorXd d = g - full;
      sum += d;
      sumsq += d.cwiseProduct(d);
    }
    for (int j = 0; j < 2; ++j) {
      const double expected_var = sigma2(j) / B;
      const double se_mean = std::sqrt(expected_var / M);
      // Unbiased: the mean error is within 4 standard errors of 0.
      CHECK(std::fabs(sum(j) / M) < 4 * se_mean);
      // σ/√B: the empirical variance within 6% of σ²/B (its relative standard error is
      // √((kurtosis − 1)/M) ≈ 1–2% here, so 6% is > 3 standard errors and still fails for a
      // variance off by a factor √B).
      const double var = sumsq(j) / M - (sum(j) / M) * (sum(j) / M);
      CHECK(std::fabs(var / expected_var - 1) < 0.06);
    }
  }
}

TEST_CASE("Matrix Market: bcsstk01 and malformed files") {
  const auto A = io::read_matrix_market(std::string(KAPPA_TEST_DATA) + "/bcsstk01.mtx");
  CHECK(A.rows() == 48);
  CHECK(A.cols() == 48);
  const MatrixXd D(A);
  CHECK((D - D.transpose()).cwiseAbs().maxCoeff() == 0);
  auto p = problems::matrix(A, "bcsstk01");
  const auto s = p->spectrum();
  REQUIRE(s);
  // Independent: the general (non-symmetric) eigen solver on the dense matrix.
  Eigen::EigenSolver<MatrixXd> es(D, false);
  const VectorXd ev = es.eigenvalues().real();
  CHECK(std::fabs(ev.maxCoeff() / s->lambda_max() - 1) < 1e-10);
  CHECK(std::fabs(ev.minCoeff() / s->lambda_min() - 1) < 1e-6);
  CHECK(s->kappa() > 8.7e5);
  CHECK(s->kappa() < 8.9e5);

  const std::string dir = "/tmp/kappa_test_mm_" + std::to_string(::getpid());
  std::system(("mkdir -p " + dir).c_str());
  auto write = [&](const std::string& name, const std::string& text) {
    const std::string path = dir + "/" + name;
    FILE* f = std::fopen(path.c_str(), "w");
    std::fputs(text.c_str(), f);
    std::fclose(f);
    return path;
  };
  auto error = [&](const std::string& path) {
    return test::input_error_of([&] { problems::matrix(io::read_matrix_market(path), "--matrix " + path); });
  };
  auto has = [](const std::string& msg, const std::string& part) {
    CAPTURE(msg);
    CHECK(msg.find(part) != std::string::npos);
    CHECK(msg.find('\n') == std::string::npos);
  };
  has(error(write("rect.mtx", "%%MatrixMarket matrix coordinate real general\n2 3 1\n1 1 1\n")),
      "not square (2x3)");
  has(error(write("nonsym.mtx", "%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n")),
      "not symmetric");
  has(error(write("indef.mtx", "%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n1\n")),
      "not positive definite");
  has(error(write("head.mtx", "%MatrixMarket matrix coordinate real general\n")),
      "line 1: expected the header");
  has(error(write("short.mtx", "%%MatrixMarket matrix coordinate real symmetric\n2 2 3\n1 1 1\n2 2 1\n")),
      "ends after 2 of 3 entries");
  has(error(write("bad.mtx", "%%MatrixMarket matrix coordinate real symmetric\n2 2 2\n1 1 x\n2 2 1\n")),
      "line 3: VALUE");
  has(error(write("upper.mtx", "%%MatrixMarket matrix coordinate real symmetric\n2 2 2\n1 2 1\n2 2 1\n")),
      "above the diagonal");
  has(error(write("cplx.mtx", "%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1 0\n")),
      "field 'complex'");
  // A symmetric array lists the lower triangle column by column: [[2, 1], [1, 3]].
  const auto S =
      io::read_matrix_market(write("sym.mtx", "%%MatrixMarket matrix array real symmetric\n2 2\n2\n1\n3\n"));
  CHECK(MatrixXd(S) == (MatrixXd(2, 2) << 2, 1, 1, 3).finished());
  std::system(("rm -rf " + dir).c_str());
}

TEST_CASE("evaluate_run: the summary of an option map, against the closed-form decay") {
  // gd with α = 0.1 on λ = {1, 10} from ones: the λ = 10 mode is zero after one step, the λ = 1 mode
  // is 0.9^k, so ‖w_50 − w*‖ = 0.9^50.
  const auto j =
      io::evaluate_run({{"method", "gd"}, {"kappa", "10"}, {"alpha", "0.1"}, {"iters", "50"}, {"tol", "0"}});
  CHECK(j["status"] == "max_iter");
  CHECK(j["iterations"] == 50);
  CHECK(std::fabs(j["dist"].get<double>() / std::pow(0.9, 50) - 1) < 1e-12);
  CHECK(std::fabs(j["measured_rate"].get<double>() - 0.9) < 1e-12);
  CHECK(std::fabs(j["theory_rate"].get<double>() - 0.9) < 1e-15);
  CHECK(j["params"]["alpha"] == 0.1);
  // Without --alpha/--beta: the theory's optimum (heavy ball on κ = 100: α = 4/121, β = 81/121).
  const auto h = io::evaluate_run({{"method", "heavy-ball"}, {"kappa", "100"}, {"iters", "400"}});
  CHECK(std::fabs(h["params"]["alpha"].get<double>() - 4.0 / 121) < 1e-15);
  CHECK(std::fabs(h["params"]["beta"].get<double>() - 81.0 / 121) < 1e-15);
  CHECK(h["status"] == "converged");
  CHECK_THROWS_AS(io::evaluate_run({{"method", "adam"}, {"kappa", "10"}, {"rho", "0.9"}}), InputError);
}
