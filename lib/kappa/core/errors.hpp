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

// Bad input that belongs to one field of a spec, named as the library names it: what() is
// field + detail, "max_iter -1: must be >= 0". The command-line layer re-spells the field as the
// option a user types (io::option_message: "--iters -1: must be >= 0"). detail starts with the
// value or the colon: " -1: must be >= 0", ": has 3 values, the problem has dimension 2".
struct FieldError : InputError {
  FieldError(std::string field, std::string detail)
      : InputError(field + detail), field(std::move(field)), detail(std::move(detail)) {}
  std::string field, detail;
};

struct RuntimeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace kappa
