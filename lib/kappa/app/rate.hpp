// kappa-rate's computation on its setup: the tool's options parsed once (kappa/cli/evaluate.hpp's
// rate_setup), so kappa-rate, kappa-sweep's theory mode and kappa-check's rate claims compute one record.
#pragma once
#include <functional>
#include <memory>
#include <optional>

#include "kappa/app/noise.hpp"
#include "kappa/app/params.hpp"
#include "kappa/io/output.hpp"
#include "kappa/theory/spectrum.hpp"
#include "kappa/theory/theory.hpp"

namespace kappa::io {

struct RateSetup {
  theory::Method method = theory::Method::gd;
  std::shared_ptr<const Spectrum> spectrum;  // shared: a sweep builds it once for all its points
  TunedParams params;                        // given, or the optimum for the spectrum
  double tol = 1e-6;                         // error reduction for the iteration count, in (0, 1)
  bool numeric = false;                      // also the numerical optimum
  std::optional<NoiseOptions> noise;
};

// kappa-rate's result record: method, alpha, beta, params_source, rate, rate_formula?, converges,
// iterations, tol, kappa, lambda_min, lambda_max, n, regime_*, convention, numeric?, noise_floor?.
// `rate`, when given, computes the rate of the parameters on the setup's spectrum in place of
// theory::rate (kappa-sweep: theory::RateKernel, which gives theory::rate's bits).
Json rate_record(const RateSetup& setup, const std::function<double(const theory::Params&)>& rate = {});

}  // namespace kappa::io
