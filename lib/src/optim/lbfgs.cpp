// L-BFGS (Nocedal 1980; Liu & Nocedal 1989) as torch.optim.LBFGS(line_search_fn="strong_wolfe") does
// it: the last m pairs (s, y) with ρ = 1/(yᵀs), H₀ = γI with γ = yᵀs/yᵀy of the newest pair, and
// d = −H g by the two-loop recursion (Nocedal & Wright Alg. 7.4):
//   q = −g;  for i = newest…oldest: aᵢ = ρᵢ sᵢᵀq, q −= aᵢ yᵢ
//   r = γ q; for i = oldest…newest: bᵢ = ρᵢ yᵢᵀr, r += (aᵢ − bᵢ) sᵢ;  d = r
// First trial step min(1, 1/‖g‖₁)·lr, then lr (torch). Differences from torch, none in the normal path:
//  - a pair is kept when yᵀs > ε‖s‖‖y‖ (relative); torch keeps it when yᵀs > 1e-10 (absolute), which
//    freezes the memory once ‖s‖‖y‖ ≲ 1e-10, i.e. near w* on any problem of moderate scale;
//  - no tolerance_grad / tolerance_change stops: torch stops when gᵀd > −1e-9, i.e. at ‖g‖ ≈ 3e-5/√γ,
//    and kappa's run loop stops on --tol instead;
//  - see line_search.cpp for the line search's differences.
#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "kappa/core/errors.hpp"
#include "kappa/optim/line_search.hpp"

namespace kappa::optimizers {

namespace {

class Lbfgs final : public LineSearchOptimizer {
 public:
  Lbfgs(LineSearchSettings ls, double lr, int m) : LineSearchOptimizer(ls), lr_(lr), m_(m) {}
  std::string_view name() const override { return "lbfgs"; }

 protected:
  void reset_state(Eigen::Index n) override {
    const auto slots = static_cast<Eigen::Index>(m_);
    s_.setZero(n, slots);
    y_.setZero(n, slots);
    rho_.assign(static_cast<std::size_t>(m_), 0.0);
    a_.assign(static_cast<std::size_t>(m_), 0.0);
    count_ = newest_ = 0;
    gamma_ = 1.0;
  }
  void direction(const Vector& g, Vector& d) override {
    // Slot of the i-th oldest stored pair (i = 0 … count−1) in the ring.
    auto slot = [&](int i) { return static_cast<Eigen::Index>((newest_ - (count_ - 1) + i + m_) % m_); };
    d = -g;  // q
    for (int i = count_ - 1; i >= 0; --i) {
      const auto k = slot(i);
      a_[static_cast<std::size_t>(i)] = s_.col(k).dot(d) * rho_[static_cast<std::size_t>(k)];
      d.noalias() -= a_[static_cast<std::size_t>(i)] * y_.col(k);
    }
    d *= gamma_;  // r = H₀ q
    for (int i = 0; i < count_; ++i) {
      const auto k = slot(i);
      const double b = y_.col(k).dot(d) * rho_[static_cast<std::size_t>(k)];
      d.noalias() += (a_[static_cast<std::size_t>(i)] - b) * s_.col(k);
    }
  }
  void restart() override {
    count_ = 0;
    gamma_ = 1.0;
  }
  void record(const Vector& s, const Vector& y, const Vector&, const Vector&) override {
    const double ys = y.dot(s);
    if (!(ys > std::numeric_limits<double>::epsilon() * s.norm() * y.norm())) return;
    newest_ = count_ == 0 ? 0 : (newest_ + 1) % m_;
    count_ = std::min(count_ + 1, m_);
    const auto k = static_cast<Eigen::Index>(newest_);
    s_.col(k) = s;
    y_.col(k) = y;
    rho_[static_cast<std::size_t>(k)] = 1.0 / ys;
    gamma_ = ys / y.squaredNorm();
  }
  double initial_step(const Vector& g, const Vector&, double, long k) const override {
    return k == 0 ? std::min(1.0, 1.0 / g.lpNorm<1>()) * lr_ : lr_;
  }
  void add_parameters(std::vector<std::pair<std::string, ParamValue>>& p) const override {
    p.emplace_back("history_size", std::int64_t{m_});
    if (ls_.kind == line_search::Kind::strong_wolfe) p.emplace_back("alpha", lr_);
  }

 private:
  double lr_;
  int m_;
  Eigen::MatrixXd s_, y_;  // column k: one stored pair (ring of m slots)
  std::vector<double> rho_, a_;
  int count_ = 0, newest_ = 0;
  double gamma_ = 1.0;
};

}  // namespace

MethodSchema lbfgs_method() {
  auto params = line_search_params(line_search::Kind::strong_wolfe, 0.9);
  params.insert(params.begin(), {trial_step_param(), integer_param("history_size", 100)
                                                         .in(1, 1000000, true, true)
                                                         .torch("history_size")
                                                         .help("pairs (s, y) kept")});
  return {"lbfgs", "L-BFGS (torch.optim.LBFGS's two-loop recursion) with a line search", std::nullopt,
          std::move(params), [](const ResolvedParams& p) -> std::unique_ptr<Optimizer> {
            const auto ls = resolve_line_search(p);
            return std::make_unique<Lbfgs>(ls, resolve_trial_step(p, ls),
                                           static_cast<int>(p.integer("history_size")));
          }};
}

}  // namespace kappa::optimizers
