// kappa-run's record on its setup (kappa/app/run.hpp): the same loop as the tool, without a trace.
#include "kappa/app/run.hpp"

#include <cmath>
#include <variant>

#include "kappa/app/noise_run.hpp"

namespace kappa::io {

Json run_record(RunSetup setup) {
  // A finite sum records the rows for its measured noise floor (the rows read the exact gradient only).
  NoiseFloorRecorder recorder(nullptr, setup.settings.max_iter, setup.settings.every);
  const bool floors = has_noise_floor(setup);
  const Summary s =
      run(*setup.problem, *setup.optimizer, setup.w0, setup.settings, floors ? &recorder : nullptr);
  Json out;
  out["method"] = setup.parameters["optimizer"]["method"];
  out["params"] = setup.parameters["optimizer"];
  out.update(summary_json(s));
  add_noise_floors(out, setup, recorder);
  return out;
}

Json summary_json(const Summary& s) {
  Json j;
  j["status"] = to_string(s.status);
  j["iterations"] = s.iterations;
  j["f_gap"] = finite_or_null(s.f_gap);
  j["dist"] = finite_or_null(s.dist);
  j["grad_norm"] = finite_or_null(s.grad_norm);
  j["dist0"] = s.dist0;
  j["f_gap0"] = s.f_gap0;
  j["dist_ratio"] = s.dist0 > 0 ? finite_or_null(s.dist / s.dist0) : Json(nullptr);
  j["measured_rate"] = finite_or_null(s.fit.rate);
  j["rate_model"] = to_string(s.fit.model);
  j["fit_window"] = s.fit.points ? Json::array({s.fit.first, s.fit.last}) : Json(nullptr);
  j["fit_points"] = s.fit.points;
  j["theory_method"] = s.theory_method.empty() ? Json(nullptr) : Json(s.theory_method);
  j["theory_rate"] = s.theory_rate ? Json(*s.theory_rate) : Json(nullptr);
  j["rate_rel_error"] = s.rate_rel_error ? Json(*s.rate_rel_error) : Json(nullptr);
  j["stop_rule"] = to_string(s.rule);
  j["tol"] = s.tol;
  j["gradient_evaluations"] = s.gradient_evaluations;
  j["value_evaluations"] = s.value_evaluations;
  j["message"] = s.message;
  return j;
}

Json parameters_json(const Optimizer& optimizer) {
  Json j;
  for (const auto& [k, v] : optimizer.parameters()) std::visit([&, &k = k](const auto& x) { j[k] = x; }, v);
  return j;
}

}  // namespace kappa::io
