// kappa-run's computation as a library call. Placeholder until the optimizers land (issue 3).
#include "kappa/errors.hpp"
#include "kappa/io/evaluate.hpp"

namespace kappa::io {

Json evaluate_run(const OptionMap&) { throw RuntimeError("kappa-run evaluation is not available yet"); }

}  // namespace kappa::io
