// newton, damped: w ← w − α·H(w)⁻¹∇f(w) (Problem::hessian_solve), α = 1 by default.
// On a quadric every mode contracts by 1 − α; α = 1 reaches w* in one step.
#include "common.hpp"

namespace kappa::optimizers {
namespace {

class Newton final : public Optimizer {
 public:
  explicit Newton(double alpha) : alpha_(alpha) {}
  std::string_view name() const override { return "newton"; }
  void reset(const Problem& problem) override {
    if (!problem.has_hessian())
      throw FieldError("method", fmt::format(" newton: problem '{}' has no Hessian", problem.kind()));
    g_.resize(problem.dim());
    d_.resize(problem.dim());
  }
  StepInfo step(Problem& problem, Vector& w) override {
    problem.gradient(w, g_);
    problem.hessian_solve(w, g_, d_);
    w -= alpha_ * d_;
    return {};
  }
  std::optional<std::pair<theory::Method, theory::Params>> theory() const override {
    return std::pair{theory::Method::newton, theory::Params{alpha_, 0}};
  }

 private:
  double alpha_;
  Vector g_, d_;
};

}  // namespace

MethodSchema newton_method() {
  return {"newton",
          "damped Newton w <- w - alpha H^-1 grad f(w)",
          theory::Method::newton,
          {detail::step_size(1.0)},
          [](const ResolvedParams& p) -> std::unique_ptr<Optimizer> {
            return std::make_unique<Newton>(p.real("alpha"));
          }};
}

}  // namespace kappa::optimizers
