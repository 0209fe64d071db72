// nesterov, the lookahead form of the theory (lib/kappa/theory.hpp):
//   v ← βv − ∇f(w + αβv),  w ← w + αv,  v₀ = 0.
// (Equivalent to Nesterov's y = w + β(w − w_prev) form: αv_k = w_k − w_{k−1}.)
#include "common.hpp"
#include "kappa/optimizers.hpp"

namespace kappa::optimizers {
namespace {

class Nesterov final : public Optimizer {
 public:
  Nesterov(double alpha, double beta, bool lecture) : alpha_(alpha), beta_(beta), lecture_(lecture) {}
  std::string_view name() const override { return lecture_ ? "nesterov-lecture" : "nesterov"; }
  std::vector<std::pair<std::string, double>> parameters() const override { return {{"alpha", alpha_}, {"beta", beta_}}; }
  void reset(const Problem& problem) override {
    v_ = Vector::Zero(problem.dim());
    y_.resize(problem.dim());
    g_.resize(problem.dim());
  }
  StepInfo step(Problem& problem, Vector& w) override {
    // Lookahead: w + αβv (theory) or the lecture slide's w + αv.
    const double c = lecture_ ? alpha_ : alpha_ * beta_;
    y_ = w + c * v_;
    problem.gradient(y_, g_);
    v_ = beta_ * v_ - g_;
    w += alpha_ * v_;
    return {};
  }
  std::optional<std::pair<theory::Method, theory::Params>> theory() const override {
    return std::pair{lecture_ ? theory::Method::nesterov_lecture : theory::Method::nesterov, theory::Params{alpha_, beta_}};
  }

 private:
  double alpha_, beta_;
  bool lecture_;
  Vector v_, y_, g_;
};

std::unique_ptr<Optimizer> make(const OptimizerSettings& s, const char* name, bool lecture) {
  detail::allow_only(s, name, detail::f_alpha | detail::f_beta);
  const double alpha = detail::step_size(s.alpha, std::nullopt, name);
  if (!s.beta) throw InputError(fmt::format("--beta: method {} needs a momentum (--beta or --momentum)", name));
  return std::make_unique<Nesterov>(alpha, detail::in_range(s.beta, 0, "--beta", 0, 1), lecture);
}

}  // namespace

std::unique_ptr<Optimizer> make_nesterov(const OptimizerSettings& s) { return make(s, "nesterov", false); }

}  // namespace kappa::optimizers

// nesterov-lecture lives beside it (same class, the slide's lookahead w + αv):
//   v ← βv − ∇f(w + αv), w ← w + αv; per mode T = 1+β−2αλ, D = β−αλ.
namespace kappa::optimizers {
std::unique_ptr<Optimizer> make_nesterov_lecture(const OptimizerSettings& s) { return make(s, "nesterov-lecture", true); }
}  // namespace kappa::optimizers
