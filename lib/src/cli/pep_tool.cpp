// kappa-pep's computation as library calls (io::evaluate_pep): the same options and record as the
// tool, so that kappa-sweep and kappa-check evaluate what kappa-pep prints.
#include "kappa/cli/pep_tool.hpp"

#include <fmt/format.h>

#include <cmath>

#include "kappa/cli/method_options.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"

namespace po = boost::program_options;

namespace kappa::io {

void add_pep_options(po::options_description& desc) {
  po::options_description m("Problem", 100, 50);
  m.add_options()("method,m", po::value<std::string>()->value_name("M"), "gd | heavy-ball | nesterov")(
      "alpha", po::value<std::string>()->value_name("A"),
      "step size (default: the quadratic optimum for [mu, L])")(
      "lr", po::value<std::string>()->value_name("A"), "synonym of --alpha")(
      "beta", po::value<std::string>()->value_name("B"), "momentum in [0, 1) (heavy-ball, nesterov)")(
      "momentum", po::value<std::string>()->value_name("B"), "synonym of --beta")(
      "tuning", po::value<std::string>()->value_name("T"),
      "nesterov without --alpha/--beta: tuned (4/(3L+mu), default) | textbook (1/L)")(
      "mu", po::value<std::string>()->value_name("MU"), "strong convexity, >= 0 (0: smooth convex)")(
      "L", po::value<std::string>()->value_name("L"), "smoothness, > 0, >= mu")(
      "steps,N", po::value<std::string>()->value_name("N"),
      fmt::format("iterations N, in [1, {}]", pep::max_steps).c_str())(
      "initial", po::value<std::string>()->default_value("dist")->value_name("I"),
      "dist |x0-x*|^2 <= 1 | f_gap f(x0)-f* <= 1 | f_gap_dist f(x0)-f*+mu/2|x0-x*|^2 <= 1")(
      "measure", po::value<std::string>()->default_value("dist")->value_name("P"),
      "dist |xN-x*|^2 | f_gap f(xN)-f* | grad_norm |grad f(xN)|^2")(
      "function", po::bool_switch(),
      "also print the worst function: points, gradients and values the method sees");
  desc.add(m);
}

po::options_description pep_options_description() {
  po::options_description d;
  add_pep_options(d);
  return d;
}

PepSetup pep_setup(const po::variables_map& vm) {
  PepSetup s;
  pep::Problem& p = s.problem;
  if (!vm.count("method")) throw InputError("--method: required (gd, heavy-ball or nesterov)");
  const auto& name = vm["method"].as<std::string>();
  const auto method = pep::method_from_string(name);
  if (!method)
    throw InputError(
        fmt::format("--method {}: unknown method; expected gd, heavy-ball or nesterov", printable(name)));
  p.method = *method;
  for (const char* k : {"mu", "L", "steps"})
    if (!vm.count(k)) throw InputError(fmt::format("--{}: required", k));
  p.L = parse_positive("--L", vm["L"].as<std::string>());
  p.mu = parse_double("--mu", vm["mu"].as<std::string>());
  if (p.mu < 0) throw InputError(fmt::format("--mu {}: must be >= 0", vm["mu"].as<std::string>()));
  if (p.mu > p.L)
    throw InputError(
        fmt::format("--mu {}: must be <= --L {}", vm["mu"].as<std::string>(), vm["L"].as<std::string>()));
  const auto steps = parse_int("--steps", vm["steps"].as<std::string>());
  if (steps < 1 || steps > pep::max_steps)
    throw InputError(fmt::format(
        "--steps {}: must be in [1, {}] (the SDP has about N^2/2 variables; CSDP's time grows like N^6)",
        vm["steps"].as<std::string>(), pep::max_steps));
  p.steps = static_cast<int>(steps);
  const auto& ini = vm["initial"].as<std::string>();
  const auto initial = pep::initial_from_string(ini);
  if (!initial)
    throw InputError(fmt::format("--initial {}: expected dist, f_gap or f_gap_dist", printable(ini)));
  p.initial = *initial;
  const auto& mea = vm["measure"].as<std::string>();
  const auto measure = pep::measure_from_string(mea);
  if (!measure)
    throw InputError(fmt::format("--measure {}: expected dist, f_gap or grad_norm", printable(mea)));
  p.measure = *measure;

  const bool momentum = p.method != pep::Method::gd;
  const auto alpha = synonym_option(vm, "alpha", "lr");
  const auto beta = synonym_option(vm, "beta", "momentum");
  if (beta && !momentum)
    throw InputError(fmt::format("{} {}: method gd has no momentum parameter", beta->first, beta->second));
  std::string tuning = vm.count("tuning") ? vm["tuning"].as<std::string>() : "tuned";
  if (tuning != "tuned" && tuning != "textbook")
    throw InputError(fmt::format("--tuning {}: expected tuned or textbook", printable(tuning)));
  if (vm.count("tuning") && p.method != pep::Method::nesterov)
    throw InputError(fmt::format("--tuning {}: only nesterov has a choice of tuning", tuning));
  if (alpha || beta) {
    if (vm.count("tuning")) throw InputError("--tuning: applies only when --alpha and --beta are not given");
    if (!alpha) throw InputError(fmt::format("{} {}: needs --alpha too", beta->first, beta->second));
    if (momentum && !beta)
      throw InputError(fmt::format("{} {}: method {} needs --beta too", alpha->first, alpha->second, name));
    p.alpha = parse_positive(alpha->first, alpha->second);
    if (beta) p.beta = parse_in_range(beta->first, beta->second, 0, true, 1, false);
    s.params_source = "given";
  } else {
    if (p.mu == 0)
      throw InputError("--mu 0: the quadratic-optimal parameters need mu > 0; give --alpha (and --beta)");
    const auto q = pep::quadratic_optimal(p.method, p.mu, p.L, tuning);
    p.alpha = q.alpha;
    p.beta = q.beta;
    s.params_source = p.method == pep::Method::nesterov && tuning == "textbook" ? "textbook" : "closed_form";
  }
  s.with_function = vm.count("function") && vm["function"].as<bool>();
  pep::validate(p);
  return s;
}

Json pep_record(const po::variables_map& vm) { return pep_record(pep_setup(vm)); }

Json evaluate_pep(const OptionMap& options) {
  return pep_record(parse_option_map(pep_options_description(), options));
}

}  // namespace kappa::io
