// The options of kappa-run (and of io::evaluate_run, which kappa-sweep calls per grid point):
//   optimizer  --method and one option per parameter of the methods' schemas (kappa/optim/method_schema.hpp:
//              --alpha (synonym --lr), --beta (--momentum), --betas B1,B2, --eps, ...), --tuning
//   problem    the spectrum options of io/spec.hpp (as kappa-rate), --rotate SEED, --matrix PATH,
//              --finite-sum N --batch B --seed S --spread X --sample-seed S --without-replacement,
//              --optimum SPEC, --w0 SPEC
//   run        --iters K, --tol EPS, --stop dist|f_gap, --every J
// A method rejects an option it does not have, naming it.
#pragma once
#include <boost/program_options.hpp>
#include <memory>
#include <string>

#include "kappa/app/run.hpp"
#include "kappa/io/output.hpp"
#include "kappa/optim/optimizer.hpp"
#include "kappa/problems/problem.hpp"
#include "kappa/run/run.hpp"

namespace kappa::io {

// --method and the options of every method's parameters, with their help, from the registry's schemas;
// with_tuning: also --tuning (kappa-run's choice of theory-tuned nesterov parameters).
void add_optimizer_options(boost::program_options::options_description& desc, bool with_tuning = true);
// The schema of a --method name; InputError "--method NAME: unknown method; expected one of ...".
const MethodSchema& method_from_registry(const std::string& name);
void add_problem_options(boost::program_options::options_description& desc);
void add_run_options(boost::program_options::options_description& desc);

// The method's parameters given on the command line (by kappa's names); InputError for an option the
// method does not have, naming it as typed.
MethodParams method_params(const boost::program_options::variables_map& vm, const MethodSchema& method);
// The method's optimizer; a ParamError is re-spelled as the option the user typed
// ("--momentum 1.5: must be in [0, 1)", "--betas B1 1: ...").
std::unique_ptr<Optimizer> make_optimizer(const boost::program_options::variables_map& vm,
                                          const MethodSchema& method, const MethodParams& params);
// Every method's parameters, one row each: method, parameter, option, key (in the parameters block),
// torch (torch.optim's name), type, default (required when none), valid (interval or choices), help.
void write_method_table(Sink& sink, Format format, const Json& context);

// A vector of dimension n: zeros | ones | randn:SEED (kappa::Rng normals) | file:PATH (one value per
// line, '#' comments). `option` names it in errors ("--w0").
Vector vector_from_spec(const std::string& spec, Eigen::Index n, const std::string& option);

// kappa-run's setup (kappa/app/run.hpp) from parsed options.
RunSetup run_setup(const boost::program_options::variables_map& vm);

// All of kappa-run's computation options in one description (built once).
const boost::program_options::options_description& run_options_description();

}  // namespace kappa::io
