// Claim files: numerical statements of a document (a lecture, a paper) as checks that run in CI.
// The format is documented in README.md (kappa-check) and experiments/claims/README.md; in short:
//
//   {"document": "...", "claims": [
//     {"id": "gd.rate_optimal", "source": "slide 'SGD on quadric'", "statement": "rate* = (κ−1)/(κ+1)",
//      "compute": {"tool": "kappa-rate", "options": {"method": "gd", "kappa": 100}},
//      "expect": {"field": "rate", "equals": 0.9801980198019802, "rel_tol": 1e-12}}]}
//
// compute: {"tool": "kappa-rate"|"kappa-eig"|"kappa-run", "options": {...}}
//        | {"tool": "kappa-sweep", "options": {"mode": "theory"|"run", ...}, "grid": {"alpha": "lin:A:B:N", ...}}
//          (record {"points", "rows": [...], "min"/"max": {field: v}, "argmin"/"argmax": {field: {axis: v}}})
//        | {"builtin": NAME, "args": {...}}          (kappa/builtin.hpp)
//        | {"each": {"name": compute, ...}}          (record {"name": record, ...})
// expect:  {"field": PATH, one of "equals" | "less_than" | "less_equal" | "greater_than" |
//           "greater_equal": VALUE, "abs_tol"?, "rel_tol"?} | {"outcome": "converges"|"diverges", "field"?}
//          | {"field": PATH, "is": true|false}
//          VALUE is a number or {"field": PATH}; PATH is dotted ("numeric.alpha", "rows.0.radius").
// erratum: {"stated": VALUE|string, "correct": VALUE|string, "note"?: string}
//          numeric: passes when the field differs from `stated` and equals `correct` within the
//          tolerance; text: the expect (if any) encodes the correct statement; no compute = text only.
// requires: capabilities ("kappa-run", "bfgs_update", "kappa-sweep", "method:NAME" for each optimizer
//          of the registry, e.g. "method:adam"); while one is
//          not available the claim is reported as skipped with the reason, never as passed.
//
// Loading validates everything and throws InputError naming the file, the claim id and the JSON path
// ("lecture.json: claim 'gd.rate' at $.claims[3].expect.rel_tol: expected a number, got string").
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kappa/builtin.hpp"
#include "kappa/io/evaluate.hpp"
#include "kappa/io/output.hpp"

namespace kappa::claims {

using io::Json;

struct ValueSpec {
  enum class Kind { number, field, boolean, text } kind = Kind::number;
  double number = 0;
  std::string text;  // the field path (field) or the text (text)
  bool boolean = false;
};

struct Compute {
  Compute();  // declared here, defaulted below: clang cannot decide whether the pair<string, Compute> of
              // `each` is default-constructible while Compute is still incomplete
  enum class Kind { tool, builtin, each } kind = Kind::tool;
  std::string name;        // tool name or builtin name
  io::OptionMap options;   // tool
  std::vector<std::pair<std::string, std::string>> grid;  // kappa-sweep: axis name, spec
  builtin::Args args;      // builtin
  std::vector<std::pair<std::string, Compute>> each;
};

inline Compute::Compute() = default;

struct Expect {
  enum class Op { equals, less_than, less_equal, greater_than, greater_equal, outcome, is, tolerance_only } op =
      Op::equals;
  std::string field;  // may be empty for outcome (the whole record)
  ValueSpec value;
  std::string outcome;  // "converges" | "diverges"
  double abs_tol = 0, rel_tol = 0;
};

struct Erratum {
  ValueSpec stated, correct;
  std::string note;
  bool numeric() const { return stated.kind != ValueSpec::Kind::text; }
};

struct Claim {
  std::string id, source, statement, note;
  std::optional<Compute> compute;
  std::optional<Expect> expect;
  std::optional<Erratum> erratum;
  std::vector<std::string> requires_;
  std::string file;  // the claim file it came from
  std::string json_path;  // "$.claims[3]"
};

struct ClaimFile {
  std::string path, document;
  std::vector<Claim> claims;
};

// Reads and validates a claim file; throws InputError (file, claim id, JSON path) or RuntimeError
// (cannot read the file).
ClaimFile load_claim_file(const std::string& path);
ClaimFile parse_claim_file(const Json& doc, const std::string& path);

const std::vector<std::string>& known_capabilities();
struct Capability {
  bool available = false;
  std::string reason;  // why not
};
// Probes each capability once (cheap calls that the stubs refuse).
std::map<std::string, Capability> probe_capabilities();

enum class Status { pass, erratum, fail, error, skipped };
std::string_view to_string(Status s);

struct Outcome {
  Status status = Status::error;
  std::string expected, measured, tolerance, message;
  std::optional<double> measured_value;
  double seconds = 0;
};

// The record a compute block produces (a tool's JSON record, a builtin's fields, or {name: record}).
Json evaluate_compute(const Compute& c);
// Runs one claim. Never throws: a failing computation is Status::error with the message.
Outcome evaluate(const Claim& claim, const std::map<std::string, Capability>& capabilities);

// Evaluates claims on `jobs` threads (claims are independent); results in the claims' order.
struct Evaluated {
  const Claim* claim;
  Outcome outcome;
};
std::vector<Evaluated> evaluate_all(const std::vector<const Claim*>& claims, int jobs,
                                    const std::map<std::string, Capability>& capabilities);

struct Summary {
  int pass = 0, erratum = 0, fail = 0, error = 0, skipped = 0;
  int total() const { return pass + erratum + fail + error + skipped; }
};
Summary summarize(const std::vector<Evaluated>& results);

// Reports: an aligned table for people (with the summary and the list of errata), a JSON document
// (context, one object per claim, summary, errata), and JUnit XML (one testsuite per claim file, one
// testcase per claim: fail -> <failure>, error -> <error>, skipped -> <skipped>, erratum -> passes
// with the erratum in <system-out>).
std::string table_report(const std::vector<Evaluated>& results);
Json json_report(const std::vector<Evaluated>& results);
std::string junit_report(const std::vector<Evaluated>& results);
// --list: id, file, kind of computation, requires, statement.
std::string list_report(const std::vector<const Claim*>& claims);
std::string compute_kind(const Claim& c);  // "kappa-rate", "builtin:mean", "each(...)", "text"

// kappa-eig's rows as a record {"rows": [{lambda, sigma1_re, ..., radius, regime}], "rate": r}.
Json evaluate_eig(const io::OptionMap& options);

}  // namespace kappa::claims
