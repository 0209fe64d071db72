// Nonlinear conjugate gradient, Polak–Ribière with the PR+ safeguard (Nocedal & Wright (5.44)–(5.45)):
//   d₀ = −g₀,  β_k = max(0, g_kᵀ(g_k − g_{k−1}) / ‖g_{k−1}‖²),  d_k = −g_k + β_k d_{k−1}.
// On a quadric with the exact line search g_kᵀg_{k−1} = 0, so β_k = ‖g_k‖²/‖g_{k−1}‖² (Fletcher–Reeves)
// and this is linear CG (Hestenes–Stiefel 1952): it reaches w* in at most n steps (in exact
// arithmetic), in as many steps as A has distinct eigenvalues.
#include <algorithm>

#include "common.hpp"
#include "kappa/optim/line_search.hpp"

namespace kappa::optimizers {
namespace {

class ConjugateGradient final : public LineSearchOptimizer {
 public:
  using LineSearchOptimizer::LineSearchOptimizer;
  std::string_view name() const override { return "cg"; }

 protected:
  void reset_state(Eigen::Index n) override {
    d_prev_.setZero(n);
    y_prev_.setZero(n);
    gg_prev_ = 0.0;
    fresh_ = true;
  }
  void direction(const Vector& g, Vector& d) override {
    if (fresh_) {
      d = -g;
    } else {
      const double beta = std::max(0.0, g.dot(y_prev_) / gg_prev_);  // PR+: y = g_k − g_{k−1}
      d = -g + beta * d_prev_;
    }
    d_prev_ = d;
  }
  void restart() override { fresh_ = true; }
  void record(const Vector&, const Vector& y, const Vector& g_old, const Vector&) override {
    y_prev_ = y;
    gg_prev_ = g_old.squaredNorm();
    fresh_ = false;
  }

 private:
  Vector d_prev_, y_prev_;
  double gg_prev_ = 0.0;
  bool fresh_ = true;
};

}  // namespace

MethodSchema cg_method() {
  // c2 = 0.1: Nocedal & Wright §5.2 (strong Wolfe with small c2 keeps PR+/FR directions descending).
  return detail::line_search_method<ConjugateGradient>(
      "cg", "nonlinear conjugate gradient with a line search", line_search::Kind::exact, 0.1);
}

}  // namespace kappa::optimizers
