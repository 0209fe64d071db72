// The tools' computations as library calls on option maps, so that kappa-sweep and kappa-check
// evaluate exactly what kappa-rate and kappa-run would print for the same options.
// An OptionMap holds long option names without dashes and their values as on the command line:
//   {{"method", "heavy-ball"}, {"kappa", "100"}, {"alpha", "0.03"}, {"beta", "0.6"}}
// Flags take the value "true". Bad options throw InputError exactly as the tool would report them.
#pragma once
#include <boost/program_options.hpp>
#include <string>
#include <utility>
#include <vector>

#include "kappa/io/output.hpp"

namespace kappa::io {

using OptionMap = std::vector<std::pair<std::string, std::string>>;

// kappa-rate's options (method, spectrum, --alpha/--beta/--tuning, --tol, --numeric).
void add_rate_options(boost::program_options::options_description& desc);
// kappa-rate's result record: method, alpha, beta, params_source, rate, rate_formula?, converges,
// iterations, tol, kappa, lambda_min, lambda_max, n, regime_*, convention, numeric?.
Json rate_record(const boost::program_options::variables_map& vm);
// The same from an option map; also returns the resolved parameters block for the context.
Json evaluate_rate(const OptionMap& options);

// kappa-run's summary for an option map (no trace written): status, iterations, final values,
// measured_rate, theory_rate, rate_rel_error, message. Implemented with kappa-run (lib/src/io/run_tool.cpp).
Json evaluate_run(const OptionMap& options);

// Parses an option map against a description, as the command line "--key=value ..." would be.
boost::program_options::variables_map parse_option_map(const boost::program_options::options_description& desc,
                                                       const OptionMap& options);

}  // namespace kappa::io
