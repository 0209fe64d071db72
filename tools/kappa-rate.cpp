// kappa-rate: the convergence rate of a method on a quadric, at given or optimal parameters.
#include <fmt/format.h>

#include "kappa/errors.hpp"
#include "kappa/io/cli.hpp"
#include "kappa/io/method_options.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/io/spec.hpp"
#include "kappa/theory.hpp"

using namespace kappa;
namespace po = boost::program_options;

int main(int argc, char** argv) {
  io::Tool tool("kappa-rate",
                "kappa-rate --method M (--kappa K | --lambda-min A --lambda-max B | --spectrum SPEC) "
                "[--alpha A] [--beta B] [--tol EPS]",
                "The worst-case per-step contraction rate max_i rho(T(lambda_i)) of a method on a quadric\n"
                "f(w) = 1/2 w'Aw - b'w with the given Hessian spectrum. With --alpha (and --beta) given: the\n"
                "rate at those parameters; without: the optimal parameters and rate (closed form; numerical\n"
                "where none exists). Also the iterations k = ceil(log eps / log rate) to shrink the error by\n"
                "--tol, and whether the parameters converge at all.",
                "  kappa-rate --method gd --kappa 100                         # 99/101 at alpha* = 2/101\n"
                "  kappa-rate --method heavy-ball --kappa 100 --format json   # 9/11 at alpha* = 4/121, beta* = 81/121\n"
                "  kappa-rate --method heavy-ball --kappa 100 --alpha 0.03 --beta 0.6\n"
                "  kappa-rate --method nesterov --spectrum geom:1:1000:50 --tuning textbook --numeric");
  io::add_method_options(tool.options());
  io::add_spectrum_options(tool.options());
  tool.options().add_options()
      ("tol", po::value<std::string>()->default_value("1e-6")->value_name("EPS"), "error reduction for the iteration count, in (0, 1)")
      ("numeric", po::bool_switch(), "also minimise the rate numerically and report it beside the closed form");
  tool.add_output_options();

  return tool.run(argc, argv, [&](const po::variables_map& vm) {
    const auto method = io::method_from_options(vm);
    const auto format = tool.format(vm);
    const auto spectrum = io::spectrum_from_options(vm);
    if (!spectrum) throw InputError("no spectrum: give --kappa K, --lambda-min A --lambda-max B, or --spectrum SPEC");
    const double tol = io::parse_unit_open("--tol", vm["tol"].as<std::string>());
    const auto resolved = io::resolve_params(method, *spectrum, vm);
    const auto& p = resolved.params;
    const bool momentum = theory::has_momentum(method);
    const double rate = theory::rate(method, *spectrum, p);
    const auto iterations = theory::iterations_to_tol(rate, tol);

    io::Json params = io::spectrum_options_json(vm);
    params["method"] = theory::to_string(method);
    params["alpha"] = vm.count("alpha") || vm.count("lr") ? io::Json(p.alpha) : io::Json(nullptr);
    params["beta"] = vm.count("beta") || vm.count("momentum") ? io::Json(p.beta) : io::Json(nullptr);
    if (method == theory::Method::nesterov) params["tuning"] = vm.count("tuning") ? vm["tuning"].as<std::string>() : "tuned";
    params["tol"] = tol;
    params["numeric"] = vm["numeric"].as<bool>();

    io::Json out = tool.context(params);
    out["method"] = theory::to_string(method);
    out["alpha"] = p.alpha;
    out["beta"] = momentum ? io::Json(p.beta) : io::Json(nullptr);
    out["params_source"] = resolved.source;
    out["rate"] = rate;
    if (resolved.source == "closed_form" || resolved.source == "textbook") {
      const auto formula = resolved.source == "textbook"
                               ? theory::nesterov_textbook(spectrum->lambda_min(), spectrum->lambda_max())
                               : *theory::optimal_closed_form(method, spectrum->lambda_min(), spectrum->lambda_max());
      out["rate_formula"] = formula.rate;  // the closed-form rate, beside the rate evaluated on the spectrum
    }
    out["converges"] = rate < 1;
    out["iterations"] = iterations ? io::Json(*iterations) : io::Json(nullptr);
    out["tol"] = tol;
    out["kappa"] = spectrum->kappa();
    out["lambda_min"] = spectrum->lambda_min();
    out["lambda_max"] = spectrum->lambda_max();
    out["n"] = spectrum->size();
    if (momentum) {
      out["regime_lambda_min"] = theory::to_string(theory::mode_eigen(method, spectrum->lambda_min(), p).regime);
      out["regime_lambda_max"] = theory::to_string(theory::mode_eigen(method, spectrum->lambda_max(), p).regime);
      out["convention"] = io::velocity_convention();
    }
    if (vm["numeric"].as<bool>()) {
      const auto num = theory::optimal_numeric(method, *spectrum);
      out["numeric"] = {{"alpha", num.params.alpha},
                        {"beta", momentum ? io::Json(num.params.beta) : io::Json(nullptr)},
                        {"rate", num.rate}};
    }
    io::Sink sink(tool.output_path(vm));
    io::write_record(sink, format, out);
    sink.commit();
    return io::exit_ok;
  });
}
