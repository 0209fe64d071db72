// sign-gd, the lecture's "Full Newton method - approximation": w ← w − α·g/√(g² + ε), elementwise.
// For |g| ≫ √ε it is α·sign(g) (signSGD); eps default 1e-8; α has no default.
#include "common.hpp"

namespace kappa::optimizers {
namespace {

class SignGd final : public Optimizer {
 public:
  SignGd(double alpha, double eps) : alpha_(alpha), eps_(eps) {}
  std::string_view name() const override { return "sign-gd"; }
  void reset(const Problem& problem) override { g_.resize(problem.dim()); }
  StepInfo step(Problem& problem, Vector& w) override {
    problem.gradient(w, g_);
    for (Eigen::Index i = 0; i < w.size(); ++i) {
      const double g = g_[i];
      w[i] = w[i] - alpha_ * g / std::sqrt(g * g + eps_);
    }
    return {};
  }

 private:
  double alpha_, eps_;
  Vector g_;
};

}  // namespace

MethodSchema sign_gd_method() {
  return {"sign-gd",
          "the lecture's Newton approximation w <- w - alpha g / sqrt(g^2 + eps)",
          std::nullopt,
          {detail::step_size(std::nullopt),
           real_param("eps", 1e-8).positive().help("inside the root: sqrt(g^2 + eps)")},
          [](const ResolvedParams& p) -> std::unique_ptr<Optimizer> {
            return std::make_unique<SignGd>(p.real("alpha"), p.real("eps"));
          }};
}

}  // namespace kappa::optimizers
