// The options of kappa-eig, kappa-counterexample, kappa-ddescent and kappa-gradflow, and their setups
// (kappa/app/tables.hpp) from parsed options: a setup function raises every InputError the tool
// would raise before computing, and the computation takes the setup alone.
#pragma once
#include <boost/program_options.hpp>

#include "kappa/app/tables.hpp"
#include "kappa/io/table_output.hpp"

namespace kappa::io {

// kappa-eig: method, spectrum, --alpha/--beta or --tuning, --show-matrix, --convention velocity|buffer, noise.
void add_eig_options(boost::program_options::options_description& desc);
EigSetup eig_setup(const boost::program_options::variables_map& vm);

void add_counterexample_options(boost::program_options::options_description& desc);
CounterexampleSetup counterexample_setup(const boost::program_options::variables_map& vm);

void add_ddescent_options(boost::program_options::options_description& desc);
DdescentSetup ddescent_setup(const boost::program_options::variables_map& vm);

void add_gradflow_options(boost::program_options::options_description& desc);
GradflowSetup gradflow_setup(const boost::program_options::variables_map& vm);

}  // namespace kappa::io
