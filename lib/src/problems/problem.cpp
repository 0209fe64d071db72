#include "kappa/problems/problem.hpp"

#include "kappa/core/errors.hpp"

namespace kappa {

double Problem::value_and_gradient(const Vector& w, Vector& g) {
  const double f = value(w);
  gradient(w, g);
  return f;
}

void Problem::hessian_times(const Vector&, const Vector&, Vector&) const {
  throw RuntimeError(std::string("problem '") + std::string(kind()) + "' has no Hessian");
}

void Problem::hessian_solve(const Vector&, const Vector&, Vector&) const {
  throw RuntimeError(std::string("problem '") + std::string(kind()) + "' has no Hessian");
}

}  // namespace kappa
