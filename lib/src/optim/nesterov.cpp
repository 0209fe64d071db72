// nesterov, the lookahead form of the theory (lib/kappa/theory/theory.hpp):
//   v ← βv − ∇f(w + αβv),  w ← w + αv,  v₀ = 0.
// (Equivalent to Nesterov's y = w + β(w − w_prev) form: αv_k = w_k − w_{k−1}.)
#include "common.hpp"

namespace kappa::optimizers {
namespace {

class Nesterov final : public Optimizer {
 public:
  Nesterov(double alpha, double beta, bool lecture) : alpha_(alpha), beta_(beta), lecture_(lecture) {}
  std::string_view name() const override { return lecture_ ? "nesterov-lecture" : "nesterov"; }
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
    return std::pair{lecture_ ? theory::Method::nesterov_lecture : theory::Method::nesterov,
                     theory::Params{alpha_, beta_}};
  }

 private:
  double alpha_, beta_;
  bool lecture_;
  Vector v_, y_, g_;
};

template <bool Lecture>
std::unique_ptr<Optimizer> make(const ResolvedParams& p) {
  return std::make_unique<Nesterov>(p.real("alpha"), p.real("beta"), Lecture);
}

}  // namespace

MethodSchema nesterov_method() {
  return detail::momentum_method("nesterov", "Nesterov's accelerated gradient, lookahead w + alpha beta v",
                                 theory::Method::nesterov, make<false>);
}

// nesterov-lecture: the same class with the slide's lookahead w + αv:
//   v ← βv − ∇f(w + αv), w ← w + αv; per mode T = 1+β−2αλ, D = β−αλ.
MethodSchema nesterov_lecture_method() {
  return detail::momentum_method("nesterov-lecture", "the lecture slide's Nesterov, lookahead w + alpha v",
                                 theory::Method::nesterov_lecture, make<true>);
}

}  // namespace kappa::optimizers
