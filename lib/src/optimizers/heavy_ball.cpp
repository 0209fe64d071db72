// heavy-ball, the lecture's form (DESIGN.md): v ← βv − ∇f(w), w ← w + αv, v₀ = 0.
// torch.optim.SGD(lr=α, momentum=β) keeps b = −v (b ← βb + g, w ← w − αb): the same iterates.
// On a diagonal quadric one fused pass per step: read λ, w, v; write w, v (40 bytes per coordinate;
// 48 with a non-zero optimum, which is read too).
#include "common.hpp"
#include "kappa/optimizers.hpp"

namespace kappa::optimizers {
namespace {

class HeavyBall final : public Optimizer {
 public:
  HeavyBall(double alpha, double beta) : alpha_(alpha), beta_(beta) {}
  std::string_view name() const override { return "heavy-ball"; }
  std::vector<std::pair<std::string, double>> parameters() const override { return {{"alpha", alpha_}, {"beta", beta_}}; }
  void reset(const Problem& problem) override {
    diag_ = problem.stochastic() ? nullptr : problem.diagonal();
    zero_optimum_ = problem.w_star().isZero(0);
    v_ = Vector::Zero(problem.dim());
    if (!diag_) g_.resize(problem.dim());
  }
  StepInfo step(Problem& problem, Vector& w) override {
    if (diag_) {
      if (zero_optimum_) fused(w.data(), v_.data(), diag_->data(), nullptr, w.size());
      else fused(w.data(), v_.data(), diag_->data(), problem.w_star().data(), w.size());
    } else {
      problem.gradient(w, g_);
      v_ = beta_ * v_ - g_;
      w += alpha_ * v_;
    }
    return {};
  }
  std::optional<std::pair<theory::Method, theory::Params>> theory() const override {
    return std::pair{theory::Method::heavy_ball, theory::Params{alpha_, beta_}};
  }
  const Vector& velocity() const { return v_; }

 private:
  void fused(double* __restrict x, double* __restrict v, const double* __restrict l, const double* __restrict s,
             Eigen::Index n) const {
    const double a = alpha_, b = beta_;
    if (!s) {
      for (Eigen::Index i = 0; i < n; ++i) {
        const double vi = b * v[i] - l[i] * x[i];
        v[i] = vi;
        x[i] = x[i] + a * vi;
      }
    } else {
      for (Eigen::Index i = 0; i < n; ++i) {
        const double vi = b * v[i] - l[i] * (x[i] - s[i]);
        v[i] = vi;
        x[i] = x[i] + a * vi;
      }
    }
  }
  double alpha_, beta_;
  const Vector* diag_ = nullptr;
  bool zero_optimum_ = true;
  Vector v_, g_;
};

}  // namespace

std::unique_ptr<Optimizer> make_heavy_ball(const OptimizerSettings& s) {
  detail::allow_only(s, "heavy-ball", detail::f_alpha | detail::f_beta);
  const double alpha = detail::step_size(s.alpha, std::nullopt, "heavy-ball");
  if (!s.beta) throw InputError("--beta: method heavy-ball needs a momentum (--beta or --momentum)");
  return std::make_unique<HeavyBall>(alpha, detail::in_range(s.beta, 0, "--beta", 0, 1));
}

}  // namespace kappa::optimizers
