// The worst-case rate max_i ρ(T(λᵢ)) evaluated fast: a branch-free loop over the eigenvalues that
// the compiler vectorises, for one (α, β) or a whole (α, β) map. Each radius is computed with the
// same operations, in the same order, as theory::mode_radius (including its factored discriminant
// and its "repeated root" test), so RateKernel(m, s)(p) == theory::rate(m, s, p) bit for bit.
#pragma once
#include <span>
#include <vector>

#include "kappa/theory/spectrum.hpp"
#include "kappa/theory/theory.hpp"

namespace kappa::theory {

// True when the maximum of the per-mode radius over any spectrum sits at λ_min or λ_max (the radius
// is quasi-convex in u = αλ; the argument is in rate_map.cpp): gd, heavy-ball, nesterov, newton.
bool ends_suffice(Method m);

class RateKernel {
 public:
  // ends_only: use only λ_min and λ_max (throws InputError when !ends_suffice(m)).
  RateKernel(Method m, const Spectrum& s, bool ends_only = false);

  // max_i mode_radius(m, λᵢ, p), without validation of p (callers validate once per axis value).
  double operator()(const Params& p) const;

  // out[j·alphas.size() + i] = (*this)({alphas[i], betas[j]}), on `threads` threads (rows of β handed
  // out one at a time). out.size() must be alphas.size()·betas.size(). For gd/newton betas may be {0}.
  void map(std::span<const double> alphas, std::span<const double> betas, std::span<double> out,
           int threads) const;

  Method method() const { return method_; }
  std::size_t radii_per_point() const { return count_; }

 private:
  Method method_;
  std::vector<double> lambdas_;  // padded with λ_max to a multiple of the block size
  std::size_t count_;            // eigenvalues evaluated per point
};

}  // namespace kappa::theory
