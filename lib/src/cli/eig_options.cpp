// kappa-eig's options and its setup (kappa/cli/computations.hpp); the computation is lib/src/app/eig.cpp.
#include "kappa/cli/computations.hpp"
#include "kappa/cli/method_options.hpp"
#include "kappa/cli/noise_options.hpp"
#include "kappa/cli/spec.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/theory/theory.hpp"

namespace po = boost::program_options;

namespace kappa::io {

void add_eig_options(po::options_description& desc) {
  add_method_options(desc);
  add_spectrum_options(desc);
  desc.add_options()("show-matrix", po::bool_switch(), "add the matrix entries m11 m12 m21 m22 to each row")(
      "convention", po::value<std::string>()->default_value("velocity")->value_name("C"),
      "state of --show-matrix: velocity (v, w) | buffer (b, w), b = -v: torch's momentum buffer, the lecture's slide");
  add_noise_options(desc);
}

EigSetup eig_setup(const po::variables_map& vm) {
  const auto method = method_from_options(vm);
  auto spectrum = spectrum_from_options(vm);
  if (!spectrum)
    throw InputError("no spectrum: give --kappa K, --lambda-min A --lambda-max B, or --spectrum SPEC");
  auto params = resolve_params(method, *spectrum, vm);
  const bool show_matrix = vm["show-matrix"].as<bool>();
  const std::string convention = vm["convention"].as<std::string>();
  if (convention != "velocity" && convention != "buffer")
    throw InputError("--convention " + convention + ": expected velocity or buffer");
  auto noise = noise_from_options(vm, method);
  return {method, std::move(*spectrum),     std::move(params), show_matrix, convention == "buffer",
          noise,  spectrum_options_json(vm)};
}

}  // namespace kappa::io
