// kappa-counterexample: where the quadratic theory of momentum stops (Lessard–Recht–Packard's
// one-dimensional function, on which the quadratic-optimal heavy ball cycles) and Nesterov's chain
// quadratic behind the lower bound ((√κ−1)/(√κ+1))^k for first-order methods.
#include "kappa/cli/cli.hpp"
#include "kappa/cli/computations.hpp"
#include "kappa/cli/table_tool.hpp"

#include "tool_help.hpp"

int main(int argc, char** argv) {
  using namespace kappa::io;
  return run_table_tool("kappa-counterexample", tool_help, argc, argv, add_counterexample_options,
                        counterexample_setup, counterexample);
}
