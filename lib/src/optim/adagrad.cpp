// adagrad: torch.optim.Adagrad 1.13 (_single_tensor_adagrad), float64, same order of operations:
//   k ← k + 1;  g ← g + weight_decay·w (if ≠ 0);  clr = lr / (1 + (k − 1)·lr_decay)
//   s ← s + (1·g)·g;  std = √s + eps;  w ← w + ((−clr)·g)/std
// Defaults lr 0.01, lr_decay 0, weight_decay 0, initial_accumulator_value 0, eps 1e-10.
#include "common.hpp"

namespace kappa::optimizers {
namespace {

class Adagrad final : public Optimizer {
 public:
  Adagrad(double lr, double lr_decay, double wd, double init, double eps)
      : lr_(lr), lr_decay_(lr_decay), wd_(wd), init_(init), eps_(eps) {}
  std::string_view name() const override { return "adagrad"; }
  void reset(const Problem& problem) override {
    g_.resize(problem.dim());
    sum_ = Vector::Constant(problem.dim(), init_);
    step_ = 0;
  }
  StepInfo step(Problem& problem, Vector& w) override {
    problem.gradient(w, g_);
    step_ += 1;
    const double clr = lr_ / (1 + (step_ - 1) * lr_decay_);
    const double neg = -clr;
    for (Eigen::Index i = 0; i < w.size(); ++i) {
      double g = g_[i];
      if (wd_ != 0) g = g + wd_ * w[i];
      sum_[i] = sum_[i] + 1.0 * g * g;
      const double std_ = std::sqrt(sum_[i]) + eps_;
      w[i] = w[i] + neg * g / std_;
    }
    return {};
  }

 private:
  double lr_, lr_decay_, wd_, init_, eps_;
  double step_ = 0;
  Vector g_, sum_;
};

}  // namespace

MethodSchema adagrad_method() {
  using namespace detail;
  return {"adagrad",
          "torch.optim.Adagrad",
          std::nullopt,
          {step_size(0.01, "lr"),
           real_param("lr_decay", 0.0).non_negative().torch("lr_decay").help("lr / (1 + (k-1) lr_decay)"),
           weight_decay(0),
           real_param("initial_accumulator_value", 0.0)
               .non_negative()
               .torch("initial_accumulator_value")
               .help("start of the sum of squared gradients"),
           eps(1e-10)},
          [](const ResolvedParams& p) -> std::unique_ptr<Optimizer> {
            return std::make_unique<Adagrad>(p.real("alpha"), p.real("lr_decay"), p.real("weight_decay"),
                                             p.real("initial_accumulator_value"), p.real("eps"));
          }};
}

}  // namespace kappa::optimizers
