// kappa-rate: the convergence rate of a method on a quadric, at given or optimal parameters.
#include <fmt/format.h>

#include "kappa/cli/cli.hpp"
#include "kappa/cli/evaluate.hpp"
#include "kappa/cli/spec.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"

using namespace kappa;
namespace po = boost::program_options;

int main(int argc, char** argv) {
  io::Tool tool(
      "kappa-rate",
      "kappa-rate --method M (--kappa K | --lambda-min A --lambda-max B | --spectrum SPEC) "
      "[--alpha A] [--beta B] [--tol EPS]",
      "The worst-case per-step contraction rate max_i rho(T(lambda_i)) of a method on a quadric\n"
      "f(w) = 1/2 w'Aw - b'w with the given Hessian spectrum. With --alpha (and --beta) given: the\n"
      "rate at those parameters; without: the optimal parameters and rate (closed form; numerical\n"
      "where none exists). Also the iterations k = ceil(log eps / log rate) to shrink the error by\n"
      "--tol, and whether the parameters converge at all.",
      "  kappa-rate --method gd --kappa 100                         # 99/101 at alpha* = 2/101\n"
      "  kappa-rate --method heavy-ball --kappa 100 --format json   # 9/11 at alpha* = 4/121, beta* = 81/121\n"
      "  kappa-rate --method heavy-ball --kappa 100 --alpha 0.03 --beta 0.6\n"
      "  kappa-rate --method nesterov --spectrum geom:1:1000:50 --tuning textbook --numeric");
  io::add_rate_options(tool.options());
  tool.add_output_options();

  return tool.run(argc, argv, [&](const po::variables_map& vm) {
    const auto format = tool.format(vm);
    io::Json params = io::spectrum_options_json(vm);
    for (const char* key : {"method", "tuning"})
      if (vm.count(key)) params[key] = vm[key].as<std::string>();
    for (const char* key : {"alpha", "lr", "beta", "momentum", "tol"})
      if (vm.count(key)) params[key] = io::parse_double(std::string("--") + key, vm[key].as<std::string>());
    params["numeric"] = vm["numeric"].as<bool>();
    if (vm.count("batch") && !vm.count("noise-variance"))
      throw InputError(fmt::format("--batch {}: needs --noise-variance S2", vm["batch"].as<std::string>()));
    io::Json out = tool.context(params);
    out.update(io::rate_record(vm));
    io::Sink sink(tool.output_path(vm));
    io::write_record(sink, format, out);
    sink.commit();
    return io::exit_ok;
  });
}
