// heavy-ball, the lecture's form (docs/architecture.md): v ← βv − ∇f(w), w ← w + αv, v₀ = 0.
// torch.optim.SGD(lr=α, momentum=β) keeps b = −v (b ← βb + g, w ← w − αb): the same iterates.
// On a diagonal quadric one fused pass per step (fused.hpp): read λ, w, v; write w, v (40 bytes per
// coordinate; 48 with a non-zero optimum, which is read too), the run loop's measures in the same pass.
#include "common.hpp"
#include "fused.hpp"
#include "kappa/core/memory.hpp"

namespace kappa::optimizers {
namespace {

// One coordinate (T = double) or one packet of them: v ← βv − λ(w − w*), w ← w + αv; returns w − w*.
template <bool Optimum>
struct HeavyBallKernel {
  double* __restrict x;
  double* __restrict v;
  const double* __restrict l;
  const double* __restrict s;
  double a, b;
  template <class T>
  [[gnu::always_inline]] T update(Eigen::Index i) const {
    const auto [xi, si, gi] = fused::diagonal_gradient<Optimum, T>(x, l, s, i);
    const T vi = fused::splat<T>(b) * fused::load<T>(v + i) - gi;
    fused::store(v + i, vi);
    const T xn = xi + fused::splat<T>(a) * vi;
    fused::store(x + i, xn);
    return Optimum ? xn - si : xn;
  }
};

class HeavyBall final : public fused::DiagonalOptimizer<HeavyBall> {
 public:
  HeavyBall(double alpha, double beta) : alpha_(alpha), beta_(beta) {}
  std::string_view name() const override { return "heavy-ball"; }
  void reset(const Problem& problem) override {
    reset_diagonal(problem);
    v_ = huge_page_vector(problem.dim());
    v_.setZero();
    if (!diag_) g_.resize(problem.dim());
  }
  std::optional<std::pair<theory::Method, theory::Params>> theory() const override {
    return std::pair{theory::Method::heavy_ball, theory::Params{alpha_, beta_}};
  }

  void general_step(Problem& problem, Vector& w) {
    problem.gradient(w, g_);
    v_ = beta_ * v_ - g_;
    w += alpha_ * v_;
  }
  template <bool Optimum>
  HeavyBallKernel<Optimum> kernel(const Problem& problem, Vector& w) {
    return {w.data(), v_.data(), diag_->data(), Optimum ? problem.w_star().data() : nullptr, alpha_, beta_};
  }

 private:
  double alpha_, beta_;
  Vector v_, g_;
};

}  // namespace

MethodSchema heavy_ball_method() {
  return detail::momentum_method(
      "heavy-ball", "Polyak's heavy ball, the lecture's form v <- beta v - grad f(w), w <- w + alpha v",
      theory::Method::heavy_ball, [](const ResolvedParams& p) -> std::unique_ptr<Optimizer> {
        return std::make_unique<HeavyBall>(p.real("alpha"), p.real("beta"));
      });
}

}  // namespace kappa::optimizers
