// Placeholders for the first-order methods not written yet; removed as each lands.
#include "kappa/errors.hpp"
#include "kappa/optimizers.hpp"

namespace kappa::optimizers {
#define KAPPA_STUB(fn, name) \
  std::unique_ptr<Optimizer> fn(const OptimizerSettings&) { throw RuntimeError("method " name " is not built yet"); }
KAPPA_STUB(make_sgd, "sgd")
KAPPA_STUB(make_nesterov, "nesterov")
KAPPA_STUB(make_nesterov_lecture, "nesterov-lecture")
KAPPA_STUB(make_newton, "newton")
KAPPA_STUB(make_sign_gd, "sign-gd")
KAPPA_STUB(make_adagrad, "adagrad")
KAPPA_STUB(make_rmsprop, "rmsprop")
KAPPA_STUB(make_adam, "adam")
KAPPA_STUB(make_adamw, "adamw")
}  // namespace kappa::optimizers
