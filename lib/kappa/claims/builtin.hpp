// Built-in computations for claim checks (kappa-check): small, self-contained numerical experiments
// that the lecture's statements need and no tool computes: the mean of given samples, the
// expectation of a discrete distribution, the variance of the sample mean by simulation, the
// standard error of a minibatch gradient on the finite-sum quadric, the heavy-ball matrix of the
// slide against the one derived from the update rule, Nesterov's overshoot against heavy ball's on a
// 1-D quadric, one Newton step, the BFGS secant residual with either sign, BFGS with exact line
// search, the 1-D secant step, Adam's second moment against AdaGrad's and RMSprop's, ...
//
// Each computation writes its update formulas out in its own code (lib/src/claims/builtin.cpp) so that a
// claim checks the lecture against an independent computation, not against the code under test
// (bfgs_secant with impl "library" is the exception: it checks optimizers::bfgs_update itself).
// Randomness only through kappa::Rng with an explicit seed.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace kappa::builtin {

// An argument: a number (integers are numbers with an integral value), a list of numbers, a name.
using Arg = std::variant<double, std::vector<double>, std::string>;
using Args = std::map<std::string, Arg, std::less<>>;

// A result field: a number, a flag or a text.
using Field = std::variant<double, bool, std::string>;
using Result = std::vector<std::pair<std::string, Field>>;  // in a stable order

enum class ArgType { number, integer, list, name };
std::string_view to_string(ArgType t);

struct ArgSpec {
  std::string name;
  ArgType type;
  bool required;
  Arg default_value;  // used when not required and absent
  std::string help;
};

struct Builtin {
  std::string name;
  std::string summary;
  std::vector<ArgSpec> args;
  std::vector<std::string> fields;  // the result's field names (documentation; "final_w.i" for lists)
  Result (*run)(const Args&);
  // Names kept from the document the built-in was written for (the lecture's): other names of the
  // built-in, and result fields {old name, document-neutral name} reported under both names.
  std::vector<std::string> aliases = {};
  std::vector<std::pair<std::string, std::string>> field_aliases = {};
};

const std::vector<Builtin>& builtins();
const Builtin* find_builtin(std::string_view name);  // by name or alias; nullptr when unknown

// Fills defaults, checks every argument's presence and type (InputError naming the argument), runs.
// Arguments must already be validated against the spec's names (unknown ones are the loader's job).
Result run_builtin(std::string_view name, const Args& args);

}  // namespace kappa::builtin
