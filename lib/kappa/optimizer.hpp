// One optimizer = one small type that owns its state and a step. A registry maps --method names to
// factories. Parameter names, defaults and update order follow torch.optim 1.13 where torch has the
// method (float64), so a PyTorch run can be reproduced exactly.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kappa/problem.hpp"
#include "kappa/theory.hpp"

namespace kappa {

// Every optimizer option a user can give; unset means the method's (torch's) default. Each factory
// reads the fields its method has, rejects the ones it does not (InputError naming the option, e.g.
// "--amsgrad: method gd has no such parameter"), fills defaults and validates ranges.
struct OptimizerSettings {
  std::optional<double> alpha;         // --alpha / --lr: step size
  std::optional<double> beta;          // --beta / --momentum
  std::optional<double> dampening;     // sgd
  std::optional<bool> nesterov;        // sgd
  std::optional<double> weight_decay;  // sgd, adagrad, rmsprop, adam, adamw
  std::optional<double> beta1, beta2;  // adam, adamw: --betas B1,B2
  std::optional<double> eps;           // adagrad, rmsprop, adam, adamw, sign-gd
  std::optional<bool> amsgrad;         // adam, adamw
  std::optional<bool> centered;        // rmsprop
  std::optional<double> rho;           // rmsprop's decay (torch's alpha)
  std::optional<double> lr_decay;      // adagrad
  std::optional<double> initial_accumulator_value;  // adagrad
  std::optional<int> history_size;     // lbfgs
  // Direction + line-search methods (steepest, cg, bfgs, lbfgs): see kappa/line_search.hpp.
  std::optional<std::string> line_search;  // --line-search exact|strong-wolfe
  std::optional<double> c1, c2;            // --c1, --c2: strong Wolfe constants
  std::optional<int> max_ls;               // --max-ls: evaluations per line search (torch's max_ls)
};

class ParallelFor;

// What the run loop will test after a step, for the optimizers that can compute it in the step's own
// pass over memory (the fused diagonal kernels): ‖w − w*‖ always, f − f* and ‖∇f‖ at the new w when
// asked. pool (may be null) runs the pass on its threads; no result depends on it.
struct StepRequest {
  bool f_gap = false;
  bool grad_norm = false;
  ParallelFor* pool = nullptr;
};

struct StepInfo {
  int gradient_evaluations = 1;
  int value_evaluations = 0;
  bool breakdown = false;  // the method cannot continue (e.g. a failed line search); message says why
  std::string message;
  // At the new w, from step_measured's pass (unset when the optimizer does not fuse them). The same
  // bits as the run loop's own (w − w*).norm(), problem.f_gap(w) and ‖full_gradient(w)‖.
  std::optional<double> dist, f_gap, grad_norm;
};

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  virtual std::string_view name() const = 0;
  // The resolved parameters (defaults filled in), in a stable order, for the output's context.
  virtual std::vector<std::pair<std::string, double>> parameters() const = 0;
  // Creates the state for a problem (called once, before the first step).
  virtual void reset(const Problem& problem) = 0;
  // One iteration: updates w in place.
  virtual StepInfo step(Problem& problem, Vector& w) = 0;
  // step() that also returns the measures `request` asks for when it can compute them in its pass
  // (see StepInfo); the default is step() with the measures left to the caller.
  virtual StepInfo step_measured(Problem& problem, Vector& w, const StepRequest& request) {
    (void)request;
    return step(problem, w);
  }
  // Where the quadric theory describes this optimizer: its theory method and parameters.
  virtual std::optional<std::pair<theory::Method, theory::Params>> theory() const { return std::nullopt; }
};

// Throws InputError for an unknown name (listing the known ones) or a bad setting.
std::unique_ptr<Optimizer> make_optimizer(std::string_view name, const OptimizerSettings& settings);
const std::vector<std::string>& optimizer_names();

}  // namespace kappa
