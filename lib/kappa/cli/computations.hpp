// The computations of kappa-eig, kappa-counterexample, kappa-ddescent and kappa-gradflow as library calls: the
// tool prints their result (io::ToolOutput) and kappa-check reads fields of it (io::RecordCollector),
// so both run one code path. Each takes the tool's parsed options; with `out` null it only
// validates them (every InputError the tool would raise before computing) and returns.
#pragma once
#include <boost/program_options.hpp>

#include "kappa/cli/table_output.hpp"

namespace kappa::io {

// kappa-eig: method, spectrum, --show-matrix and --convention velocity|buffer (the matrix acts on
// (v, w), kappa's state, or on (b, w) with b = -v, torch.optim.SGD's momentum buffer and the
// lecture's slide; the eigenvalues are the same, the off-diagonal entries change sign).
void add_eig_options(boost::program_options::options_description& desc);
void eig(const boost::program_options::variables_map& vm, TableOutput* out);

void add_counterexample_options(boost::program_options::options_description& desc);
void counterexample(const boost::program_options::variables_map& vm, TableOutput* out);

void add_ddescent_options(boost::program_options::options_description& desc);
void ddescent(const boost::program_options::variables_map& vm, TableOutput* out);

void add_gradflow_options(boost::program_options::options_description& desc);
void gradflow(const boost::program_options::variables_map& vm, TableOutput* out);

}  // namespace kappa::io
