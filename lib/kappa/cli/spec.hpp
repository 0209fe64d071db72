// Spectrum specs and the spectrum options shared by every tool:
//   --kappa K                      eigenvalues {1, K}
//   --lambda-min A --lambda-max B  eigenvalues {A, B}
//   --spectrum SPEC                linear:A:B:N | geom:A:B:N | cluster:A:B:N:FRAC | uniform:A:B:N:SEED
//                                  | file:PATH (one eigenvalue per line, '#' comments)
#pragma once
#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kappa/theory/spectrum.hpp"

namespace kappa::io {

Spectrum parse_spectrum_spec(const std::string& spec);
Spectrum read_spectrum_file(const std::string& path);

void add_spectrum_options(boost::program_options::options_description& desc);

// The spectrum the options name, or nullopt when none of them was given. Throws InputError when
// they conflict or a value is bad.
std::optional<Spectrum> spectrum_from_options(const boost::program_options::variables_map& vm);

// The options as given (for the JSON parameters block): {"kappa": K} or {"lambda_min": ..} or
// {"spectrum": SPEC}.
nlohmann::json spectrum_options_json(const boost::program_options::variables_map& vm);

}  // namespace kappa::io
