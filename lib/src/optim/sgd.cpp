// sgd: torch.optim.SGD 1.13 (_single_tensor_sgd), float64, the same operations in the same order:
//   d = g + weight_decay·w                       (if weight_decay ≠ 0)
//   b = d (first step: a copy)  else  b = momentum·b + (1 − dampening)·d     (if momentum ≠ 0)
//   d = d + momentum·b (nesterov)  else  d = b
//   w = w + (−lr)·d
// lr has no default (torch: required). nesterov needs momentum > 0 and dampening = 0 (as torch).
// The buffer b is −v of the lecture's heavy ball: with dampening 0 and no nesterov, sgd is heavy-ball.
#include "common.hpp"

namespace kappa::optimizers {
namespace {

class Sgd final : public Optimizer {
 public:
  Sgd(double lr, double momentum, double dampening, bool nesterov, double wd)
      : lr_(lr), momentum_(momentum), dampening_(dampening), nesterov_(nesterov), wd_(wd) {}
  std::string_view name() const override { return "sgd"; }
  void reset(const Problem& problem) override {
    g_.resize(problem.dim());
    b_.resize(problem.dim());
    first_ = true;
  }
  StepInfo step(Problem& problem, Vector& w) override {
    problem.gradient(w, g_);
    const Eigen::Index n = w.size();
    double* x = w.data();
    double* g = g_.data();
    double* b = b_.data();
    const double m = momentum_, damp = 1 - dampening_, lr = -lr_;
    for (Eigen::Index i = 0; i < n; ++i) {
      double d = g[i];
      if (wd_ != 0) d = d + wd_ * x[i];
      if (m != 0) {
        if (first_)
          b[i] = d;
        else
          b[i] = b[i] * m + damp * d;
        d = nesterov_ ? d + m * b[i] : b[i];
      }
      x[i] = x[i] + lr * d;
    }
    first_ = false;
    return {};
  }
  std::optional<std::pair<theory::Method, theory::Params>> theory() const override {
    if (wd_ != 0) return std::nullopt;  // weight decay moves the optimum: another problem
    if (momentum_ == 0) return std::pair{theory::Method::gd, theory::Params{lr_, 0}};
    if (dampening_ != 0 || nesterov_) return std::nullopt;
    return std::pair{theory::Method::heavy_ball, theory::Params{lr_, momentum_}};
  }

 private:
  double lr_, momentum_, dampening_;
  bool nesterov_;
  double wd_;
  bool first_ = true;
  Vector g_, b_;
};

}  // namespace

MethodSchema sgd_method() {
  using namespace detail;
  return {"sgd",
          "torch.optim.SGD (its buffer is -v of heavy-ball)",
          std::nullopt,
          {step_size(std::nullopt, "lr"), momentum(0.0, "momentum"),
           real_param("dampening", 0.0)
               .in(0, 1, true, true)
               .torch("dampening")
               .help("dampening of the momentum buffer"),
           flag_param("nesterov").torch("nesterov").help("torch's Nesterov momentum"), weight_decay(0)},
          [](const ResolvedParams& p) -> std::unique_ptr<Optimizer> {
            const double momentum = p.real("beta"), dampening = p.real("dampening");
            const bool nesterov = p.flag("nesterov");
            if (nesterov && (momentum <= 0 || dampening != 0))
              throw ParamError(ParamError::Kind::bad_value, "nesterov",
                               ": needs momentum beta > 0 and dampening 0 (as torch.optim.SGD)");
            return std::make_unique<Sgd>(p.real("alpha"), momentum, dampening, nesterov,
                                         p.real("weight_decay"));
          }};
}

}  // namespace kappa::optimizers
