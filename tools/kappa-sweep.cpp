// kappa-sweep: kappa-rate (theory) and/or kappa-run (measurement) over a grid of parameters, on
// threads, in shards, resumable. Rows come out in grid order whatever -j is. The engine is
// lib/kappa/sweep/sweep.hpp; this main is its command line.
#include "kappa/cli/cli.hpp"
#include "kappa/sweep/sweep.hpp"

#include "tool_help.hpp"

using namespace kappa;
namespace po = boost::program_options;

int main(int argc, char** argv) {
  io::Tool tool("kappa-sweep", tool_help);
  io::add_sweep_options(tool.options());

  std::vector<std::string> keep;
  io::OptionMap fixed;
  io::split_sweep_args(argc, argv, tool.options(), keep, fixed);
  std::vector<char*> kept;
  for (auto& s : keep) kept.push_back(s.data());

  return tool.run(static_cast<int>(kept.size()), kept.data(), [&](const po::variables_map& vm) -> int {
    return io::run_sweep(io::sweep_spec(vm, fixed), tool);
  });
}
