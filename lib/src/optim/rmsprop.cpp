// rmsprop: torch.optim.RMSprop 1.13 (_single_tensor_rmsprop), float64, same order of operations.
// kappa's --rho is torch's alpha (so that --alpha is always the step size):
//   g ← g + weight_decay·w (if ≠ 0);  q ← q·ρ + ((1−ρ)·g)·g
//   centered: m ← m·ρ + (1−ρ)·g;  avg = √(q + ((−1)·m)·m)   else  avg = √q
//   avg ← avg + eps
//   momentum > 0: b ← b·momentum + (1·g)/avg;  w ← w + (−lr)·b    else  w ← w + ((−lr)·g)/avg
// Defaults lr 0.01, rho 0.99, eps 1e-8, weight_decay 0, momentum 0, centered false.
#include "common.hpp"

namespace kappa::optimizers {
namespace {

class Rmsprop final : public Optimizer {
 public:
  Rmsprop(double lr, double rho, double eps, double wd, double momentum, bool centered)
      : lr_(lr), rho_(rho), eps_(eps), wd_(wd), momentum_(momentum), centered_(centered) {}
  std::string_view name() const override { return "rmsprop"; }
  void reset(const Problem& problem) override {
    const auto n = problem.dim();
    g_.resize(n);
    q_ = Vector::Zero(n);
    m_ = Vector::Zero(n);
    b_ = Vector::Zero(n);
  }
  StepInfo step(Problem& problem, Vector& w) override {
    problem.gradient(w, g_);
    const double c = 1 - rho_, nlr = -lr_;
    for (Eigen::Index i = 0; i < w.size(); ++i) {
      double g = g_[i];
      if (wd_ != 0) g = g + wd_ * w[i];
      q_[i] = q_[i] * rho_ + c * g * g;
      double avg;
      if (centered_) {
        m_[i] = m_[i] * rho_ + c * g;
        avg = std::sqrt(q_[i] + -1.0 * m_[i] * m_[i]);
      } else {
        avg = std::sqrt(q_[i]);
      }
      avg = avg + eps_;
      if (momentum_ > 0) {
        b_[i] = b_[i] * momentum_ + 1.0 * g / avg;
        w[i] = w[i] + nlr * b_[i];
      } else {
        w[i] = w[i] + nlr * g / avg;
      }
    }
    return {};
  }

 private:
  double lr_, rho_, eps_, wd_, momentum_;
  bool centered_;
  Vector g_, q_, m_, b_;
};

}  // namespace

MethodSchema rmsprop_method() {
  using namespace detail;
  return {"rmsprop",
          "torch.optim.RMSprop",
          std::nullopt,
          {step_size(0.01, "lr"),
           real_param("rho", 0.99).in(0, 1).torch("alpha").help("decay of the mean square (torch's alpha)"),
           eps(1e-8), weight_decay(0), momentum(0.0, "momentum"),
           flag_param("centered").torch("centered").help("centred second moment")},
          [](const ResolvedParams& p) -> std::unique_ptr<Optimizer> {
            return std::make_unique<Rmsprop>(p.real("alpha"), p.real("rho"), p.real("eps"),
                                             p.real("weight_decay"), p.real("beta"), p.flag("centered"));
          }};
}

}  // namespace kappa::optimizers
