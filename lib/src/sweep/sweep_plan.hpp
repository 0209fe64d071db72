// The sweep engine's private parts: the plan of a sweep (its evaluators, columns and identity) and
// one point's row. lib/src/sweep/sweep_plan.cpp builds it; sweep_run.cpp runs it.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "kappa/sweep/sweep.hpp"

namespace kappa::io::sweep_detail {

// One output cell, owning its string.
using Cell = std::variant<std::monostate, bool, std::int64_t, double, std::string>;
using Row = std::vector<Cell>;

// A cell as the grid value's text reads: an integer, a double, else the text.
Cell token_cell(const std::string& text);
Cell json_cell(const Json& j);

// One evaluator in a sweep (two in --mode both).
struct Part {
  const SweepEvaluator* evaluator = nullptr;
  std::string prefix;       // "run_" for run in --mode both
  bool known_only = false;  // pass only the options this evaluator knows (theory in --mode both)
  std::vector<std::string> keys;
  std::vector<int> cols;  // column of each key (-1: dropped, a swept name)
  ParsedRecord parsed;    // empty: evaluator->evaluate on the option map of each point
  bool shortcut = false;
  boost::program_options::parsed_options fixed_tokens{nullptr};
  boost::program_options::variables_map fixed_vm;  // the fixed tokens stored (defaults filled in)
  std::vector<std::vector<std::optional<boost::program_options::parsed_options>>>
      axis_tokens;  // [axis][value]
};

struct Plan {
  SweepSpec spec;
  std::vector<Part> parts;
  std::vector<std::string> columns;
  Json identity;
  std::uint64_t chunk = 1;  // points per hand-over
  std::uint64_t points() const {
    return spec.shard ? spec.shard->points(spec.grid.size()) : spec.grid.size();
  }
  std::uint64_t point(std::uint64_t j) const { return spec.shard ? spec.shard->point(j) : j; }
};

// Checks the spec against the evaluators, evaluates what must fail before any output (every axis
// value of a cheap mode, point 0 of the others), fixes the columns and the identity.
Plan make_plan(const SweepSpec& spec);
Row evaluate_point(const Plan& plan, std::uint64_t k);
// A row's cells as writer values (strings viewed, not copied: valid while `row` and `scratch` live).
std::span<const Value> row_values(const Row& row, std::vector<Value>& scratch);
void put_row(RowWriter& w, const Row& row, std::vector<Value>& scratch);

// Whether anything (a file, a directory, a dangling target aside) is at path (stat succeeds).
bool path_exists(const std::string& path);

// Text with invalid UTF-8 replaced by U+FFFD (file names in identities and JSON output).
std::string valid_utf8(const std::string& text);

}  // namespace kappa::io::sweep_detail
