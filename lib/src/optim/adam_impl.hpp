// Adam and AdamW: torch.optim.Adam / AdamW 1.13 (_single_tensor_adam[w], not capturable), float64,
// the same order of operations:
//   k ← k + 1
//   AdamW: w ← w·(1 − lr·weight_decay)          Adam: g ← g + weight_decay·w (if ≠ 0)
//   m ← m·β₁ + (1−β₁)·g;   q ← q·β₂ + ((1−β₂)·g)·g
//   bc1 = 1 − β₁^k;  bc2 = 1 − β₂^k;  step = lr / bc1;  bc2s = √bc2
//   amsgrad: q̂ ← max(q̂, q), denom = √q̂ / bc2s + eps   else  denom = √q / bc2s + eps
//   w ← w + ((−step)·m)/denom
// Defaults lr 1e-3, betas (0.9, 0.999), eps 1e-8, amsgrad false; weight_decay 0 (Adam), 0.01 (AdamW).
#pragma once
#include <cmath>

#include "common.hpp"

namespace kappa::optimizers::detail {

class Adam final : public Optimizer {
 public:
  Adam(bool decoupled, double lr, double b1, double b2, double eps, double wd, bool amsgrad)
      : decoupled_(decoupled), lr_(lr), b1_(b1), b2_(b2), eps_(eps), wd_(wd), amsgrad_(amsgrad) {}
  std::string_view name() const override { return decoupled_ ? "adamw" : "adam"; }
  void reset(const Problem& problem) override {
    const auto n = problem.dim();
    g_.resize(n);
    m_ = Vector::Zero(n);
    q_ = Vector::Zero(n);
    if (amsgrad_) qmax_ = Vector::Zero(n);
    step_ = 0;
  }
  StepInfo step(Problem& problem, Vector& w) override {
    problem.gradient(w, g_);
    step_ += 1;
    const double bc1 = 1 - std::pow(b1_, step_);
    const double bc2 = 1 - std::pow(b2_, step_);
    const double step_size = lr_ / bc1;
    const double bc2s = std::sqrt(bc2);
    const double neg = -step_size, c1 = 1 - b1_, c2 = 1 - b2_, shrink = 1 - lr_ * wd_;
    for (Eigen::Index i = 0; i < w.size(); ++i) {
      double g = g_[i];
      if (decoupled_)
        w[i] = w[i] * shrink;
      else if (wd_ != 0)
        g = g + wd_ * w[i];
      m_[i] = m_[i] * b1_ + c1 * g;
      q_[i] = q_[i] * b2_ + c2 * g * g;
      double denom;
      if (amsgrad_) {
        qmax_[i] = std::fmax(qmax_[i], q_[i]);
        denom = std::sqrt(qmax_[i]) / bc2s + eps_;
      } else {
        denom = std::sqrt(q_[i]) / bc2s + eps_;
      }
      w[i] = w[i] + neg * m_[i] / denom;
    }
    return {};
  }

 private:
  bool decoupled_;
  double lr_, b1_, b2_, eps_, wd_;
  bool amsgrad_;
  double step_ = 0;
  Vector g_, m_, q_, qmax_;
};

template <bool Decoupled>
std::unique_ptr<Optimizer> make_adam(const ResolvedParams& p) {
  return std::make_unique<Adam>(Decoupled, p.real("alpha"), p.real("beta1"), p.real("beta2"), p.real("eps"),
                                p.real("weight_decay"), p.flag("amsgrad"));
}

inline MethodSchema adam_like_method(bool decoupled) {
  return {
      decoupled ? "adamw" : "adam",
      decoupled ? "torch.optim.AdamW" : "torch.optim.Adam",
      std::nullopt,
      {step_size(1e-3, "lr"),
       real_param("beta1", 0.9).in(0, 1).option("betas", "B1").torch("betas[0]").help("moment decays B1,B2"),
       real_param("beta2", 0.999)
           .in(0, 1)
           .option("betas", "B2")
           .torch("betas[1]")
           .help("moment decays B1,B2"),
       eps(1e-8), weight_decay(decoupled ? 0.01 : 0.0),
       flag_param("amsgrad").torch("amsgrad").help("AMSGrad")},
      decoupled ? make_adam<true> : make_adam<false>};
}

}  // namespace kappa::optimizers::detail
