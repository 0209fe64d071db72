// The factories behind the registry (lib/src/optimizers/registry.cpp), one per method, each in its
// own file under lib/src/optimizers/. Adding a method: its file plus one registry line.
#pragma once
#include <Eigen/Core>
#include <memory>

#include "kappa/optimizer.hpp"

namespace kappa::optimizers {

// First-order methods (torch.optim names and defaults where torch has them).
std::unique_ptr<Optimizer> make_gd(const OptimizerSettings&);
std::unique_ptr<Optimizer> make_heavy_ball(const OptimizerSettings&);
std::unique_ptr<Optimizer> make_sgd(const OptimizerSettings&);
std::unique_ptr<Optimizer> make_nesterov(const OptimizerSettings&);
std::unique_ptr<Optimizer> make_nesterov_lecture(const OptimizerSettings&);
std::unique_ptr<Optimizer> make_newton(const OptimizerSettings&);
std::unique_ptr<Optimizer> make_sign_gd(const OptimizerSettings&);
std::unique_ptr<Optimizer> make_adagrad(const OptimizerSettings&);
std::unique_ptr<Optimizer> make_rmsprop(const OptimizerSettings&);
std::unique_ptr<Optimizer> make_adam(const OptimizerSettings&);
std::unique_ptr<Optimizer> make_adamw(const OptimizerSettings&);

// Direction + line-search methods.
std::unique_ptr<Optimizer> make_steepest(const OptimizerSettings&);
std::unique_ptr<Optimizer> make_cg(const OptimizerSettings&);
std::unique_ptr<Optimizer> make_bfgs(const OptimizerSettings&);
std::unique_ptr<Optimizer> make_lbfgs(const OptimizerSettings&);

// The BFGS update of a Hessian approximation H with step s and gradient change y:
//   H⁺ = H + yyᵀ/(yᵀs) − (Hs)(Hs)ᵀ/(sᵀHs)
// (the lecture's slide prints the last term with +, which breaks the secant equation H⁺s = y).
// `sign_of_last_term` = −1 is the correct update; +1 reproduces the slide, for the erratum check.
Eigen::MatrixXd bfgs_update(const Eigen::MatrixXd& H, const Eigen::VectorXd& s, const Eigen::VectorXd& y,
                            double sign_of_last_term = -1.0);

}  // namespace kappa::optimizers
