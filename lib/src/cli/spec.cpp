#include "kappa/cli/spec.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"

namespace po = boost::program_options;

namespace kappa::io {
namespace {

std::string field(const std::string& spec, std::string_view name) {
  return fmt::format("--spectrum {}: {} =", spec, name);
}

void expect_fields(const std::string& spec, const std::vector<std::string_view>& parts, std::size_t n,
                   std::string_view form) {
  if (parts.size() != n)
    throw InputError(fmt::format("--spectrum {}: expected {} ({} fields after the kind, got {})", spec, form,
                                 n - 1, parts.size() - 1));
}

}  // namespace

Spectrum read_spectrum_file(const std::string& path) {
  // Values are checked > 0 while reading so that a message names the line, not the value's index.
  auto values = read_number_lines(path, "spectrum file " + path, true, "--spectrum file:" + path);
  if (values.empty()) throw InputError(fmt::format("spectrum file {}: no eigenvalues (empty file?)", path));
  return Spectrum(std::move(values), "spectrum file " + path);
}

Spectrum parse_spectrum_spec(const std::string& spec) {
  const auto colon = spec.find(':');
  const std::string kind = spec.substr(0, colon);
  if (kind == "file") {
    if (colon == std::string::npos || colon + 1 == spec.size())
      throw InputError(fmt::format("--spectrum {}: expected file:PATH", spec));
    return read_spectrum_file(spec.substr(colon + 1));
  }
  const auto parts = split(spec, ':');
  auto A = [&] { return parse_double(field(spec, "A"), parts[1]); };
  auto B = [&] { return parse_double(field(spec, "B"), parts[2]); };
  auto N = [&] { return parse_int(field(spec, "N"), parts[3]); };
  auto wrap = [&](auto make) {
    try {
      return make();
    } catch (const InputError& e) {
      if (std::string_view(e.what()).starts_with("--spectrum")) throw;
      throw InputError(fmt::format("--spectrum {}: {}", spec, e.what()));
    }
  };
  if (kind == "linear") {
    expect_fields(spec, parts, 4, "linear:A:B:N");
    return wrap([&] { return Spectrum::linear(A(), B(), N()); });
  }
  if (kind == "geom") {
    expect_fields(spec, parts, 4, "geom:A:B:N");
    return wrap([&] { return Spectrum::geometric(A(), B(), N()); });
  }
  if (kind == "cluster") {
    expect_fields(spec, parts, 5, "cluster:A:B:N:FRAC");
    return wrap([&] {
      return Spectrum::cluster(A(), B(), N(),
                               parse_in_range(field(spec, "FRAC"), parts[4], 0, true, 1, true));
    });
  }
  if (kind == "uniform") {
    expect_fields(spec, parts, 5, "uniform:A:B:N:SEED");
    return wrap([&] { return Spectrum::uniform(A(), B(), N(), parse_seed(field(spec, "SEED"), parts[4])); });
  }
  throw InputError(
      fmt::format("--spectrum {}: unknown kind '{}': expected linear:A:B:N, geom:A:B:N, cluster:A:B:N:FRAC, "
                  "uniform:A:B:N:SEED or file:PATH",
                  spec, kind));
}

void add_spectrum_options(po::options_description& desc) {
  po::options_description s("Spectrum (the Hessian's eigenvalues; give one form)", 100, 50);
  s.add_options()("kappa", po::value<std::string>()->value_name("K"),
                  "condition number: eigenvalues 1 and K")(
      "lambda-min", po::value<std::string>()->value_name("A"), "smallest eigenvalue (with --lambda-max)")(
      "lambda-max", po::value<std::string>()->value_name("B"), "largest eigenvalue (with --lambda-min)")(
      "spectrum", po::value<std::string>()->value_name("SPEC"),
      "linear:A:B:N | geom:A:B:N (log-spaced) |\n"
      "cluster:A:B:N:FRAC (FRAC of N at A, rest at B) |\n"
      "uniform:A:B:N:SEED (A, B and N-2 uniform draws) |\n"
      "file:PATH (one value per line, # comments)");
  desc.add(s);
}

std::optional<Spectrum> spectrum_from_options(const po::variables_map& vm) {
  const bool k = vm.count("kappa"), lo = vm.count("lambda-min"), hi = vm.count("lambda-max"),
             sp = vm.count("spectrum");
  if (k + (lo || hi) + sp > 1)
    throw InputError("--kappa, --lambda-min/--lambda-max and --spectrum: give only one of them");
  if (k) {
    const auto& t = vm["kappa"].as<std::string>();
    const double kappa = parse_double("--kappa", t);
    if (!(kappa >= 1)) throw InputError(fmt::format("--kappa {}: must be >= 1", t));
    return Spectrum::ends(1.0, kappa);
  }
  if (lo || hi) {
    if (!(lo && hi))
      throw InputError(lo ? "--lambda-min: needs --lambda-max too" : "--lambda-max: needs --lambda-min too");
    const auto& ta = vm["lambda-min"].as<std::string>();
    const auto& tb = vm["lambda-max"].as<std::string>();
    const double a = parse_positive("--lambda-min", ta);
    const double b = parse_positive("--lambda-max", tb);
    if (b < a) throw InputError(fmt::format("--lambda-max {}: must be >= --lambda-min {}", tb, ta));
    return Spectrum::ends(a, b);
  }
  if (sp) return parse_spectrum_spec(vm["spectrum"].as<std::string>());
  return std::nullopt;
}

nlohmann::json spectrum_options_json(const po::variables_map& vm) {
  nlohmann::json j = nlohmann::json::object();
  if (vm.count("kappa")) j["kappa"] = parse_double("--kappa", vm["kappa"].as<std::string>());
  if (vm.count("lambda-min"))
    j["lambda_min"] = parse_double("--lambda-min", vm["lambda-min"].as<std::string>());
  if (vm.count("lambda-max"))
    j["lambda_max"] = parse_double("--lambda-max", vm["lambda-max"].as<std::string>());
  if (vm.count("spectrum")) j["spectrum"] = vm["spectrum"].as<std::string>();
  return j;
}

}  // namespace kappa::io
