// kappa-eig: per eigenvalue, the eigenvalues of the method's iteration matrix and their regime.
#include "kappa/cli/cli.hpp"
#include "kappa/cli/computations.hpp"
#include "kappa/cli/table_tool.hpp"

#include "tool_help.hpp"

int main(int argc, char** argv) {
  using namespace kappa::io;
  return run_table_tool("kappa-eig", tool_help, argc, argv, add_eig_options, eig_setup, eig);
}
