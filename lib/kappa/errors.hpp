// Errors that cross the library boundary. Tools map them to exit codes (docs/architecture.md, "Exit codes"):
//   InputError   -> 2 (usage / bad input: the message names the bad value and what was expected)
//   RuntimeError -> 1 (I/O, numerical breakdown outside the run loop)
#pragma once
#include <stdexcept>
#include <string>

namespace kappa {

struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct RuntimeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace kappa
