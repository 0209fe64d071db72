// kappa-eig: per eigenvalue, the eigenvalues of the method's iteration matrix and their regime.
#include "kappa/cli/cli.hpp"
#include "kappa/cli/computations.hpp"
#include "kappa/cli/table_tool.hpp"

using namespace kappa;

int main(int argc, char** argv) {
  io::Tool tool(
      "kappa-eig",
      "kappa-eig --method M (--kappa K | --lambda-min A --lambda-max B | --spectrum SPEC) "
      "[--alpha A --beta B] [--show-matrix [--convention velocity|buffer]] [--noise-variance S2 [--batch B]]",
      "One row per Hessian eigenvalue lambda: the eigenvalues sigma1, sigma2 of the method's\n"
      "per-mode iteration matrix (closed form from its trace and determinant), their modulus\n"
      "(radius) and the regime: real (distinct), critical (repeated, a Jordan block: error ~ k r^k)\n"
      "or complex (|sigma| = sqrt(det)). Matrices are in (v, w) coordinates with the lecture's\n"
      "velocity v <- beta v - grad f, w <- w + alpha v (torch's momentum buffer is -v; --convention buffer\n"
      "shows the matrix on (b, w), b = -v, as the lecture's slide writes it). Without\n"
      "--alpha/--beta the method's optimal parameters are used (and echoed). With --noise-variance S2\n"
      "(isotropic gradient noise, variance S2/B with --batch B) each row adds the mode's stationary\n"
      "E[e^2] (noise_dist2) and lambda/2 E[e^2] (noise_f_gap); null where the mode's radius is >= 1.",
      "  kappa-eig --method heavy-ball --kappa 100          # at the optimum both modes critical, |sigma| = 9/11\n"
      "  kappa-eig --method heavy-ball --kappa 100 --alpha 0.0330579 --beta 0.669421   # rounded: the pairs split\n"
      "  kappa-eig --method heavy-ball --spectrum linear:1:100:25 --alpha 0.02 --beta 0.5 --format csv\n"
      "  kappa-eig --method nesterov-lecture --kappa 100 --alpha 0.01 --beta 0.9 --show-matrix\n"
      "  kappa-eig --method heavy-ball --kappa 100 --alpha 0.02 --beta 0.5 --show-matrix --convention buffer\n"
      "  kappa-eig --method heavy-ball --lambda-min 1 --lambda-max 10 --alpha 0.01 --beta 0.9 --noise-variance 1 --batch 10");
  io::add_eig_options(tool.options());
  tool.add_output_options();

  return io::run_table_tool(tool, argc, argv, io::eig_setup, io::eig);
}
