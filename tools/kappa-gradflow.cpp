// kappa-gradflow: how the gradient's norm changes from layer to layer in a deep network, and the
// singular values of its end-to-end Jacobian, for each activation and initialisation.
#include "kappa/cli/cli.hpp"
#include "kappa/cli/computations.hpp"
#include "kappa/cli/table_tool.hpp"

#include "tool_help.hpp"

int main(int argc, char** argv) {
  using namespace kappa::io;
  return run_table_tool("kappa-gradflow", tool_help, argc, argv, add_gradflow_options, gradflow_setup,
                        gradflow);
}
