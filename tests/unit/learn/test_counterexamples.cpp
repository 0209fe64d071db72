// Lessard–Recht–Packard's function (the heavy-ball cycle) and Nesterov's chain quadratic, checked
// against formulas written out here, a dense eigen solver, and the numbers printed in the paper.
#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "kappa/core/errors.hpp"
#include "kappa/learn/counterexamples.hpp"

using namespace kappa;
using namespace kappa::counterexamples;

namespace {
// ∇f written out from the paper (§4.6), independent of the library's piece table.
double grad_paper(double x) { return x < 1 ? 25 * x : (x < 2 ? x + 24 : 25 * x - 24); }
constexpr double hb_alpha = 1.0 / 9, hb_beta = 4.0 / 9;  // 4/(√25+√1)², ((5−1)/(5+1))²

// The update rules written out here (independent of the optimizer registry that iterate() uses).
void gradient_descent(Problem& p, Vector w, double alpha, int iters, const Observer& obs) {
  Vector g(p.dim());
  obs(0, w);
  for (int k = 1; k <= iters; ++k) {
    p.gradient(w, g);
    w -= alpha * g;  // w ← w − α∇f(w)
    obs(k, w);
  }
}
void heavy_ball(Problem& p, Vector w, double alpha, double beta, int iters, const Observer& obs) {
  Vector g(p.dim()), v = Vector::Zero(p.dim());
  obs(0, w);
  for (int k = 1; k <= iters; ++k) {
    p.gradient(w, g);
    v = beta * v - g;  // v ← βv − ∇f(w)
    w += alpha * v;    // w ← w + αv
    obs(k, w);
  }
}
void nesterov(Problem& p, Vector w, double alpha, double beta, int iters, const Observer& obs) {
  Vector g(p.dim()), v = Vector::Zero(p.dim()), y(p.dim());
  obs(0, w);
  for (int k = 1; k <= iters; ++k) {
    y = w + alpha * beta * v;  // lookahead w + αβv
    p.gradient(y, g);
    v = beta * v - g;  // v ← βv − ∇f(w + αβv)
    w += alpha * v;    // w ← w + αv
    obs(k, w);
  }
}
// Linear CG (Hestenes–Stiefel 1952) on a quadric: r = −∇f, a = rᵀr/dᵀHd, d = r⁺ + (r⁺ᵀr⁺/rᵀr) d.
void conjugate_gradient(Problem& p, Vector w, int iters, const Observer& obs) {
  const Eigen::Index n = p.dim();
  Vector r(n), d(n), hd(n);
  p.full_gradient(w, r);
  r = -r;
  d = r;
  double rr = r.squaredNorm();
  obs(0, w);
  for (int k = 1; k <= iters; ++k) {
    if (rr == 0.0) {
      obs(k, w);
      continue;
    }
    p.hessian_times(w, d, hd);
    const double a = rr / d.dot(hd);
    w += a * d;
    r -= a * hd;
    const double rr_new = r.squaredNorm();
    d = r + (rr_new / rr) * d;
    rr = rr_new;
    obs(k, w);
  }
}
}  // namespace

TEST_CASE("lrp: f is continuous, its derivative is the paper's gradient, and 1 <= f'' <= 25") {
  CHECK(lrp_value(0.0) == 0.0);
  for (double x : {1.0, 2.0}) {  // continuity at the kinks
    CHECK(lrp_value(std::nextafter(x, 0.0)) == doctest::Approx(lrp_value(x)).epsilon(1e-14));
  }
  for (double x : {-3.0, -0.4, 0.3, 0.999, 1.0001, 1.5, 1.9999, 2.0001, 2.7, 8.0}) {
    CAPTURE(x);
    const double h = 1e-6;
    CHECK(lrp_gradient(x) == doctest::Approx(grad_paper(x)).epsilon(1e-15));
    CHECK((lrp_value(x + h) - lrp_value(x - h)) / (2 * h) == doctest::Approx(grad_paper(x)).epsilon(1e-7));
    CHECK(lrp_curvature(x) >= 1.0);
    CHECK(lrp_curvature(x) <= 25.0);
  }
  // Strong convexity with μ = 1 and smoothness with L = 25 on random pairs: 1 ≤ (g(y)−g(x))/(y−x) ≤ 25.
  for (double x = -4; x < 5; x += 0.37)
    for (double y = x + 0.05; y < 5; y += 0.41) {
      const double s = (grad_paper(y) - grad_paper(x)) / (y - x);
      CHECK(s >= 1.0 - 1e-12);
      CHECK(s <= 25.0 + 1e-12);
    }
}

TEST_CASE(
    "lrp: heavy ball at alpha = 1/9, beta = 4/9 ends on a period-3 cycle whose points satisfy the map to 1e-10") {
  const auto c = find_cycle(3.3, hb_alpha, hb_beta);
  REQUIRE(c.has_value());
  CHECK(c->period == 3);
  REQUIRE(c->points.size() == 3);
  const auto& p = c->points;
  for (int i = 0; i < 3; ++i) {
    // Polyak's form: p_{i+1} = p_i − α∇f(p_i) + β(p_i − p_{i−1})
    const double prev = p[(i + 2) % 3], next = p[(i + 1) % 3];
    CHECK(std::abs(next - (p[i] - hb_alpha * grad_paper(p[i]) + hb_beta * (p[i] - prev))) < 1e-10);
  }
  CHECK(c->map_residual < 1e-10);
  // In exact arithmetic the cycle is {−2208, 2592, 792}/1225 (checked with rational arithmetic: the
  // heavy-ball map sends each to the next with remainder 0).
  CHECK(p[0] == doctest::Approx(-2208.0 / 1225).epsilon(1e-14));
  CHECK(p[1] == doctest::Approx(2592.0 / 1225).epsilon(1e-14));
  CHECK(p[2] == doctest::Approx(792.0 / 1225).epsilon(1e-14));
  // The cycle is not the minimiser: its points are far from 0 and visit both outer pieces.
  CHECK(*std::min_element(p.begin(), p.end()) < -1.0);
  CHECK(*std::max_element(p.begin(), p.end()) > 2.0);
  // The project's heavy ball (v ← βv − ∇f(w), w ← w + αv, v₀ = 0) through the Problem interface lands
  // on the same three points from 3.3.
  LrpProblem f;
  std::vector<double> tail;
  heavy_ball(f, Vector::Constant(1, 3.3), hb_alpha, hb_beta, 600, [&](int k, const Vector& w) {
    if (k > 590) tail.push_back(w(0));
  });
  for (double x : tail)
    CHECK(std::any_of(p.begin(), p.end(), [x](double q) { return std::abs(x - q) < 1e-9; }));
  // Started exactly on the cycle (w_{−1} = p_2, w_0 = p_0), Polyak's recurrence stays on it.
  double xm = p[2], x = p[0];
  for (int k = 0; k < 300; ++k) {
    const double xn = x - hb_alpha * grad_paper(x) + hb_beta * (x - xm);
    xm = x;
    x = xn;
  }
  CHECK(std::abs(x - p[0]) < 1e-9);
}

TEST_CASE("lrp: the starts leading to the cycle include the paper's interval [3.07, 3.46]") {
  const auto c = find_cycle(3.3, hb_alpha, hb_beta);
  REQUIRE(c.has_value());
  std::vector<double> starts;
  for (int i = 0; i <= 60; ++i) starts.push_back(3.0 + 0.01 * i);
  const auto runs = cycle_basin(*c, hb_alpha, hb_beta, starts, 600);
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].first > 3.05);
  CHECK(runs[0].first <= 3.07);
  CHECK(runs[0].second >= 3.46);
  CHECK(runs[0].second < 3.47);
  CHECK(classify("heavy-ball", 3.3, hb_alpha, hb_beta, &*c, 600) == Outcome::cycle);
  CHECK(classify("heavy-ball", 2.5, hb_alpha, hb_beta, &*c, 600) == Outcome::converged);
  // Refined ends: the start just inside goes to the cycle, the one just outside does not.
  CHECK(classify("heavy-ball", runs[0].first, hb_alpha, hb_beta, &*c, 600) == Outcome::cycle);
  CHECK(classify("heavy-ball", runs[0].second, hb_alpha, hb_beta, &*c, 600) == Outcome::cycle);
  CHECK(classify("heavy-ball", runs[0].first - 1e-6, hb_alpha, hb_beta, &*c, 600) != Outcome::cycle);
  CHECK(classify("heavy-ball", runs[0].second + 1e-6, hb_alpha, hb_beta, &*c, 600) != Outcome::cycle);
  // Starts need not be evenly spaced (any axis of the grid syntax, geom or a list).
  const auto sparse = cycle_basin(*c, hb_alpha, hb_beta, {3.02, 3.2, 3.3, 3.5}, 600);
  REQUIRE(sparse.size() == 1);
  CHECK(sparse[0].first == doctest::Approx(runs[0].first).epsilon(1e-12));
  CHECK(sparse[0].second == doctest::Approx(runs[0].second).epsilon(1e-12));
  CHECK_THROWS_AS(cycle_basin(*c, hb_alpha, hb_beta, {3.3, 3.2}, 600), InputError);
}

TEST_CASE("lrp: gradient descent and Nesterov converge from the starts where heavy ball cycles") {
  LrpProblem f;
  const double L = 25, q = (5.0 - 1) / (5.0 + 1);
  for (double x0 : {3.3, 1.0, -3.0, 5.5, 7.85}) {
    CAPTURE(x0);
    double last_gd = 1, last_nes = 1;
    gradient_descent(f, Vector::Constant(1, x0), 1 / L, 600, [&](int, const Vector& w) { last_gd = w(0); });
    nesterov(f, Vector::Constant(1, x0), 1 / L, q, 600, [&](int, const Vector& w) { last_nes = w(0); });
    CHECK(std::abs(last_gd) < 1e-10);
    CHECK(std::abs(last_nes) < 1e-10);
    CHECK(classify("gd", x0, 1 / L, 0, nullptr, 600) == Outcome::converged);
    CHECK(classify("nesterov", x0, 1 / L, q, nullptr, 600) == Outcome::converged);
  }
}

TEST_CASE("chain: H, w*, the spectrum and the Krylov lower bound") {
  const int n = 30;
  const double kappa = 100, c = (kappa - 1) / 4;
  ChainProblem p(n, kappa);
  // Dense H = μI + (L−μ)/4 · tridiag(−1, 2, −1) built here.
  Eigen::MatrixXd H = Eigen::MatrixXd::Identity(n, n);
  for (int i = 0; i < n; ++i) {
    H(i, i) += 2 * c;
    if (i + 1 < n) H(i, i + 1) = H(i + 1, i) = -c;
  }
  Vector x = Vector::LinSpaced(n, -1, 2), hx(n);
  p.hessian_times(x, x, hx);
  CHECK((hx - H * x).norm() < 1e-12 * (H * x).norm());
  Vector b = Vector::Zero(n);
  b(0) = c;
  CHECK((H * p.w_star() - b).norm() < 1e-12);
  CHECK(p.f_star() == doctest::Approx(-0.5 * b.dot(H.ldlt().solve(b))).epsilon(1e-12));
  const Eigen::VectorXd ev = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(H).eigenvalues();
  const auto sp = p.spectrum()->values();
  for (int i = 0; i < n; ++i) CHECK(sp[i] == doctest::Approx(ev(i)).epsilon(1e-12));
  CHECK(sp.front() > 1.0);
  CHECK(sp.back() < kappa);
  // Far from the far end, w*_i = q^i with q = (√κ−1)/(√κ+1) (Nesterov 2004, proof of Thm 2.1.13).
  ChainProblem big(2000, kappa);
  const double q = 9.0 / 11.0;
  for (int i : {1, 5, 20, 60}) CHECK(big.w_star()(i - 1) == doctest::Approx(std::pow(q, i)).epsilon(1e-10));

  // Every method started at 0 keeps w_k in span(e_1..e_k): ‖w_k − w*‖ ≥ tail_k ‖w*‖.
  const auto tail = big.tail_bound();
  const double d0 = big.w_star().norm();
  auto check_bound = [&](const char* name, auto run) {
    CAPTURE(name);
    run([&](int k, const Vector& w) {
      if (k >= 1 && k < 150) {
        CHECK((w.tail(2000 - k).array() == 0.0).all());
        CHECK((w - big.w_star()).norm() / d0 >= tail[k] * (1 - 1e-12));
      }
    });
  };
  const double a_hb = 4 / std::pow(1 + std::sqrt(kappa), 2), b_hb = q * q;
  check_bound("heavy-ball", [&](auto obs) { heavy_ball(big, Vector::Zero(2000), a_hb, b_hb, 150, obs); });
  check_bound("cg", [&](auto obs) { conjugate_gradient(big, Vector::Zero(2000), 150, obs); });
  check_bound("gd", [&](auto obs) { gradient_descent(big, Vector::Zero(2000), 1 / kappa, 150, obs); });
  check_bound("nesterov", [&](auto obs) { nesterov(big, Vector::Zero(2000), 1 / kappa, q, 150, obs); });
  // Observed (and checked here): heavy ball at Polyak's optimum reproduces w* exactly on the first k
  // coordinates, so it attains the lower bound.
  heavy_ball(big, Vector::Zero(2000), a_hb, b_hb, 40, [&](int k, const Vector& w) {
    if (k == 40)
      for (int i = 0; i < 40; ++i) CHECK(w(i) == doctest::Approx(big.w_star()(i)).epsilon(1e-9));
  });
  // CG solves the n = 30 problem in n steps (exact arithmetic; 1e-9 in floating point).
  double last = 1;
  conjugate_gradient(p, Vector::Zero(n), n, [&](int, const Vector& w) { last = (w - p.w_star()).norm(); });
  CHECK(last < 1e-9 * p.w_star().norm());
}

TEST_CASE("counterexamples: problem specs") {
  CHECK(make_problem("lrp")->kind() == "lrp");
  CHECK(make_problem("chain:10:50")->dim() == 10);
  CHECK_THROWS_AS(make_problem("chain:10"), InputError);
  CHECK_THROWS_AS(make_problem("chain:0:50"), InputError);
  CHECK_THROWS_AS(make_problem("chain:10:1"), InputError);
  CHECK_THROWS_AS(make_problem("chain:10:abc"), InputError);
  CHECK_THROWS_AS(make_problem("lrpx"), InputError);
}

TEST_CASE(
    "counterexamples: the registry's gd and heavy-ball give the written-out iterates on both problems") {
  // Same update order (v ← βv − ∇f(w), w ← w + αv), so the iterates agree to the last bit or nearly.
  for (const char* spec : {"lrp", "chain:300:100"}) {
    CAPTURE(spec);
    for (const char* m : {"gd", "heavy-ball", "nesterov"}) {
      CAPTURE(m);
      REQUIRE(implementation(m, 0.1, 0.4) == "registry");
      auto p1 = make_problem(spec), p2 = make_problem(spec);
      Vector w0 = Vector::Zero(p1->dim());
      if (p1->dim() == 1) w0(0) = 3.3;
      const double a = p1->dim() == 1 ? 1.0 / 9 : 4.0 / 121, b = p1->dim() == 1 ? 4.0 / 9 : 81.0 / 121;
      std::vector<Vector> reg, own;
      CHECK(iterate(*p1, m, a, b, w0, 80, [&](int, const Vector& w) { reg.push_back(w); }) == "registry");
      if (std::string(m) == "gd")
        gradient_descent(*p2, w0, a, 80, [&](int, const Vector& w) { own.push_back(w); });
      else if (std::string(m) == "heavy-ball")
        heavy_ball(*p2, w0, a, b, 80, [&](int, const Vector& w) { own.push_back(w); });
      else
        nesterov(*p2, w0, a, b, 80, [&](int, const Vector& w) { own.push_back(w); });
      REQUIRE(reg.size() == own.size());
      for (std::size_t k = 0; k < reg.size(); ++k)
        CHECK((reg[k] - own[k]).norm() <= 1e-14 * (1 + own[k].norm()));
    }
  }
}

TEST_CASE("counterexamples: cg is the registry's (kappa-run's line search), not a linear CG on lrp") {
  // On the chain quadric the registry's cg (PR+ with the exact line search) is linear CG: the
  // written-out Hestenes–Stiefel iterates agree.
  auto chain = make_problem("chain:40:100");
  std::vector<Vector> reg, own;
  CHECK(iterate(*chain, "cg", 0, 0, Vector::Zero(40), 30, [&](int, const Vector& w) { reg.push_back(w); }) ==
        "registry");
  conjugate_gradient(*chain, Vector::Zero(40), 30, [&](int, const Vector& w) { own.push_back(w); });
  REQUIRE(reg.size() == own.size());
  for (std::size_t k = 0; k < reg.size(); ++k) CHECK((reg[k] - own[k]).norm() <= 1e-9 * (1 + own[k].norm()));
  // lrp (piecewise quadratic, w* = 0): from 3.3 the exact line search along −f' lands on the
  // minimiser of the piece containing it: 3.3 → 0.96 (piece x+24 has its minimum below 1, the search
  // ends at the kink side) → 0. A linear CG with the curvature at w stalled at 0.96 (the earlier
  // written-out loop). Checked: the last iterate is w* = 0 and f − f* = 0.
  auto lrp = make_problem("lrp");
  Vector w0(1);
  w0(0) = 3.3;
  double last = 1, last_f = 1;
  iterate(*lrp, "cg", 0, 0, w0, 20, [&](int, const Vector& w) {
    last = std::fabs(w(0));
    last_f = lrp_value(w(0));
  });
  CHECK(last <= 1e-12);
  CHECK(last_f <= 1e-20);
}
