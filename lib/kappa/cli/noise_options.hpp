// The noise options of the theory tools (kappa-rate, kappa-eig, kappa-noise):
//   --noise-variance S2   per-sample gradient-noise variance, isotropic (S2 on every coordinate)
//   --batch B             minibatch size: the gradient's noise variance is S2/B on every eigen-mode
// and the bridge from a theory method (or a kappa-run optimizer) to the noise theory's method.
#pragma once
#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kappa/app/noise.hpp"
#include "kappa/io/output.hpp"
#include "kappa/optim/optimizer.hpp"
#include "kappa/theory/noise.hpp"
#include "kappa/theory/theory.hpp"

namespace kappa::io {

void add_noise_options(boost::program_options::options_description& desc);

// nullopt when --noise-variance is not given. InputError (exit 2) for a negative or non-finite
// variance, B < 1, or a method without a linear noise theory (newton); for --batch without
// --noise-variance when batch_needs_variance (the tools). io::evaluate_rate passes false: kappa-sweep
// --mode both hands the run's --batch (the finite sum's) to the theory record too, which must not fail.
std::optional<NoiseOptions> noise_from_options(const boost::program_options::variables_map& vm,
                                               theory::Method m, bool batch_needs_variance = true);

// kappa-noise's gradient noise per eigen-mode of the diagonal quadric of `spectrum`: isotropic
// S2/B (--noise-variance S2 --batch B), or that of kappa-run's finite sum with the same --finite-sum N
// --seed S --spread X --batch B [--without-replacement] (the same points: covariance A S A / B, times
// (N - B)/(N - 1) without replacement). Writes the options it read into `params`.
struct ModeNoise {
  std::vector<double> sigma2;  // per eigen-mode, in the spectrum's order
  std::int64_t batch = 1;
};
ModeNoise noise_of_options(const boost::program_options::variables_map& vm, const Spectrum& spectrum,
                           Json& params);

}  // namespace kappa::io
