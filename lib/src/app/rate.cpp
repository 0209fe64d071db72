// kappa-rate's record on its setup (kappa/app/rate.hpp).
#include "kappa/app/rate.hpp"

#include "kappa/app/noise.hpp"
#include "kappa/theory/noise.hpp"

namespace kappa::io {

Json rate_record(const RateSetup& setup, const std::function<double(const theory::Params&)>& rate_fn) {
  const auto method = setup.method;
  const Spectrum& spectrum = *setup.spectrum;
  const auto& resolved = setup.params;
  const auto& p = resolved.params;
  const double tol = setup.tol;
  const auto& noise_opts = setup.noise;
  const bool momentum = theory::has_momentum(method);
  const double rate = rate_fn ? rate_fn(p) : theory::rate(method, spectrum, p);
  const auto iterations = theory::iterations_to_tol(method, spectrum, p, tol, rate);

  Json out;
  out["method"] = theory::to_string(method);
  out["alpha"] = p.alpha;
  out["beta"] = momentum ? Json(p.beta) : Json(nullptr);
  out["params_source"] = resolved.source;
  out["rate"] = rate;
  if (resolved.source == "closed_form" || resolved.source == "textbook") {
    const auto formula =
        resolved.source == "textbook"
            ? theory::nesterov_textbook(spectrum.lambda_min(), spectrum.lambda_max())
            : *theory::optimal_closed_form(method, spectrum.lambda_min(), spectrum.lambda_max());
    out["rate_formula"] = formula.rate;  // the closed-form rate, beside the rate evaluated on the spectrum
  }
  out["converges"] = theory::converges(method, spectrum, p);  // exact, not rate < 1
  out["iterations"] = iterations ? Json(*iterations) : Json(nullptr);
  out["tol"] = tol;
  out["kappa"] = spectrum.kappa();
  out["lambda_min"] = spectrum.lambda_min();
  out["lambda_max"] = spectrum.lambda_max();
  out["n"] = spectrum.size();
  if (momentum) {
    out["regime_lambda_min"] = theory::to_string(theory::mode_eigen(method, spectrum.lambda_min(), p).regime);
    out["regime_lambda_max"] = theory::to_string(theory::mode_eigen(method, spectrum.lambda_max(), p).regime);
    out["convention"] = velocity_convention();
  }
  if (setup.numeric) {
    const auto num = theory::optimal_numeric(method, spectrum);
    out["numeric"] = {{"alpha", num.params.alpha},
                      {"beta", momentum ? Json(num.params.beta) : Json(nullptr)},
                      {"rate", num.rate}};
  }
  if (noise_opts) {
    // Isotropic noise: variance S2/B on every eigen-mode (lib/kappa/theory/noise.hpp).
    const auto& lambdas = spectrum.values();
    const std::vector<double> sigma2(lambdas.size(), noise_opts->gradient_variance());
    Json nf = floor_json(noise::stationary(noise_method(method, p), lambdas, sigma2));
    nf["noise_variance"] = noise_opts->noise_variance;
    nf["batch"] = noise_opts->batch;
    nf["gradient_noise_variance"] = noise_opts->gradient_variance();
    out["noise_floor"] = nf;
  }
  return out;
}

}  // namespace kappa::io
