// The sweep engine's plan: modes (the evaluator table), kappa-sweep's options parsed into a
// SweepSpec, the columns and identity of a sweep, and one point's row.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "kappa/cli/method_options.hpp"
#include "kappa/cli/optimizer_options.hpp"
#include "kappa/cli/pep_tool.hpp"
#include "kappa/cli/spec.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/theory/rate_map.hpp"
#include "kappa/theory/theory.hpp"
#include "sweep_plan.hpp"

namespace po = boost::program_options;

namespace kappa::io {
namespace {

const po::options_description& rate_description() {
  static const po::options_description d = [] {
    po::options_description desc;
    add_rate_options(desc);
    return desc;
  }();
  return d;
}

const po::options_description& pep_description() {
  static const po::options_description d = pep_options_description();
  return d;
}

// A point whose SDP CSDP cannot solve is a row (status failed, CSDP's reason in solver_message),
// not the end of the sweep: a map over (alpha, beta) crosses regions where the worst case passes
// CSDP's infeasibility threshold. Bad options stay errors (InputError is not caught).
Json evaluate_pep_point(const OptionMap& options) {
  try {
    return evaluate_pep(options);
  } catch (const RuntimeError& e) {
    Json r;
    r["status"] = "failed";
    r["solver_message"] = e.what();
    return r;
  }
}

// Swept alpha/beta on a fixed spectrum: the spectrum built once and the rate from RateKernel (the
// same bits as theory::rate, tests/unit/theory/test_rate_map.cpp); the record is still kappa-rate's rate_record.
ParsedRecord prepare_theory(const SweepSpec& s, bool& shortcut) {
  shortcut = false;
  auto plain = ParsedRecord([](const po::variables_map& vm) { return rate_record(vm); });
  if (s.mode != "theory" || s.general) return plain;
  for (const auto& a : s.grid.axes())
    if ((a.name != "alpha" && a.name != "beta") || a.has_special()) return plain;
  static const std::set<std::string> allowed = {"method",   "kappa", "lambda-min", "lambda-max",
                                                "spectrum", "tol",   "alpha",      "beta"};
  for (const auto& kv : s.fixed)
    if (!allowed.count(kv.first)) return plain;
  const auto vm = parse_option_map(rate_description(), s.fixed);
  const auto method = method_from_options(vm);
  if (!theory::has_momentum(method)) return plain;
  auto spectrum = spectrum_from_options(vm);
  if (!spectrum) return plain;
  struct State {
    std::shared_ptr<const Spectrum> spectrum;
    theory::RateKernel kernel;
  };
  auto shared = std::make_shared<const Spectrum>(std::move(*spectrum));
  auto st = std::make_shared<const State>(State{shared, theory::RateKernel(method, *shared, s.ends_only)});
  shortcut = true;
  return [st](const po::variables_map& vm) {
    return rate_record(rate_setup(vm, st->spectrum),
                       [&k = st->kernel](const theory::Params& p) { return k(p); });
  };
}

ParsedRecord prepare_run(const SweepSpec&, bool& shortcut) {
  shortcut = false;
  return [](const po::variables_map& vm) { return run_record(vm); };
}

const SweepEvaluator* find_evaluator(const std::string& name) {
  for (const auto& e : sweep_evaluators())
    if (e.name == name) return &e;
  return nullptr;
}

}  // namespace

const std::vector<SweepEvaluator>& sweep_evaluators() {
  static const std::vector<SweepEvaluator> table = {
      {"theory",
       "kappa-rate",
       rate_description,
       {"rate", "converges", "iterations", "alpha", "beta", "params_source", "rate_formula", "tol", "kappa",
        "lambda_min", "lambda_max", "n", "regime_lambda_min", "regime_lambda_max"},
       false,
       true,
       evaluate_rate,
       prepare_theory,
       16},
      {"run",
       "kappa-run",
       run_options_description,
       {"status", "iterations", "measured_rate", "theory_rate", "rate_rel_error"},
       true,
       false,
       evaluate_run,
       prepare_run,
       0},
      // CSDP solves are serialised (pep.hpp): threads overlap only the formulation; shard for speed.
      {"pep",
       "kappa-pep",
       pep_description,
       {"status", "worst_case", "bound", "per_step_factor", "quadratic_worst_case",
        "quadratic_per_step_factor", "quadratic_rate", "ratio_to_quadratic", "below_start", "alpha", "beta",
        "params_source", "relative_gap", "solver_message"},
       false,
       false,
       evaluate_pep_point,
       nullptr,
       1},
  };
  return table;
}

void add_sweep_options(po::options_description& desc) {
  desc.add_options()("grid", po::value<std::vector<std::string>>()->composing()->value_name("NAME=SPEC"),
                     "a swept parameter (repeat; first slowest)")(
      "mode", po::value<std::string>()->default_value("theory")->value_name("M"),
      "theory | run | pep | both")("jobs,j", po::value<std::string>()->value_name("N"),
                                   "threads (default: all cores)")(
      "shard", po::value<std::string>()->value_name("I/N"),
      "evaluate only the I-th of N interleaved parts (needs -o)")(
      "resume", po::bool_switch(), "continue FILE.part of an interrupted run of the same sweep (needs -o)")(
      "ends-only", po::bool_switch(),
      "theory: use only lambda_min and lambda_max (exact for gd, heavy-ball, nesterov)")(
      "general", po::bool_switch(),
      "parse every point's options in full, as kappa-rate / kappa-run would (same output, slower)")(
      "format", po::value<std::string>()->default_value("csv")->value_name("F"),
      "csv | jsonl (json | table: no shards, no resume)")(
      "output,o", po::value<std::string>()->value_name("FILE"),
      "write FILE (FILE.part while running, FILE.sweep.json beside)");
}

void split_sweep_args(int argc, char** argv, const po::options_description& own,
                      std::vector<std::string>& keep, OptionMap& fixed) {
  keep.push_back(argv[0]);
  for (int i = 1; i < argc; ++i) {
    const std::string t = argv[i];
    if (!t.starts_with("--") || t == "--") {
      keep.push_back(t);  // short options (-j 2, -o F, -h) and their values
      if ((t == "-j" || t == "-o") && i + 1 < argc) keep.push_back(argv[++i]);
      continue;
    }
    const auto eq = t.find('=');
    const std::string name = t.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    if (const auto* o = own.find_nothrow(name, false)) {
      keep.push_back(t);
      if (eq == std::string::npos && o->semantic()->max_tokens() > 0 && i + 1 < argc)
        keep.push_back(argv[++i]);
      continue;
    }
    // A value follows unless the option is a known flag or the next token is an option (a
    // negative number such as -0.5 is a value).
    const std::string_view nt = i + 1 < argc ? std::string_view(argv[i + 1]) : std::string_view();
    const bool next_is_option =
        nt.starts_with("-") &&
        !(nt.size() > 1 && (std::isdigit(static_cast<unsigned char>(nt[1])) || nt[1] == '.'));
    const auto* known = rate_description().find_nothrow(name, false);
    if (eq != std::string::npos)
      fixed.emplace_back(name, t.substr(eq + 1));
    else if ((known && known->semantic()->max_tokens() == 0) || i + 1 >= argc || next_is_option)
      fixed.emplace_back(name, "true");
    else
      fixed.emplace_back(name, argv[++i]);
  }
}

SweepSpec sweep_spec(const po::variables_map& vm, OptionMap fixed) {
  SweepSpec s;
  s.mode = vm["mode"].as<std::string>();
  if (s.mode != "both" && !find_evaluator(s.mode)) {
    std::string names;
    for (const auto& e : sweep_evaluators()) names += e.name + ", ";
    throw InputError(
        fmt::format("--mode {}: expected {}or both", s.mode, names.substr(0, names.size() - 2) + " "));
  }
  if (!vm.count("grid"))
    throw InputError("no --grid: give at least one, e.g. --grid alpha=lin:0.001:0.04:40");
  std::vector<GridAxis> axes;
  for (const auto& g : vm["grid"].as<std::vector<std::string>>()) axes.push_back(parse_grid_axis(g));
  s.grid = Grid(std::move(axes));
  s.fixed = std::move(fixed);
  s.ends_only = vm["ends-only"].as<bool>();
  s.general = vm["general"].as<bool>();
  s.format = parse_format(vm["format"].as<std::string>());
  s.output = vm.count("output") ? vm["output"].as<std::string>() : "";
  if (s.output == "-") s.output.clear();
  const bool streamable = s.format == Format::csv || s.format == Format::jsonl;
  if (vm.count("shard")) {
    s.shard = parse_shard(vm["shard"].as<std::string>());
    if (s.output.empty())
      throw InputError(fmt::format("--shard {}: needs -o FILE (its identity goes to FILE.sweep.json)",
                                   vm["shard"].as<std::string>()));
  }
  s.resume = vm["resume"].as<bool>();
  if (s.resume && s.output.empty()) throw InputError("--resume: needs -o FILE");
  if ((s.resume || s.shard) && !streamable)
    throw InputError(fmt::format("--format {}: shards and --resume need csv or jsonl", to_string(s.format)));
  s.threads = std::max(1u, std::thread::hardware_concurrency());
  if (vm.count("jobs")) {
    const auto j = parse_int("-j", vm["jobs"].as<std::string>());
    if (j < 1 || j > 4096) throw InputError(fmt::format("-j {}: expected a thread count in [1, 4096]", j));
    s.threads = static_cast<unsigned>(j);
  }
  if (s.ends_only && s.mode != "theory") throw InputError("--ends-only: applies to --mode theory only");
  return s;
}

namespace sweep_detail {

namespace {

// The option map of point k for a part (axis values that are `opt` leave the option out).
OptionMap point_options(const Plan& plan, const Part& part, std::uint64_t k) {
  OptionMap m;
  const auto& g = plan.spec.grid;
  const auto c = g.coordinates(k);
  const auto& desc = part.evaluator->options();
  auto keep = [&](const std::string& name) { return !part.known_only || desc.find_nothrow(name, false); };
  for (std::size_t a = 0; a < c.size(); ++a) {
    const auto& v = g.axes()[a].values[c[a]];
    if (v != grid_opt && keep(g.axes()[a].name)) m.emplace_back(g.axes()[a].name, v);
  }
  for (const auto& kv : plan.spec.fixed)
    if (keep(kv.first)) m.push_back(kv);
  return m;
}

Json part_record(const Plan& plan, const Part& part, std::uint64_t k) {
  if (!part.parsed) return part.evaluator->evaluate(point_options(plan, part, k));
  // Boost.Program_options costs more than a tiny run: the fixed options and each axis value were
  // matched once (parse_option_tokens); a point stores them into a fresh variables_map (what
  // parsing the point's whole option map gives; --general parses every point in full, and the
  // tests compare the bytes).
  // The fixed options are stored once (part.fixed_vm); a point stores its axis tokens onto a copy
  // (Boost's several sources: an explicit value replaces a default) and notifies.
  po::variables_map vm = part.fixed_vm;
  const auto c = plan.spec.grid.coordinates(k);
  for (std::size_t a = 0; a < c.size(); ++a)
    if (const auto& t = part.axis_tokens[a][c[a]]) po::store(*t, vm);
  po::notify(vm);
  return part.parsed(vm);
}

void tokenise(const Plan& plan, Part& part) {
  const auto& desc = part.evaluator->options();
  OptionMap f;
  for (const auto& kv : plan.spec.fixed)
    if (!part.known_only || desc.find_nothrow(kv.first, false)) f.push_back(kv);
  part.fixed_tokens = parse_option_tokens(desc, f);
  part.fixed_vm = store_options(desc, {&part.fixed_tokens});
  for (const auto& a : plan.spec.grid.axes()) {
    auto& vals = part.axis_tokens.emplace_back();
    for (const auto& v : a.values) {
      if (v == grid_opt || (part.known_only && !desc.find_nothrow(a.name, false)))
        vals.emplace_back();
      else
        vals.emplace_back(parse_option_tokens(desc, {{a.name, v}}));
    }
  }
}

// Columns: point, the swept parameters, then each part's record keys (a key equal to a swept name
// is dropped, or kept as NAME_value when that axis has `opt` points).
void make_columns(Plan& plan) {
  std::set<std::string> swept;
  plan.columns = {"point"};
  for (const auto& a : plan.spec.grid.axes()) {
    plan.columns.push_back(a.name);
    swept.insert(a.name);
  }
  for (auto& part : plan.parts)
    for (const auto& key : part.keys) {
      std::string name = part.prefix + key;
      if (swept.count(name)) {
        const auto& axes = plan.spec.grid.axes();
        const auto it = std::find_if(axes.begin(), axes.end(), [&](const auto& a) { return a.name == name; });
        if (!it->has_special()) {
          part.cols.push_back(-1);
          continue;
        }
        name += "_value";
      }
      part.cols.push_back(static_cast<int>(plan.columns.size()));
      plan.columns.push_back(name);
    }
}

Json make_identity(const Plan& plan) {
  Json id;
  id["mode"] = plan.spec.mode;
  Json grids = Json::array();
  for (const auto& a : plan.spec.grid.axes())
    grids.push_back({{"name", a.name}, {"spec", valid_utf8(a.spec)}, {"points", a.values.size()}});
  id["grids"] = grids;
  std::map<std::string, std::string> sorted;
  for (const auto& [k, v] : plan.spec.fixed) sorted.emplace(valid_utf8(k), valid_utf8(v));
  Json fixed = Json::object();
  for (const auto& [k, v] : sorted) fixed[k] = v;
  id["fixed"] = fixed;
  id["ends_only"] = plan.spec.ends_only;
  id["points"] = plan.spec.grid.size();
  id["format"] = to_string(plan.spec.format);
  id["columns"] = plan.columns;
  return id;
}

}  // namespace

Plan make_plan(const SweepSpec& spec) {
  Plan plan;
  plan.spec = spec;
  if (spec.mode == "both") {
    plan.parts.resize(2);
    plan.parts[0].evaluator = find_evaluator("theory");
    plan.parts[0].known_only = true;
    plan.parts[1].evaluator = find_evaluator("run");
    plan.parts[1].prefix = "run_";
  } else {
    plan.parts.resize(1);
    plan.parts[0].evaluator = find_evaluator(spec.mode);
    plan.parts[0].known_only = plan.parts[0].evaluator->name == "theory";
  }
  // Options: every fixed option known to some part, every axis to the last part (the measured one).
  const auto& checker = *plan.parts.back().evaluator;
  for (const auto& kv : spec.fixed) {
    const bool known = std::any_of(plan.parts.begin(), plan.parts.end(), [&](const Part& p) {
      return p.evaluator->options().find_nothrow(kv.first, false);
    });
    if (!known)
      throw InputError(
          fmt::format("unrecognised option '--{}' (not an option of kappa-sweep nor of {}; see --help)",
                      kv.first, checker.tool));
  }
  for (const auto& a : spec.grid.axes()) {
    if (!checker.options().find_nothrow(a.name, false))
      throw InputError(fmt::format("--grid {}={}: unknown parameter {} ({} has no option --{})", a.name,
                                   a.spec, a.name, checker.tool, a.name));
    for (const auto& kv : spec.fixed)
      if (kv.first == a.name)
        throw InputError(
            fmt::format("--grid {}={}: --{} is also given as a fixed option", a.name, a.spec, a.name));
  }
  bool any_shortcut = false;
  for (auto& part : plan.parts) {
    if (!spec.general && part.evaluator->prepare) part.parsed = part.evaluator->prepare(spec, part.shortcut);
    any_shortcut = any_shortcut || part.shortcut;
  }
  if (spec.ends_only && !any_shortcut)
    throw InputError(
        "--ends-only: needs the fast theory path (swept alpha/beta only, a momentum method, a fixed spectrum)");
  for (auto& part : plan.parts)
    if (part.parsed) tokenise(plan, part);

  // What fails must fail before any output, as the single tool would report it: a cheap mode
  // evaluates every axis value once (the other axes at their first value), the others point 0.
  Json first;
  for (auto& part : plan.parts) {
    const auto& ev = *part.evaluator;
    if (ev.check_every_value) {
      std::uint64_t stride = spec.grid.size();
      for (const auto& a : spec.grid.axes()) {
        stride /= a.values.size();
        for (std::uint64_t v = 0; v < a.values.size(); ++v) {
          if (part.shortcut) {
            part_record(plan, part, v * stride);
            continue;
          }
          auto opts = point_options(plan, part, v * stride);
          std::erase_if(opts, [](const auto& kv) { return kv.first == "numeric"; });  // checks input only
          ev.evaluate(opts);
        }
      }
    }
    part.keys = ev.columns;
    if (ev.extra_columns) {
      const Json rec = ev.evaluate(point_options(plan, part, 0));
      for (auto it = rec.begin(); it != rec.end(); ++it)
        if (std::find(part.keys.begin(), part.keys.end(), it.key()) == part.keys.end() &&
            it.key() != "message" && !it.value().is_structured())
          part.keys.push_back(it.key());
      part.keys.push_back("message");
    }
  }
  make_columns(plan);
  plan.identity = make_identity(plan);
  // Chunks amortise the hand-over between threads (a context switch costs more than a tiny run);
  // runs of unknown length go one at a time on small grids so that the threads stay balanced.
  std::uint64_t chunk = any_shortcut ? 512 : ~std::uint64_t{0};
  for (const auto& part : plan.parts)
    if (!any_shortcut) chunk = std::min(chunk, part.evaluator->chunk);
  plan.chunk = chunk ? chunk : plan.points() >= 256u * spec.threads ? 8 : 1;
  return plan;
}

Row evaluate_point(const Plan& plan, std::uint64_t k) {
  Row row(plan.columns.size());
  row[0] = static_cast<std::int64_t>(k);
  const auto& g = plan.spec.grid;
  const auto c = g.coordinates(k);
  for (std::size_t a = 0; a < c.size(); ++a) row[1 + a] = token_cell(g.axes()[a].values[c[a]]);
  for (const auto& part : plan.parts) {
    const Json rec = part_record(plan, part, k);
    for (std::size_t i = 0; i < part.keys.size(); ++i)
      if (part.cols[i] >= 0)
        if (const auto it = rec.find(part.keys[i]); it != rec.end()) row[part.cols[i]] = json_cell(*it);
  }
  return row;
}

std::span<const Value> row_values(const Row& row, std::vector<Value>& scratch) {
  scratch.clear();
  for (const auto& c : row)
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, std::string>)
            scratch.emplace_back(std::string_view(x));
          else
            scratch.emplace_back(x);
        },
        c);
  return std::span<const Value>(scratch);
}

void put_row(RowWriter& w, const Row& row, std::vector<Value>& scratch) { w.row(row_values(row, scratch)); }

}  // namespace sweep_detail
}  // namespace kappa::io
