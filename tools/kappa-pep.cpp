// kappa-pep: the exact worst case of N steps of gd, heavy ball or Nesterov over all L-smooth,
// mu-strongly convex functions (performance estimation, an SDP solved with CSDP), beside the worst
// quadratic of the same class from kappa's quadratic theory.
#include <fmt/format.h>

#include <cstdio>

#include "kappa/cli/cli.hpp"
#include "kappa/cli/pep_tool.hpp"
#include "kappa/cli/table_tool.hpp"
#include "kappa/core/errors.hpp"

#include "tool_help.hpp"

int main(int argc, char** argv) {
  using namespace kappa::io;
  return run_tool("kappa-pep", tool_help, argc, argv, add_pep_options,
                  [](const boost::program_options::variables_map& vm) {
                    return [setup = pep_setup(vm)](TableOutput& out) {
                      const Json record = pep_record(setup);
                      if (record["status"] == "partial")
                        out.warn("warning: CSDP: " + record["solver_message"].get<std::string>() +
                                 " (return code 3); the numbers are less accurate");
                      out.record(pep_parameters(setup), record);
                    };
                  });
}
