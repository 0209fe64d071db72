// kappa-eig: per eigenvalue, the eigenvalues of the method's iteration matrix and their regime.
#include <fmt/format.h>

#include "kappa/errors.hpp"
#include "kappa/io/cli.hpp"
#include "kappa/io/method_options.hpp"
#include "kappa/io/noise_options.hpp"
#include "kappa/noise.hpp"
#include "kappa/io/spec.hpp"
#include "kappa/theory.hpp"

using namespace kappa;
namespace po = boost::program_options;

int main(int argc, char** argv) {
  io::Tool tool("kappa-eig",
                "kappa-eig --method M (--kappa K | --lambda-min A --lambda-max B | --spectrum SPEC) "
                "[--alpha A --beta B] [--show-matrix] [--noise-variance S2 [--batch B]]",
                "One row per Hessian eigenvalue lambda: the eigenvalues sigma1, sigma2 of the method's\n"
                "per-mode iteration matrix (closed form from its trace and determinant), their modulus\n"
                "(radius) and the regime: real (distinct), critical (repeated, a Jordan block: error ~ k r^k)\n"
                "or complex (|sigma| = sqrt(det)). Matrices are in (v, w) coordinates with the lecture's\n"
                "velocity v <- beta v - grad f, w <- w + alpha v (torch's momentum buffer is -v). Without\n"
                "--alpha/--beta the method's optimal parameters are used (and echoed). With --noise-variance S2\n"
                "(isotropic gradient noise, variance S2/B with --batch B) each row adds the mode's stationary\n"
                "E[e^2] (noise_dist2) and lambda/2 E[e^2] (noise_f_gap); null where the mode's radius is >= 1.",
                "  kappa-eig --method heavy-ball --kappa 100          # optimum 4/121, 81/121: both modes critical, |sigma| = 9/11\n"
                "  kappa-eig --method heavy-ball --kappa 100 --alpha 0.0330579 --beta 0.669421   # rounded: the pairs split\n"
                "  kappa-eig --method heavy-ball --spectrum linear:1:100:25 --alpha 0.02 --beta 0.5 --format csv\n"
                "  kappa-eig --method nesterov-lecture --kappa 100 --alpha 0.01 --beta 0.9 --show-matrix\n"
                "  kappa-eig --method heavy-ball --lambda-min 1 --lambda-max 10 --alpha 0.01 --beta 0.9 --noise-variance 1 --batch 10");
  io::add_method_options(tool.options());
  io::add_spectrum_options(tool.options());
  tool.options().add_options()("show-matrix", po::bool_switch(), "add the matrix entries m11 m12 m21 m22 to each row");
  io::add_noise_options(tool.options());
  tool.add_output_options();

  return tool.run(argc, argv, [&](const po::variables_map& vm) {
    const auto method = io::method_from_options(vm);
    const auto format = tool.format(vm);
    const auto spectrum = io::spectrum_from_options(vm);
    if (!spectrum) throw InputError("no spectrum: give --kappa K, --lambda-min A --lambda-max B, or --spectrum SPEC");
    const auto noise_opts = io::noise_from_options(vm, method);
    const auto resolved = io::resolve_params(method, *spectrum, vm);
    const auto& p = resolved.params;
    const bool show_matrix = vm["show-matrix"].as<bool>();

    io::Json params = io::spectrum_options_json(vm);
    params["method"] = theory::to_string(method);
    params["alpha"] = p.alpha;
    params["beta"] = theory::has_momentum(method) ? io::Json(p.beta) : io::Json(nullptr);
    params["params_source"] = resolved.source;
    params["show_matrix"] = show_matrix;
    if (noise_opts) {
      params["noise_variance"] = noise_opts->noise_variance;
      params["batch"] = noise_opts->batch;
    }
    io::Json context = tool.context(params);
    context["convention"] = io::velocity_convention();

    std::vector<std::string> columns = {"lambda", "sigma1_re", "sigma1_im", "sigma2_re", "sigma2_im", "radius", "regime"};
    if (show_matrix) columns.insert(columns.end(), {"m11", "m12", "m21", "m22"});
    const std::size_t noise_col = columns.size();
    if (noise_opts) columns.insert(columns.end(), {"noise_dist2", "noise_f_gap"});
    io::Sink sink(tool.output_path(vm));
    io::RowWriter writer(sink, format, columns, context);
    std::vector<io::Value> row(columns.size());
    for (const double lambda : spectrum->values()) {
      const auto e = theory::mode_eigen(method, lambda, p);
      row[0] = lambda;
      row[1] = e.sigma1.real();
      row[2] = e.sigma1.imag();
      row[3] = e.dim == 2 ? io::Value(e.sigma2.real()) : io::null_value();
      row[4] = e.dim == 2 ? io::Value(e.sigma2.imag()) : io::null_value();
      row[5] = e.radius;
      row[6] = theory::to_string(e.regime);
      if (show_matrix) {
        const auto t = theory::iteration_matrix(method, lambda, p);
        row[7] = t.m[0][0];
        row[8] = t.dim == 2 ? io::Value(t.m[0][1]) : io::null_value();
        row[9] = t.dim == 2 ? io::Value(t.m[1][0]) : io::null_value();
        row[10] = t.dim == 2 ? io::Value(t.m[1][1]) : io::null_value();
      }
      if (noise_opts) {
        const auto e2 = noise::stationary_mode(io::noise_method(method, p), lambda, noise_opts->gradient_variance());
        row[noise_col] = e2 ? io::Value(*e2) : io::null_value();
        row[noise_col + 1] = e2 ? io::Value(0.5 * lambda * *e2) : io::null_value();
      }
      writer.row(row);
    }
    io::Json extra;
    extra["rate"] = theory::rate(method, *spectrum, p);
    if (noise_opts) {
      const std::vector<double> sigma2(spectrum->size(), noise_opts->gradient_variance());
      extra["noise_floor"] = io::floor_json(noise::stationary(io::noise_method(method, p), spectrum->values(), sigma2));
    }
    writer.finish(extra);
    sink.commit();
    return io::exit_ok;
  });
}
