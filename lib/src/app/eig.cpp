// kappa-eig's computation: per eigenvalue the eigenvalues of the method's iteration matrix, their
// radius and regime, and on request the matrix itself.
#include "kappa/app/noise.hpp"
#include "kappa/app/tables.hpp"
#include "kappa/theory/noise.hpp"
#include "kappa/theory/theory.hpp"

namespace kappa::io {

void eig(const EigSetup& setup, TableOutput& out) {
  const auto method = setup.method;
  const auto& spectrum = setup.spectrum;
  const auto& resolved = setup.params;
  const auto& p = resolved.params;
  const bool show_matrix = setup.show_matrix, buffer = setup.buffer;
  const auto& noise_opts = setup.noise;
  const std::string convention = buffer ? "buffer" : "velocity";

  Json params = setup.spectrum_options;
  params["method"] = theory::to_string(method);
  params["alpha"] = p.alpha;
  params["beta"] = theory::has_momentum(method) ? Json(p.beta) : Json(nullptr);
  params["params_source"] = resolved.source;
  params["show_matrix"] = show_matrix;
  // Only when chosen: the default's output stays what it was before --convention existed.
  if (buffer) params["convention"] = convention;
  if (noise_opts) {
    params["noise_variance"] = noise_opts->noise_variance;
    params["batch"] = noise_opts->batch;
  }
  Json context;
  context["convention"] = buffer ? "state (b, w) with torch's momentum buffer b = -v: b <- beta*b + grad f, "
                                   "w <- w - alpha*b (the lecture's slide matrix); kappa's velocity is v = -b"
                                 : velocity_convention();

  std::vector<std::string> columns = {"lambda",    "sigma1_re", "sigma1_im", "sigma2_re",
                                      "sigma2_im", "radius",    "regime"};
  if (show_matrix) columns.insert(columns.end(), {"m11", "m12", "m21", "m22"});
  const std::size_t noise_col = columns.size();
  if (noise_opts) columns.insert(columns.end(), {"noise_dist2", "noise_f_gap"});
  out.begin(params, columns, context);
  std::vector<Value> row(columns.size());
  // (b, w) = D (v, w) with D = diag(-1, 1): the map is D M D, the off-diagonal entries negated.
  const double flip = buffer ? -1.0 : 1.0;
  for (const double lambda : spectrum.values()) {
    const auto e = theory::mode_eigen(method, lambda, p);
    row[0] = lambda;
    row[1] = e.sigma1.real();
    row[2] = e.sigma1.imag();
    row[3] = e.dim == 2 ? Value(e.sigma2.real()) : null_value();
    row[4] = e.dim == 2 ? Value(e.sigma2.imag()) : null_value();
    row[5] = e.radius;
    row[6] = theory::to_string(e.regime);
    if (show_matrix) {
      const auto t = theory::iteration_matrix(method, lambda, p);
      row[7] = t.m[0][0];
      row[8] = t.dim == 2 ? Value(flip * t.m[0][1]) : null_value();
      row[9] = t.dim == 2 ? Value(flip * t.m[1][0]) : null_value();
      row[10] = t.dim == 2 ? Value(t.m[1][1]) : null_value();
    }
    if (noise_opts) {
      const auto e2 =
          noise::stationary_mode(noise_method(method, p), lambda, noise_opts->gradient_variance());
      row[noise_col] = e2 ? Value(*e2) : null_value();
      row[noise_col + 1] = e2 ? Value(0.5 * lambda * *e2) : null_value();
    }
    out.row(row);
  }
  Json extra;
  extra["rate"] = theory::rate(method, spectrum, p);
  if (noise_opts) {
    const std::vector<double> sigma2(spectrum.size(), noise_opts->gradient_variance());
    extra["noise_floor"] = floor_json(noise::stationary(noise_method(method, p), spectrum.values(), sigma2));
  }
  out.finish(extra);
}

}  // namespace kappa::io
