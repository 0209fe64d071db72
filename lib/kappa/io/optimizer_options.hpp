// The options of kappa-run (and of io::evaluate_run, which kappa-sweep calls per grid point):
//   optimizer  --method, --alpha/--lr, --beta/--momentum, --tuning, --dampening, --nesterov,
//              --weight-decay, --betas B1,B2, --eps, --amsgrad, --centered, --rho, --lr-decay,
//              --initial-accumulator-value, --history-size
//   problem    the spectrum options of io/spec.hpp (as kappa-rate), --rotate SEED, --matrix PATH,
//              --finite-sum N --batch B --seed S --spread X --sample-seed S --without-replacement,
//              --optimum SPEC, --w0 SPEC
//   run        --iters K, --tol EPS, --stop dist|f_gap, --every J
// A method rejects an option it does not have, naming it.
#pragma once
#include <boost/program_options.hpp>
#include <memory>
#include <string>

#include "kappa/io/output.hpp"
#include "kappa/optimizer.hpp"
#include "kappa/problem.hpp"
#include "kappa/run.hpp"

namespace kappa::io {

void add_optimizer_options(boost::program_options::options_description& desc);
void add_problem_options(boost::program_options::options_description& desc);
void add_run_options(boost::program_options::options_description& desc);

// The settings as given (unset fields stay unset; flags not given stay unset).
OptimizerSettings optimizer_settings(const boost::program_options::variables_map& vm);

// A vector of dimension n: zeros | ones | randn:SEED (kappa::Rng normals) | file:PATH (one value per
// line, '#' comments). `option` names it in errors ("--w0").
Vector vector_from_spec(const std::string& spec, Eigen::Index n, const std::string& option);

// Everything one run needs, resolved from options. parameters: every resolved value, for the context.
struct RunSetup {
  std::unique_ptr<Problem> problem;
  std::unique_ptr<Optimizer> optimizer;
  Vector w0;
  RunSettings settings;
  Json parameters;
};
RunSetup run_setup(const boost::program_options::variables_map& vm);

// The summary as JSON (snake_case keys, stable).
Json summary_json(const Summary& s);

// All of kappa-run's computation options in one description (built once).
const boost::program_options::options_description& run_options_description();

}  // namespace kappa::io
