// Placeholders until the line-search optimizers land (issue 3); delete this file then.
#include "kappa/errors.hpp"
#include "kappa/optimizers.hpp"

namespace kappa::optimizers {
#define KAPPA_STUB(fn, name) \
  std::unique_ptr<Optimizer> fn(const OptimizerSettings&) { throw RuntimeError("method " name " is not built yet"); }
KAPPA_STUB(make_steepest, "steepest")
KAPPA_STUB(make_cg, "cg")
KAPPA_STUB(make_bfgs, "bfgs")
KAPPA_STUB(make_lbfgs, "lbfgs")
Eigen::MatrixXd bfgs_update(const Eigen::MatrixXd&, const Eigen::VectorXd&, const Eigen::VectorXd&, double) {
  throw RuntimeError("bfgs_update is not built yet");
}
}  // namespace kappa::optimizers
