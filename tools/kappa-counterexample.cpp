// kappa-counterexample: where the quadratic theory of momentum stops (Lessard–Recht–Packard's
// one-dimensional function, on which the quadratic-optimal heavy ball cycles) and Nesterov's chain
// quadratic behind the lower bound ((√κ−1)/(√κ+1))^k for first-order methods.
#include "kappa/cli/cli.hpp"
#include "kappa/cli/computations.hpp"
#include "kappa/cli/table_tool.hpp"

using namespace kappa;

int main(int argc, char** argv) {
  io::Tool tool(
      "kappa-counterexample",
      "kappa-counterexample --problem lrp|chain:N:KAPPA [--method M] [--alpha A] [--beta B] [--x0 X] [--iters K] "
      "[--cycle | --basin AXIS | --scan AXIS]",
      "lrp: Lessard, Recht & Packard's (2016, sec. 4.6) strongly convex f with mu = 1, L = 25:\n"
      "grad f(x) = 25x (x < 1), x + 24 (1 <= x < 2), 25x - 24 (x >= 2), f continuous, f(0) = 0. Heavy ball at\n"
      "the quadratic-optimal alpha = 1/9, beta = 4/9 falls into a period-3 cycle from some starts.\n"
      "chain:N:KAPPA: Nesterov's chain quadratic, H = I + (KAPPA-1)/4 tridiag(-1, 2, -1), b = (KAPPA-1)/4 e1, from\n"
      "w0 = 0, with the lower bound ((sqrt(KAPPA)-1)/(sqrt(KAPPA)+1))^k and the exact Krylov tail bound.\n"
      "Default: the trace k, w_1, ||w-w*||, ||w-w*||/||w0-w*||, f-f*, bound, tail_bound. --cycle: the cycle\n"
      "reached from --x0 (heavy ball; points refined by solving the cycle's linear equations). --basin: the\n"
      "intervals of starts (v0 = 0, i.e. w_{-1} = w_0) that end on that cycle. --scan: the outcome per start.\n"
      "Methods: heavy-ball (v <- beta v - grad f(w), w <- w + alpha v), gd, nesterov (gradient at w + alpha beta v), cg.\n"
      "Defaults: heavy-ball at Polyak's optimum for [mu, L]; gd alpha = 1/L; nesterov alpha = 1/L,\n"
      "beta = (sqrt(kappa)-1)/(sqrt(kappa)+1).",
      "  kappa-counterexample --problem lrp --cycle --x0 3.3                # period 3: -1.80, 2.12, 0.65\n"
      "  kappa-counterexample --problem lrp --basin lin:-10:10:2001         # starts that end on the cycle\n"
      "  kappa-counterexample --problem lrp --method nesterov --scan lin:-10:10:2001 --format json\n"
      "  kappa-counterexample --problem chain:1000:100 --method cg --iters 100 --format csv");
  io::add_counterexample_options(tool.options());
  tool.add_output_options();

  return io::run_table_tool(tool, argc, argv, io::counterexample_setup, io::counterexample);
}
