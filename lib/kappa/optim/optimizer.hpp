// One optimizer = one small type that owns its state and a step. The registry maps method names to
// schemas (kappa/optim/method_schema.hpp: parameters, defaults, ranges) and factories. Parameter names,
// defaults and update order follow torch.optim 1.13 where torch has the method (float64), so a
// PyTorch run can be reproduced exactly.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kappa/optim/method_schema.hpp"
#include "kappa/problems/problem.hpp"
#include "kappa/theory/theory.hpp"

namespace kappa {

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
  // The resolved parameters (defaults filled in) by their output key, in a stable order, with their
  // types (the parameters block of the output). By default the schema's parameters in schema order
  // (ResolvedParams::block, set by MethodSchema::make); a method whose block depends on its state
  // (the line-search methods) overrides it.
  virtual std::vector<std::pair<std::string, ParamValue>> parameters() const { return parameters_; }
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

 private:
  friend struct MethodSchema;  // MethodSchema::make sets parameters_
  std::vector<std::pair<std::string, ParamValue>> parameters_;
};

// The method's optimizer with `params` validated against its schema. Throws ParamError for an unknown
// method (naming the known ones) or a bad parameter.
std::unique_ptr<Optimizer> make_optimizer(std::string_view name, const MethodParams& params = {});
const std::vector<std::string>& optimizer_names();

}  // namespace kappa
