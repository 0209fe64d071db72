// Claim files: numerical statements of a document (a lecture, a paper) as checks that run in CI.
// The language is documented in docs/claims.md, its JSON schema is docs/claims.schema.json; in short:
//
//   {"document": "...", "claims": [
//     {"id": "gd.rate_optimal", "source": "slide 'SGD on quadric'", "statement": "rate* = (κ−1)/(κ+1)",
//      "compute": {"tool": "kappa-rate", "options": {"method": "gd", "kappa": 100}},
//      "expect": {"field": "rate", "equals": {"expr": "99/101"}, "rel_tol": 1e-12}}]}
//
// Parts: load (lib/src/claims/claims_load.cpp: JSON with a depth limit and no duplicate keys, then
// validation naming the file, the claim and the JSON path), expressions (claims_expr.cpp),
// computations (claims_compute.cpp: one table entry per tool), evaluation (claims_evaluate.cpp) and
// reports (claims_report.cpp, through the reporters of kappa/io/reporter.hpp).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kappa/claims/builtin.hpp"
#include "kappa/cli/evaluate.hpp"
#include "kappa/io/output.hpp"

namespace kappa::claims {

using io::Json;

// An arithmetic expression over fields and numbers (docs/claims.md, "Expressions"), compiled at load
// to reverse Polish notation; evaluating it needs the record its fields refer to.
class Expr {
 public:
  struct Token {
    enum class Kind { number, field, op, func } kind;
    double number = 0;
    std::string text;  // field path, operator ("+", "-", "*", "/", "^", "neg") or function name
    int args = 0;      // func: argument count
  };
  // Throws InputError with the message (the caller adds file and JSON path).
  static Expr parse(const std::string& text);
  // Fields are looked up in `record`; a path "$.a.b" in `root` (the whole result, when `record` is a
  // row of it; null: record). Throws RuntimeError (missing field, not finite).
  double eval(const Json& record, const Json* root = nullptr) const;
  bool is_constant() const;  // no field
  bool is_single_field() const { return rpn_.size() == 1 && rpn_[0].kind == Token::Kind::field; }
  const std::string& text() const { return text_; }

 private:
  std::vector<Token> rpn_;
  std::string text_;
};

struct ValueSpec {
  enum class Kind { number, field, expr, boolean, text } kind = Kind::number;
  double number = 0;
  std::string text;  // the field path (field), the expression (expr) or the text (text)
  bool boolean = false;
  std::optional<Expr> expr;  // field and expr
};

struct Compute {
  Compute();  // declared here, defaulted below: clang cannot decide whether the pair<string, Compute> of
              // `each` is default-constructible while Compute is still incomplete
  enum class Kind { tool, builtin, each } kind = Kind::tool;
  std::string name;       // tool name or builtin name (the document-neutral one)
  io::OptionMap options;  // tool
  std::vector<std::pair<std::string, std::string>> grid;  // kappa-sweep: axis name, spec
  builtin::Args args;                                     // builtin
  std::vector<std::pair<std::string, Compute>> each;
};

inline Compute::Compute() = default;

struct Expect {
  enum class Op {
    equals,
    less_than,
    less_equal,
    greater_than,
    greater_equal,
    outcome,
    is,
    tolerance_only,
    all_of,
    any_of,
    for_all,
    for_any
  } op = Op::equals;
  ValueSpec measured;   // field / expr (empty text for outcome on the whole record)
  ValueSpec value;      // the expected side
  std::string outcome;  // "converges" | "diverges" | "does_not_converge"
  double abs_tol = 0, rel_tol = 0;
  std::vector<Expect> parts;  // all_of / any_of; for_all / for_any: one, applied to each row
  std::string rows;           // for_all / for_any: the path of the array
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
  std::string file;       // the claim file it came from
  std::string json_path;  // "$.claims[3]"
};

struct ClaimFile {
  std::string path, document;
  std::vector<Claim> claims;
};

// The nesting limit of a claim file (objects and arrays).
inline constexpr int max_json_depth = 64;

// Reads and validates a claim file; throws InputError (file, claim id, JSON path: "cannot open",
// "not valid JSON: line L, column C: ...", "nested deeper than 64 levels", "duplicate key 'k'").
ClaimFile load_claim_file(const std::string& path);
// The same for a parsed document; `base_dir` resolves file references ("" = the working directory).
ClaimFile parse_claim_file(const Json& doc, const std::string& path, const std::string& base_dir = "");
// Parses text with the loader's rules (depth, duplicate keys, clean messages naming `path`).
Json parse_json_strict(const std::string& text, const std::string& path);

enum class Status { pass, erratum, fail, error };
std::string_view to_string(Status s);

struct Outcome {
  Status status = Status::error;
  std::string expected, measured, tolerance, message;
  std::optional<double> measured_value;
  double seconds = 0;
};

// The computations kappa-check knows: one entry per tool (claims_compute.cpp).
struct ComputeKind {
  std::string_view tool;
  // Load-time check of the options (InputError with the tool's message); null: none.
  void (*validate)(const io::OptionMap& options);
  // The tool's result as a record (the shape of its --format json, without tool and version).
  Json (*evaluate)(const io::OptionMap& options);
};
const std::vector<ComputeKind>& compute_kinds();
const ComputeKind* find_compute_kind(std::string_view tool);

// The record a compute block produces (a tool's record, a builtin's fields, or {name: record}).
Json evaluate_compute(const Compute& c);
// Runs one claim. Never throws: a failing computation is Status::error with the message.
Outcome evaluate(const Claim& claim);

// Evaluates claims on `jobs` threads (claims are independent); results in the claims' order.
struct Evaluated {
  const Claim* claim;
  Outcome outcome;
};
std::vector<Evaluated> evaluate_all(const std::vector<const Claim*>& claims, int jobs);

struct Summary {
  int pass = 0, erratum = 0, fail = 0, error = 0;
  int total() const { return pass + erratum + fail + error; }
};
Summary summarize(const std::vector<Evaluated>& results);

// Reports through io::Reporter (table | json | jsonl | csv | junit): the table with the summary and
// the list of errata, JSON with one object per claim, JUnit with one testsuite per claim file.
void report(const std::vector<Evaluated>& results, std::string_view format, io::Sink& sink,
            const Json& context);
// --list: id, file, kind of computation, statement.
std::string list_report(const std::vector<const Claim*>& claims);
std::string compute_kind(const Claim& c);  // "kappa-rate", "builtin:mean", "each(...)", "text"

// The path inside `record` ("rows.-1.radius": negative indexes count from the end); nullptr when
// absent. missing_field_message names the deepest level reached and its nearest keys.
const Json* lookup(const Json& record, const std::string& path);
std::string missing_field_message(const Json& record, const std::string& path);

}  // namespace kappa::claims
