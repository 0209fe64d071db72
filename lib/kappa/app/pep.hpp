// kappa-pep's computation on its setup (kappa/cli/pep_tool.hpp builds it from the options), so that
// kappa-pep, kappa-sweep --mode pep and kappa-check compute one record.
#pragma once
#include <string>

#include "kappa/io/output.hpp"
#include "kappa/theory/pep.hpp"

namespace kappa::io {

// The problem the options describe (quadratic-optimal alpha/beta when not given), where the
// parameters came from ("given" | "closed_form" | "textbook"), and whether to report the worst function.
struct PepSetup {
  pep::Problem problem;
  std::string params_source;
  bool with_function = false;
};

// kappa-pep's record: method, alpha, beta, params_source, mu, L, kappa, steps, initial, measure,
// worst_case, bound, per_step_factor, quadratic_worst_case, quadratic_per_step_factor,
// quadratic_lambda, quadratic_rate, ratio_to_quadratic, below_start, status, solver, solver_code,
// solver_message, primal_objective, dual_objective, gap, relative_gap, gram_size, variables,
// inequalities, convention, per_step_note, worst_function? (with --function).
// Solver failures throw RuntimeError (exit 1); status "partial" is CSDP's reduced accuracy.
Json pep_record(const PepSetup& setup);

// The parameters block of the JSON context: every option with its resolved default.
Json pep_parameters(const PepSetup& setup);

}  // namespace kappa::io
