#include "kappa/cli/evaluate.hpp"

#include "kappa/cli/method_options.hpp"
#include "kappa/cli/noise_options.hpp"
#include "kappa/cli/spec.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"

namespace po = boost::program_options;

namespace kappa::io {

// The options an option map names, matched against desc as exact long names (as the tools' command
// lines, which allow no abbreviation) and built as Boost's command-line parser builds them, without
// writing "--key=value" and tokenising it again: a flag's "true" is the flag, "false" leaves it out.
po::parsed_options parse_option_tokens(const po::options_description& desc, const OptionMap& options) {
  po::parsed_options parsed(&desc);
  parsed.options.reserve(options.size());
  for (const auto& [key, value] : options) {
    const auto* opt = desc.find_nothrow(key, false);
    if (!opt) throw po::unknown_option("--" + key);
    po::option o;
    o.string_key = opt->key(key);
    if (opt->semantic()->max_tokens() == 0) {
      if (value == "false") continue;
      if (value != "true") throw InputError("--" + key + " " + value + ": a flag takes true or false");
      o.original_tokens = {"--" + key};
    } else {
      o.value = {value};
      o.original_tokens = {"--" + key + "=" + value};
    }
    parsed.options.push_back(std::move(o));
  }
  return parsed;
}

po::variables_map store_options(const po::options_description& desc,
                                const std::vector<const po::parsed_options*>& parts) {
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
  desc.add_options()("tol", po::value<std::string>()->default_value("1e-6")->value_name("EPS"),
                     "error reduction for the iteration count, in (0, 1)")(
      "numeric", po::bool_switch(),
      "also minimise the rate numerically and report it beside the closed form");
  add_noise_options(desc);
}

RateSetup rate_setup(const po::variables_map& vm, std::shared_ptr<const Spectrum> known) {
  RateSetup s;
  s.method = method_from_options(vm);
  s.spectrum = known;
  if (!s.spectrum)
    if (auto parsed = spectrum_from_options(vm))
      s.spectrum = std::make_shared<const Spectrum>(std::move(*parsed));
  if (!s.spectrum)
    throw InputError("no spectrum: give --kappa K, --lambda-min A --lambda-max B, or --spectrum SPEC");
  s.tol = parse_unit_open("--tol", vm["tol"].as<std::string>());
  s.noise = noise_from_options(vm, s.method, false);  // kappa-rate itself checks --batch alone
  s.params = resolve_params(s.method, *s.spectrum, vm);
  s.numeric = vm["numeric"].as<bool>();
  return s;
}

Json rate_record(const po::variables_map& vm) { return rate_record(rate_setup(vm)); }

Json evaluate_rate(const OptionMap& options) {
  po::options_description desc;
  add_rate_options(desc);
  return rate_record(parse_option_map(desc, options));
}

}  // namespace kappa::io
