// gd: w ← w − α∇f(w). On a diagonal quadric one fused pass: w ← w − α·λ∘(w − w*).
#include "common.hpp"
#include "kappa/optimizers.hpp"

namespace kappa::optimizers {
namespace {

class Gd final : public Optimizer {
 public:
  explicit Gd(double alpha) : alpha_(alpha) {}
  std::string_view name() const override { return "gd"; }
  std::vector<std::pair<std::string, double>> parameters() const override { return {{"alpha", alpha_}}; }
  void reset(const Problem& problem) override {
    diag_ = problem.stochastic() ? nullptr : problem.diagonal();
    zero_optimum_ = problem.w_star().isZero(0);
    if (!diag_) g_.resize(problem.dim());
  }
  StepInfo step(Problem& problem, Vector& w) override {
    if (diag_) {
      const double a = alpha_;
      const double* __restrict l = diag_->data();
      double* __restrict x = w.data();
      const Eigen::Index n = w.size();
      if (zero_optimum_) {
        for (Eigen::Index i = 0; i < n; ++i) x[i] = x[i] - a * (l[i] * x[i]);
      } else {
        const double* __restrict s = problem.w_star().data();
        for (Eigen::Index i = 0; i < n; ++i) x[i] = x[i] - a * (l[i] * (x[i] - s[i]));
      }
    } else {
      problem.gradient(w, g_);
      w -= alpha_ * g_;
    }
    return {};
  }
  std::optional<std::pair<theory::Method, theory::Params>> theory() const override {
    return std::pair{theory::Method::gd, theory::Params{alpha_, 0}};
  }

 private:
  double alpha_;
  const Vector* diag_ = nullptr;
  bool zero_optimum_ = true;
  Vector g_;
};

}  // namespace

std::unique_ptr<Optimizer> make_gd(const OptimizerSettings& s) {
  detail::allow_only(s, "gd", detail::f_alpha);
  return std::make_unique<Gd>(detail::step_size(s.alpha, std::nullopt, "gd"));
}

}  // namespace kappa::optimizers
