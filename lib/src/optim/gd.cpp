// gd: w ← w − α∇f(w). On a diagonal quadric one fused pass (fused.hpp): w ← w − α·λ∘(w − w*), read
// λ, w; write w (24 bytes per coordinate, 32 with w* ≠ 0), the run loop's measures in the same pass.
#include "common.hpp"
#include "fused.hpp"

namespace kappa::optimizers {
namespace {

template <bool Optimum>
struct GdKernel {
  double* __restrict x;
  const double* __restrict l;
  const double* __restrict s;
  double a;
  template <class T>
  [[gnu::always_inline]] T update(Eigen::Index i) const {
    const auto [xi, si, gi] = fused::diagonal_gradient<Optimum, T>(x, l, s, i);
    const T xn = xi - fused::splat<T>(a) * gi;
    fused::store(x + i, xn);
    return Optimum ? xn - si : xn;
  }
};

class Gd final : public fused::DiagonalOptimizer<Gd> {
 public:
  explicit Gd(double alpha) : alpha_(alpha) {}
  std::string_view name() const override { return "gd"; }
  void reset(const Problem& problem) override {
    reset_diagonal(problem);
    if (!diag_) g_.resize(problem.dim());
  }
  std::optional<std::pair<theory::Method, theory::Params>> theory() const override {
    return std::pair{theory::Method::gd, theory::Params{alpha_, 0}};
  }

  void general_step(Problem& problem, Vector& w) {
    problem.gradient(w, g_);
    w -= alpha_ * g_;
  }
  template <bool Optimum>
  GdKernel<Optimum> kernel(const Problem& problem, Vector& w) {
    return {w.data(), diag_->data(), Optimum ? problem.w_star().data() : nullptr, alpha_};
  }

 private:
  double alpha_;
  Vector g_;
};

}  // namespace

MethodSchema gd_method() {
  return {"gd",
          "gradient descent w <- w - alpha grad f(w)",
          theory::Method::gd,
          {detail::step_size(std::nullopt)},
          [](const ResolvedParams& p) -> std::unique_ptr<Optimizer> {
            return std::make_unique<Gd>(p.real("alpha"));
          }};
}

}  // namespace kappa::optimizers
