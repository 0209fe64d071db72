#include "kappa/cli/evaluate.hpp"

#include "kappa/core/errors.hpp"
#include "kappa/cli/method_options.hpp"
#include "kappa/cli/noise_options.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/cli/spec.hpp"
#include "kappa/theory/theory.hpp"

namespace po = boost::program_options;

namespace kappa::io {

po::parsed_options parse_option_tokens(const po::options_description& desc, const OptionMap& options) {
  std::vector<std::string> args;
  args.reserve(options.size());
  for (const auto& [key, value] : options) {
    const auto* opt = desc.find_nothrow(key, false);
    if (opt && opt->semantic()->max_tokens() == 0) {
      if (value == "true") args.push_back("--" + key);
      else if (value != "false") throw InputError("--" + key + " " + value + ": a flag takes true or false");
    } else {
      args.push_back("--" + key + "=" + value);
    }
  }
  const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;  // no abbreviations
  return po::command_line_parser(args).options(desc).style(style).run();
}

po::variables_map store_options(const po::options_description& desc, const std::vector<const po::parsed_options*>& parts) {
  po::parsed_options all(&desc);
  for (const auto* p : parts) all.options.insert(all.options.end(), p->options.begin(), p->options.end());
  po::variables_map vm;
  po::store(all, vm);
  po::notify(vm);
  return vm;
}

po::variables_map parse_option_map(const po::options_description& desc, const OptionMap& options) {
  const auto tokens = parse_option_tokens(desc, options);
  return store_options(desc, {&tokens});
}

void add_rate_options(po::options_description& desc) {
  add_method_options(desc);
  add_spectrum_options(desc);
  desc.add_options()
      ("tol", po::value<std::string>()->default_value("1e-6")->value_name("EPS"), "error reduction for the iteration count, in (0, 1)")
      ("numeric", po::bool_switch(), "also minimise the rate numerically and report it beside the closed form");
  add_noise_options(desc);
}

Json rate_record(const po::variables_map& vm) { return rate_record(vm, RateShortcut{}); }

Json rate_record(const po::variables_map& vm, const RateShortcut& shortcut) {
  const auto method = method_from_options(vm);
  std::optional<Spectrum> parsed;
  if (!shortcut.spectrum) parsed = spectrum_from_options(vm);
  const Spectrum* spectrum = shortcut.spectrum ? shortcut.spectrum : parsed ? &*parsed : nullptr;
  if (!spectrum) throw InputError("no spectrum: give --kappa K, --lambda-min A --lambda-max B, or --spectrum SPEC");
  const double tol = parse_unit_open("--tol", vm["tol"].as<std::string>());
  const auto noise_opts = noise_from_options(vm, method, false);  // kappa-rate itself checks --batch alone
  const auto resolved = resolve_params(method, *spectrum, vm);
  const auto& p = resolved.params;
  const bool momentum = theory::has_momentum(method);
  const double rate = shortcut.rate ? shortcut.rate(p) : theory::rate(method, *spectrum, p);
  const auto iterations = theory::iterations_to_tol(method, *spectrum, p, tol, rate);

  Json out;
  out["method"] = theory::to_string(method);
  out["alpha"] = p.alpha;
  out["beta"] = momentum ? Json(p.beta) : Json(nullptr);
  out["params_source"] = resolved.source;
  out["rate"] = rate;
  if (resolved.source == "closed_form" || resolved.source == "textbook") {
    const auto formula = resolved.source == "textbook"
                             ? theory::nesterov_textbook(spectrum->lambda_min(), spectrum->lambda_max())
                             : *theory::optimal_closed_form(method, spectrum->lambda_min(), spectrum->lambda_max());
    out["rate_formula"] = formula.rate;  // the closed-form rate, beside the rate evaluated on the spectrum
  }
  out["converges"] = theory::converges(method, *spectrum, p);  // exact, not rate < 1
  out["iterations"] = iterations ? Json(*iterations) : Json(nullptr);
  out["tol"] = tol;
  out["kappa"] = spectrum->kappa();
  out["lambda_min"] = spectrum->lambda_min();
  out["lambda_max"] = spectrum->lambda_max();
  out["n"] = spectrum->size();
  if (momentum) {
    out["regime_lambda_min"] = theory::to_string(theory::mode_eigen(method, spectrum->lambda_min(), p).regime);
    out["regime_lambda_max"] = theory::to_string(theory::mode_eigen(method, spectrum->lambda_max(), p).regime);
    out["convention"] = velocity_convention();
  }
  if (vm["numeric"].as<bool>()) {
    const auto num = theory::optimal_numeric(method, *spectrum);
    out["numeric"] = {{"alpha", num.params.alpha},
                      {"beta", momentum ? Json(num.params.beta) : Json(nullptr)},
                      {"rate", num.rate}};
  }
  if (noise_opts) {
    // Isotropic noise: variance S2/B on every eigen-mode (lib/kappa/theory/noise.hpp).
    const auto& lambdas = spectrum->values();
    const std::vector<double> sigma2(lambdas.size(), noise_opts->gradient_variance());
    Json nf = floor_json(noise::stationary(noise_method(method, p), lambdas, sigma2));
    nf["noise_variance"] = noise_opts->noise_variance;
    nf["batch"] = noise_opts->batch;
    nf["gradient_noise_variance"] = noise_opts->gradient_variance();
    out["noise_floor"] = nf;
  }
  return out;
}

Json evaluate_rate(const OptionMap& options) {
  po::options_description desc;
  add_rate_options(desc);
  return rate_record(parse_option_map(desc, options));
}

}  // namespace kappa::io
