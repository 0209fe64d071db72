// What the optimizers export besides the registry (kappa/optim/optimizer.hpp, kappa/optim/method_schema.hpp).
#pragma once
#include <Eigen/Core>

#include "kappa/optim/optimizer.hpp"

namespace kappa::optimizers {

// The BFGS update of a Hessian approximation H with step s and gradient change y:
//   H⁺ = H + yyᵀ/(yᵀs) − (Hs)(Hs)ᵀ/(sᵀHs)
// (the lecture's slide prints the last term with +, which breaks the secant equation H⁺s = y).
// `sign_of_last_term` = −1 is the correct update; +1 reproduces the slide, for the erratum check.
Eigen::MatrixXd bfgs_update(const Eigen::MatrixXd& H, const Eigen::VectorXd& s, const Eigen::VectorXd& y,
                            double sign_of_last_term = -1.0);

}  // namespace kappa::optimizers
