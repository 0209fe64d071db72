// steepest, cg, bfgs, lbfgs and the line searches (kappa/optim/line_search.hpp), each against its update
// formula written out here, against the finite-termination and rate theorems, and L-BFGS against
// torch.optim.LBFGS(line_search_fn="strong_wolfe") in float64.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <sys/wait.h>
#include <unistd.h>
#include <Eigen/Dense>
#include <cmath>
#include <cstdio>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/core/random.hpp"
#include "kappa/optim/line_search.hpp"
#include "kappa/optim/optimizers.hpp"

namespace {

using Eigen::MatrixXd;
using kappa::Vector;

// f(w) = ½ (w − w*)ᵀA(w − w*) with a dense SPD A (test-local, so these tests need no problem library).
class DenseQuadric final : public kappa::Problem {
 public:
  DenseQuadric(MatrixXd a, Vector w_star) : a_(std::move(a)), w_star_(std::move(w_star)) {}
  std::string_view kind() const override { return "test-quadric"; }
  Eigen::Index dim() const override { return a_.rows(); }
  double value(const Vector& w) const override {
    const Vector e = w - w_star_;
    return 0.5 * e.dot(a_ * e) + f_star_;
  }
  void gradient(const Vector& w, Vector& g) override { full_gradient(w, g); }
  void full_gradient(const Vector& w, Vector& g) const override { g.noalias() = a_ * (w - w_star_); }
  const Vector& w_star() const override { return w_star_; }
  double f_star() const override { return f_star_; }
  double f_star_ = 0.0;
  bool has_hessian() const override { return hessian_; }
  void hessian_times(const Vector&, const Vector& x, Vector& out) const override { out.noalias() = a_ * x; }
  const MatrixXd& a() const { return a_; }
  bool hessian_ = true;

 private:
  MatrixXd a_;
  Vector w_star_;
};

// Rosenbrock f = (1 − x)² + 100 (y − x²)²: not a quadric, no Hessian; minimum 0 at (1, 1).
class Rosenbrock final : public kappa::Problem {
 public:
  std::string_view kind() const override { return "rosenbrock"; }
  Eigen::Index dim() const override { return 2; }
  double value(const Vector& w) const override {
    return (1 - w[0]) * (1 - w[0]) + 100 * (w[1] - w[0] * w[0]) * (w[1] - w[0] * w[0]);
  }
  void gradient(const Vector& w, Vector& g) override { full_gradient(w, g); }
  void full_gradient(const Vector& w, Vector& g) const override {
    g[0] = -2 * (1 - w[0]) - 400 * w[0] * (w[1] - w[0] * w[0]);
    g[1] = 200 * (w[1] - w[0] * w[0]);
  }
  const Vector& w_star() const override { return star_; }
  double f_star() const override { return 0.0; }

 private:
  Vector star_ = Vector::Ones(2);
};

using kappa::test::normals;

// A = Q diag(λ) Qᵀ with Q from the QR of a Gaussian matrix and λ geometric in [1, κ].
MatrixXd random_spd(kappa::Rng& rng, Eigen::Index n, double kappa) {
  MatrixXd g(n, n);
  for (Eigen::Index j = 0; j < n; ++j) g.col(j) = normals(rng, n);
  const MatrixXd q = Eigen::HouseholderQR<MatrixXd>(g).householderQ();
  Vector lambda(n);
  for (Eigen::Index i = 0; i < n; ++i) lambda[i] = n == 1 ? 1.0 : std::pow(kappa, double(i) / double(n - 1));
  MatrixXd a = q * lambda.asDiagonal() * q.transpose();
  return 0.5 * (a + a.transpose());
}

DenseQuadric random_quadric(std::uint64_t seed, Eigen::Index n, double kappa) {
  kappa::Rng rng(seed);
  MatrixXd a = random_spd(rng, n, kappa);
  return DenseQuadric(std::move(a), normals(rng, n));
}

std::unique_ptr<kappa::Optimizer> make(const char* method, kappa::MethodParams s = {}) {
  return kappa::make_optimizer(method, s);
}

// The method (default settings), reset on the problem.
std::unique_ptr<kappa::Optimizer> reset_on(const char* method, const kappa::Problem& p) {
  auto opt = make(method);
  opt->reset(p);
  return opt;
}

double rel_diff(const Vector& a, const Vector& b) { return (a - b).norm() / std::max(1.0, b.norm()); }

}  // namespace

TEST_CASE("bfgs_update satisfies the secant equation and stays symmetric but the slide's + sign does not") {
  kappa::Rng rng(11);
  for (const Eigen::Index n : {2, 5, 12}) {
    const MatrixXd h = random_spd(rng, n, 50.0);
    const MatrixXd a = random_spd(rng, n, 1e3);
    const Vector s = normals(rng, n);
    const Vector y = a * s;  // a quadric's gradient change: yᵀs = sᵀAs > 0
    const MatrixXd hp = kappa::optimizers::bfgs_update(h, s, y);
    // Written out: H + yyᵀ/(yᵀs) − HssᵀH/(sᵀHs).
    const MatrixXd expected = h + y * y.transpose() / y.dot(s) - (h * s) * (s.transpose() * h) / s.dot(h * s);
    CHECK((hp - expected).norm() <= 1e-13 * expected.norm());
    CHECK((hp * s - y).norm() <= 1e-13 * y.norm());            // secant equation H⁺s = y
    CHECK((hp - hp.transpose()).norm() <= 1e-15 * hp.norm());  // symmetric
    CHECK(Eigen::SelfAdjointEigenSolver<MatrixXd>(hp).eigenvalues().minCoeff() > 0.0);  // stays SPD

    // The lecture's slide: + HssᵀH/(sᵀHs). Then H⁺s = y + Hs·(sᵀHs)/(sᵀHs) + … = y + 2Hs ≠ y
    // (the two rank-one terms in Hs give Hs + Hs).
    const MatrixXd slide = kappa::optimizers::bfgs_update(h, s, y, +1.0);
    const Vector residual = slide * s - y;
    CHECK((residual - 2.0 * (h * s)).norm() <= 1e-12 * (h * s).norm());
    CHECK(residual.norm() >= 0.5 * (h * s).norm());  // far from satisfying the secant equation
  }
  CHECK_THROWS_AS(kappa::optimizers::bfgs_update(MatrixXd::Identity(2, 2), Vector::Zero(2), Vector::Ones(2)),
                  kappa::InputError);
}

TEST_CASE("steepest descent takes t = gᵀg/gᵀAg and f − f* falls at most by ((κ−1)/(κ+1))² per step") {
  for (const double kappa : {10.0, 1e3}) {
    auto p = random_quadric(21, 8, kappa);
    auto opt = reset_on("steepest", p);
    Vector w = Vector::Ones(8), ref = w, g(8);
    const double bound = std::pow((kappa - 1) / (kappa + 1), 2);
    double worst = 0.0;
    for (int k = 0; k < 200; ++k) {
      const double gap = p.value(w);
      if (gap < 1e-24) break;
      const auto info = opt->step(p, w);
      REQUIRE_FALSE(info.breakdown);
      // Written out: g = A(w − w*), w⁺ = w − (gᵀg / gᵀAg) g.
      const Vector gr = p.a() * (ref - p.w_star());
      ref = ref - (gr.dot(gr) / gr.dot(p.a() * gr)) * gr;
      CHECK(rel_diff(w, ref) <= 1e-12);
      ref = w;  // compare one step at a time (the zig-zag amplifies rounding along the run)
      worst = std::max(worst, p.value(w) / gap);
    }
    CHECK(worst <= bound * (1 + 1e-9));
    CHECK(worst >= 0.5 * bound);  // a random start comes near the bound: not a vacuous inequality
  }
}

TEST_CASE("steepest descent attains ((κ−1)/(κ+1))² on the 2-D worst-case start (the zig-zag)") {
  // A = diag(1, κ), w* = 0, w₀ = (κ, 1): g₀ = (κ, κ) has equal weight on both eigenvectors, the
  // Kantorovich inequality is an equality, and each step maps w = (a, b) to (a, −b)·(κ−1)/(κ+1).
  const double kappa = 9.0, r = (kappa - 1) / (kappa + 1);
  MatrixXd a = MatrixXd::Zero(2, 2);
  a(0, 0) = 1.0;
  a(1, 1) = kappa;
  DenseQuadric p(a, Vector::Zero(2));
  auto opt = reset_on("steepest", p);
  Vector w(2);
  w << kappa, 1.0;
  for (int k = 1; k <= 30; ++k) {
    const double gap = p.value(w);
    opt->step(p, w);
    CHECK(p.value(w) / gap == doctest::Approx(r * r).epsilon(1e-12));
    CHECK(w[0] == doctest::Approx(kappa * std::pow(r, k)).epsilon(1e-12));
    CHECK(w[1] == doctest::Approx(std::pow(-r, k)).epsilon(1e-12));
  }
}

// Finite termination holds in exact arithmetic. In float64 it is lost gradually as A-conjugacy decays
// (Greenbaum 1997, ch. 4): measured for n = 12, κ = 1e3 (geometric λ), ‖w_n − w*‖/‖w₀ − w*‖ ≈ 3e-2 for
// cg and bfgs, and so for a textbook linear CG in numpy. So the termination tests use n ≤ 8, κ = 100
// (measured ≤ 3e-10), and a spectrum with 3 distinct eigenvalues in n = 20 (3 steps).
DenseQuadric three_eigenvalue_quadric() {
  kappa::Rng rng(7);
  MatrixXd g(20, 20);
  for (int j = 0; j < 20; ++j) g.col(j) = normals(rng, 20);
  const MatrixXd q = Eigen::HouseholderQR<MatrixXd>(g).householderQ();
  Vector lambda(20);
  for (int i = 0; i < 20; ++i) lambda[i] = i < 7 ? 1.0 : i < 14 ? 10.0 : 100.0;
  return DenseQuadric(q * lambda.asDiagonal() * q.transpose(), normals(rng, 20));
}

TEST_CASE("cg with the exact line search is linear CG and finishes in at most n steps") {
  for (const Eigen::Index n : {2, 3, 5, 8}) {
    CAPTURE(n);
    auto p = random_quadric(100 + std::uint64_t(n), n, 100.0);
    auto opt = reset_on("cg", p);
    Vector w = Vector::Zero(n);
    // Linear CG (Hestenes–Stiefel 1952) written out: r = −g, p₀ = r₀, α = rᵀr/pᵀAp,
    // w += αp, r⁺ = r − αAp, β = r⁺ᵀr⁺/rᵀr, p⁺ = r⁺ + βp.
    Vector x = w, r = -(p.a() * (x - p.w_star())), d = r;
    const double e0 = (w - p.w_star()).norm();
    for (Eigen::Index k = 0; k < n; ++k) {
      REQUIRE_FALSE(opt->step(p, w).breakdown);
      const Vector ad = p.a() * d;
      const double alpha = r.dot(r) / d.dot(ad);
      x += alpha * d;
      const Vector r_new = r - alpha * ad;
      d = r_new + (r_new.dot(r_new) / r.dot(r)) * d;
      r = r_new;
      CHECK(rel_diff(w, x) <= 1e-9);
    }
    CHECK((w - p.w_star()).norm() <= 1e-8 * e0);  // n steps reach w* (to rounding)
  }
}

TEST_CASE("cg and bfgs and lbfgs with the exact line search need 3 steps when A has 3 distinct eigenvalues") {
  for (const char* method : {"cg", "bfgs", "lbfgs"}) {
    CAPTURE(method);
    auto p = three_eigenvalue_quadric();
    kappa::MethodParams s;
    s.set("line_search", "exact");
    auto opt = kappa::make_optimizer(method, s);
    opt->reset(p);
    Vector w = Vector::Zero(20);
    for (int k = 0; k < 2; ++k) opt->step(p, w);
    CHECK((w - p.w_star()).norm() >= 1e-3 * p.w_star().norm());  // not after 2
    opt->step(p, w);
    CHECK((w - p.w_star()).norm() <= 1e-10 * p.w_star().norm());
  }
}

TEST_CASE("bfgs with the exact line search follows the written-out update and finishes in at most n steps") {
  for (const Eigen::Index n : {2, 3, 5, 8}) {
    CAPTURE(n);
    auto p = random_quadric(200 + std::uint64_t(n), n, 100.0);
    auto opt = reset_on("bfgs", p);
    Vector w = Vector::Ones(n);
    // Written out in the Hessian form: B₀ = I, before the first update B₀ = (yᵀy/yᵀs) I (N&W (6.20)),
    // then B⁺ = B + yyᵀ/(yᵀs) − BssᵀB/(sᵀBs); d = −B⁻¹g; t = −gᵀd/dᵀAd.
    MatrixXd b = MatrixXd::Identity(n, n);
    Vector x = w;
    const double e0 = (w - p.w_star()).norm();
    for (Eigen::Index k = 0; k < n; ++k) {
      REQUIRE_FALSE(opt->step(p, w).breakdown);
      const Vector gx = p.a() * (x - p.w_star());
      const Vector d = -b.ldlt().solve(gx);
      const double t = -gx.dot(d) / d.dot(p.a() * d);
      const Vector s = t * d, y = p.a() * s;
      x += s;
      if (k == 0) b *= y.squaredNorm() / y.dot(s);
      b = b + y * y.transpose() / y.dot(s) - (b * s) * (s.transpose() * b) / s.dot(b * s);
      CHECK(rel_diff(w, x) <= 1e-8);
    }
    CHECK((w - p.w_star()).norm() <= 1e-8 * e0);
  }
}

TEST_CASE("lbfgs with the exact line search follows the two-loop recursion's matrix form") {
  // H_k written out as a matrix: H = γI (γ = yᵀs/yᵀy of the newest pair), then for the last m pairs,
  // oldest first, H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ; d = −Hg (Nocedal & Wright (7.19)).
  const Eigen::Index n = 8;
  for (const int m : {1, 3, 20}) {
    CAPTURE(m);
    auto p = random_quadric(300 + std::uint64_t(m), n, 100.0);
    kappa::MethodParams s;
    s.set("line_search", "exact");
    s.set("history_size", m);
    auto opt = kappa::make_optimizer("lbfgs", s);
    opt->reset(p);
    Vector w = Vector::Ones(n), x = w;
    std::vector<Vector> ss, ys;
    const double e0 = (w - p.w_star()).norm();
    for (int k = 0; k < n; ++k) {
      REQUIRE_FALSE(opt->step(p, w).breakdown);
      MatrixXd h = MatrixXd::Identity(n, n);
      if (!ss.empty()) h *= ys.back().dot(ss.back()) / ys.back().squaredNorm();
      for (std::size_t i = 0; i < ss.size(); ++i) {
        const double rho = 1.0 / ys[i].dot(ss[i]);
        const MatrixXd v = MatrixXd::Identity(n, n) - rho * ys[i] * ss[i].transpose();
        h = v.transpose() * h * v + rho * ss[i] * ss[i].transpose();
      }
      const Vector gx = p.a() * (x - p.w_star());
      const Vector d = -h * gx;
      const double t = -gx.dot(d) / d.dot(p.a() * d);
      ss.push_back(t * d);
      ys.push_back(p.a() * ss.back());
      if (int(ss.size()) > m) {
        ss.erase(ss.begin());
        ys.erase(ys.begin());
      }
      x += t * d;
      CHECK(rel_diff(w, x) <= 1e-8);
    }
    // With exact line searches on a quadric, L-BFGS with H₀ = γI makes the CG iterates for any m
    // (Kolda, O'Leary & Nazareth 1998; for m = 1 Nocedal & Wright §7.2): n steps reach w*.
    CHECK((w - p.w_star()).norm() <= 1e-8 * e0);
  }
}

TEST_CASE("cubic_interpolate is torch's: the clamped minimiser of a cubic or the midpoint without one") {
  // p(x) = x³ − 3x: p(0) = 0, p'(0) = −3, p(2) = 2, p'(2) = 9; local minimum at x = 1.
  CHECK(kappa::line_search::cubic_interpolate(0, 0, -3, 2, 2, 9, 0, 2) ==
        doctest::Approx(1.0).epsilon(1e-15));
  CHECK(kappa::line_search::cubic_interpolate(2, 2, 9, 0, 0, -3, 0, 2) ==
        doctest::Approx(1.0).epsilon(1e-15));
  CHECK(kappa::line_search::cubic_interpolate(0, 0, -3, 2, 2, 9, 1.5, 2) == 1.5);  // clamped
  // A quadratic φ(t) = (t − 0.3)²: the cubic through it is the quadratic; minimiser 0.3.
  CHECK(kappa::line_search::cubic_interpolate(0, 0.09, -0.6, 1, 0.49, 1.4, 0, 1) ==
        doctest::Approx(0.3).epsilon(1e-14));
  // p(0) = 0, p'(0) = 1, p(1) = 2/3, p'(1) = 1: d1 = 2 + 3(0 − 2/3) = 0, d1² − g1g2 = −1 < 0, the
  // cubic p(x) = x − x² + (2/3)x³ is increasing (no real minimiser) -> torch returns the midpoint.
  CHECK(kappa::line_search::cubic_interpolate(0, 0, 1, 1, 2.0 / 3.0, 1, 0, 1) == 0.5);
}

TEST_CASE("strong_wolfe returns a point satisfying both strong Wolfe conditions") {
  Rosenbrock p;
  kappa::line_search::WolfeParams wp;
  for (const double c2 : {0.9, 0.1}) {
    wp.c2 = c2;
    Vector w(2), g(2), wt(2), gt(2);
    w << -1.2, 1.0;
    p.gradient(w, g);
    const Vector d = -g;
    const double f = p.value(w), gtd = g.dot(d);
    for (const double t0 : {1e-4, 1e-3, 1.0}) {
      const auto r = kappa::line_search::strong_wolfe(p, w, d, f, g, gtd, t0, wp, wt, gt);
      REQUIRE(r.wolfe);
      // Checked here from fresh evaluations, not from the search's own numbers.
      const Vector wn = w + r.t * d;
      Vector gn(2);
      p.gradient(wn, gn);
      CHECK(p.value(wn) <= f + wp.c1 * r.t * gtd);
      CHECK(std::abs(gn.dot(d)) <= -c2 * gtd);
      CHECK(rel_diff(wt, wn) == 0.0);
      CHECK(rel_diff(gt, gn) == 0.0);
    }
  }
}

TEST_CASE("every method with the strong-Wolfe search solves Rosenbrock and a quadric") {
  for (const char* method : {"steepest", "cg", "bfgs", "lbfgs"}) {
    CAPTURE(method);
    kappa::MethodParams s;
    s.set("line_search", "strong-wolfe");
    Rosenbrock rb;
    auto opt = kappa::make_optimizer(method, s);
    opt->reset(rb);
    Vector w(2), g(2);
    w << -1.2, 1.0;
    const int budget = std::string(method) == "steepest" ? 20000 : 500;
    int k = 0;
    for (; k < budget; ++k) {
      rb.gradient(w, g);
      if (g.norm() < 1e-8) break;
      const auto info = opt->step(rb, w);
      REQUIRE_MESSAGE(!info.breakdown, info.message);
    }
    CHECK(k < budget);
    CHECK((w - rb.w_star()).norm() < 1e-7);

    // A quadric down to ‖g‖ ≤ 1e-13 ‖g₀‖, far below where torch's tolerance_change stops, also with
    // f* = 1e6, where f − f* is below the rounding of f (1e-10) long before: there the line search
    // judges decrease on φ' (Hager–Zhang). Without that, steepest and cg broke down at ‖g‖/‖g₀‖ ≈ 1e-8.
    for (const double f_star : {0.0, 1e6}) {
      CAPTURE(f_star);
      auto q = random_quadric(400, 20, 1e3);
      q.hessian_ = false;  // as a problem without a Hessian would be
      q.f_star_ = f_star;
      auto opt2 = kappa::make_optimizer(method, s);
      opt2->reset(q);
      Vector x = Vector::Ones(20), gq(20);
      q.gradient(x, gq);
      const double g0 = gq.norm();
      const int budget2 = std::string(method) == "steepest" ? 40000 : 2000;
      int j = 0;
      for (; j < budget2; ++j) {
        q.gradient(x, gq);
        if (gq.norm() <= 1e-13 * g0) break;
        const auto info = opt2->step(q, x);
        REQUIRE_MESSAGE(!info.breakdown, info.message);
      }
      CHECK(j < budget2);
    }
  }
}

namespace {

// f(w) = ½‖w‖², but the gradient it reports is −w: every "descent" direction goes uphill in f.
class WrongGradient final : public kappa::Problem {
 public:
  std::string_view kind() const override { return "wrong-gradient"; }
  Eigen::Index dim() const override { return 2; }
  double value(const Vector& w) const override { return 0.5 * w.squaredNorm(); }
  void gradient(const Vector& w, Vector& g) override { full_gradient(w, g); }
  void full_gradient(const Vector& w, Vector& g) const override { g = -w; }
  const Vector& w_star() const override { return star_; }
  double f_star() const override { return 0.0; }
  bool has_hessian() const override { return true; }
  void hessian_times(const Vector&, const Vector& x, Vector& out) const override { out = -x; }  // indefinite

 private:
  Vector star_ = Vector::Zero(2);
};

}  // namespace

TEST_CASE("a failed line search is a breakdown with a message and w does not move") {
  WrongGradient p;
  for (const char* ls : {"strong-wolfe", "exact"}) {
    CAPTURE(ls);
    kappa::MethodParams s;
    s.set("line_search", ls);
    auto opt = kappa::make_optimizer("bfgs", s);
    opt->reset(p);
    Vector w = Vector::Ones(2);
    const auto info = opt->step(p, w);
    CHECK_MESSAGE(info.breakdown, info.message);
    CHECK(info.message.find(std::string(ls) == "exact" ? "dᵀAd = -" : "found no lower f") !=
          std::string::npos);
    CHECK(w == Vector::Ones(2));
  }
}

TEST_CASE("line-search settings are validated and foreign options rejected") {
  using kappa::InputError;
  kappa::MethodParams s;
  s.set("beta", 0.5);
  CHECK_THROWS_WITH_AS(make("steepest", s), "beta: method steepest has no such parameter", InputError);
  s = {};
  s.set("history_size", 5);
  CHECK_THROWS_WITH_AS(make("bfgs", s), "history_size: method bfgs has no such parameter", InputError);
  s = {};
  s.set("line_search", "armijo");
  CHECK_THROWS_WITH_AS(make("cg", s), "line_search armijo: expected exact or strong-wolfe", InputError);
  s = {};
  s.set("line_search", "strong-wolfe");
  s.set("c1", 0.5);
  s.set("c2", 0.4);
  CHECK_THROWS_WITH_AS(make("lbfgs", s), "c2 0.4: must be in (c1, 1) with c1 = 0.5", InputError);
  s = {};
  s.set("c2", 0.5);  // steepest defaults to the exact line search
  CHECK_THROWS_WITH_AS(make("steepest", s), "c2: only used with the strong-wolfe line search", InputError);
  s = {};
  s.set("history_size", 0);
  CHECK_THROWS_WITH_AS(make("lbfgs", s), "history_size 0: must be in [1, 1000000]", InputError);
  s = {};
  s.set("alpha", 0.5);
  CHECK_THROWS_WITH_AS(make("bfgs", s),
                       "alpha 0.5: only used with the strong-wolfe line search (the first trial step)",
                       InputError);
  s = {};
  s.set("alpha", -1);
  CHECK_THROWS_AS(make("lbfgs", s), InputError);
  // The exact line search needs the Hessian.
  auto q = random_quadric(1, 3, 10);
  q.hessian_ = false;
  auto opt = make("cg");
  CHECK_THROWS_WITH_AS(opt->reset(q),
                       "line_search exact: problem 'test-quadric' has no Hessian; use strong-wolfe",
                       InputError);
  // Resolved parameters are reported.
  auto l = make("lbfgs");
  const auto params = l->parameters();
  REQUIRE(params.size() == 6);
  using kappa::ParamValue;
  using P = std::pair<std::string, ParamValue>;
  CHECK(params[0] == P{"history_size", std::int64_t{100}});
  CHECK(params[1] == P{"alpha", 1.0});
  CHECK(params[2] == P{"line_search_exact", false});
  CHECK(params[3] == P{"c1", 1e-4});
  CHECK(params[4] == P{"c2", 0.9});
  CHECK(params[5] == P{"max_ls", std::int64_t{25}});
}

namespace {

// Runs tests/peers/lbfgs_torch.py; returns its stdout, or nullopt with `skip` set when torch is missing.
// The output of tests/peers/lbfgs_torch.py ARGS on the quadric file `path` (removed after the run).
// Nothing, after a MESSAGE, when torch is missing (the script's exit 3); any other failure fails the test.
std::optional<std::string> run_torch(const std::string& args, const std::string& path) {
  const std::string cmd = "/usr/bin/python3 " KAPPA_SOURCE_DIR "/tests/peers/lbfgs_torch.py " + args;
  FILE* pipe = popen(cmd.c_str(), "r");
  const bool started = pipe != nullptr;
  std::string out;
  int status = -1;
  if (started) {
    char buf[4096];
    while (std::fgets(buf, sizeof buf, pipe)) out += buf;
    status = pclose(pipe);
  }
  std::filesystem::remove(path);
  if (started && WIFEXITED(status) && WEXITSTATUS(status) == 3) {
    MESSAGE("torch is missing for /usr/bin/python3: comparison with torch.optim.LBFGS skipped");
    return std::nullopt;
  }
  INFO(cmd);
  REQUIRE(started);
  REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  return out;
}

std::string write_quadric(const DenseQuadric& p, const Vector& w0, const std::string& name) {
  const auto path = (std::filesystem::temp_directory_path() / name).string();
  std::ofstream f(path);
  char buf[64];
  f << p.dim() << "\n";
  auto put = [&](double v) {
    std::snprintf(buf, sizeof buf, "%.17g ", v);
    f << buf;
  };
  for (Eigen::Index i = 0; i < p.dim(); ++i)
    for (Eigen::Index j = 0; j < p.dim(); ++j) put(p.a()(i, j));
  for (Eigen::Index i = 0; i < p.dim(); ++i) put(p.w_star()[i]);
  for (Eigen::Index i = 0; i < p.dim(); ++i) put(w0[i]);
  return path;
}

}  // namespace

TEST_CASE("lbfgs with the strong-Wolfe search makes torch.optim.LBFGS's iterates (float64)") {
  const Eigen::Index n = 20;
  auto p = random_quadric(500, n, 1e3);
  const Vector w0 = Vector::Ones(n);
  const std::string path = write_quadric(p, w0, "kappa_lbfgs_torch_" + std::to_string(::getpid()) + ".txt");
  const int iters = 40;
  const auto out = run_torch("trace " + path + " 3,100 " + std::to_string(iters), path);
  if (!out) return;  // torch is missing
  std::istringstream in(*out);
  for (const int m : {3, 100}) {
    CAPTURE(m);
    kappa::MethodParams s;
    s.set("history_size", m);
    auto opt = kappa::make_optimizer("lbfgs", s);
    opt->reset(p);
    Vector w = w0;
    const double e0 = (w0 - p.w_star()).norm();
    double worst = 0.0;
    int compared = 0;
    std::string first;
    bool stopped = false;
    for (int k = 0; k < iters; ++k) {
      Vector t(n);
      for (Eigen::Index i = 0; i < n; ++i) in >> t[i];
      REQUIRE(in);
      opt->step(p, w);
      // Rounding differs (torch's dot products and add_ vs Eigen's), and L-BFGS amplifies it once the
      // iterates are near w*; compare relative to the current distance to w* while it is not tiny.
      const double dist = (t - p.w_star()).norm();
      if (dist < 1e-9 * e0) stopped = true;
      if (stopped) continue;  // read torch's remaining rows
      const double diff = (w - t).norm() / dist;
      worst = std::max(worst, diff);
      if (k < 3) {
        first += fmt::format("{}{:.2e}", k ? ", " : "", diff);
        CHECK(diff <= 1e-13);  // the same steps to rounding: same direction, same trial steps
      }
      ++compared;
    }
    MESSAGE("m = " << m << ": " << compared << " iterates compared, max ‖w − w_torch‖/‖w_torch − w*‖ = "
                   << worst << " (first three: " << first << ")");
    CHECK(compared >= 10);
    CHECK(worst <= 1e-6);
  }
}

TEST_CASE("torch's default tolerance_change stops L-BFGS early on a quadric but kappa's lbfgs goes on") {
  const Eigen::Index n = 20;
  auto p = random_quadric(600, n, 1e4);
  const Vector w0 = Vector::Ones(n);
  const std::string path = write_quadric(p, w0, "kappa_lbfgs_torch_d_" + std::to_string(::getpid()) + ".txt");
  const auto out = run_torch("defaults " + path + " 100", path);
  if (!out) return;  // torch is missing
  std::istringstream in(*out);
  int torch_iters = 0;
  double torch_ginf = 0, torch_gap = 0, torch_dist = 0;
  std::string rule;
  in >> torch_iters >> torch_ginf >> torch_gap >> torch_dist;
  REQUIRE(in);
  std::getline(in >> std::ws, rule);
  MESSAGE("torch defaults: stopped after " << torch_iters << " iterations at ‖g‖∞ = " << torch_ginf
                                           << ", f − f* = " << torch_gap << ", ‖w − w*‖ = " << torch_dist
                                           << " (" << rule << ")");
  // torch stops on gᵀd > −1e-9 or |Δf| < 1e-9 long before ‖g‖∞ = 1e-7 (its tolerance_grad).
  CHECK(torch_ginf > 1e-7);

  auto opt = reset_on("lbfgs", p);
  Vector w = w0, g(n);
  int k = 0;
  for (; k < 1000; ++k) {
    p.gradient(w, g);
    if (g.lpNorm<Eigen::Infinity>() <= 1e-12) break;
    const auto info = opt->step(p, w);
    REQUIRE_MESSAGE(!info.breakdown, info.message);
  }
  MESSAGE("kappa lbfgs: ‖g‖∞ ≤ 1e-12 after " << k << " iterations, ‖w − w*‖ = " << (w - p.w_star()).norm());
  CHECK(k < 1000);
}
