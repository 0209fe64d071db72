// kappa-rate: the convergence rate of a method on a quadric, at given or optimal parameters.
#include <fmt/format.h>

#include "kappa/cli/cli.hpp"
#include "kappa/cli/evaluate.hpp"
#include "kappa/cli/spec.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"

#include "tool_help.hpp"

using namespace kappa;
namespace po = boost::program_options;

int main(int argc, char** argv) {
  io::Tool tool("kappa-rate", tool_help);
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
