// One schema per optimizer method: each parameter's name, type, default, valid range, help text,
// its key in the parameters block, torch.optim's name for it and the theory's. Everything else is
// derived from it: the command-line options and their help (lib/src/cli/optimizer_options.cpp),
// validation with messages that name the parameter, which method accepts which parameter, the
// parameters block with real types, and kappa-train's optimizer options. A method is its file under
// lib/src/optim/ (schema + factory) plus one line in lib/src/optim/registry.cpp.
//
// Names are kappa's (the lecture's alpha and beta for every method, so --alpha is always the step
// size); `key` is the name in the output's parameters block, torch's where torch has the method
// (sgd's alpha is reported as "lr"). Errors are ParamError naming the parameter ("beta 1.5: must be
// in [0, 1)"); the command line re-spells the name as the option the user typed ("--momentum 1.5: …").
#pragma once
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "kappa/core/errors.hpp"
#include "kappa/theory/theory.hpp"

namespace kappa {

class Optimizer;

// A parameter's value with its type: real, integer, flag or choice (a string from a list).
using ParamValue = std::variant<double, std::int64_t, bool, std::string>;
enum class ParamType { real, integer, flag, choice };

// A bad value of a named parameter. what() is NAME + detail, e.g. "beta" + " 1.5: must be in [0, 1)";
// detail starts with " VALUE: " for a bad value and with ": " otherwise.
struct ParamError : FieldError {
  enum class Kind { bad_value, missing, not_a_parameter };
  ParamError(Kind kind, std::string name, std::string detail)
      : FieldError(std::move(name), std::move(detail)), kind(kind) {}
  Kind kind;
};

// A closed or open interval [lo, hi], (lo, hi), ... of the reals; integers use it too.
struct Interval {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_closed = true, hi_closed = false;
  bool contains(double x) const;
  // "in [0, 1)", "> 0", ">= 0", "in [1, 1000000]" (the words after "must be").
  std::string describe() const;
};

struct ParamSchema {
  std::string name;  // kappa's name: the C++ key and the option (--NAME, _ as -)
  ParamType type = ParamType::real;
  std::optional<ParamValue> default_value;  // none: required (unless `optional`)
  bool optional = false;                    // no default and not required (read with ResolvedParams::given)
  Interval range;                           // real and integer
  std::vector<std::string> choices;         // choice
  std::string key;                          // in the parameters block (empty: as name)
  std::string option;                       // the command-line option when not --NAME (a part of --betas)
  std::string option_part;                  // which part of `option`: "B1", "B2"
  std::string torch;                        // torch.optim's argument, empty: torch has no such argument
  std::string theory;  // the quadric theory's parameter it is ("alpha", "beta"), or empty
  std::string help;    // for --help
  std::string needs;   // what a missing required value is ("a step size")

  const std::string& output_key() const { return key.empty() ? name : key; }
};

// Builders for schema entries: real("beta", 0.9).in(0, 1).torch("momentum").help("...").
struct ParamBuilder {
  ParamSchema p;
  ParamBuilder& in(double lo, double hi, bool lo_closed = true, bool hi_closed = false);
  ParamBuilder& positive();      // (0, inf), finite
  ParamBuilder& non_negative();  // [0, inf), finite
  ParamBuilder& required(std::string what);
  ParamBuilder& optional();
  ParamBuilder& key(std::string k);
  ParamBuilder& option(std::string option, std::string part);
  ParamBuilder& torch(std::string name);
  ParamBuilder& theory(std::string name);
  ParamBuilder& help(std::string text);
  operator ParamSchema() const { return p; }  // NOLINT: builders convert where a schema is expected
};
ParamBuilder real_param(std::string name, std::optional<double> fallback);
ParamBuilder integer_param(std::string name, std::int64_t fallback);
ParamBuilder flag_param(std::string name);
ParamBuilder choice_param(std::string name, std::string fallback, std::vector<std::string> choices);

// Values given for a method's parameters, by kappa's name; a parameter not given takes its default.
class MethodParams {
 public:
  MethodParams() = default;
  MethodParams(std::initializer_list<std::pair<std::string, ParamValue>> values);
  MethodParams& set(const std::string& name, ParamValue value);
  const ParamValue* find(std::string_view name) const;
  const std::vector<std::pair<std::string, ParamValue>>& values() const { return values_; }

 private:
  std::vector<std::pair<std::string, ParamValue>> values_;
};

class ResolvedParams;
using OptimizerFactory = std::unique_ptr<Optimizer> (*)(const ResolvedParams&);

struct MethodSchema {
  std::string name;     // --method NAME
  std::string summary;  // one line for --help and docs
  std::optional<theory::Method>
      theory;  // the theory method it is on a quadric (its alpha/beta tuned by kappa-rate)
  std::vector<ParamSchema> params;
  OptimizerFactory factory = nullptr;

  const ParamSchema* find(std::string_view param) const;
  // The optimizer from the factory, its parameters() block set from `params` (ResolvedParams::block).
  std::unique_ptr<Optimizer> make(const ResolvedParams& params) const;
};

// The values of one method's parameters after validation against its schema, defaults filled in.
class ResolvedParams {
 public:
  // Throws ParamError: a name the method does not have, a value of the wrong type or out of range,
  // or a required parameter not given.
  ResolvedParams(const MethodSchema& schema, const MethodParams& given);
  const MethodSchema& schema() const { return *schema_; }
  double real(std::string_view name) const;
  std::int64_t integer(std::string_view name) const;
  bool flag(std::string_view name) const;
  const std::string& choice(std::string_view name) const;
  bool given(std::string_view name) const;  // given by the caller (not the default)
  // The parameters block: every resolved value by its output key, in schema order.
  std::vector<std::pair<std::string, ParamValue>> block() const;

 private:
  const ParamValue& value(std::string_view name) const;
  const MethodSchema* schema_;
  std::vector<std::pair<std::string, ParamValue>> values_;  // resolved, in schema order
  std::vector<std::string> given_;
};

// The value as text for messages and help ("0.9", "100", "true", "exact").
std::string to_string(const ParamValue& v);
// The value as a number: reals and integers as they are, flags 1 or 0; nullopt for a choice.
std::optional<double> to_number(const ParamValue& v);

// The registry (lib/src/optim/registry.cpp): every method's schema, in --help order.
const std::vector<MethodSchema>& method_schemas();
// The schema of a method; throws ParamError("method", " NAME: unknown method; expected one of …").
const MethodSchema& method_schema(std::string_view name);

}  // namespace kappa
