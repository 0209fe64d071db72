// Least squares, logistic regression and the sigmoid fit as kappa::Problem (formulas in data.hpp).
#include <fmt/format.h>

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <cmath>
#include <limits>

#include "kappa/core/errors.hpp"
#include "kappa/core/format_number.hpp"
#include "kappa/problems/data.hpp"

namespace kappa::data {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// λ on every feature, 0 on the intercept (the last column when ds.has_intercept).
Vector penalty_vector(const Dataset& ds, double l2) {
  Vector p = Vector::Constant(ds.X.cols(), l2);
  if (ds.has_intercept && p.size() > 0) p[p.size() - 1] = 0;
  return p;
}

void check_l2(double l2) {
  if (!std::isfinite(l2) || l2 < 0)
    throw FieldError("l2", " " + shortest(l2) + ": must be a finite number >= 0");
}

void check_shape(const Dataset& ds) {
  if (ds.X.rows() < 1) throw InputError(ds.source + ": no data rows");
  if (ds.X.cols() < 1) throw InputError(ds.source + ": no feature columns");
}

// log(1 + eᶻ) without overflow: z + log1p(e^{−z}) for z > 0.
double softplus(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }

}  // namespace

// ---------------------------------------------------------------- least squares
LeastSquaresProblem::LeastSquaresProblem(const Dataset& ds, double l2) {
  check_l2(l2);
  check_shape(ds);
  const double n = static_cast<double>(ds.X.rows());
  A_ = (ds.X.transpose() * ds.X) / n;
  A_.diagonal() += penalty_vector(ds, l2);
  b_ = ds.X.transpose() * ds.y / n;
  Eigen::SelfAdjointEigenSolver<Matrix> eig(A_);
  if (eig.info() != Eigen::Success) throw RuntimeError(ds.source + ": eigen-decomposition of XᵀX/n failed");
  lambdas_ = eig.eigenvalues();
  Q_ = eig.eigenvectors();
  const double lmin = lambdas_[0], lmax = lambdas_[lambdas_.size() - 1];
  // An eigenvalue below d·ε·λ_max is round-off: the Hessian is singular to working precision.
  if (!(lmin > static_cast<double>(A_.rows()) * std::numeric_limits<double>::epsilon() * lmax))
    throw InputError(fmt::format(
        "{}: the Hessian XᵀX/n is singular (λ_min = {}, λ_max = {}): linearly dependent features or fewer "
        "rows than columns; drop a column or add an L2 penalty (l2 > 0)",
        ds.source, shortest(lmin), shortest(lmax)));
  // w* = Q diag(1/λ) Qᵀ b.
  w_star_ = Q_ * ((Q_.transpose() * b_).array() / lambdas_.array()).matrix();
  const Vector r = ds.X * w_star_ - ds.y;
  f_star_ =
      r.squaredNorm() / (2 * n) + 0.5 * (penalty_vector(ds, l2).array() * w_star_.array().square()).sum();
  spectrum_ = Spectrum(std::vector<double>(lambdas_.data(), lambdas_.data() + lambdas_.size()), "XᵀX/n");
}

double LeastSquaresProblem::value(const Vector& w) const {
  // ½(w − w*)ᵀA(w − w*) + f*: exact for the quadric and free of the cancellation in ½wᵀAw − bᵀw + c.
  const Vector e = w - w_star_;
  return 0.5 * e.dot(A_ * e) + f_star_;
}

void LeastSquaresProblem::full_gradient(const Vector& w, Vector& g) const { g.noalias() = A_ * w - b_; }

void LeastSquaresProblem::hessian_times(const Vector&, const Vector& x, Vector& out) const {
  out.noalias() = A_ * x;
}

void LeastSquaresProblem::hessian_solve(const Vector&, const Vector& g, Vector& out) const {
  out = Q_ * ((Q_.transpose() * g).array() / lambdas_.array()).matrix();
}

// ---------------------------------------------------------------- logistic
LogisticProblem::LogisticProblem(const Dataset& ds, double l2) : X_(ds.X), y_(ds.y) {
  check_l2(l2);
  check_shape(ds);
  for (Eigen::Index i = 0; i < y_.size(); ++i)
    if (y_[i] != 0.0 && y_[i] != 1.0)
      throw InputError(fmt::format("{}: target column '{}', data row {}: {} is not 0 or 1", ds.source,
                                   ds.target_name, i + 1, shortest(y_[i])));
  penalty_ = penalty_vector(ds, l2);
  // Newton's method with backtracking (Armijo, c = 1e-4) from w = 0: quadratic convergence near w*.
  const Eigen::Index d = X_.cols();
  Vector w = Vector::Zero(d), g(d), step(d);
  double f = value(w);
  bool ok = false;
  for (int it = 0; it < 200; ++it) {
    full_gradient(w, g);
    if (!std::isfinite(g.norm())) break;
    if (g.norm() <= 1e-13 * std::max(1.0, std::abs(f))) {
      ok = true;
      newton_iterations_ = it;
      break;
    }
    Eigen::LDLT<Matrix> ldlt(hessian(w));
    step = ldlt.solve(g);
    if (ldlt.info() != Eigen::Success || !std::isfinite(step.norm())) break;
    // Newton decrement ½gᵀH⁻¹g ≈ f − f*: once at round-off, one last full step (quadratic convergence
    // makes it exact to working precision) and stop; the line search cannot see progress there.
    if (0.5 * g.dot(step) <= 1e-15 * std::max(1.0, std::abs(f))) {
      w -= step;
      f = value(w);
      ok = true;
      newton_iterations_ = it + 1;
      break;
    }
    double t = 1;
    double f_new = value(w - step);
    while (!(f_new <= f - 1e-4 * t * g.dot(step)) && t > 1e-12) {
      t *= 0.5;
      f_new = value(w - t * step);
    }
    if (!(f_new <= f)) {  // no decrease possible: at w* to working precision
      ok = g.norm() <= 1e-8 * std::max(1.0, std::abs(f));
      newton_iterations_ = it;
      break;
    }
    w -= t * step;
    f = f_new;
    if (std::abs(w.maxCoeff()) > 1e8 || std::abs(w.minCoeff()) > 1e8) break;  // separable: w* at infinity
  }
  // With λ = 0 and data that w separates strictly ((2yᵢ − 1) zᵢ > 0 for all i), f(tw) → 0 as t → ∞:
  // no finite minimiser exists, however small the gradient Newton reached.
  if (ok && penalty_.maxCoeff() == 0) {
    const Vector z = X_ * w;
    bool separates = true;
    for (Eigen::Index i = 0; i < z.size() && separates; ++i) separates = (2 * y_[i] - 1) * z[i] > 0;
    ok = !separates;
  }
  if (ok) {
    w_star_ = w;
    f_star_ = f;
    Eigen::SelfAdjointEigenSolver<Matrix> eig(hessian(w), Eigen::EigenvaluesOnly);
    const Vector& l = eig.eigenvalues();
    if (eig.info() == Eigen::Success && l[0] > 0)
      spectrum_ = Spectrum(std::vector<double>(l.data(), l.data() + l.size()), "local Hessian");
  } else {
    w_star_ = Vector::Constant(d, nan);
    f_star_ = nan;
  }
}

double LogisticProblem::value(const Vector& w) const {
  const Vector z = X_ * w;
  double s = 0;
  for (Eigen::Index i = 0; i < z.size(); ++i) s += softplus(z[i]) - y_[i] * z[i];
  return s / static_cast<double>(z.size()) + 0.5 * (penalty_.array() * w.array().square()).sum();
}

void LogisticProblem::full_gradient(const Vector& w, Vector& g) const {
  // ∇f = Xᵀ(σ(Xw) − y)/n + λw
  Vector r = X_ * w;
  for (Eigen::Index i = 0; i < r.size(); ++i) r[i] = sigmoid(r[i]) - y_[i];
  g.noalias() = X_.transpose() * r / static_cast<double>(r.size());
  g.array() += penalty_.array() * w.array();
}

// value() and full_gradient() share z = Xw: one product with X instead of two (the same bits).
double LogisticProblem::value_and_gradient(const Vector& w, Vector& g) {
  Vector r = X_ * w;
  const auto n = static_cast<double>(r.size());
  double s = 0;
  for (Eigen::Index i = 0; i < r.size(); ++i) s += softplus(r[i]) - y_[i] * r[i];
  const double f = s / n + 0.5 * (penalty_.array() * w.array().square()).sum();
  for (Eigen::Index i = 0; i < r.size(); ++i) r[i] = sigmoid(r[i]) - y_[i];
  g.noalias() = X_.transpose() * r / n;
  g.array() += penalty_.array() * w.array();
  return f;
}

Matrix LogisticProblem::hessian(const Vector& w) const {
  Vector z = X_ * w;
  for (Eigen::Index i = 0; i < z.size(); ++i) {
    const double s = sigmoid(z[i]);
    z[i] = std::sqrt(s * (1 - s) / static_cast<double>(z.size()));
  }
  const Matrix DX = z.asDiagonal() * X_;
  Matrix H = DX.transpose() * DX;
  H.diagonal() += penalty_;
  return H;
}

void LogisticProblem::hessian_times(const Vector& w, const Vector& x, Vector& out) const {
  out = hessian(w) * x;
}

void LogisticProblem::hessian_solve(const Vector& w, const Vector& g, Vector& out) const {
  out = hessian(w).ldlt().solve(g);
}

// ---------------------------------------------------------------- sigmoid fit
SigmoidFitProblem::SigmoidFitProblem(Vector x, Vector y, std::optional<std::pair<double, double>> known)
    : x_(std::move(x)), y_(std::move(y)) {
  if (x_.size() < 1 || x_.size() != y_.size()) throw InputError("sigmoid-fit: needs n >= 1 points (x, y)");
  if (known) {
    w_star_ = Vector(2);
    w_star_ << known->first, known->second;
    f_star_ = value(w_star_);
  } else {
    w_star_ = Vector::Constant(2, nan);
    f_star_ = nan;
  }
}

SigmoidFitProblem SigmoidFitProblem::builtin(int n) {
  const double w0 = 2, b0 = 1;
  Vector x(n), y(n);
  for (int i = 0; i < n; ++i) {
    x[i] = n == 1 ? 0.0 : -4.0 + 8.0 * i / (n - 1);
    y[i] = sigmoid(w0 * x[i] + b0);
  }
  return SigmoidFitProblem(std::move(x), std::move(y), std::make_pair(w0, b0));
}

double SigmoidFitProblem::value(const Vector& p) const {
  double s = 0;
  for (Eigen::Index i = 0; i < x_.size(); ++i) {
    const double r = sigmoid(p[0] * x_[i] + p[1]) - y_[i];
    s += r * r;
  }
  return s / (2.0 * static_cast<double>(x_.size()));
}

namespace {
// ∂f/∂(w, b) = 1/n Σ (σᵢ − yᵢ) σᵢ(1 − σᵢ) (xᵢ, 1) into g, in one loop over the points; with WithValue
// also f = 1/(2n) Σ (σᵢ − yᵢ)² (the bits of value()), σᵢ computed once for both.
template <bool WithValue>
double sigmoid_fit_pass(const Vector& x, const Vector& y, const Vector& p, Vector& g) {
  double s = 0, gw = 0, gb = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double si = sigmoid(p[0] * x[i] + p[1]);
    const double r = si - y[i];
    if constexpr (WithValue) s += r * r;
    const double t = r * si * (1 - si);
    gw += t * x[i];
    gb += t;
  }
  const double n = static_cast<double>(x.size());
  g[0] = gw / n;
  g[1] = gb / n;
  return s / (2.0 * n);
}
}  // namespace

void SigmoidFitProblem::full_gradient(const Vector& p, Vector& g) const {
  sigmoid_fit_pass<false>(x_, y_, p, g);
}

double SigmoidFitProblem::value_and_gradient(const Vector& p, Vector& g) {
  return sigmoid_fit_pass<true>(x_, y_, p, g);
}

Eigen::Matrix2d SigmoidFitProblem::hessian(const Vector& p) const {
  // ∇²f = 1/n Σ [σ'² + (σ − y) σ''] (xᵢ, 1)(xᵢ, 1)ᵀ with σ' = σ(1−σ), σ'' = σ'(1 − 2σ).
  Eigen::Matrix2d H = Eigen::Matrix2d::Zero();
  for (Eigen::Index i = 0; i < x_.size(); ++i) {
    const double s = sigmoid(p[0] * x_[i] + p[1]);
    const double d1 = s * (1 - s), d2 = d1 * (1 - 2 * s);
    const double c = d1 * d1 + (s - y_[i]) * d2;
    Eigen::Vector2d u(x_[i], 1.0);
    H += c * u * u.transpose();
  }
  return H / static_cast<double>(x_.size());
}

std::optional<Spectrum> SigmoidFitProblem::spectrum() const {
  if (!std::isfinite(w_star_[0])) return std::nullopt;
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig(hessian(w_star_));
  const auto& l = eig.eigenvalues();
  if (!(l[0] > 0)) return std::nullopt;
  return Spectrum({l[0], l[1]}, "sigmoid-fit Hessian");
}

void SigmoidFitProblem::hessian_times(const Vector& p, const Vector& x, Vector& out) const {
  out = hessian(p) * x;
}

void SigmoidFitProblem::hessian_solve(const Vector& p, const Vector& g, Vector& out) const {
  out = hessian(p).inverse() * g;
}

// ---------------------------------------------------------------- factory
std::unique_ptr<Problem> make_problem(Model model, Dataset ds, double l2) {
  switch (model) {
    case Model::least_squares: return std::make_unique<LeastSquaresProblem>(ds, l2);
    case Model::logistic: binarize_target(ds); return std::make_unique<LogisticProblem>(ds, l2);
    case Model::sigmoid_fit: {
      const Eigen::Index features = ds.X.cols() - (ds.has_intercept ? 1 : 0);
      if (features != 1)
        throw InputError(
            fmt::format("{}: sigmoid-fit needs exactly one feature column besides the target, got {}",
                        ds.source, features));
      if (l2 != 0) throw FieldError("l2", ": sigmoid-fit has no L2 term");
      return std::make_unique<SigmoidFitProblem>(ds.X.col(0), ds.y);
    }
  }
  throw InputError("unknown model");
}

}  // namespace kappa::data
