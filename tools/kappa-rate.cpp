// kappa-rate: the convergence rate of a method on a quadric, at given or optimal parameters.
#include <fmt/format.h>

#include "kappa/cli/cli.hpp"
#include "kappa/cli/evaluate.hpp"
#include "kappa/cli/spec.hpp"
#include "kappa/cli/table_tool.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"

#include "tool_help.hpp"

int main(int argc, char** argv) {
  using namespace kappa::io;
  return run_tool("kappa-rate", tool_help, argc, argv, add_rate_options,
                  [](const boost::program_options::variables_map& vm) {
                    Json params = spectrum_options_json(vm);
                    for (const char* key : {"method", "tuning"})
                      if (vm.count(key)) params[key] = vm[key].as<std::string>();
                    for (const char* key : {"alpha", "lr", "beta", "momentum", "tol"})
                      if (vm.count(key))
                        params[key] = parse_double(std::string("--") + key, vm[key].as<std::string>());
                    params["numeric"] = vm["numeric"].as<bool>();
                    if (vm.count("batch") && !vm.count("noise-variance"))
                      throw kappa::InputError(fmt::format("--batch {}: needs --noise-variance S2",
                                                          vm["batch"].as<std::string>()));
                    return
                        [params, record = rate_record(vm)](TableOutput& out) { out.record(params, record); };
                  });
}
