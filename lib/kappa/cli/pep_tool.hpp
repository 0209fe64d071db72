// kappa-pep's options and record as library calls, so that kappa-sweep (--mode pep) and kappa-check
// evaluate exactly what kappa-pep prints for the same options (see kappa/cli/evaluate.hpp).
#pragma once
#include <boost/program_options.hpp>

#include "kappa/cli/evaluate.hpp"
#include "kappa/io/output.hpp"
#include "kappa/theory/pep.hpp"

namespace kappa::io {

// --method, --alpha/--lr, --beta/--momentum, --tuning, --mu, --L, --steps, --initial, --measure, --function.
void add_pep_options(boost::program_options::options_description& desc);
boost::program_options::options_description pep_options_description();

// The problem the options describe (quadratic-optimal alpha/beta when not given) and where the
// parameters came from ("given" | "closed_form" | "textbook").
struct PepSetup {
  pep::Problem problem;
  std::string params_source;
  bool with_function = false;
};
PepSetup pep_setup(const boost::program_options::variables_map& vm);

// kappa-pep's record: method, alpha, beta, params_source, mu, L, kappa, steps, initial, measure,
// worst_case, bound, per_step_factor, quadratic_worst_case, quadratic_per_step_factor,
// quadratic_lambda, quadratic_rate, ratio_to_quadratic, below_start, status, solver, solver_code,
// solver_message, primal_objective, dual_objective, gap, relative_gap, gram_size, variables,
// inequalities, convention, per_step_note, worst_function? (with --function).
// Solver failures throw RuntimeError (exit 1); status "partial" is CSDP's reduced accuracy.
Json pep_record(const PepSetup& setup);
Json pep_record(const boost::program_options::variables_map& vm);

// The parameters block of the JSON context: every option with its resolved default.
Json pep_parameters(const PepSetup& setup);

Json evaluate_pep(const OptionMap& options);

}  // namespace kappa::io
