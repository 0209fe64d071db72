// Diagonal, rotated and matrix quadrics f(w) = ½ (w−w*)ᵀA(w−w*) (f* = 0) and the finite sum.
#include <fmt/format.h>

#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <Eigen/SparseCholesky>
#include <cmath>
#include <vector>

#include "../optim/fused.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/core/format_number.hpp"
#include "kappa/core/memory.hpp"
#include "kappa/core/random.hpp"
#include "kappa/problems/problems.hpp"

namespace kappa::problems {
namespace {

Vector optimum_or_zero(Vector w_star, Eigen::Index n, const char* what) {
  if (w_star.size() == 0) return Vector::Zero(n);
  if (w_star.size() != n)
    throw FieldError("optimum",
                     fmt::format(": has {} values, the problem has dimension {}", w_star.size(), n));
  if (!w_star.allFinite()) throw FieldError("optimum", fmt::format(": {} values must be finite", what));
  return w_star;
}

// g = λ∘(w − w*) for one coordinate or one packet; returns d = w − w* (fused.hpp's kernel shape).
template <bool Optimum>
struct DiagonalGradientKernel {
  const double* __restrict x;
  const double* __restrict s;
  const double* __restrict l;
  double* __restrict g;
  template <class T>
  [[gnu::always_inline]] T update(Eigen::Index i) const {
    using optimizers::fused::load;
    const T d = Optimum ? load<T>(x + i) - load<T>(s + i) : load<T>(x + i);
    optimizers::fused::store(g + i, load<T>(l + i) * d);
    return d;
  }
};

class Diagonal final : public Problem {
 public:
  Diagonal(const Spectrum& s, Vector w_star)
      : lambda_(huge_page_vector(static_cast<Eigen::Index>(s.size()))),
        w_star_(optimum_or_zero(std::move(w_star), lambda_.size(), "diagonal")),
        zero_optimum_(w_star_.isZero(0)),
        spectrum_(s) {
    lambda_ = Eigen::Map<const Vector>(s.values().data(), lambda_.size());
  }

  std::string_view kind() const override { return "diagonal"; }
  Eigen::Index dim() const override { return lambda_.size(); }
  double value(const Vector& w) const override { return f_gap(w); }
  double f_gap(const Vector& w) const override {
    // ½ Σ λᵢ (wᵢ − w*ᵢ)², one pass.
    if (zero_optimum_) return 0.5 * (lambda_.array() * w.array().square()).sum();
    return 0.5 * (lambda_.array() * (w - w_star_).array().square()).sum();
  }
  void gradient(const Vector& w, Vector& g) override { full_gradient(w, g); }
  // One pass: g = λ∘d and ½ Σ λᵢdᵢ² summed in Eigen's order over the whole vector (one block), so the
  // bits of f_gap(w) and full_gradient(w, g).
  double value_and_gradient(const Vector& w, Vector& g) override {
    const Eigen::Index n = w.size();
    if (n == 0) return 0.0;
    const double* l = lambda_.data();
    if (zero_optimum_)
      return 0.5 * optimizers::fused::block<true, false>(
                       DiagonalGradientKernel<false>{w.data(), nullptr, l, g.data()}, l, 0, n)
                       .f;
    return 0.5 * optimizers::fused::block<true, false>(
                     DiagonalGradientKernel<true>{w.data(), w_star_.data(), l, g.data()}, l, 0, n)
                     .f;
  }
  void full_gradient(const Vector& w, Vector& g) const override {
    if (zero_optimum_)
      g.array() = lambda_.array() * w.array();
    else
      g.array() = lambda_.array() * (w - w_star_).array();
  }
  const Vector& w_star() const override { return w_star_; }
  double f_star() const override { return 0.0; }
  std::optional<Spectrum> spectrum() const override { return spectrum_; }
  bool has_hessian() const override { return true; }
  void hessian_times(const Vector&, const Vector& x, Vector& out) const override {
    out.array() = lambda_.array() * x.array();
  }
  void hessian_solve(const Vector&, const Vector& g, Vector& out) const override {
    out.array() = g.array() / lambda_.array();
  }
  const Vector* diagonal() const override { return &lambda_; }

 private:
  Vector lambda_;
  Vector w_star_;
  bool zero_optimum_;
  Spectrum spectrum_;
};

// f(w) = ½ (w − w*)ᵀ A (w − w*) with A held as a matrix (dense for Rotated, sparse for
// MatrixQuadric): all but the constructor, the kind and A⁻¹g, where the two differ.
template <class MatrixType>
class HeldMatrixQuadric : public Problem {
 public:
  Eigen::Index dim() const override { return A_.rows(); }
  double value(const Vector& w) const override { return f_gap(w); }
  double f_gap(const Vector& w) const override {
    e_ = w - w_star_;
    return 0.5 * e_.dot(A_ * e_);
  }
  void gradient(const Vector& w, Vector& g) override { full_gradient(w, g); }
  // One product A(w − w*) for both (f = ½ eᵀ(Ae)): one pass over A instead of two.
  double value_and_gradient(const Vector& w, Vector& g) override {
    full_gradient(w, g);
    return 0.5 * e_.dot(g);
  }
  void full_gradient(const Vector& w, Vector& g) const override {
    e_ = w - w_star_;
    g.noalias() = A_ * e_;
  }
  const Vector& w_star() const override { return w_star_; }
  double f_star() const override { return 0.0; }
  std::optional<Spectrum> spectrum() const override { return spectrum_; }
  bool has_hessian() const override { return true; }
  void hessian_times(const Vector&, const Vector& x, Vector& out) const override { out.noalias() = A_ * x; }

 protected:
  MatrixType A_;
  Vector w_star_;
  mutable Vector e_;  // scratch (not thread-safe)
  std::optional<Spectrum> spectrum_;
};

class Rotated final : public HeldMatrixQuadric<Eigen::MatrixXd> {
 public:
  Rotated(const Spectrum& s, std::uint64_t seed, Vector w_star)
      : n_(static_cast<Eigen::Index>(s.size())),
        lambda_(Eigen::Map<const Vector>(s.values().data(), n_)),
        Q_(random_orthogonal(n_, seed)) {
    w_star_ = optimum_or_zero(std::move(w_star), n_, "rotated");
    e_.resize(n_);
    spectrum_ = s;
    A_.noalias() = Q_ * lambda_.asDiagonal() * Q_.transpose();
    A_ = 0.5 * (A_ + A_.transpose()).eval();  // exactly symmetric
  }

  std::string_view kind() const override { return "rotated"; }
  // A⁻¹g = Q diag(1/λ) Qᵀ g.
  void hessian_solve(const Vector&, const Vector& g, Vector& out) const override {
    e_.noalias() = Q_.transpose() * g;
    e_.array() /= lambda_.array();
    out.noalias() = Q_ * e_;
  }
  const Eigen::MatrixXd& matrix() const { return A_; }

 private:
  Eigen::Index n_;
  Vector lambda_;
  Eigen::MatrixXd Q_;
};

class MatrixQuadric final : public HeldMatrixQuadric<Eigen::SparseMatrix<double>> {
 public:
  MatrixQuadric(Eigen::SparseMatrix<double> A, const std::string& what, Vector w_star) {
    A_ = std::move(A);
    A_.makeCompressed();
    if (A_.rows() != A_.cols())
      throw InputError(fmt::format("{}: not square ({}x{}): expected a square symmetric matrix", what,
                                   A_.rows(), A_.cols()));
    if (A_.rows() == 0) throw InputError(fmt::format("{}: empty matrix", what));
    double amax = 0;
    for (Eigen::Index j = 0; j < A_.outerSize(); ++j)
      for (Eigen::SparseMatrix<double>::InnerIterator it(A_, j); it; ++it) {
        if (!std::isfinite(it.value()))
          throw InputError(fmt::format("{}: entry ({}, {}) is not finite", what, it.row() + 1, it.col() + 1));
        amax = std::max(amax, std::fabs(it.value()));
      }
    const Eigen::SparseMatrix<double> At = A_.transpose();
    const Eigen::SparseMatrix<double> diff = A_ - At;
    double dmax = 0;
    Eigen::Index di = 0, dj = 0;
    for (Eigen::Index j = 0; j < diff.outerSize(); ++j)
      for (Eigen::SparseMatrix<double>::InnerIterator it(diff, j); it; ++it)
        if (std::fabs(it.value()) > dmax) dmax = std::fabs(it.value()), di = it.row(), dj = it.col();
    if (dmax > 1e-12 * amax)
      throw InputError(fmt::format("{}: not symmetric: |A({},{}) - A({},{})| = {} > 1e-12 * max|A| = {}",
                                   what, di + 1, dj + 1, dj + 1, di + 1, shortest(dmax),
                                   shortest(1e-12 * amax)));
    const Eigen::Index n = A_.rows();
    if (n <= max_spectrum_dim) {
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(Eigen::MatrixXd(A_), Eigen::EigenvaluesOnly);
      if (es.info() != Eigen::Success)
        throw RuntimeError(fmt::format("{}: eigenvalue computation failed", what));
      const Vector& ev = es.eigenvalues();
      if (!(ev(0) > 0))
        throw InputError(fmt::format("{}: not positive definite: smallest eigenvalue {} (expected > 0)", what,
                                     shortest(ev(0))));
      spectrum_ = Spectrum(std::vector<double>(ev.data(), ev.data() + n), what);
    }
    llt_.compute(A_);
    if (llt_.info() != Eigen::Success)
      throw InputError(fmt::format("{}: not positive definite (Cholesky factorisation failed)", what));
    w_star_ = optimum_or_zero(std::move(w_star), n, "matrix");
    e_.resize(n);
  }

  std::string_view kind() const override { return "matrix"; }
  void hessian_solve(const Vector&, const Vector& g, Vector& out) const override { out = llt_.solve(g); }

 private:
  Eigen::SimplicialLLT<Eigen::SparseMatrix<double>> llt_;
};

class FiniteSum final : public Problem {
 public:
  FiniteSum(std::unique_ptr<Problem> base, std::int64_t N, std::int64_t B, std::uint64_t seed, double spread,
            std::optional<std::uint64_t> sample_seed, bool without_replacement)
      : base_(std::move(base)), N_(N), B_(B), rng_(seed), without_replacement_(without_replacement) {
    if (!base_->has_hessian()) throw FieldError("finite_sum", ": needs a quadric");
    if (N < 1) throw FieldError("finite_sum", fmt::format(" {}: must be >= 1", N));
    if (B < 1 || B > N) throw FieldError("batch", fmt::format(" {}: must be in [1, N = {}]", B, N));
    if (!(spread >= 0) || !std::isfinite(spread))
      throw FieldError("spread", fmt::format(" {}: must be finite and >= 0", shortest(spread)));
    const Eigen::Index n = base_->dim();
    if (static_cast<double>(n) * static_cast<double>(N) > 2e8)
      throw FieldError("finite_sum",
                       fmt::format(" {}: N*n = {} points exceed 2e8 values", N, static_cast<double>(n) * N));
    // dᵢ = spread·(zᵢ − z̄), stored as the columns of D (n×N); zᵢ filled point by point.
    D_.resize(n, N);
    for (Eigen::Index i = 0; i < N; ++i)
      for (Eigen::Index j = 0; j < n; ++j) D_(j, i) = rng_.normal();
    const Vector mean = D_.rowwise().mean();
    D_.colwise() -= mean;
    D_ *= spread;
    // f* = 1/(2N) Σ dᵢᵀ A dᵢ.
    Vector Ad(n);
    double s = 0;
    for (Eigen::Index i = 0; i < N; ++i) {
      base_->hessian_times(base_->w_star(), D_.col(i), Ad);
      s += D_.col(i).dot(Ad);
    }
    f_star_ = s / (2.0 * static_cast<double>(N));
    if (sample_seed) rng_ = Rng(*sample_seed);  // batches from their own stream
    if (without_replacement_) {
      perm_.resize(static_cast<std::size_t>(N));
      for (std::int64_t i = 0; i < N; ++i) perm_[static_cast<std::size_t>(i)] = i;
    }
    x_.resize(n);
    m_.resize(n);
  }

  std::string_view kind() const override { return "finite-sum"; }
  Eigen::Index dim() const override { return base_->dim(); }
  double value(const Vector& w) const override { return base_->f_gap(w) + f_star_; }
  double f_gap(const Vector& w) const override { return base_->f_gap(w); }
  // A(w − mean_{i∈batch} wᵢ) = ∇f_base(w − mean_{i∈batch} dᵢ); B indices uniform with replacement.
  void gradient(const Vector& w, Vector& g) override {
    m_.setZero();
    if (without_replacement_) {
      // Partial Fisher–Yates: positions 0..B−1 of the permutation become a uniform random B-subset.
      for (std::int64_t b = 0; b < B_; ++b) {
        const auto j = b + static_cast<std::int64_t>(rng_.below(static_cast<std::uint64_t>(N_ - b)));
        std::swap(perm_[static_cast<std::size_t>(b)], perm_[static_cast<std::size_t>(j)]);
        m_ += D_.col(static_cast<Eigen::Index>(perm_[static_cast<std::size_t>(b)]));
      }
    } else {
      for (std::int64_t b = 0; b < B_; ++b)
        m_ += D_.col(static_cast<Eigen::Index>(rng_.below(static_cast<std::uint64_t>(N_))));
    }
    x_ = w - m_ / static_cast<double>(B_);
    base_->full_gradient(x_, g);
  }
  void full_gradient(const Vector& w, Vector& g) const override { base_->full_gradient(w, g); }
  bool stochastic() const override { return true; }
  const Vector& w_star() const override { return base_->w_star(); }
  double f_star() const override { return f_star_; }
  std::optional<Spectrum> spectrum() const override { return base_->spectrum(); }
  bool has_hessian() const override { return true; }
  void hessian_times(const Vector& w, const Vector& x, Vector& out) const override {
    base_->hessian_times(w, x, out);
  }
  void hessian_solve(const Vector& w, const Vector& g, Vector& out) const override {
    base_->hessian_solve(w, g, out);
  }

  const Eigen::MatrixXd& offsets() const { return D_; }
  const Problem& quadric() const { return *base_; }
  std::int64_t batch() const { return B_; }
  bool without_replacement() const { return without_replacement_; }

 private:
  std::unique_ptr<Problem> base_;
  std::int64_t N_, B_;
  Rng rng_;
  bool without_replacement_ = false;
  std::vector<std::int64_t> perm_;
  Eigen::MatrixXd D_;
  double f_star_ = 0;
  Vector x_, m_;
};

}  // namespace

Eigen::MatrixXd random_orthogonal(Eigen::Index n, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::MatrixXd G(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) G(i, j) = rng.normal();
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(G);
  Eigen::MatrixXd Q = qr.householderQ();
  const auto& R = qr.matrixQR();
  for (Eigen::Index j = 0; j < n; ++j)
    if (R(j, j) < 0) Q.col(j) = -Q.col(j);
  return Q;
}

std::unique_ptr<Problem> diagonal(const Spectrum& spectrum, Vector w_star) {
  return std::make_unique<Diagonal>(spectrum, std::move(w_star));
}

std::unique_ptr<Problem> rotated(const Spectrum& spectrum, std::uint64_t seed, Vector w_star) {
  const auto n = static_cast<Eigen::Index>(spectrum.size());
  if (n > max_rotated_dim)
    throw FieldError("rotate",
                     fmt::format(": dimension {} exceeds {} (a rotated quadric is a dense n x n matrix)", n,
                                 max_rotated_dim));
  return std::make_unique<Rotated>(spectrum, seed, std::move(w_star));
}

std::unique_ptr<Problem> matrix(Eigen::SparseMatrix<double> A, const std::string& what, Vector w_star) {
  return std::make_unique<MatrixQuadric>(std::move(A), what, std::move(w_star));
}

std::unique_ptr<Problem> finite_sum(std::unique_ptr<Problem> quadric, std::int64_t N, std::int64_t B,
                                    std::uint64_t seed, double spread) {
  return std::make_unique<FiniteSum>(std::move(quadric), N, B, seed, spread, std::nullopt, false);
}

std::unique_ptr<Problem> finite_sum(std::unique_ptr<Problem> quadric, std::int64_t N, std::int64_t B,
                                    std::uint64_t seed, double spread,
                                    std::optional<std::uint64_t> sample_seed, bool without_replacement) {
  return std::make_unique<FiniteSum>(std::move(quadric), N, B, seed, spread, sample_seed,
                                     without_replacement);
}

FiniteSumParts finite_sum_parts(const Problem& p) {
  const auto* fs = dynamic_cast<const FiniteSum*>(&p);
  if (!fs) return {};
  return {&fs->quadric(), &fs->offsets(), fs->batch(), fs->without_replacement()};
}

}  // namespace kappa::problems
