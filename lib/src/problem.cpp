#include "kappa/problem.hpp"

#include "kappa/errors.hpp"

namespace kappa {

void Problem::hessian_times(const Vector&, const Vector&, Vector&) const {
  throw RuntimeError(std::string("problem '") + std::string(kind()) + "' has no Hessian");
}

void Problem::hessian_solve(const Vector&, const Vector&, Vector&) const {
  throw RuntimeError(std::string("problem '") + std::string(kind()) + "' has no Hessian");
}

}  // namespace kappa
