// BFGS (Broyden, Fletcher, Goldfarb, Shanno 1970). The Hessian approximation B is updated with
// s = w⁺ − w, y = ∇f(w⁺) − ∇f(w) by
//   B⁺ = B + yyᵀ/(yᵀs) − (Bs)(Bs)ᵀ/(sᵀBs)                       (Nocedal & Wright (6.19))
// which satisfies the secant equation B⁺s = y. The lecture's slide prints the last term with a + sign:
// then B⁺s = y + 2Bs ≠ y, so that is not a quasi-Newton update (bfgs_update(..., +1) reproduces it).
// The optimizer keeps the inverse H = B⁻¹ and applies the equivalent inverse update (N&W (6.17))
//   H⁺ = (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ,  ρ = 1/(yᵀs)
// in O(n²), so d = −Hg needs no solve. H₀ = I; with strong Wolfe it is rescaled to (yᵀs/yᵀy) I before
// the first update (N&W (6.20)). With the exact line search BFGS reaches w* of an n-dimensional
// quadric in at most n steps (Dixon: it then generates the CG iterates).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "kappa/core/errors.hpp"
#include "kappa/optim/line_search.hpp"
#include "kappa/optim/optimizers.hpp"

namespace kappa::optimizers {

Eigen::MatrixXd bfgs_update(const Eigen::MatrixXd& H, const Eigen::VectorXd& s, const Eigen::VectorXd& y,
                            double sign_of_last_term) {
  if (H.rows() != H.cols() || H.rows() != s.size() || s.size() != y.size())
    throw InputError(fmt::format("bfgs_update: sizes H {}x{}, s {}, y {} do not match", H.rows(), H.cols(),
                                 s.size(), y.size()));
  const Eigen::VectorXd hs = H * s;
  const double ys = y.dot(s), shs = s.dot(hs);
  if (!(ys != 0.0) || !(shs != 0.0))
    throw InputError(fmt::format("bfgs_update: yᵀs = {:.3g}, sᵀHs = {:.3g}: both must be non-zero", ys, shs));
  return H + (y * y.transpose()) / ys + sign_of_last_term * (hs * hs.transpose()) / shs;
}

namespace {

class Bfgs final : public LineSearchOptimizer {
 public:
  Bfgs(LineSearchSettings ls, double lr) : LineSearchOptimizer(ls), lr_(lr) {}
  std::string_view name() const override { return "bfgs"; }

 protected:
  void reset_state(Eigen::Index n) override {
    // H is dense n×n: refuse what cannot fit rather than die in the allocator (1 GiB = n ≈ 11585).
    constexpr double max_bytes = 1024.0 * 1024.0 * 1024.0;
    if (8.0 * double(n) * double(n) > max_bytes)
      throw FieldError(
          "method", fmt::format(" bfgs: keeps a dense {}x{} matrix ({:.3g} GB, limit 1 GiB); use lbfgs", n, n,
                                8.0 * double(n) * double(n) / 1e9));
    h_.setIdentity(n, n);
    hy_.setZero(n);
    updated_ = false;
  }
  void direction(const Vector& g, Vector& d) override { d.noalias() = -(h_ * g); }
  void restart() override {
    h_.setIdentity();
    updated_ = false;
  }
  void record(const Vector& s, const Vector& y, const Vector&, const Vector&) override {
    const double ys = y.dot(s);
    // Skip an update without positive curvature (it would make H indefinite); rounding-level only on
    // a quadric, where yᵀs = sᵀAs > 0.
    if (!(ys > std::numeric_limits<double>::epsilon() * s.norm() * y.norm())) return;
    // N&W (6.20) rescales H₀ = I to (yᵀs/yᵀy) I before the first update. With the exact line search
    // it is left out: on a quadric it cost one step of the n-step termination in practice (n = 20,
    // κ = 100: ‖w₂₀ − w*‖ ≈ 1e-5 with the rescale, ≈ 1e-18 without, the same in a numpy BFGS).
    if (!updated_ && ls_.kind == line_search::Kind::strong_wolfe) h_ *= ys / y.squaredNorm();
    updated_ = true;
    const double rho = 1.0 / ys;
    hy_.noalias() = h_ * y;
    // (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ = H − ρ(Hy sᵀ + s yᵀH) + (ρ² yᵀHy + ρ) ssᵀ  (H symmetric)
    const double c = rho * rho * y.dot(hy_) + rho;
    h_.noalias() -= rho * (hy_ * s.transpose() + s * hy_.transpose());
    h_.noalias() += c * (s * s.transpose());
  }
  double initial_step(const Vector& g, const Vector&, double, long k) const override {
    // torch.optim.LBFGS's rule: min(1, 1/‖g‖₁)·lr on the first step (H₀ = I), then lr (a quasi-Newton
    // step has the right length).
    return k == 0 ? std::min(1.0, 1.0 / g.lpNorm<1>()) * lr_ : lr_;
  }
  void add_parameters(std::vector<std::pair<std::string, ParamValue>>& p) const override {
    if (ls_.kind == line_search::Kind::strong_wolfe) p.emplace_back("alpha", lr_);
  }

 private:
  double lr_;
  Eigen::MatrixXd h_;
  Vector hy_;
  bool updated_ = false;
};

}  // namespace

MethodSchema bfgs_method() {
  auto params = line_search_params(line_search::Kind::exact, 0.9);
  params.insert(params.begin(), trial_step_param());
  return {"bfgs", "BFGS with a line search", std::nullopt, std::move(params),
          [](const ResolvedParams& p) -> std::unique_ptr<Optimizer> {
            const auto ls = resolve_line_search(p);
            return std::make_unique<Bfgs>(ls, resolve_trial_step(p, ls));
          }};
}

}  // namespace kappa::optimizers
