#include "kappa/cli/method_options.hpp"

#include <fmt/format.h>

#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"

namespace po = boost::program_options;

namespace kappa::io {

void add_method_options(po::options_description& desc) {
  po::options_description m("Method", 100, 50);
  m.add_options()("method,m", po::value<std::string>()->value_name("M"),
                  "gd | heavy-ball | nesterov | nesterov-lecture | newton")(
      "alpha", po::value<std::string>()->value_name("A"), "step size (the lecture's alpha; torch's lr)")(
      "lr", po::value<std::string>()->value_name("A"), "synonym of --alpha")(
      "beta", po::value<std::string>()->value_name("B"), "momentum in [0, 1) (torch's momentum)")(
      "momentum", po::value<std::string>()->value_name("B"), "synonym of --beta")(
      "tuning", po::value<std::string>()->value_name("T"),
      "nesterov without --alpha/--beta: tuned (4/(3L+mu), default) | textbook (1/L)");
  desc.add(m);
}

theory::Method method_from_options(const po::variables_map& vm) {
  if (!vm.count("method"))
    throw InputError("--method: required (gd, heavy-ball, nesterov, nesterov-lecture or newton)");
  const auto& name = vm["method"].as<std::string>();
  const auto m = theory::method_from_string(name);
  if (!m)
    throw InputError(
        fmt::format("--method {}: unknown method; expected gd, heavy-ball, nesterov, "
                    "nesterov-lecture or newton",
                    name));
  return *m;
}

std::optional<std::pair<std::string, std::string>> synonym_option(const po::variables_map& vm, const char* a,
                                                                  const char* b) {
  if (vm.count(a) && vm.count(b))
    throw InputError(fmt::format("--{} and --{}: give only one (synonyms)", a, b));
  if (vm.count(a)) return std::pair{std::string("--") + a, vm[a].as<std::string>()};
  if (vm.count(b)) return std::pair{std::string("--") + b, vm[b].as<std::string>()};
  return std::nullopt;
}

TunedParams resolve_params(theory::Method m, const Spectrum& s, const po::variables_map& vm) {
  using theory::Method;
  const auto alpha = synonym_option(vm, "alpha", "lr");
  const auto beta = synonym_option(vm, "beta", "momentum");
  const bool momentum = theory::has_momentum(m);
  if (beta && !momentum)
    throw InputError(fmt::format("{} {}: method {} has no momentum parameter", beta->first, beta->second,
                                 theory::to_string(m)));
  std::string tuning = vm.count("tuning") ? vm["tuning"].as<std::string>() : "tuned";
  if (tuning != "tuned" && tuning != "textbook")
    throw InputError(fmt::format("--tuning {}: expected tuned or textbook", tuning));
  if (vm.count("tuning") && m != Method::nesterov)
    throw InputError(fmt::format("--tuning {}: only nesterov has a choice of tuning", tuning));

  if (alpha || beta) {
    if (vm.count("tuning")) throw InputError("--tuning: applies only when --alpha and --beta are not given");
    if (!alpha) throw InputError(fmt::format("{} {}: needs --alpha too", beta->first, beta->second));
    if (momentum && !beta)
      throw InputError(fmt::format("{} {}: method {} needs --beta too", alpha->first, alpha->second,
                                   theory::to_string(m)));
    theory::Params p;
    p.alpha = parse_positive(alpha->first, alpha->second);
    if (beta) p.beta = parse_in_range(beta->first, beta->second, 0, true, 1, false);
    return {p, "given"};
  }
  if (m == Method::nesterov && tuning == "textbook")
    return {theory::nesterov_textbook(s.lambda_min(), s.lambda_max()).params, "textbook"};
  if (const auto opt = theory::optimal_closed_form(m, s.lambda_min(), s.lambda_max()))
    return {opt->params, "closed_form"};
  return {theory::optimal_numeric(m, s).params, "numeric"};
}

}  // namespace kappa::io
