// kappa-pep's record on its setup (kappa/app/pep.hpp).
#include "kappa/app/pep.hpp"

#include <fmt/format.h>

#include <cmath>

#include "kappa/app/params.hpp"

namespace kappa::io {

namespace {

Json matrix_json(const Eigen::MatrixXd& m) {
  Json rows = Json::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    Json r = Json::array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) r.push_back(m(i, j));
    rows.push_back(std::move(r));
  }
  return rows;
}

double per_step(double value, int steps) { return value > 0 ? std::pow(value, 1.0 / (2.0 * steps)) : 0.0; }

// The method and class, first in both the parameters and the record.
Json method_and_class(const PepSetup& setup) {
  const auto& p = setup.problem;
  Json j;
  j["method"] = pep::to_string(p.method);
  j["alpha"] = p.alpha;
  j["beta"] = p.method == pep::Method::gd ? Json(nullptr) : Json(p.beta);
  j["params_source"] = setup.params_source;
  j["mu"] = p.mu;
  j["L"] = p.L;
  return j;
}

}  // namespace

Json pep_parameters(const PepSetup& setup) {
  const auto& p = setup.problem;
  Json j = method_and_class(setup);
  j["steps"] = p.steps;
  j["initial"] = pep::to_string(p.initial);
  j["measure"] = pep::to_string(p.measure);
  j["function"] = setup.with_function;
  return j;
}

Json pep_record(const PepSetup& setup) {
  const auto& p = setup.problem;
  const pep::Solution s = pep::solve(p);
  const pep::QuadraticWorst q = pep::quadratic_worst(p);
  Json out = method_and_class(setup);
  out["kappa"] = p.mu > 0 ? Json(p.L / p.mu) : Json(nullptr);
  out["steps"] = p.steps;
  out["initial"] = pep::to_string(p.initial);
  out["measure"] = pep::to_string(p.measure);
  out["worst_case"] = s.worst_case;
  out["bound"] = s.bound;
  out["per_step_factor"] = per_step(s.worst_case, p.steps);
  out["quadratic_worst_case"] = q.value;
  out["quadratic_per_step_factor"] = per_step(q.value, p.steps);
  out["quadratic_lambda"] = q.lambda;
  out["quadratic_rate"] = q.rate;
  out["ratio_to_quadratic"] = q.value > 0 ? Json(s.worst_case / q.value) : Json(nullptr);
  out["below_start"] = s.worst_case < 1;
  out["status"] = pep::to_string(s.status);
  out["solver"] = s.status == pep::Status::closed_form ? "closed_form" : "csdp";
  out["solver_code"] = s.solver_code;
  out["solver_message"] = s.solver_message;
  out["primal_objective"] = s.worst_case;
  out["dual_objective"] = s.bound;
  out["gap"] = s.bound - s.worst_case;
  out["relative_gap"] = (s.bound - s.worst_case) / (1 + std::fabs(s.bound) + std::fabs(s.worst_case));
  out["gram_size"] = s.gram_size;
  out["variables"] = s.variables;
  out["inequalities"] = s.inequalities;
  out["convention"] =
      "x_{-1} = x_0; heavy-ball x+ = x - alpha grad f(x) + beta (x - x_prev) (the lecture's v <- beta v - grad f, "
      "w <- w + alpha v, v_0 = 0); nesterov y = x + beta (x - x_prev), x+ = y - alpha grad f(y); x* = 0, f* = 0";
  out["per_step_note"] =
      "per_step_factor = worst_case^(1/(2N)): every measure is quadratic in x_0 - x*, so this is the per-step "
      "contraction of the distance, comparable to kappa-rate's rate";
  if (setup.with_function) {
    Json f;
    f["dimension"] = s.points.cols();
    f["points"] = matrix_json(s.points);
    f["gradients"] = matrix_json(s.gradients);
    Json v = Json::array();
    for (Eigen::Index i = 0; i < s.values.size(); ++i) v.push_back(s.values(i));
    f["values"] = v;
    f["note"] =
        p.method == pep::Method::nesterov
            ? "row k: the point y_k where the method takes gradient k (y_0 = x_0), the last row x_N; x* = 0, f* = 0"
            : "row k: x_k and the gradient there (the last row x_N); x* = 0, f* = 0";
    out["worst_function"] = f;
  }
  return out;
}

}  // namespace kappa::io
