// Options naming a method and its parameters, shared by the theory tools:
//   --method M, --alpha A (synonym --lr), --beta B (synonym --momentum), --tuning tuned|textbook.
#pragma once
#include <boost/program_options.hpp>
#include <optional>
#include <string>

#include "kappa/app/params.hpp"
#include "kappa/io/output.hpp"
#include "kappa/theory/theory.hpp"

namespace kappa::io {

void add_method_options(boost::program_options::options_description& desc);

theory::Method method_from_options(const boost::program_options::variables_map& vm);

// The parameters the options give, or the method's optimum for the spectrum when none are given:
// closed form where one exists (nesterov: --tuning tuned (default) or textbook), else numerical.

TunedParams resolve_params(theory::Method m, const Spectrum& s,
                           const boost::program_options::variables_map& vm);

// The value of option a or of its synonym b ("--alpha"/"--lr") with the spelling used; InputError when
// both are given.
std::optional<std::pair<std::string, std::string>> synonym_option(
    const boost::program_options::variables_map& vm, const char* a, const char* b);

}  // namespace kappa::io
