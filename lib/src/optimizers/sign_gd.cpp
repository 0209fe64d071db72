// sign-gd, the lecture's "Full Newton method - approximation": w ← w − α·g/√(g² + ε), elementwise.
// For |g| ≫ √ε it is α·sign(g) (signSGD); eps default 1e-8; α has no default.
#include "common.hpp"
#include "kappa/optimizers.hpp"

namespace kappa::optimizers {
namespace {

class SignGd final : public Optimizer {
 public:
  SignGd(double alpha, double eps) : alpha_(alpha), eps_(eps) {}
  std::string_view name() const override { return "sign-gd"; }
  std::vector<std::pair<std::string, double>> parameters() const override { return {{"alpha", alpha_}, {"eps", eps_}}; }
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

std::unique_ptr<Optimizer> make_sign_gd(const OptimizerSettings& s) {
  detail::allow_only(s, "sign-gd", detail::f_alpha | detail::f_eps);
  const double alpha = detail::step_size(s.alpha, std::nullopt, "sign-gd");
  return std::make_unique<SignGd>(alpha, detail::non_negative(s.eps, 1e-8, "--eps", true));
}

}  // namespace kappa::optimizers
