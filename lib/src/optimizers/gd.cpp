// gd: w ← w − α∇f(w). On a diagonal quadric one fused pass (fused.hpp): w ← w − α·λ∘(w − w*), read
// λ, w; write w (24 bytes per coordinate, 32 with w* ≠ 0), the run loop's measures in the same pass.
#include "common.hpp"
#include "fused.hpp"

namespace kappa::optimizers {
namespace {

template <bool Optimum>
struct GdKernel {
  double* __restrict x;
  const double* __restrict l;
  const double* __restrict s;
  double a;
  template <class T>
  T update(Eigen::Index i) const {
    using namespace Eigen::internal;
    const T xi = ploadu<T>(x + i);
    T si{};
    if constexpr (Optimum) si = ploadu<T>(s + i);
    const T gi = Optimum ? pmul(ploadu<T>(l + i), psub(xi, si)) : pmul(ploadu<T>(l + i), xi);
    const T xn = psub(xi, pmul(pset1<T>(a), gi));
    pstoreu(x + i, xn);
    return Optimum ? psub(xn, si) : xn;
  }
};

class Gd final : public Optimizer {
 public:
  explicit Gd(double alpha) : alpha_(alpha) {}
  std::string_view name() const override { return "gd"; }
  std::vector<std::pair<std::string, ParamValue>> parameters() const override { return {{"alpha", alpha_}}; }
  void reset(const Problem& problem) override {
    diag_ = problem.stochastic() ? nullptr : problem.diagonal();
    zero_optimum_ = problem.w_star().isZero(0);
    if (!diag_) g_.resize(problem.dim());
  }
  StepInfo step(Problem& problem, Vector& w) override {
    if (diag_) {
      if (zero_optimum_) fused::update_only(kernel<false>(problem, w), 0, w.size());
      else fused::update_only(kernel<true>(problem, w), 0, w.size());
    } else {
      problem.gradient(w, g_);
      w -= alpha_ * g_;
    }
    return {};
  }
  StepInfo step_measured(Problem& problem, Vector& w, const StepRequest& request) override {
    if (!diag_) return step(problem, w);
    StepInfo info;
    if (zero_optimum_) fused::measured(kernel<false>(problem, w), diag_->data(), w.size(), request, partial_, info);
    else fused::measured(kernel<true>(problem, w), diag_->data(), w.size(), request, partial_, info);
    return info;
  }
  std::optional<std::pair<theory::Method, theory::Params>> theory() const override {
    return std::pair{theory::Method::gd, theory::Params{alpha_, 0}};
  }

 private:
  template <bool Optimum>
  GdKernel<Optimum> kernel(const Problem& problem, Vector& w) {
    return {w.data(), diag_->data(), Optimum ? problem.w_star().data() : nullptr, alpha_};
  }
  double alpha_;
  const Vector* diag_ = nullptr;
  bool zero_optimum_ = true;
  Vector g_;
  std::vector<fused::Sums> partial_;
};

}  // namespace

MethodSchema gd_method() {
  return {"gd", "gradient descent w <- w - alpha grad f(w)", theory::Method::gd, {detail::step_size(std::nullopt)},
          [](const ResolvedParams& p) -> std::unique_ptr<Optimizer> { return std::make_unique<Gd>(p.real("alpha")); }};
}

}  // namespace kappa::optimizers
