// kappa-pep: the exact worst case of N steps of gd, heavy ball or Nesterov over all L-smooth,
// mu-strongly convex functions (performance estimation, an SDP solved with CSDP), beside the worst
// quadratic of the same class from kappa's quadratic theory.
#include <fmt/format.h>

#include <cstdio>

#include "kappa/cli/cli.hpp"
#include "kappa/cli/pep_tool.hpp"
#include "kappa/core/errors.hpp"

#include "tool_help.hpp"

using namespace kappa;
namespace po = boost::program_options;

int main(int argc, char** argv) {
  io::Tool tool("kappa-pep", tool_help);
  io::add_pep_options(tool.options());
  tool.add_output_options();

  return tool.run(argc, argv, [&](const po::variables_map& vm) {
    const auto format = tool.format(vm);
    const io::PepSetup setup = io::pep_setup(vm);
    io::Json out = tool.context(io::pep_parameters(setup));
    const io::Json record = io::pep_record(setup);
    out.update(record);
    if (record["status"] == "partial")
      std::fprintf(stderr, "kappa-pep: warning: CSDP: %s (return code 3); the numbers are less accurate\n",
                   record["solver_message"].get<std::string>().c_str());
    io::Sink sink(tool.output_path(vm));
    io::write_record(sink, format, out);
    sink.commit();
    return io::exit_ok;
  });
}
