// kappa-gradflow: how the gradient's norm changes from layer to layer in a deep network, and the
// singular values of its end-to-end Jacobian, for each activation and initialisation.
#include "kappa/cli/cli.hpp"
#include "kappa/cli/computations.hpp"
#include "kappa/cli/table_tool.hpp"

using namespace kappa;

int main(int argc, char** argv) {
  io::Tool tool(
      "kappa-gradflow",
      "kappa-gradflow [--depth L] [--width D] [--activation A] [--init I] [--batch B] [--seed S] [--seeds N] "
      "[--summary]",
      "A deep network h_l = phi(W_l h_{l-1}) (no biases, d x d weights) with a random linear read-out\n"
      "loss = sum_b r_b' h_L(x_b), inputs and r ~ N(0, I). Per layer l = 0..L (mean over seeds): log10 of\n"
      "||H_l||_F, of the gradient reaching it ||dloss/dH_l||_F, of the weight gradient ||dloss/dW_l||_F, and the\n"
      "squared gain ||G_{l-1}||^2/||G_l||^2. Theory: the expected squared gain per layer is d sigma_w^2 E[phi'(a)^2],\n"
      "= d sigma_w^2 for linear and d sigma_w^2/2 for relu; Xavier (sigma^2 = 2/(fan_in+fan_out) = 1/d) makes the\n"
      "linear gain 1, He (sigma^2 = 2/fan_in) the relu gain 1. For any activation the mean-field prediction\n"
      "(q_l = d sigma^2 m_{l-1}, m_l = E phi(sqrt(q_l) z)^2, g_l = d sigma^2 E phi'(sqrt(q_l) z)^2) is printed beside the\n"
      "measurement. --summary prints one record instead: the mean gain over layers and seeds with its standard\n"
      "error, the closed-form and mean-field theory, and the log singular values of the\n"
      "end-to-end Jacobian dh_L/dx (mean, spread, min, max over the resolvable ones; numerical rank).",
      "  kappa-gradflow --activation tanh --init xavier                 # stable: gain just below 1\n"
      "  kappa-gradflow --activation sigmoid --init naive --format csv  # per-layer rows\n"
      "  kappa-gradflow --activation linear --init xavier --summary --format json   # gain ~ 1 = d/d");
  io::add_gradflow_options(tool.options());
  tool.add_output_options();

  return io::run_table_tool(tool, argc, argv, io::gradflow_setup, io::gradflow);
}
