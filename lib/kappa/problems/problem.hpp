// An objective to minimise: dimension, f(w), ∇f(w) into a caller's buffer (no allocation per call),
// f*, w*, and the Hessian's spectrum where it is known. Quadrics f(w) = ½ (w−w*)ᵀA(w−w*) + f*
// expose A through hessian_times / hessian_solve; non-quadratic problems may give the local Hessian
// at w through the same calls.
#pragma once
#include <Eigen/Core>
#include <optional>
#include <string_view>

#include "kappa/theory/spectrum.hpp"

namespace kappa {

using Vector = Eigen::VectorXd;

class Problem {
 public:
  virtual ~Problem() = default;

  virtual std::string_view kind() const = 0;  // "diagonal", "rotated", "matrix", "finite-sum", ...
  virtual Eigen::Index dim() const = 0;

  virtual double value(const Vector& w) const = 0;
  // ∇f(w) into g (already sized dim()). A stochastic problem returns a minibatch estimate and
  // advances its own seeded RNG, hence non-const.
  virtual void gradient(const Vector& w, Vector& g) = 0;
  // f(w) and ∇f(w) into g in one call (Ceres' FirstOrderFunction::Evaluate, LBFGSpp's f(x, grad)): the
  // same bits as value(w) then gradient(w, g), which is the default; problems whose value and gradient
  // share a pass over their data override it (the quadrics, logistic regression, the sigmoid fit).
  virtual double value_and_gradient(const Vector& w, Vector& g);
  // The exact gradient (the same as gradient() for deterministic problems).
  virtual void full_gradient(const Vector& w, Vector& g) const = 0;
  virtual bool stochastic() const { return false; }

  // The optimum, when known (empty / NaN otherwise).
  virtual const Vector& w_star() const = 0;
  virtual double f_star() const = 0;
  // f(w) − f*, computed without the cancellation of value(w) − f_star() where a problem can
  // (quadrics: ½ (w−w*)ᵀA(w−w*)).
  virtual double f_gap(const Vector& w) const { return value(w) - f_star(); }

  // The Hessian's eigenvalues when known (diagonal and rotated quadrics, a matrix whose spectrum was
  // computed, least squares on data).
  virtual std::optional<Spectrum> spectrum() const { return std::nullopt; }

  // Hessian at w times x, and the solve H(w)⁻¹ g; has_hessian() says whether they are available.
  virtual bool has_hessian() const { return false; }
  virtual void hessian_times(const Vector& w, const Vector& x, Vector& out) const;
  virtual void hessian_solve(const Vector& w, const Vector& g, Vector& out) const;

  // For diagonal quadrics: the diagonal λ (else nullptr). Lets first-order methods run one fused
  // pass per step (read λ, w, state; write w, state) instead of a gradient pass plus an update pass.
  virtual const Vector* diagonal() const { return nullptr; }
};

}  // namespace kappa
