// Steepest descent: d = −∇f(w). With the exact line search on a quadric, t = gᵀg / gᵀAg, and f − f*
// falls per step by at most ((κ−1)/(κ+1))² (Kantorovich; Nocedal & Wright Thm. 3.3), attained when
// the error has equal gradient weight on the extreme eigenvectors: the lecture's zig-zag.
#include "common.hpp"
#include "kappa/optim/line_search.hpp"

namespace kappa::optimizers {
namespace {

class Steepest final : public LineSearchOptimizer {
 public:
  using LineSearchOptimizer::LineSearchOptimizer;
  std::string_view name() const override { return "steepest"; }

 protected:
  void reset_state(Eigen::Index) override {}
  void direction(const Vector& g, Vector& d) override { d = -g; }
  void restart() override {}
  void record(const Vector&, const Vector&, const Vector&, const Vector&) override {}
};

}  // namespace

MethodSchema steepest_method() {
  return detail::line_search_method<Steepest>(
      "steepest", "steepest descent d = -grad f(w) with a line search", line_search::Kind::exact, 0.9);
}

}  // namespace kappa::optimizers
