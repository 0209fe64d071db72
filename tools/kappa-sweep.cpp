// kappa-sweep: kappa-rate (theory) and/or kappa-run (measurement) over a grid of parameters, on
// threads, in shards, resumable. Rows come out in grid order whatever -j is. The engine is
// lib/kappa/sweep/sweep.hpp; this main is its command line.
#include "kappa/cli/cli.hpp"
#include "kappa/sweep/sweep.hpp"

using namespace kappa;
namespace po = boost::program_options;

int main(int argc, char** argv) {
  io::Tool tool(
      "kappa-sweep",
      "kappa-sweep --grid NAME=SPEC [--grid ...] [--mode theory|run|both] [-j N] [--shard I/N] "
      "[--resume] [-o FILE] [options of kappa-rate / kappa-run]",
      "Evaluates kappa-rate (--mode theory), kappa-run (--mode run) or both at every point of a grid\n"
      "and writes one row per point: `point` (its index in grid order, the first --grid slowest), every\n"
      "swept parameter, then the record. Any option of kappa-rate / kappa-run can be swept or fixed\n"
      "(fixed options are given as to those tools: --method heavy-ball --kappa 100).\n"
      "Grid specs: lin:A:B:N, geom:A:B:N, ilin:A:B:N / igeom:A:B:N (integers), lists V1,V2,...;\n"
      "`opt` in an alpha/beta list leaves the option out, i.e. the theory's optimal parameters.\n"
      "Rows are in grid order for any -j. --shard I/N evaluates points k with k mod N = I-1; kappa-merge\n"
      "joins the shard files into the unsharded file, byte for byte. With -o FILE rows go to FILE.part in\n"
      "whole rows, FILE.sweep.json records the sweep, and FILE appears when the last row is in; SIGINT or\n"
      "SIGTERM finish the current rows and stop, and --resume continues from FILE.part. A second run on\n"
      "the same FILE refuses while the first runs (FILE.part is locked); FILE and FILE.sweep.json of an\n"
      "earlier sweep stay untouched until the new one completes.\n"
      "Progress (with the time left) goes to stderr when it is a terminal.",
      "  kappa-sweep --method heavy-ball --spectrum linear:1:100:100 \\\n"
      "      --grid beta=lin:0:0.99:100 --grid alpha=lin:0.0005:0.04:100 -o map.csv\n"
      "  kappa-sweep --method gd --grid kappa=geom:1:1e6:25 --format jsonl      # rate* against kappa\n"
      "  kappa-sweep --mode both --method heavy-ball --kappa 100 --grid alpha=lin:0.005:0.04:8 --grid beta=0,0.5,0.9\n"
      "  kappa-sweep --method heavy-ball --kappa 1e4 --grid alpha=lin:1e-5:2e-4:400 --grid beta=lin:0:0.99:400 \\\n"
      "      --shard 3/8 -o shard3.csv      # then: kappa-merge -o map.csv shard*.csv");
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
