// Performance estimation (kappa/theory/pep.hpp): checked against closed forms, PEPit's published values,
// the worst function rebuilt and replayed by code written here, and the certificate re-verified here.
#include <doctest/doctest.h>

#include <Eigen/Dense>
#include <cmath>
#include <thread>
#include <vector>

#include "kappa/core/errors.hpp"
#include "kappa/theory/pep.hpp"

using namespace kappa;

namespace {

pep::Problem problem(pep::Method m, double alpha, double beta, double mu, double L, int N, pep::Initial i,
                     pep::Measure me) {
  pep::Problem p;
  p.method = m;
  p.alpha = alpha;
  p.beta = beta;
  p.mu = mu;
  p.L = L;
  p.steps = N;
  p.initial = i;
  p.measure = me;
  return p;
}

double rel(double a, double b) { return std::fabs(a - b) / std::fabs(b); }

// The relative accuracy CSDP reaches here (its default tolerances are 1e-8 on the relative gap and
// infeasibilities); the issue asks for 1e-7 or better.
constexpr double kRel = 1e-7;

// The method replayed on given data: x_0 and the gradient answered at each queried point. Returns
// the queried points (rows) and x_N as the last row, by the method's definition written out here.
Eigen::MatrixXd replay(const pep::Problem& p, const Eigen::VectorXd& x0, const Eigen::MatrixXd& grads) {
  const int N = p.steps;
  Eigen::MatrixXd pts(N + 1, x0.size());
  Eigen::VectorXd x = x0, x_prev = x0;
  for (int k = 0; k < N; ++k) {
    Eigen::VectorXd q = x;
    if (p.method == pep::Method::nesterov) q = x + p.beta * (x - x_prev);  // y_k
    pts.row(k) = q.transpose();
    Eigen::VectorXd next = q - p.alpha * grads.row(k).transpose();
    if (p.method == pep::Method::heavy_ball) next += p.beta * (x - x_prev);
    x_prev = x;
    x = next;
  }
  pts.row(N) = x.transpose();
  return pts;
}

// Taylor-Hendrickx-Glineur (2017, Theorem 4), in its own form: f in F(mu, L) interpolates the
// triples (x_i, g_i, f_i) iff for all i, j
//   f_i >= f_j + <g_j, x_i - x_j> + 1/(2(1 - mu/L)) (1/L |g_i - g_j|^2 + mu |x_i - x_j|^2
//                                                    - 2 mu/L <g_j - g_i, x_j - x_i>).
double worst_violation(const std::vector<Eigen::VectorXd>& x, const std::vector<Eigen::VectorXd>& g,
                       const std::vector<double>& f, double mu, double L) {
  double worst = 0;
  for (std::size_t i = 0; i < x.size(); ++i)
    for (std::size_t j = 0; j < x.size(); ++j) {
      if (i == j) continue;
      const Eigen::VectorXd dx = x[i] - x[j], dg = g[i] - g[j];
      const double rhs =
          f[j] + g[j].dot(dx) +
          1 / (2 * (1 - mu / L)) * (dg.squaredNorm() / L + mu * dx.squaredNorm() - 2 * mu / L * dg.dot(dx));
      const double scale =
          1 + std::fabs(f[i]) + std::fabs(f[j]) + L * dx.squaredNorm() + dg.squaredNorm() / L;
      worst = std::max(worst, (rhs - f[i]) / scale);
    }
  return worst;
}

void check_worst_function(const pep::Problem& p) {
  CAPTURE(pep::to_string(p.method));
  CAPTURE(pep::to_string(p.initial));
  CAPTURE(pep::to_string(p.measure));
  const auto s = pep::solve(p);
  REQUIRE(s.status == pep::Status::optimal);
  const int N = p.steps;
  const Eigen::VectorXd x0 = s.points.row(0).transpose();
  const Eigen::MatrixXd pts = replay(p, x0, s.gradients);
  // The replayed method queries the points the solver's function was built on.
  CHECK((pts - s.points).norm() <= 1e-9 * (1 + s.points.norm()));
  std::vector<Eigen::VectorXd> x, g;
  std::vector<double> f;
  for (int k = 0; k <= N; ++k) {
    x.push_back(pts.row(k).transpose());
    g.push_back(s.gradients.row(k).transpose());
    f.push_back(s.values(k));
  }
  x.push_back(Eigen::VectorXd::Zero(x0.size()));  // x* = 0, g* = 0, f* = 0
  g.push_back(Eigen::VectorXd::Zero(x0.size()));
  f.push_back(0);
  CHECK(worst_violation(x, g, f, p.mu, p.L) <= 1e-7);
  // The initial condition holds (<= 1) and is active; the measure on the replayed data is the worst case.
  const double init = p.initial == pep::Initial::dist    ? x0.squaredNorm()
                      : p.initial == pep::Initial::f_gap ? f[0]
                                                         : f[0] + p.mu / 2 * x0.squaredNorm();
  CHECK(init == doctest::Approx(1).epsilon(1e-6));
  const double measure = p.measure == pep::Measure::dist    ? x[N].squaredNorm()
                         : p.measure == pep::Measure::f_gap ? f[N]
                                                            : g[N].squaredNorm();
  CHECK(measure == doctest::Approx(s.worst_case).epsilon(1e-6));
}

// The certificate: measure - tau * initial + sum_ij lambda_ij * ineq_ij + <G, S> must vanish
// identically in (G, f), with lambda >= 0, S PSD. Rebuilt here over the basis (x_0, g_0..g_N):
// coefficient vectors of the points from the method's definition, the inequality in PEPit's form
//   f_i - f_j - <g_j, x_i - x_j> - 1/(2L)|g_i - g_j|^2 - mu/(2(1 - mu/L)) |x_i - x_j - (g_i - g_j)/L|^2.
// Returns the smallest eigenvalue of the S this identity forces, relative to its norm.
double certificate_residual(const pep::Problem& p, const pep::Solution& s, double* f_residual) {
  const int N = p.steps, d = N + 2;
  // Coefficients of P_k: replay with symbolic vectors (x0 = e_0, gradient k = e_{1+k}).
  Eigen::MatrixXd grads = Eigen::MatrixXd::Zero(N + 1, d);
  for (int k = 0; k <= N; ++k) grads(k, 1 + k) = 1;
  Eigen::VectorXd e0 = Eigen::VectorXd::Zero(d);
  e0(0) = 1;
  const Eigen::MatrixXd P = replay(p, e0, grads);
  auto xv = [&](int i) {
    return i == N + 1 ? Eigen::VectorXd(Eigen::VectorXd::Zero(d)) : Eigen::VectorXd(P.row(i).transpose());
  };
  auto gv = [&](int i) {
    return i == N + 1 ? Eigen::VectorXd(Eigen::VectorXd::Zero(d)) : Eigen::VectorXd(grads.row(i).transpose());
  };
  auto sym = [](const Eigen::VectorXd& u, const Eigen::VectorXd& v) {
    return Eigen::MatrixXd(0.5 * (u * v.transpose() + v * u.transpose()));
  };
  Eigen::MatrixXd M = Eigen::MatrixXd::Zero(d, d);   // Gram coefficient of the identity
  Eigen::VectorXd F = Eigen::VectorXd::Zero(N + 2);  // coefficients of f_0..f_N (f* = 0 dropped)
  // measure
  if (p.measure == pep::Measure::dist) M += sym(xv(N), xv(N));
  if (p.measure == pep::Measure::grad_norm) M += sym(gv(N), gv(N));
  if (p.measure == pep::Measure::f_gap) F(N) += 1;
  // - tau * initial
  if (p.initial != pep::Initial::f_gap)
    M -= s.tau * (p.initial == pep::Initial::dist ? 1.0 : p.mu / 2) * sym(e0, e0);
  if (p.initial != pep::Initial::dist) F(0) -= s.tau;
  // + lambda_ij * inequality_ij
  const double c = p.mu / (2 * (1 - p.mu / p.L));
  double lambda_min = 0;
  for (int i = 0; i <= N + 1; ++i)
    for (int j = 0; j <= N + 1; ++j) {
      if (i == j) continue;
      const double l = s.lambda(i, j);
      lambda_min = std::min(lambda_min, l);
      const Eigen::VectorXd dx = xv(i) - xv(j), dg = gv(i) - gv(j), w = dx - dg / p.L;
      F(i) += l;
      F(j) -= l;
      M += l * (-sym(gv(j), dx) - sym(dg, dg) / (2 * p.L) - c * sym(w, w));
    }
  CHECK(lambda_min >= -1e-9 * (1 + s.lambda.cwiseAbs().maxCoeff()));
  F(N + 1) = 0;
  *f_residual = F.cwiseAbs().maxCoeff() / (1 + s.tau);
  const Eigen::MatrixXd S = -M;  // <G, S> = -(rest): S must be PSD
  CHECK((S - s.S).norm() <= 1e-5 * (1 + S.norm()));
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(S);
  return eig.eigenvalues().minCoeff() / (1 + S.norm());
}

}  // namespace

TEST_CASE(
    "pep: gd on smooth convex functions, alpha = 1/L: L |x0 - x*|^2 / (4N + 2), tight (Drori-Teboulle)") {
  // f(x_N) - f* <= L R^2/(4N+2) (Drori & Teboulle 2014, Thm 3.1; attained by a Huber-like function).
  for (const auto& LN : std::vector<std::pair<double, int>>{{3, 4}, {1, 1}, {1, 2}, {2, 7}}) {
    const double L = LN.first;  // not a structured binding: clang 14 refuses CAPTURE's lambda on one
    const int N = LN.second;
    CAPTURE(L);
    CAPTURE(N);
    const auto s =
        pep::solve(problem(pep::Method::gd, 1 / L, 0, 0, L, N, pep::Initial::dist, pep::Measure::f_gap));
    CHECK(s.status == pep::Status::optimal);
    CHECK(rel(s.worst_case, L / (4 * N + 2)) < kRel);
    CHECK(rel(s.bound, L / (4 * N + 2)) < kRel);
  }
  // The example: L = 3, N = 4 gives 3/18 = 1/6.
  CHECK(rel(pep::solve(problem(pep::Method::gd, 1.0 / 3, 0, 0, 3, 4, pep::Initial::dist, pep::Measure::f_gap))
                .worst_case,
            1.0 / 6) < kRel);
}

TEST_CASE("pep: gd distance max(|1 - alpha mu|, |1 - alpha L|)^(2N), tight") {
  // Attained on the quadratic along the worse end of [mu, L]; no function in the class does worse
  // (gradient steps are contractions with this factor on F(mu, L)).
  for (const double alpha : {0.05, 0.15, 0.19, 0.25}) {
    for (const int N : {1, 3, 6}) {
      CAPTURE(alpha);
      CAPTURE(N);
      const double mu = 1, L = 10;
      const double expect = std::pow(std::max(std::fabs(1 - alpha * mu), std::fabs(1 - alpha * L)), 2 * N);
      const auto p = problem(pep::Method::gd, alpha, 0, mu, L, N, pep::Initial::dist, pep::Measure::dist);
      const auto s = pep::solve(p);
      CHECK(rel(s.worst_case, expect) < kRel);
      CHECK(rel(pep::quadratic_worst(p).value, expect) < 1e-12);
    }
  }
}

TEST_CASE("pep: a worst case far below the start is accurate in absolute terms only (documented)") {
  // gd, mu = 1, L = 2, alpha = 2/3: factor 1/3 per step, (1/3)^20 = 2.9e-10 after 10 steps. CSDP's
  // tolerances are relative to 1 + |objective| and |x_N|^2 is a combination of O(1) Gram entries,
  // so the error is about 1e-8 of the start, not of the value (docs/pep.md, "Accuracy").
  const double truth = std::pow(1.0 / 3, 20);
  const auto s =
      pep::solve(problem(pep::Method::gd, 2.0 / 3, 0, 1, 2, 10, pep::Initial::dist, pep::Measure::dist));
  CHECK(std::fabs(s.worst_case - truth) < 1e-7);
  CHECK(std::fabs(s.bound - truth) < 1e-7);
}

TEST_CASE("pep: PEPit's published heavy-ball and accelerated examples, same methods") {
  // PEPit/examples/unconstrained_convex_minimization/heavy_ball_momentum.py:
  //   x_{t+1} = x_t - alpha grad f(x_t) + beta (x_t - x_{t-1}), x_{-1} = x_0 (kappa's heavy ball),
  //   mu = 0.1, L = 1, alpha = 1/(2L), beta = sqrt((1 - alpha mu)(1 - alpha L)), n = 2,
  //   f(x0) - f* <= 1 -> f(x_n) - f*: printed 0.753493 (MOSEK: primal 0.7534930184722486, dual 0.753493016980345).
  const double a = 0.5, b = std::sqrt((1 - a * 0.1) * (1 - a * 1));
  const auto hb =
      pep::solve(problem(pep::Method::heavy_ball, a, b, 0.1, 1, 2, pep::Initial::f_gap, pep::Measure::f_gap));
  CHECK(std::fabs(hb.worst_case - 0.753493) < 5e-7);
  // Beyond those 6 digits MOSEK's 0.7534930185 is 2.7e-7 low: the quadratic 0.05 x^2 (lambda = mu)
  // is in the class and gives x_1 = 1 - alpha mu, x_2 = x_1 (1 - alpha mu) - beta alpha mu, so the
  // worst case is at least x_2^2 = 0.75349323000619. kappa's value sits at that lower bound.
  const double x1 = 1 - a * 0.1, x2 = x1 * (1 - a * 0.1) + b * (x1 - 1), quad = x2 * x2;
  CHECK(hb.worst_case >= quad * (1 - kRel));
  CHECK(rel(hb.worst_case, quad) < kRel);
  CHECK(rel(hb.bound, quad) < kRel);
  // accelerated_gradient_strongly_convex.py: y_t = x_t + (sqrt L - sqrt mu)/(sqrt L + sqrt mu)(x_t - x_{t-1}),
  // x_{t+1} = y_t - 1/L grad f(y_t) (kappa's nesterov, textbook tuning), mu = 0.1, L = 1, n = 2,
  //   f(x0) - f* + mu/2 |x0 - x*|^2 <= 1 -> f(x_n) - f*: printed 0.347602 (primal 0.3476022263165957).
  const double k = 10, beta = (std::sqrt(k) - 1) / (std::sqrt(k) + 1);
  const auto nag = pep::solve(
      problem(pep::Method::nesterov, 1, beta, 0.1, 1, 2, pep::Initial::f_gap_dist, pep::Measure::f_gap));
  CHECK(std::fabs(nag.worst_case - 0.347602) < 5e-7);
  CHECK(rel(nag.worst_case, 0.34760223) < kRel);
  // kappa's textbook tuning is that method.
  const auto t = pep::quadratic_optimal(pep::Method::nesterov, 0.1, 1, "textbook");
  CHECK(t.alpha == doctest::Approx(1));
  CHECK(t.beta == doctest::Approx(beta));
}

TEST_CASE(
    "pep: the worst function rebuilt, checked against the interpolation conditions, the method replayed") {
  const auto polyak = pep::quadratic_optimal(pep::Method::heavy_ball, 2, 50, "tuned");
  check_worst_function(problem(pep::Method::heavy_ball, polyak.alpha, polyak.beta, 2, 50, 5,
                               pep::Initial::dist, pep::Measure::dist));
  check_worst_function(
      problem(pep::Method::nesterov, 0.04, 0.6, 2, 50, 4, pep::Initial::f_gap_dist, pep::Measure::f_gap));
  check_worst_function(
      problem(pep::Method::gd, 1.0 / 3, 0, 0, 3, 4, pep::Initial::dist, pep::Measure::f_gap));
  check_worst_function(
      problem(pep::Method::gd, 0.1, 0, 0.5, 5, 3, pep::Initial::f_gap, pep::Measure::grad_norm));
  check_worst_function(
      problem(pep::Method::heavy_ball, 0.5, 0.67, 0.1, 1, 2, pep::Initial::f_gap, pep::Measure::f_gap));
}

TEST_CASE("pep: the dual certificate holds (multipliers >= 0, PSD residual) and bounds the worst case") {
  const auto polyak = pep::quadratic_optimal(pep::Method::heavy_ball, 2, 50, "tuned");
  for (const auto& p :
       {problem(pep::Method::heavy_ball, polyak.alpha, polyak.beta, 2, 50, 5, pep::Initial::dist,
                pep::Measure::dist),
        problem(pep::Method::nesterov, 1, 0.52, 0.1, 1, 3, pep::Initial::f_gap_dist, pep::Measure::f_gap),
        problem(pep::Method::gd, 1.0 / 3, 0, 0, 3, 4, pep::Initial::dist, pep::Measure::f_gap),
        problem(pep::Method::gd, 0.1, 0, 0.5, 5, 3, pep::Initial::f_gap, pep::Measure::grad_norm)}) {
    CAPTURE(pep::to_string(p.method));
    const auto s = pep::solve(p);
    double f_res = 1;
    const double psd = certificate_residual(p, s, &f_res);
    CHECK(psd >= -1e-7);
    CHECK(f_res <= 1e-7);
    CHECK(rel(s.tau, s.worst_case) < kRel);
    CHECK(s.bound == doctest::Approx(s.tau).epsilon(1e-12));
  }
}

TEST_CASE("pep: never below the worst quadratic of the class") {
  const auto polyak = pep::quadratic_optimal(pep::Method::heavy_ball, 1, 25, "tuned");
  for (const int N : {1, 2, 5, 10}) {
    CAPTURE(N);
    for (const auto& p :
         {problem(pep::Method::heavy_ball, polyak.alpha, polyak.beta, 1, 25, N, pep::Initial::dist,
                  pep::Measure::dist),
          problem(pep::Method::nesterov, 0.04, 0.6, 1, 25, N, pep::Initial::dist, pep::Measure::f_gap),
          problem(pep::Method::gd, 0.07, 0, 1, 25, N, pep::Initial::f_gap, pep::Measure::f_gap)}) {
      const double wc = pep::solve(p).worst_case, q = pep::quadratic_worst(p).value;
      CHECK(wc >= q * (1 - 1e-7));
    }
  }
  // Heavy ball at Polyak's parameters off quadratics: the worst case after 10 steps exceeds the
  // quadratic one (Lessard-Recht-Packard 2016 show a function where it does not converge at all).
  const auto p = problem(pep::Method::heavy_ball, polyak.alpha, polyak.beta, 1, 25, 10, pep::Initial::dist,
                         pep::Measure::dist);
  CHECK(pep::solve(p).worst_case > 10 * pep::quadratic_worst(p).value);
}

TEST_CASE("pep: the worst quadratic by brute force over eigenvalues, scalar recurrences written here") {
  const pep::Problem p = problem(pep::Method::heavy_ball, 0.06, 0.5, 1, 25, 6, pep::Initial::f_gap_dist,
                                 pep::Measure::grad_norm);
  double best = 0;
  for (int i = 0; i <= 200000; ++i) {
    const double lam = 1 + 24.0 * i / 200000;
    double x_prev = 1, x = 1;
    for (int k = 0; k < p.steps; ++k) {
      const double next = x - p.alpha * lam * x + p.beta * (x - x_prev);
      x_prev = x;
      x = next;
    }
    best = std::max(best, lam * lam * x * x / ((lam + p.mu) / 2));
  }
  CHECK(rel(pep::quadratic_worst(p).value, best) < 1e-8);
}

TEST_CASE("pep: mu = L is one quadratic, in closed form") {
  // f = L/2 |x|^2: gd x_N = (1 - alpha L)^N x_0.
  const auto s =
      pep::solve(problem(pep::Method::gd, 0.3, 0, 2, 2, 3, pep::Initial::dist, pep::Measure::dist));
  CHECK(s.status == pep::Status::closed_form);
  CHECK(s.worst_case == doctest::Approx(std::pow(0.4, 6)).epsilon(1e-14));
  // heavy ball, f_gap -> grad_norm: f_gap = L/2 x^2, |g|^2 = L^2 x^2, ratio 2L x_N^2/x_0^2.
  double xp = 1, x = 1;
  for (int k = 0; k < 4; ++k) {
    const double nx = x - 0.1 * 3 * x + 0.5 * (x - xp);
    xp = x;
    x = nx;
  }
  const auto h = pep::solve(
      problem(pep::Method::heavy_ball, 0.1, 0.5, 3, 3, 4, pep::Initial::f_gap, pep::Measure::grad_norm));
  CHECK(h.worst_case == doctest::Approx(2 * 3 * x * x).epsilon(1e-12));
}

TEST_CASE("pep: bad problems are input errors") {
  auto p = problem(pep::Method::gd, 0.1, 0, 1, 10, 3, pep::Initial::dist, pep::Measure::dist);
  auto bad = [&](auto change) {
    auto q = p;
    change(q);
    CHECK_THROWS_AS(pep::validate(q), InputError);
  };
  bad([](pep::Problem& q) { q.mu = -1; });
  bad([](pep::Problem& q) { q.mu = 11; });
  bad([](pep::Problem& q) { q.L = 0; });
  bad([](pep::Problem& q) { q.steps = 0; });
  bad([](pep::Problem& q) { q.steps = pep::max_steps + 1; });
  bad([](pep::Problem& q) { q.beta = 0.5; });
  bad([](pep::Problem& q) { q.mu = 0, q.initial = pep::Initial::f_gap; });
  CHECK_NOTHROW(pep::validate(p));
}

TEST_CASE("pep: concurrent solves give the serial results (CSDP calls are serialised)") {
  std::vector<pep::Problem> ps;
  for (int i = 0; i < 8; ++i)
    ps.push_back(problem(pep::Method::heavy_ball, 0.02 + 0.005 * i, 0.5, 2, 50, 4, pep::Initial::dist,
                         pep::Measure::dist));
  std::vector<double> serial, parallel(ps.size());
  for (const auto& p : ps) serial.push_back(pep::solve(p).worst_case);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < ps.size(); ++i)
    threads.emplace_back([&, i] { parallel[i] = pep::solve(ps[i]).worst_case; });
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < ps.size(); ++i) CHECK(parallel[i] == serial[i]);
}

TEST_CASE("pep: csdp_solve on the CSDP user's guide example (optimum y = (0.75, 1), objective 2.75)") {
  // max tr(CX) s.t. tr(A1 X) = 1, tr(A2 X) = 2; the guide's 2x2 and 3x3 blocks as one 5x5 dense
  // block (block-diagonal data: the same optimum), its 2-entry diagonal block as the diagonal block.
  pep::Sdp s;
  s.n1 = 5;
  s.n2 = 2;
  s.C1 = Eigen::MatrixXd::Zero(5, 5);
  s.C1 << 2, 1, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 3, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 3;
  s.C2 = Eigen::VectorXd::Zero(2);
  s.A = {{{1, 1, 1, 3}, {1, 1, 2, 1}, {1, 2, 2, 3}, {2, 1, 1, 1}},
         {{1, 3, 3, 3}, {1, 4, 4, 4}, {1, 5, 5, 5}, {1, 3, 5, 1}, {2, 2, 2, 1}}};
  s.a = Eigen::Vector2d(1, 2);
  const auto r = pep::csdp_solve(s);
  CHECK(r.code == 0);
  CHECK(r.pobj == doctest::Approx(2.75).epsilon(1e-7));
  CHECK(r.dobj == doctest::Approx(2.75).epsilon(1e-7));
  CHECK(r.y(0) == doctest::Approx(0.75).epsilon(1e-6));
  CHECK(r.y(1) == doctest::Approx(1.0).epsilon(1e-6));
}

#include "kappa/cli/pep_tool.hpp"

TEST_CASE("pep: io::evaluate_pep takes kappa-pep's options and gives its record") {
  const auto r = io::evaluate_pep({{"method", "gd"},
                                   {"mu", "0"},
                                   {"L", "3"},
                                   {"steps", "4"},
                                   {"alpha", "0.3333333333333333"},
                                   {"measure", "f_gap"}});
  CHECK(rel(r["worst_case"].get<double>(), 1.0 / 6) < kRel);
  CHECK(r["status"] == "optimal");
  CHECK(r["initial"] == "dist");
  // Without --alpha/--beta: kappa-rate's quadratic-optimal parameters (Polyak's for heavy ball).
  const auto h = io::evaluate_pep({{"method", "heavy-ball"}, {"mu", "2"}, {"L", "50"}, {"steps", "2"}});
  CHECK(h["alpha"].get<double>() == doctest::Approx(1.0 / 18).epsilon(1e-14));
  CHECK(h["beta"].get<double>() == doctest::Approx(4.0 / 9).epsilon(1e-14));
  CHECK(h["params_source"] == "closed_form");
  CHECK_THROWS_AS(
      io::evaluate_pep(
          {{"method", "gd"}, {"mu", "0"}, {"L", "3"}, {"steps", "4"}, {"alpha", "0.3"}, {"beta", "0.1"}}),
      InputError);
  CHECK_THROWS_AS(io::evaluate_pep({{"method", "gd"}, {"mu", "1"}, {"L", "3"}, {"steps", "0"}}), InputError);
  CHECK_THROWS_AS(
      io::evaluate_pep({{"method", "gd"}, {"mu", "1"}, {"L", "3"}, {"steps", "2"}, {"measure", "f"}}),
      InputError);
}
