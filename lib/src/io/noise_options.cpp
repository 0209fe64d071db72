#include "kappa/io/noise_options.hpp"

#include <fmt/format.h>

#include <cmath>

#include "kappa/errors.hpp"
#include "kappa/format_number.hpp"
#include "kappa/io/parse.hpp"

namespace po = boost::program_options;

namespace kappa::io {

void add_noise_options(po::options_description& desc) {
  po::options_description n("Gradient noise (stationary floor of E|w - w*|^2 and E[f - f*])");
  n.add_options()
      ("noise-variance", po::value<std::string>()->value_name("S2"),
       "per-sample gradient-noise variance on every coordinate (isotropic), >= 0")
      ("batch", po::value<std::string>()->value_name("B"), "minibatch size: the gradient's noise variance is S2/B (default 1)");
  desc.add(n);
}

std::optional<NoiseOptions> noise_from_options(const po::variables_map& vm, theory::Method m, bool batch_needs_variance) {
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
    throw InputError("--noise-variance: newton has no noise theory here (a noisy Newton step is not the "
                     "lecture's setting; use gd, heavy-ball, nesterov or nesterov-lecture)");
  return o;
}

noise::Method noise_method(theory::Method m, const theory::Params& p) {
  using theory::Method;
  switch (m) {
    case Method::gd: return {noise::Scheme::gd, p.alpha, 0, 0, false};
    case Method::heavy_ball: return {noise::Scheme::heavy_ball, p.alpha, p.beta, 0, false};
    case Method::nesterov: return {noise::Scheme::nesterov, p.alpha, p.beta, 0, false};
    case Method::nesterov_lecture: return {noise::Scheme::nesterov_lecture, p.alpha, p.beta, 0, false};
    case Method::newton: break;
  }
  throw InputError("--noise-variance: newton has no noise theory here");
}

std::optional<noise::Method> noise_method(const Optimizer& opt, std::string& why) {
  const std::string name(opt.name());
  auto param = [&](const char* key) {
    for (const auto& [k, v] : opt.parameters())
      if (k == key) return v;
    return 0.0;
  };
  if (name == "gd") return noise::Method{noise::Scheme::gd, param("alpha"), 0, 0, false};
  if (name == "heavy-ball") return noise::Method{noise::Scheme::heavy_ball, param("alpha"), param("beta"), 0, false};
  if (name == "nesterov") return noise::Method{noise::Scheme::nesterov, param("alpha"), param("beta"), 0, false};
  if (name == "nesterov-lecture")
    return noise::Method{noise::Scheme::nesterov_lecture, param("alpha"), param("beta"), 0, false};
  if (name == "sgd") {
    if (param("weight_decay") != 0) {
      why = "sgd with weight decay minimises another quadric: no noise theory for this problem's optimum";
      return std::nullopt;
    }
    return noise::Method{noise::Scheme::torch_sgd, param("lr"), param("momentum"), param("dampening"), param("nesterov") != 0};
  }
  if (name == "sign-gd" || name == "adagrad" || name == "rmsprop" || name == "adam" || name == "adamw")
    why = "method " + name + " scales its step by the noisy gradient itself: its noise response is not linear";
  else if (name == "newton")
    why = "newton: no noise theory here";
  else
    why = "method " + name + " has no linear noise theory";
  return std::nullopt;
}

Json floor_json(const noise::Floor& f) {
  Json j;
  j["dist2"] = f.dist2 ? Json(*f.dist2) : Json(nullptr);
  j["f_gap"] = f.f_gap ? Json(*f.f_gap) : Json(nullptr);
  if (!f.dist2)
    j["note"] = fmt::format("no stationary floor: the deterministic rate {} >= 1 (at lambda = {}), the second "
                            "moment does not settle",
                            shortest(f.rate), shortest(f.unstable_lambda.value_or(0)));
  return j;
}

}  // namespace kappa::io
