// A theory method's parameters as the theory tools resolve them (kappa/cli/method_options.hpp
// parses them), and the convention note printed with every matrix or velocity.
#pragma once
#include <string>

#include "kappa/theory/theory.hpp"

namespace kappa::io {

// The parameters given, or the method's optimum for the spectrum: closed form where one exists
// (nesterov: tuned, or textbook), else numerical.
struct TunedParams {
  theory::Params params;
  std::string source;  // "given" | "closed_form" | "textbook" | "numeric"
};

// The convention note printed with every matrix or velocity.
const char* velocity_convention();

}  // namespace kappa::io
