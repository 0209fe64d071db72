#include "kappa/cli/noise_options.hpp"

#include <fmt/format.h>

#include <cmath>

#include "kappa/core/errors.hpp"
#include "kappa/core/format_number.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/problems/problems.hpp"
#include "kappa/theory/spectrum.hpp"

namespace po = boost::program_options;

namespace kappa::io {

void add_noise_options(po::options_description& desc) {
  po::options_description n("Gradient noise (stationary floor of E|w - w*|^2 and E[f - f*])");
  n.add_options()("noise-variance", po::value<std::string>()->value_name("S2"),
                  "per-sample gradient-noise variance on every coordinate (isotropic), >= 0")(
      "batch", po::value<std::string>()->value_name("B"),
      "minibatch size: the gradient's noise variance is S2/B (default 1)");
  desc.add(n);
}

std::optional<NoiseOptions> noise_from_options(const po::variables_map& vm, theory::Method m,
                                               bool batch_needs_variance) {
  const bool has_s2 = vm.count("noise-variance"), has_b = vm.count("batch");
  if (!has_s2 && has_b && batch_needs_variance)
    throw InputError(fmt::format("--batch {}: needs --noise-variance S2", vm["batch"].as<std::string>()));
  if (!has_s2) return std::nullopt;
  NoiseOptions o;
  const auto& t = vm["noise-variance"].as<std::string>();
  o.noise_variance = parse_double("--noise-variance", t);
  if (!std::isfinite(o.noise_variance) || !(o.noise_variance >= 0))
    throw InputError(fmt::format("--noise-variance {}: must be a finite number >= 0", t));
  if (has_b) {
    const auto& tb = vm["batch"].as<std::string>();
    o.batch = parse_int("--batch", tb);
    if (o.batch < 1) throw InputError(fmt::format("--batch {}: must be an integer >= 1", tb));
  }
  if (m == theory::Method::newton)
    throw InputError(
        "--noise-variance: newton has no noise theory here (a noisy Newton step is not the "
        "lecture's setting; use gd, heavy-ball, nesterov or nesterov-lecture)");
  return o;
}

ModeNoise noise_of_options(const po::variables_map& vm, const Spectrum& spectrum, Json& params) {
  const auto& lambdas = spectrum.values();
  const auto n = static_cast<Eigen::Index>(lambdas.size());
  const bool fs = vm.count("finite-sum");
  for (const char* key : {"seed", "spread"})
    if (!fs && vm.count(key)) throw InputError(fmt::format("--{}: applies only with --finite-sum N", key));
  const bool without_replacement = vm["without-replacement"].as<bool>();
  if (!fs && without_replacement) throw InputError("--without-replacement: applies only with --finite-sum N");
  if (fs && vm.count("noise-variance"))
    throw InputError("--noise-variance: give either it or --finite-sum N, not both");
  if (!fs && !vm.count("noise-variance"))
    throw InputError("no noise: give --noise-variance S2 or --finite-sum N");

  std::vector<double> sigma2(lambdas.size());
  std::int64_t batch = 1;
  if (fs) {
    const auto& tn = vm["finite-sum"].as<std::string>();
    const auto N = io::parse_int("--finite-sum", tn);
    if (N < 1) throw InputError(fmt::format("--finite-sum {}: must be >= 1", tn));
    batch = vm.count("batch") ? io::parse_int("--batch", vm["batch"].as<std::string>()) : 1;
    const auto seed = vm.count("seed") ? io::parse_seed("--seed", vm["seed"].as<std::string>()) : 0;
    const double spread =
        vm.count("spread") ? io::parse_double("--spread", vm["spread"].as<std::string>()) : 1.0;
    // The very points kappa-run draws: diagonal A, the problem's own offsets (noise A S A / B, u_i = e_i).
    const auto problem = problems::finite_sum(problems::diagonal(spectrum), N, batch, seed, spread);
    const auto parts = problems::finite_sum_parts(*problem);
    const double Nd = static_cast<double>(N), Bd = static_cast<double>(batch);
    const double fpc = !without_replacement ? 1.0 : (N > 1 ? (Nd - Bd) / (Nd - 1) : 0.0);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double l = lambdas[static_cast<std::size_t>(i)];
      sigma2[static_cast<std::size_t>(i)] = l * l * parts.offsets->row(i).squaredNorm() / Nd / Bd * fpc;
    }
    if (without_replacement) params["without_replacement"] = true;
    params["finite_sum"] = N;
    params["seed"] = seed;
    params["spread"] = spread;
  } else {
    const auto opts = io::noise_from_options(vm, theory::Method::gd);
    batch = opts->batch;
    std::fill(sigma2.begin(), sigma2.end(), opts->gradient_variance());
    params["noise_variance"] = opts->noise_variance;
  }
  return {std::move(sigma2), batch};
}

}  // namespace kappa::io
