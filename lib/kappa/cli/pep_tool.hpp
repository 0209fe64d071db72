// kappa-pep's options and its setup, and its record on parsed options or option maps, so that
// kappa-sweep (--mode pep) and kappa-check evaluate exactly what kappa-pep prints (kappa/cli/evaluate.hpp).
#pragma once
#include <boost/program_options.hpp>

#include "kappa/app/pep.hpp"
#include "kappa/cli/evaluate.hpp"
#include "kappa/io/output.hpp"
#include "kappa/theory/pep.hpp"

namespace kappa::io {

// --method, --alpha/--lr, --beta/--momentum, --tuning, --mu, --L, --steps, --initial, --measure, --function.
void add_pep_options(boost::program_options::options_description& desc);
boost::program_options::options_description pep_options_description();

// kappa-pep's setup (kappa/app/pep.hpp) from parsed options.
PepSetup pep_setup(const boost::program_options::variables_map& vm);

// pep_record(pep_setup(vm)).
Json pep_record(const boost::program_options::variables_map& vm);

Json evaluate_pep(const OptionMap& options);

}  // namespace kappa::io
