// The sweep engine behind kappa-sweep (and the grid claims of kappa-check): a grid of options, the
// plan of its points, an ordered thread pool that evaluates them with the single tools' own
// functions, shards, resume after a kill, and the sweep files (FILE, FILE.part, sidecars).
//
// A mode is one entry of sweep_evaluators(): a name, the options a point takes, the record keys
// written as columns, and a function OptionMap -> record (the one the single tool computes with).
// kappa-sweep --mode NAME evaluates that entry; --mode both evaluates theory then run (run's
// columns prefixed run_).
#pragma once
#include <boost/program_options.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kappa/cli/cli.hpp"
#include "kappa/cli/evaluate.hpp"
#include "kappa/io/grid.hpp"
#include "kappa/io/output.hpp"
#include "kappa/sweep/sweep_files.hpp"

namespace kappa::io {

struct SweepSpec;

// A point's record from options parsed once (see SweepEvaluator::prepare).
using ParsedRecord = std::function<Json(const boost::program_options::variables_map&)>;

struct SweepEvaluator {
  std::string name;  // --mode NAME
  std::string tool;  // the single tool, named in messages: "kappa-rate"
  const boost::program_options::options_description& (*options)();  // the options a point takes
  std::vector<std::string> columns;  // record keys written, in order (a key absent from a record: empty cell)
  bool extra_columns = false;        // then the first point's other scalar keys, then "message" (kappa-run)
  bool check_every_value = false;    // evaluate every axis value once before any output (cheap records)
  Json (*evaluate)(const OptionMap&) = nullptr;  // the record of one point, as the single tool computes it
  // Optional, for speed: the same records on a variables_map composed from tokens parsed once. May
  // return a shortcut for this sweep (e.g. a rate kernel on a fixed spectrum) or nullptr when none.
  ParsedRecord (*prepare)(const SweepSpec&, bool& shortcut) = nullptr;
  std::uint64_t chunk = 0;  // points per hand-over between threads (0: 8 or 1 by grid size)
};

// theory (kappa-rate), run (kappa-run), pep (kappa-pep); a new mode is one line in sweep_plan.cpp.
const std::vector<SweepEvaluator>& sweep_evaluators();

// A sweep as kappa-sweep's command line gives it (parsed once at the edge).
struct SweepSpec {
  std::string mode = "theory";
  Grid grid;
  OptionMap fixed;  // options of the evaluated tool, as on its command line
  bool ends_only = false;
  bool general = false;  // every point parsed in full (io::evaluate_*), for tests
  Format format = Format::csv;
  std::string output;  // "" or "-": stdout
  std::optional<Shard> shard;
  bool resume = false;
  unsigned threads = 1;
};

// kappa-sweep's own options (grid, mode, jobs, shard, resume, ends-only, general, format, output).
void add_sweep_options(boost::program_options::options_description& desc);
// Splits argv into kappa-sweep's own arguments (kept, argv[0] first) and the fixed options of the
// evaluated tool (--name value / --name=value / a flag "true").
void split_sweep_args(int argc, char** argv, const boost::program_options::options_description& own,
                      std::vector<std::string>& kept, OptionMap& fixed);
// The spec from kappa-sweep's parsed options and the fixed options; InputError on bad input.
SweepSpec sweep_spec(const boost::program_options::variables_map& vm, OptionMap fixed);

// Runs the sweep: rows to spec.output (FILE.part while running, FILE and FILE.sweep.json at the
// end) or stdout. Returns the exit code (0, or 128+signal after SIGINT/SIGTERM); throws InputError /
// RuntimeError (a bad point, a write error, a lock held by another run, no threads).
int run_sweep(const SweepSpec& spec, const Tool& tool);

// The same evaluation without files: every point in grid order (threads as spec.threads), each row
// handed to `row` on the calling thread as the cells kappa-sweep writes (point, swept values, the
// record's columns). Returns the columns. For callers that use the rows (kappa-check's grid claims).
// spec.output, shard and resume are ignored; a bad point throws as run_sweep does.
std::vector<std::string> sweep_rows(
    const SweepSpec& spec, const std::function<void(std::uint64_t point, std::span<const Value> cells)>& row);

// ---- sweep files (kappa-sweep writes them; kappa-merge and --resume read them) ----

// The validated contents of a sidecar (FILE.sweep.json).
struct SweepSidecar {
  std::string path;
  Json sweep;  // the identity: mode, grids, fixed, ends_only, points, format, columns
  std::string sweep_id;
  Shard shard;
  std::uint64_t shard_points = 0, rows = 0;
  bool complete = false;
  Grid grid;  // rebuilt from sweep.grids
};
// Reads and checks a sidecar field by field: InputError "PATH: field F: expected ..." (exit 2).
SweepSidecar read_sweep_sidecar(const std::string& path);
// The sidecar that describes the data in FILE: FILE.sweep.json, or FILE.part.sweep.json when a run
// was stopped between renaming FILE.part to FILE and its sidecar beside it.
std::string sweep_sidecar_of(const std::string& data);
// Checks that record j of a shard file (header excluded) is point shard.point(j) of the sidecar's
// grid: its point index and grid values. Throws InputError naming the file and the row.
void check_sweep_row(const SweepSidecar& side, const std::string& file, std::uint64_t j,
                     std::string_view record);

}  // namespace kappa::io
