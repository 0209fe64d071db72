// The gradient noise of the theory tools as values (kappa/cli/noise_options.hpp parses it), and the
// bridge from a theory method or a kappa-run optimizer to the noise theory's method (kappa/theory/noise.hpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "kappa/io/output.hpp"
#include "kappa/optim/optimizer.hpp"
#include "kappa/theory/noise.hpp"
#include "kappa/theory/theory.hpp"

namespace kappa::io {

// --noise-variance S2 --batch B: per-sample variance S2 on every coordinate, minibatch B.
struct NoiseOptions {
  double noise_variance = 0;  // per sample, per coordinate
  std::int64_t batch = 1;
  double gradient_variance() const { return noise_variance / static_cast<double>(batch); }
};

// The noise theory's method for a theory method (gd, heavy-ball, nesterov, nesterov-lecture);
// InputError for newton.
noise::Method noise_method(theory::Method m, const theory::Params& p);

// The noise theory's method for a kappa-run optimizer, or nullopt with the reason in `why` when the
// optimizer has none (adaptive and sign methods: the step depends on the noisy gradient nonlinearly;
// weight decay; line searches and quasi-Newton need exact gradients; newton).
std::optional<noise::Method> noise_method(const Optimizer& opt, std::string& why);

// {"dist2", "f_gap"} of a stationary floor, JSON null for both plus "note" when a mode has rate >= 1.
Json floor_json(const noise::Floor& f);

}  // namespace kappa::io
