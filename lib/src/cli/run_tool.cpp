// kappa-run's computation on option maps and parsed options (kappa/cli/evaluate.hpp); the record is
// lib/src/app/run.cpp's.
#include "kappa/cli/evaluate.hpp"
#include "kappa/cli/optimizer_options.hpp"

namespace kappa::io {

Json evaluate_run(const OptionMap& options) {
  return run_record(parse_option_map(run_options_description(), options));
}

Json run_record(const boost::program_options::variables_map& vm) { return run_record(run_setup(vm)); }

}  // namespace kappa::io
