// Minimal reference loops: gd, heavy ball (lecture form) and Adam (torch.optim.Adam, no weight decay).
#include <cmath>

#include "kappa/data.hpp"
#include "kappa/errors.hpp"

namespace kappa::data {

ReferenceRun run_reference(Problem& p, const ReferenceParams& rp, const Vector& w0, double tol,
                           std::int64_t max_iter) {
  const Vector& ws = p.w_star();
  if (ws.size() != p.dim() || !std::isfinite(ws.norm()))
    throw InputError("reference run: the problem's optimum w* is not known");
  if (rp.method != "gd" && rp.method != "heavy-ball" && rp.method != "adam")
    throw InputError("reference run: method " + rp.method + ": expected gd, heavy-ball or adam");
  const Eigen::Index d = p.dim();
  Vector w = w0, g(d), v = Vector::Zero(d), m = Vector::Zero(d), s = Vector::Zero(d);
  const double e0 = (w0 - ws).norm();
  ReferenceRun r;
  if (e0 == 0) {
    r.converged = true;
    return r;
  }
  double b1t = 1, b2t = 1;
  double err = 1;
  for (std::int64_t k = 1; k <= max_iter; ++k) {
    p.gradient(w, g);
    if (rp.method == "gd") {
      w.noalias() -= rp.alpha * g;  // w ← w − α∇f
    } else if (rp.method == "heavy-ball") {
      v = rp.beta * v - g;          // v ← βv − ∇f(w)
      w.noalias() += rp.alpha * v;  // w ← w + αv
    } else {
      // torch.optim.Adam: m ← β₁m + (1−β₁)g, s ← β₂s + (1−β₂)g², w ← w − α m̂ / (√ŝ + ε),
      // m̂ = m/(1−β₁ᵏ), ŝ = s/(1−β₂ᵏ) (torch divides √s by √(1−β₂ᵏ) before adding ε).
      b1t *= rp.beta1;
      b2t *= rp.beta2;
      m = rp.beta1 * m + (1 - rp.beta1) * g;
      s = rp.beta2 * s + (1 - rp.beta2) * g.cwiseAbs2();
      const double step = rp.alpha / (1 - b1t);
      const double c2 = std::sqrt(1 - b2t);
      w.array() -= step * m.array() / (s.array().sqrt() / c2 + rp.eps);
    }
    err = (w - ws).norm() / e0;
    r.iterations = k;
    if (!std::isfinite(err) || err > 1e100) {
      r.diverged = true;
      break;
    }
    if (err <= tol) {
      r.converged = true;
      break;
    }
  }
  r.final_relative_error = err;
  r.measured_rate = r.iterations > 0 ? std::pow(err, 1.0 / static_cast<double>(r.iterations)) : 0;
  return r;
}

}  // namespace kappa::data
