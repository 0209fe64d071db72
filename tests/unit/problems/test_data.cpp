// Problems from data: CSV errors, least squares against an independent eigen solve and the GD recurrence,
// logistic against a Newton solve written here, the sigmoid fit's derivatives against finite differences.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <Eigen/Dense>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

#include "kappa/core/errors.hpp"
#include "kappa/core/random.hpp"
#include "kappa/io/csv_data.hpp"
#include "kappa/optim/optimizer.hpp"
#include "kappa/problems/data.hpp"
#include "kappa/run/run.hpp"
#include "kappa/theory/theory.hpp"

#include "helpers.hpp"

using namespace kappa;

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = (std::filesystem::temp_directory_path() / ("kappa_test_data_" + name)).string();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  return path;
}

const std::string sk = "/usr/lib/python3/dist-packages/sklearn/datasets/data/";

data::Dataset random_dataset(int n, int d, std::uint64_t seed) {
  Rng rng(seed);
  data::Dataset ds;
  ds.source = "synthetic";
  ds.X.resize(n, d);
  ds.y.resize(n);
  for (int j = 0; j < d; ++j) ds.feature_names.push_back(fmt::format("x{}", j));
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) ds.X(i, j) = (1.0 + 3.0 * j) * rng.normal() + 0.5 * j;  // unequal scales
    ds.y[i] = ds.X.row(i).sum() * 0.1 + rng.normal();
  }
  return ds;
}

}  // namespace

TEST_CASE("csv: bad data names the file, the line and the column") {
  io::CsvOptions opt;
  const auto ragged = write_temp("ragged.csv", "a,b,y\n1,2,3\n4,5\n");
  CHECK(test::input_error_of([&] { io::read_csv(ragged, opt); }) ==
        fmt::format("{}:3: 2 fields, expected 3 (as in line 1)", ragged));
  const auto text = write_temp("text.csv", "a,b,y\n1,2,3\n4,abc,6\n");
  CHECK(test::input_error_of([&] { io::read_csv(text, opt); }) ==
        fmt::format("{}:3: column 2 ('b'): 'abc' is not a finite number", text));
  const auto nan = write_temp("nan.csv", "a,b,y\n1,nan,3\n");
  CHECK(test::input_error_of([&] { io::read_csv(nan, opt); }) ==
        fmt::format("{}:2: column 2 ('b'): 'nan' is not a finite number", nan));
  const auto good = write_temp("good.csv", "a,b,y\r\n1,2,0\r\n4,2,1\r\n\r\n");
  const auto t = io::read_csv(good, opt);
  CHECK(t.rows() == 2);
  CHECK(t.columns[2][1] == 1.0);
  CHECK(test::input_error_of([&] {
          io::dataset_from_table(t, "z");
        }).rfind(fmt::format("{}: --target z: no such column (columns: a, b, y", good), 0) == 0);
  auto ds = io::dataset_from_table(t, "y");
  CHECK(test::input_error_of([&] { data::standardize(ds); }) ==
        fmt::format("{}: column 'b' (feature 2): constant (every value 2): cannot standardize", good));
  auto one = io::dataset_from_table(t, "b");  // target b is constant: one class
  CHECK(test::input_error_of([&] { data::make_problem(data::Model::logistic, one, 0.1); }) ==
        fmt::format("{}: target column 'b': a single class (2): logistic needs two", good));
  // A header of numbers is data taken for names (breast_cancer.csv after --skip-rows 1 without --no-header).
  const auto nums = write_temp("nums.csv", "1,2,3\n4,5,6\n");
  CHECK(test::input_error_of([&] { io::read_csv(nums, opt); }) ==
        fmt::format("{}:1: the header line is all numbers: if it is data, use --no-header", nums));
  // Logs: nan/inf and empty cells are values.
  io::CsvOptions log;
  log.allow_nonfinite = true;
  const auto lg = write_temp("log.csv", "epoch,train_loss,test_loss\n0,1.5,\n1,inf,nan\n2,NaN,-inf\n");
  const auto lt = io::read_csv(lg, log);
  CHECK(std::isnan(lt.columns[2][0]));
  CHECK(std::isinf(lt.columns[1][1]));
  CHECK(std::isnan(lt.columns[1][2]));
  CHECK(lt.columns[2][2] == -INFINITY);
}

TEST_CASE("least squares: spectrum and w* against independent solves, GD's measured rate is theory's rate") {
  auto ds = random_dataset(200, 5, 7);
  data::add_intercept(ds);
  data::LeastSquaresProblem p(ds, 0.0);
  const Eigen::MatrixXd A = ds.X.transpose() * ds.X / 200.0;
  // Independent: the general (non-symmetric) eigen solver and a QR least-squares solve.
  Eigen::EigenSolver<Eigen::MatrixXd> general(A);
  std::vector<double> ev;
  for (int i = 0; i < 6; ++i) ev.push_back(general.eigenvalues()[i].real());
  std::sort(ev.begin(), ev.end());
  const auto s = *p.spectrum();
  for (int i = 0; i < 6; ++i) CHECK(s.values()[i] == doctest::Approx(ev[i]).epsilon(1e-10));
  const Eigen::VectorXd w_qr = ds.X.colPivHouseholderQr().solve(ds.y);
  CHECK((p.w_star() - w_qr).norm() <= 1e-10 * w_qr.norm());
  CHECK(p.f_star() == doctest::Approx((ds.X * w_qr - ds.y).squaredNorm() / 400.0).epsilon(1e-12));
  // GD with α = 1/L: theory says the error contracts by max_i |1 − αλᵢ| = 1 − λ_min/L per step
  // asymptotically. Iterate w ← w − α∇f (the recurrence written here) and measure ‖e_{k+1}‖/‖e_k‖.
  const double alpha = 1.0 / ev.back();
  const double predicted = theory::rate(theory::Method::gd, s, {alpha, 0});
  CHECK(predicted == doctest::Approx(1 - ev.front() / ev.back()).epsilon(1e-12));
  Vector w = Vector::Zero(6), g(6);
  double prev = 0, ratio = 0;
  for (int k = 0; k < 4000; ++k) {
    p.gradient(w, g);
    w -= alpha * g;
    const double e = (w - w_qr).norm();
    if (k > 0) ratio = e / prev;
    prev = e;
    if (e < 1e-11) break;
  }
  CHECK(ratio == doctest::Approx(predicted).epsilon(1e-4));
}

TEST_CASE("least squares on breast_cancer: kappa of the real data, raw and standardized") {
  if (!std::filesystem::exists(sk + "breast_cancer.csv")) {
    MESSAGE("python3-sklearn's data is missing: skipped");
    return;
  }
  io::CsvOptions opt;
  opt.skip_rows = 1;
  opt.header = false;
  auto raw = io::dataset_from_table(io::read_csv(sk + "breast_cancer.csv", opt), "last");
  REQUIRE(raw.X.rows() == 569);
  REQUIRE(raw.X.cols() == 30);
  auto stdz = raw;
  data::standardize(stdz);
  data::add_intercept(raw);
  data::add_intercept(stdz);
  // numpy.linalg.eigvalsh(Z.T @ Z / n) with Z = [(X − mean)/std, 1]: 1.3304482282e-4 .. 13.281607682,
  // κ = 99828.0685; raw [X, 1]: κ = 2.3773e12 (the raw λ_min ~ 7e-7 is barely above round-off).
  const auto s = *data::LeastSquaresProblem(stdz, 0).spectrum();
  CHECK(s.lambda_min() == doctest::Approx(1.3304482282e-4).epsilon(1e-7));
  CHECK(s.lambda_max() == doctest::Approx(13.281607682).epsilon(1e-9));
  CHECK(s.kappa() == doctest::Approx(99828.0685).epsilon(1e-6));
  const auto r = *data::LeastSquaresProblem(raw, 0).spectrum();
  CHECK(r.lambda_max() == doctest::Approx(1665739.1769).epsilon(1e-9));
  CHECK(r.kappa() == doctest::Approx(2.3773e12).epsilon(2e-3));
}

namespace {
// Newton's method for L2-regularised logistic regression written out independently:
// g = Xᵀ(σ(Xw) − y)/n + λw, H = Xᵀdiag(σ(1−σ))X/n + λI, w ← w − H⁻¹g (full steps; λ > 0 keeps H ≻ 0).
Eigen::VectorXd newton_logistic(const Eigen::MatrixXd& X, const Eigen::VectorXd& y,
                                const Eigen::VectorXd& lam) {
  const double n = static_cast<double>(X.rows());
  Eigen::VectorXd w = Eigen::VectorXd::Zero(X.cols());
  for (int it = 0; it < 50; ++it) {
    const Eigen::ArrayXd p = 1.0 / (1.0 + (-(X * w).array()).exp());
    const Eigen::VectorXd g = X.transpose() * (p.matrix() - y) / n + (lam.array() * w.array()).matrix();
    Eigen::MatrixXd H = X.transpose() * (p * (1 - p)).matrix().asDiagonal() * X / n;
    H.diagonal() += lam;
    w -= H.llt().solve(g);
  }
  return w;
}
}  // namespace

TEST_CASE("logistic: gradient descent converges to the optimum an independent Newton solve finds") {
  Rng rng(3);
  data::Dataset ds;
  ds.source = "synthetic";
  const int n = 300, d = 4;
  ds.X.resize(n, d);
  ds.y.resize(n);
  ds.feature_names = {"a", "b", "c", "d"};
  for (int i = 0; i < n; ++i) {
    double z = 0.3;
    for (int j = 0; j < d; ++j) {
      ds.X(i, j) = rng.normal() * (j + 1);
      z += (j % 2 ? -0.5 : 0.7) * ds.X(i, j);
    }
    ds.y[i] = rng.uniform() < 1 / (1 + std::exp(-z)) ? 1 : 0;  // noisy labels: not separable
  }
  data::add_intercept(ds);
  for (double l2 : {0.0, 0.05}) {
    CAPTURE(l2);
    Eigen::VectorXd lam = Eigen::VectorXd::Constant(d + 1, l2);
    lam[d] = 0;
    // Newton needs λ > 0 on every coordinate to be safe in general; these data are not separable, so
    // full Newton steps converge for λ = 0 as well.
    const Eigen::VectorXd w_newton = newton_logistic(ds.X, ds.y, lam);
    data::LogisticProblem p(ds, l2);
    CHECK((p.w_star() - w_newton).norm() <= 1e-9 * w_newton.norm());
    // GD with α = 1/L, L = λ_max(XᵀX)/(4n) + λ bounds the Hessian everywhere (σ' ≤ 1/4).
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> e(ds.X.transpose() * ds.X / n);
    const double L = e.eigenvalues().maxCoeff() / 4 + l2;
    Vector w = Vector::Zero(d + 1), g(d + 1);
    for (int k = 0; k < 20000; ++k) {
      p.gradient(w, g);
      w -= g / L;
    }
    CHECK((w - w_newton).norm() <= 1e-8 * w_newton.norm());
    // The local Hessian spectrum (at w*) against the Hessian formed here.
    const Eigen::ArrayXd s = 1.0 / (1.0 + (-(ds.X * w_newton).array()).exp());
    Eigen::MatrixXd H = ds.X.transpose() * (s * (1 - s)).matrix().asDiagonal() * ds.X / n;
    H.diagonal() += lam;
    Eigen::EigenSolver<Eigen::MatrixXd> ge(H);
    double lmin = 1e300, lmax = 0;
    for (int i = 0; i <= d; ++i) {
      lmin = std::min(lmin, ge.eigenvalues()[i].real());
      lmax = std::max(lmax, ge.eigenvalues()[i].real());
    }
    CHECK(p.spectrum()->lambda_min() == doctest::Approx(lmin).epsilon(1e-8));
    CHECK(p.spectrum()->lambda_max() == doctest::Approx(lmax).epsilon(1e-8));
  }
}

TEST_CASE("logistic: separable data without L2 has no optimum, a single class is refused") {
  data::Dataset ds;
  ds.source = "sep";
  ds.X.resize(4, 1);
  ds.X << -2, -1, 1, 2;
  ds.y.resize(4);
  ds.y << 0, 0, 1, 1;
  ds.feature_names = {"x"};
  data::add_intercept(ds);
  data::LogisticProblem p(ds, 0.0);
  CHECK(std::isnan(p.f_star()));
  CHECK_FALSE(p.spectrum().has_value());
  data::LogisticProblem q(ds, 0.1);
  CHECK(std::isfinite(q.f_star()));
}

TEST_CASE("sigmoid fit: gradient and Hessian against central finite differences, f(w0, b0) = 0") {
  auto p = data::SigmoidFitProblem::builtin();
  CHECK(p.f_star() == 0.0);
  for (auto [w, b] : {std::pair{0.3, -0.7}, std::pair{-1.0, 4.0}, std::pair{2.5, 1.2}}) {
    Vector x(2), g(2), gp(2), gm(2);
    x << w, b;
    p.full_gradient(x, g);
    const Eigen::Matrix2d H = p.hessian(x);
    for (int i = 0; i < 2; ++i) {
      const double h = 1e-5;
      Vector xp = x, xm = x;
      xp[i] += h;
      xm[i] -= h;
      CHECK(g[i] == doctest::Approx((p.value(xp) - p.value(xm)) / (2 * h)).epsilon(1e-7));
      p.full_gradient(xp, gp);
      p.full_gradient(xm, gm);
      for (int j = 0; j < 2; ++j) CHECK(H(j, i) == doctest::Approx((gp[j] - gm[j]) / (2 * h)).epsilon(1e-6));
    }
  }
  // The plateau: far in the saturated region the gradient is tiny although f is far from f* = 0.
  Vector x(2), g(2);
  x << 0.0, -8.0;
  p.full_gradient(x, g);
  CHECK(g.norm() < 1e-3);
  CHECK(p.value(x) > 0.1);
}

TEST_CASE("least squares through kappa::run and the registry: measured rate = theory rate (gd, heavy ball)") {
  auto ds = random_dataset(150, 4, 9);
  data::add_intercept(ds);
  data::LeastSquaresProblem p(ds, 0.0);
  // Independent spectrum: the general eigen solver on XᵀX/n.
  Eigen::EigenSolver<Eigen::MatrixXd> general(ds.X.transpose() * ds.X / 150.0);
  std::vector<double> ev;
  for (int i = 0; i < 5; ++i) ev.push_back(general.eigenvalues()[i].real());
  std::sort(ev.begin(), ev.end());
  const Spectrum s(ev);
  for (const char* method : {"gd", "heavy-ball"}) {
    CAPTURE(method);
    const auto m = *theory::method_from_string(method);
    const auto opt = *theory::optimal_closed_form(m, s.lambda_min(), s.lambda_max());
    MethodParams settings;
    settings.set("alpha", opt.params.alpha);
    if (theory::has_momentum(m)) settings.set("beta", opt.params.beta);
    auto optimizer = make_optimizer(method, settings);
    RunSettings rs;
    rs.max_iter = 20000;
    rs.tol = 1e-9;
    Vector w = Vector::Zero(p.dim());
    const Summary sum = run(p, *optimizer, w, rs);
    CHECK(sum.status == RunStatus::converged);
    REQUIRE(sum.theory_rate.has_value());
    CHECK(*sum.theory_rate == doctest::Approx(opt.rate).epsilon(1e-9));
    // Heavy ball at its optimum is critically damped at both ends (k·rᵏ transient): looser, still tight.
    CHECK(sum.fit.rate == doctest::Approx(opt.rate).epsilon(m == theory::Method::gd ? 1e-4 : 5e-3));
  }
}
