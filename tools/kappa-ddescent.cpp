// kappa-ddescent: double descent of min-norm least squares on random ReLU features, train and test
// error against the number of features p across the interpolation threshold p = n_train.
#include "kappa/cli/cli.hpp"
#include "kappa/cli/computations.hpp"
#include "kappa/cli/table_tool.hpp"

#include "tool_help.hpp"

int main(int argc, char** argv) {
  using namespace kappa::io;
  return run_table_tool("kappa-ddescent", tool_help, argc, argv, add_ddescent_options, ddescent_setup,
                        ddescent);
}
