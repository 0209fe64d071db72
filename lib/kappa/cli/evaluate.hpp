// The tools' computations as library calls on option maps, so that kappa-sweep and kappa-check
// evaluate exactly what kappa-rate and kappa-run would print for the same options.
// An OptionMap holds long option names without dashes and their values as on the command line:
//   {{"method", "heavy-ball"}, {"kappa", "100"}, {"alpha", "0.03"}, {"beta", "0.6"}}
// Flags take the value "true". Bad options throw InputError exactly as the tool would report them.
#pragma once
#include <boost/program_options.hpp>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "kappa/app/rate.hpp"
#include "kappa/io/output.hpp"

namespace kappa::io {

using OptionMap = std::vector<std::pair<std::string, std::string>>;

// kappa-rate's options (method, spectrum, --alpha/--beta/--tuning, --tol, --numeric).
void add_rate_options(boost::program_options::options_description& desc);
// kappa-rate's setup (kappa/app/rate.hpp) from parsed options; `known`, when given, is the spectrum
// (kappa-sweep builds it once) and the spectrum options are not read.
RateSetup rate_setup(const boost::program_options::variables_map& vm,
                     std::shared_ptr<const Spectrum> known = nullptr);
// rate_record(rate_setup(vm)).
Json rate_record(const boost::program_options::variables_map& vm);
// The same from an option map; also returns the resolved parameters block for the context.
Json evaluate_rate(const OptionMap& options);

// kappa-run's summary for an option map (no trace written): status, iterations, final values,
// measured_rate, theory_rate, rate_rel_error, message. Implemented with kappa-run (lib/src/cli/run_tool.cpp).
Json evaluate_run(const OptionMap& options);
// The same on parsed options: evaluate_run(m) == run_record(parse_option_map(run_options_description(), m)).
Json run_record(const boost::program_options::variables_map& vm);

// Parses an option map against a description, as the command line "--key=value ..." would be.
boost::program_options::variables_map parse_option_map(
    const boost::program_options::options_description& desc, const OptionMap& options);
// The two halves of parse_option_map: the options matched against desc (not stored; no
// "--key=value" text is built and tokenised: each entry becomes Boost's parsed option directly),
// and tokens of several maps stored together into one variables_map (defaults filled in, notified),
// as Boost stores several sources. parse_option_map(d, a ++ b) == store_options(d, {tokens(a), tokens(b)}).
boost::program_options::parsed_options parse_option_tokens(
    const boost::program_options::options_description& desc, const OptionMap& options);
boost::program_options::variables_map store_options(
    const boost::program_options::options_description& desc,
    const std::vector<const boost::program_options::parsed_options*>& parts);

}  // namespace kappa::io
