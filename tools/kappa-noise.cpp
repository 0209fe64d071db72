// kappa-noise: the exact expected error curve E|w_k - w*|^2 of a noisy first-order method on a
// quadric, its stationary floor, the step at which the noise dominates, and the steps (and gradient
// evaluations) to reach E|w - w*|^2 <= eps (lib/kappa/theory/noise.hpp).
#include <fmt/format.h>

#include "kappa/cli/cli.hpp"
#include "kappa/cli/method_options.hpp"
#include "kappa/cli/noise_options.hpp"
#include "kappa/cli/optimizer_options.hpp"
#include "kappa/cli/spec.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/problems/problems.hpp"
#include "kappa/theory/noise.hpp"

#include "tool_help.hpp"

using namespace kappa;
namespace po = boost::program_options;

namespace {

const char* kMethods =
    "gd, heavy-ball, nesterov, nesterov-lecture or sgd (torch's, with --momentum/--dampening/--nesterov)";

noise::Method method_from(const po::variables_map& vm) {
  if (!vm.count("method")) throw InputError(fmt::format("--method: required ({})", kMethods));
  const auto& name = vm["method"].as<std::string>();
  noise::Method m;
  if (name == "gd")
    m.scheme = noise::Scheme::gd;
  else if (name == "heavy-ball")
    m.scheme = noise::Scheme::heavy_ball;
  else if (name == "nesterov")
    m.scheme = noise::Scheme::nesterov;
  else if (name == "nesterov-lecture")
    m.scheme = noise::Scheme::nesterov_lecture;
  else if (name == "sgd")
    m.scheme = noise::Scheme::torch_sgd;
  else if (name == "newton" || name == "steepest" || name == "cg" || name == "bfgs" || name == "lbfgs")
    throw InputError(
        fmt::format("--method {}: no noise theory (newton and the line-search methods need exact "
                    "gradients); expected {}",
                    name, kMethods));
  else if (name == "sign-gd" || name == "adagrad" || name == "rmsprop" || name == "adam" || name == "adamw")
    throw InputError(
        fmt::format("--method {}: an adaptive method divides by the noisy gradient's own size, so its "
                    "second moments do not follow a linear recurrence; expected {}",
                    name, kMethods));
  else
    throw InputError(fmt::format("--method {}: unknown method; expected {}", name, kMethods));
  const auto alpha = io::synonym_option(vm, "alpha", "lr");
  const auto beta = io::synonym_option(vm, "beta", "momentum");
  if (!alpha) throw InputError(fmt::format("--alpha: required for method {}", name));
  m.alpha = io::parse_double(alpha->first, alpha->second);
  const bool needs_beta = m.scheme == noise::Scheme::heavy_ball || m.scheme == noise::Scheme::nesterov ||
                          m.scheme == noise::Scheme::nesterov_lecture;
  if (beta && m.scheme == noise::Scheme::gd)
    throw InputError(fmt::format("{} {}: method gd has no momentum parameter", beta->first, beta->second));
  if (needs_beta && !beta) throw InputError(fmt::format("--beta: required for method {}", name));
  if (beta) m.beta = io::parse_double(beta->first, beta->second);
  if (vm.count("dampening")) {
    if (m.scheme != noise::Scheme::torch_sgd) throw InputError("--dampening: only sgd has dampening");
    m.dampening = io::parse_double("--dampening", vm["dampening"].as<std::string>());
  }
  if (vm["nesterov"].as<bool>()) {
    if (m.scheme != noise::Scheme::torch_sgd)
      throw InputError("--nesterov: a flag of sgd (use --method nesterov for kappa's)");
    m.nesterov = true;
  }
  noise::validate(m);
  return m;
}

std::string scheme_name(noise::Scheme s) {
  switch (s) {
    case noise::Scheme::gd: return "gd";
    case noise::Scheme::heavy_ball: return "heavy-ball";
    case noise::Scheme::nesterov: return "nesterov";
    case noise::Scheme::nesterov_lecture: return "nesterov-lecture";
    case noise::Scheme::torch_sgd: return "sgd";
  }
  return "?";
}

}  // namespace

int main(int argc, char** argv) {
  io::Tool tool("kappa-noise", tool_help);
  tool.options().add_options()("method,m", po::value<std::string>()->value_name("M"),
                               "gd | heavy-ball | nesterov | nesterov-lecture | sgd")(
      "alpha", po::value<std::string>()->value_name("A"), "step size (torch's lr)")(
      "lr", po::value<std::string>()->value_name("A"), "synonym of --alpha")(
      "beta", po::value<std::string>()->value_name("B"), "momentum in [0, 1)")(
      "momentum", po::value<std::string>()->value_name("B"), "synonym of --beta")(
      "dampening", po::value<std::string>()->value_name("D"), "sgd: dampening in [0, 1] (default 0)")(
      "nesterov", po::bool_switch(), "sgd: torch's Nesterov momentum");
  io::add_spectrum_options(tool.options());
  io::add_noise_options(tool.options());
  tool.options().add_options()(
      "finite-sum", po::value<std::string>()->value_name("N"),
      "the noise of kappa-run's finite sum over N points (instead of --noise-variance)")(
      "seed", po::value<std::string>()->value_name("S"),
      "finite sum: seed of the points (default 0, as kappa-run)")(
      "spread", po::value<std::string>()->value_name("X"),
      "finite sum: spread of the points (default 1, as kappa-run)")(
      "without-replacement", po::bool_switch(),
      "finite sum: minibatches of B distinct points (noise times (N - B)/(N - 1))")(
      "w0", po::value<std::string>()->value_name("SPEC"),
      "start: ones (default) | zeros | const:X | randn:SEED | file:PATH")(
      "iters", po::value<std::string>()->default_value("1000")->value_name("K"), "last step of the curve")(
      "every", po::value<std::string>()->default_value("1")->value_name("J"),
      "a row every J steps (and the last)")("eps", po::value<std::string>()->value_name("E"),
                                            "also the first k with E|w_k - w*|^2 <= E")(
      "max-steps", po::value<std::string>()->default_value("10000000")->value_name("K"),
      "search limit of steps_to_eps and noise_dominates_step");
  tool.add_output_options();

  return tool.run(argc, argv, [&](const po::variables_map& vm) {
    const auto format = tool.format(vm);
    const auto m = method_from(vm);
    const auto spectrum = io::spectrum_from_options(vm);
    if (!spectrum)
      throw InputError("no spectrum: give --kappa K, --lambda-min A --lambda-max B, or --spectrum SPEC");
    const auto& lambdas = spectrum->values();
    const auto n = static_cast<Eigen::Index>(lambdas.size());
    io::Json params = io::spectrum_options_json(vm);
    params["method"] = scheme_name(m.scheme);
    params["alpha"] = m.alpha;
    params["beta"] = m.scheme == noise::Scheme::gd ? io::Json(nullptr) : io::Json(m.beta);
    if (m.scheme == noise::Scheme::torch_sgd) {
      params["dampening"] = m.dampening;
      params["nesterov"] = m.nesterov;
    }
    const auto noise = io::noise_of_options(vm, *spectrum, params);
    const std::int64_t batch = noise.batch;
    const std::vector<double>& sigma2 = noise.sigma2;
    params["batch"] = batch;
    const std::string w0spec = vm.count("w0") ? vm["w0"].as<std::string>() : "ones";
    const Vector w0v = io::vector_from_spec(w0spec, n, "--w0");
    const std::vector<double> e0(w0v.data(), w0v.data() + n);
    params["w0"] = w0spec;
    const auto& ti = vm["iters"].as<std::string>();
    const auto K = io::parse_int("--iters", ti);
    if (K < 0 || K > 100000000) throw InputError(fmt::format("--iters {}: must be in [0, 1e8]", ti));
    const auto& te = vm["every"].as<std::string>();
    const auto every = io::parse_int("--every", te);
    if (every < 1) throw InputError(fmt::format("--every {}: must be >= 1", te));
    const auto& tm = vm["max-steps"].as<std::string>();
    const auto max_steps = io::parse_int("--max-steps", tm);
    if (max_steps < 1 || max_steps > 1000000000)
      throw InputError(fmt::format("--max-steps {}: must be in [1, 1e9]", tm));
    std::optional<double> eps;
    if (vm.count("eps")) eps = io::parse_positive("--eps", vm["eps"].as<std::string>());
    params["iters"] = K;
    params["every"] = every;
    params["eps"] = eps ? io::Json(*eps) : io::Json(nullptr);
    params["max_steps"] = max_steps;

    io::Json context = tool.context(params);
    context["convention"] = io::velocity_convention();
    io::Sink sink(tool.output_path(vm));
    io::RowWriter writer(sink, format, {"iter", "dist2", "dist2_deterministic", "dist2_noise", "f_gap"},
                         context);
    for (const auto& p : noise::expected_curve(m, lambdas, sigma2, e0, K, every))
      writer.row({p.k, p.e.dist2, p.e.dist2_deterministic, p.e.dist2_noise, p.e.f_gap});
    const auto floor = noise::stationary(m, lambdas, sigma2);
    const auto ms = noise::milestones(m, lambdas, sigma2, e0, eps.value_or(0.0), max_steps);
    io::Json summary;
    summary["rate"] = floor.rate;
    summary["noise_floor"] = io::floor_json(floor);
    summary["noise_dominates_step"] = ms.noise_dominates ? io::Json(*ms.noise_dominates) : io::Json(nullptr);
    if (eps) {
      summary["steps_to_eps"] = ms.steps_to_eps ? io::Json(*ms.steps_to_eps) : io::Json(nullptr);
      summary["gradient_evaluations_to_eps"] =
          ms.steps_to_eps ? io::Json(*ms.steps_to_eps * batch) : io::Json(nullptr);
    }
    writer.finish(io::Json{{"summary", summary}});
    if (format == io::Format::table) io::write_record(sink, format, summary);
    sink.commit();
    return io::exit_ok;
  });
}
