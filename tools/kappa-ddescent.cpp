// kappa-ddescent: double descent of min-norm least squares on random ReLU features, train and test
// error against the number of features p across the interpolation threshold p = n_train.
#include "kappa/cli/cli.hpp"
#include "kappa/cli/computations.hpp"
#include "kappa/cli/table_tool.hpp"

using namespace kappa;

int main(int argc, char** argv) {
  io::Tool tool(
      "kappa-ddescent",
      "kappa-ddescent [--data X --target Y | --dim D --noise S --n-test M] [--n-train N] [--p LIST] [--seeds K] [--seed S]",
      "Minimum-norm least squares theta = pinv(Phi) y (complete orthogonal decomposition, not the normal\n"
      "equations) on p random ReLU features Phi = max(0, X V'/sqrt(d)), V ~ N(0, 1) seeded, nested in p. For each p\n"
      "(default: n_train times 0.1 .. 10, dense near 1): train and test mean squared error averaged over seeds\n"
      "(and the median, min and max of the test error), and the mean ||theta||. Synthetic data (default): x ~ N(0, I_d),\n"
      "y = x'beta + noise, beta ~ N(0, I/d). Real data: --data (features, one row per sample) and --target (one value\n"
      "per row), split at random per seed, standardised with the training statistics. The test error peaks near\n"
      "the interpolation threshold p = n_train and descends again beyond it.",
      "  kappa-ddescent                                      # synthetic, n_train = 100, d = 20, noise 0.5\n"
      "  kappa-ddescent --n-train 100 --p 50,90,100,110,400 --format json\n"
      "  D=/usr/lib/python3/dist-packages/sklearn/datasets/data\n"
      "  zcat $D/diabetes_data_raw.csv.gz > diabetes_X.txt; zcat $D/diabetes_target.csv.gz > diabetes_y.txt\n"
      "  kappa-ddescent --data diabetes_X.txt --target diabetes_y.txt --n-train 100 --format csv");
  io::add_ddescent_options(tool.options());
  tool.add_output_options();

  return io::run_table_tool(tool, argc, argv, io::ddescent_setup, io::ddescent);
}
