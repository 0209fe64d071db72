// kappa-pep: the exact worst case of N steps of gd, heavy ball or Nesterov over all L-smooth,
// mu-strongly convex functions (performance estimation, an SDP solved with CSDP), beside the worst
// quadratic of the same class from kappa's quadratic theory.
#include <fmt/format.h>

#include <cstdio>

#include "kappa/cli/cli.hpp"
#include "kappa/cli/pep_tool.hpp"
#include "kappa/core/errors.hpp"

using namespace kappa;
namespace po = boost::program_options;

int main(int argc, char** argv) {
  io::Tool tool(
      "kappa-pep",
      "kappa-pep --method gd|heavy-ball|nesterov --mu MU --L L --steps N [--alpha A] [--beta B]\n"
      "          [--tuning tuned|textbook] [--initial dist|f_gap|f_gap_dist] [--measure dist|f_gap|grad_norm]\n"
      "          [--function]",
      "The worst case, over every L-smooth mu-strongly convex function f (mu = 0: smooth convex), of a\n"
      "measure after N steps of a method started under an initial condition <= 1: a performance\n"
      "estimation problem (Drori-Teboulle 2014, Taylor-Hendrickx-Glineur 2017) solved exactly as a\n"
      "semidefinite program with CSDP. Beside it the same measure on the worst quadratic with\n"
      "eigenvalues in [mu, L] (kappa's quadratic theory) and its asymptotic rate: where worst_case\n"
      "exceeds quadratic_worst_case the quadratic theory is too optimistic for the class.\n"
      "Methods (x_{-1} = x_0): gd x+ = x - alpha g(x); heavy-ball x+ = x - alpha g(x) + beta (x - x_prev)\n"
      "(the lecture's v <- beta v - grad f, w <- w + alpha v); nesterov y = x + beta (x - x_prev),\n"
      "x+ = y - alpha g(y). Without --alpha/--beta: the quadratic-optimal parameters kappa-rate prints\n"
      "for [mu, L]. status optimal, or partial (CSDP's reduced accuracy, also warned on stderr); a\n"
      "solver failure exits 1 with CSDP's reason. mu = L has a closed form (one quadratic).",
      "  kappa-pep --method gd --mu 0 --L 3 --steps 4 --alpha 0.3333333333333333 --measure f_gap  # Drori and Teboulle's tight bound\n"
      "  kappa-pep --method heavy-ball --mu 2 --L 50 --steps 10 --format json      # Polyak's parameters\n"
      "  kappa-pep --method heavy-ball --mu 0.1 --L 1 --steps 2 --alpha 0.5 --beta 0.689202437604511 \\\n"
      "      --initial f_gap --measure f_gap                                      # PEPit: 0.753493\n"
      "  kappa-pep --method nesterov --tuning textbook --mu 0.1 --L 1 --steps 2 --initial f_gap_dist \\\n"
      "      --measure f_gap                                                      # PEPit: 0.347602\n"
      "  kappa-pep --method gd --mu 1 --L 10 --steps 3 --function --format json  # the worst function");
  io::add_pep_options(tool.options());
  tool.add_output_options();

  return tool.run(argc, argv, [&](const po::variables_map& vm) {
    const auto format = tool.format(vm);
    const io::PepSetup setup = io::pep_setup(vm);
    io::Json out = tool.context(io::pep_parameters(setup));
    const io::Json record = io::pep_record(setup);
    out.update(record);
    if (record["status"] == "partial")
      std::fprintf(stderr, "kappa-pep: warning: CSDP: %s (return code 3); the numbers are less accurate\n",
                   record["solver_message"].get<std::string>().c_str());
    io::Sink sink(tool.output_path(vm));
    io::write_record(sink, format, out);
    sink.commit();
    return io::exit_ok;
  });
}
