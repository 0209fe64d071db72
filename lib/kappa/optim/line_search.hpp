// Direction + line-search methods (steepest, cg, bfgs, lbfgs) and the line searches they share.
//
// Every method here is one loop, read top to bottom in LineSearchOptimizer::step:
//   g = ∇f(w)                          (cached from the previous step when w is unchanged)
//   d = direction(g)                   (the method: −g, CG, −H g, the L-BFGS two-loop recursion)
//   if gᵀd ≥ 0: restart, d = −g        (never search uphill)
//   t = line search along d            (exact on quadrics: t = −gᵀd / dᵀAd; or strong Wolfe)
//   w ← w + t d;  the method records s = t d, y = ∇f(w⁺) − g
// There is no internal stopping rule (no tolerance_grad / tolerance_change as in torch.optim.LBFGS):
// the run loop stops on the user's --tol. A line search that cannot find a lower f reports a
// breakdown with a message instead of silently taking a zero step.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kappa/optim/optimizer.hpp"
#include "kappa/problems/problem.hpp"

namespace kappa::line_search {

enum class Kind {
  exact,         // t = −gᵀd / (dᵀAd): the minimiser of f along d on a quadric (needs hessian_times)
  strong_wolfe,  // Nocedal & Wright Alg. 3.5/3.6 as ported by torch.optim.lbfgs._strong_wolfe
};
std::string_view to_string(Kind k);  // "exact" | "strong-wolfe"
std::optional<Kind> kind_from_string(std::string_view name);

// Strong Wolfe conditions for φ(t) = f(w + t d):
//   sufficient decrease  φ(t) ≤ φ(0) + c1 t φ'(0)
//   curvature            |φ'(t)| ≤ −c2 φ'(0)
struct WolfeParams {
  double c1 = 1e-4;
  double c2 = 0.9;      // torch's default; CG uses 0.1 (Nocedal & Wright §5.2)
  int max_evals = 25;   // torch's max_ls: function evaluations per line search
  double xtol = 1e-14;  // zoom stops when the bracket is narrower than xtol · its right end (relative;
                        // torch's rule |t_hi − t_lo|·‖d‖∞ < 1e-9 is absolute in w and fires near w*)
  void validate() const;  // ParamError naming the parameter: c1, c2, max_ls
};

struct Result {
  double t = 0.0;       // the accepted step (the bracket's low point)
  double f = 0.0;       // φ(t)
  double gtd = 0.0;     // φ'(t)
  int evaluations = 0;  // f and ∇f evaluations (each trial costs one of each)
  bool wolfe = false;   // both strong Wolfe conditions hold at t
  std::string failure;  // non-empty when no point with φ(t) < φ(0) was found (then t = 0)
};

// torch.optim.lbfgs._cubic_interpolate: the minimiser of the cubic through (x1, f1, g1), (x2, f2, g2),
// clamped to [lo, hi]; the midpoint of [lo, hi] when the cubic has no real minimiser.
double cubic_interpolate(double x1, double f1, double g1, double x2, double f2, double g2, double lo,
                         double hi);

// Strong-Wolfe line search along d from w (f = f(w), g = ∇f(w), gtd = gᵀd < 0), first trial step t0.
// On return w_trial = w + t d and g_out = ∇f(w + t d) for the returned t.
Result strong_wolfe(Problem& problem, const Vector& w, const Vector& d, double f, const Vector& g, double gtd,
                    double t0, const WolfeParams& params, Vector& w_trial, Vector& g_out);

}  // namespace kappa::line_search

namespace kappa::optimizers {

// The settings every line-search method has (--line-search, --c1, --c2, --max-ls), resolved.
struct LineSearchSettings {
  line_search::Kind kind = line_search::Kind::exact;
  line_search::WolfeParams wolfe;
};

// The schema entries every line-search method has: line_search (exact | strong-wolfe), c1, c2, max_ls.
std::vector<ParamSchema> line_search_params(line_search::Kind default_kind, double default_c2);
// Their resolved values; c1, c2 and max_ls given with the exact search are refused (no role there).
LineSearchSettings resolve_line_search(const ResolvedParams& p);

// bfgs and lbfgs: alpha is torch's lr, the first trial step of the strong-Wolfe search (default 1);
// refused with the exact line search, where it has no role.
ParamSchema trial_step_param();
double resolve_trial_step(const ResolvedParams& p, const LineSearchSettings& ls);

// The shared loop. A method supplies its direction and what it remembers from a step.
class LineSearchOptimizer : public Optimizer {
 public:
  explicit LineSearchOptimizer(LineSearchSettings ls) : ls_(ls) {}
  void reset(const Problem& problem) final;
  StepInfo step(Problem& problem, Vector& w) final;
  std::vector<std::pair<std::string, ParamValue>> parameters() const override;
  const LineSearchSettings& line_search_settings() const { return ls_; }

 protected:
  // Called by reset() for dimension n: clear the method's state.
  virtual void reset_state(Eigen::Index n) = 0;
  // The search direction at the current point (g = ∇f(w)) into d (sized n).
  virtual void direction(const Vector& g, Vector& d) = 0;
  // gᵀd ≥ 0: drop the method's memory; direction() is then asked again and must give −g.
  virtual void restart() = 0;
  // After a step t along d: s = t d, y = g_new − g_old.
  virtual void record(const Vector& s, const Vector& y, const Vector& g_old, const Vector& g_new) = 0;
  // The first trial step of the strong-Wolfe search (iteration k counts from 0).
  virtual double initial_step(const Vector& g, const Vector& d, double gtd, long k) const;
  // Method parameters beyond the line search, for parameters().
  virtual void add_parameters(std::vector<std::pair<std::string, ParamValue>>&) const {}

  LineSearchSettings ls_;
  long iteration_ = 0;   // steps taken since reset
  double last_t_ = 0.0;  // the previous step's t and gᵀd (for Nocedal & Wright (3.60))
  double last_gtd_ = 0.0;

 private:
  Vector g_, d_, w_trial_, g_trial_, s_, y_, ad_;
  Vector w_cached_;  // the w at which g_ and f_ were evaluated
  double f_ = 0.0;
  bool have_g_ = false;
};

}  // namespace kappa::optimizers
