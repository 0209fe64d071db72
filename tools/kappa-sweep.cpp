// kappa-sweep: kappa-rate (theory) and/or kappa-run (measurement) over a grid of parameters, on
// threads, in shards, resumable. Rows come out in grid order whatever -j is.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "kappa/errors.hpp"
#include "kappa/grid.hpp"
#include "kappa/io/cli.hpp"
#include "kappa/io/evaluate.hpp"
#include "kappa/io/method_options.hpp"
#include "kappa/io/optimizer_options.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/io/spec.hpp"
#include "kappa/rate_map.hpp"
#include "kappa/run.hpp"

using namespace kappa;
namespace po = boost::program_options;

namespace {

volatile std::sig_atomic_t g_signal = 0;
extern "C" void on_signal(int sig) { g_signal = sig; }

// One output cell, owning its string.
using Cell = std::variant<std::monostate, bool, std::int64_t, double, std::string>;
using Row = std::vector<Cell>;

Cell token_cell(const std::string& t) {
  std::int64_t i = 0;
  const char* end = t.data() + t.size();
  if (auto [p, ec] = std::from_chars(t.data(), end, i); ec == std::errc() && p == end) return i;
  double d = 0;
  if (auto [p, ec] = std::from_chars(t.data(), end, d); ec == std::errc() && p == end) return d;
  return t;
}

Cell json_cell(const io::Json& j) {
  if (j.is_null()) return std::monostate{};
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_number_integer()) return j.get<std::int64_t>();
  if (j.is_number_float()) return j.get<double>();
  if (j.is_string()) return j.get<std::string>();
  return j.dump();
}

// The record's columns in theory mode (kappa-rate's record; absent keys are null) and the core of
// kappa-run's summary (more keys of the first point's summary are appended).
const std::vector<std::string> kTheoryKeys = {"rate",   "converges",  "iterations", "alpha",
                                              "beta",   "params_source", "rate_formula", "tol",
                                              "kappa",  "lambda_min", "lambda_max", "n",
                                              "regime_lambda_min", "regime_lambda_max"};
const std::vector<std::string> kRunKeys = {"status", "iterations", "measured_rate", "theory_rate", "rate_rel_error"};

struct Plan {
  std::string mode;  // theory | run | both
  io::Grid grid;
  io::OptionMap fixed;
  bool ends_only = false;
  bool general = false;
  std::vector<std::string> theory_keys, run_keys;  // record keys evaluated per point
  std::vector<std::string> columns;                // output columns
  std::vector<int> theory_col, run_col;            // column of each key (-1: dropped)
};

io::OptionMap point_options(const Plan& plan, std::uint64_t k) {
  io::OptionMap m;
  const auto c = plan.grid.coordinates(k);
  for (std::size_t a = 0; a < c.size(); ++a) {
    const auto& v = plan.grid.axes()[a].values[c[a]];
    if (v != io::grid_opt) m.emplace_back(plan.grid.axes()[a].name, v);
  }
  m.insert(m.end(), plan.fixed.begin(), plan.fixed.end());
  return m;
}

io::OptionMap rate_only(const io::OptionMap& m) {
  static const po::options_description desc = [] {
    po::options_description d;
    io::add_rate_options(d);
    return d;
  }();
  io::OptionMap out;
  for (const auto& kv : m)
    if (desc.find_nothrow(kv.first, false)) out.push_back(kv);
  return out;
}

// The fast theory path: swept α/β on a fixed spectrum, the rate from RateKernel (the same bits as
// theory::rate, tests/test_rate_map.cpp), the other fields as kappa-rate's record computes them.
struct Fast {
  theory::Method method;
  std::optional<Spectrum> spectrum;
  std::optional<theory::RateKernel> kernel;
  double tol = 1e-6;
  std::vector<std::vector<double>> axis_values;  // per axis: parsed numbers
  std::vector<int> axis_role;                    // 0 alpha, 1 beta
  theory::Params base;
};

std::optional<Fast> make_fast(const Plan& plan) {
  if (plan.mode != "theory" || plan.general) return std::nullopt;
  for (const auto& a : plan.grid.axes())
    if ((a.name != "alpha" && a.name != "beta") || a.has_special()) return std::nullopt;
  static const std::set<std::string> allowed = {"method", "kappa", "lambda-min", "lambda-max", "spectrum", "tol", "alpha", "beta"};
  for (const auto& kv : plan.fixed)
    if (!allowed.count(kv.first)) return std::nullopt;
  po::options_description desc;
  io::add_rate_options(desc);
  const auto vm = io::parse_option_map(desc, point_options(plan, 0));
  Fast f;
  f.method = io::method_from_options(vm);
  if (!theory::has_momentum(f.method)) return std::nullopt;
  f.spectrum = io::spectrum_from_options(vm);
  if (!f.spectrum) return std::nullopt;
  f.tol = io::parse_unit_open("--tol", vm["tol"].as<std::string>());
  f.kernel.emplace(f.method, *f.spectrum, plan.ends_only);
  for (const auto& kv : plan.fixed) {
    if (kv.first == "alpha") f.base.alpha = io::parse_positive("--alpha", kv.second);
    if (kv.first == "beta") f.base.beta = io::parse_in_range("--beta", kv.second, 0, true, 1, false);
  }
  for (const auto& a : plan.grid.axes()) {
    const bool alpha = a.name == "alpha";
    f.axis_role.push_back(alpha ? 0 : 1);
    auto& vals = f.axis_values.emplace_back();
    for (const auto& v : a.values)  // as kappa-rate parses them (same messages)
      vals.push_back(alpha ? io::parse_positive("--alpha", v) : io::parse_in_range("--beta", v, 0, true, 1, false));
  }
  return f;
}

io::Json fast_record(const Fast& f, const Plan& plan, std::uint64_t k) {
  theory::Params p = f.base;
  const auto c = plan.grid.coordinates(k);
  for (std::size_t a = 0; a < c.size(); ++a) (f.axis_role[a] ? p.beta : p.alpha) = f.axis_values[a][c[a]];
  const double rate = (*f.kernel)(p);
  const auto it = theory::iterations_to_tol(f.method, *f.spectrum, p, f.tol, rate);
  const auto& s = *f.spectrum;
  io::Json r;
  r["rate"] = rate;
  r["converges"] = theory::converges(f.method, *f.spectrum, p);
  r["iterations"] = it ? io::Json(*it) : io::Json(nullptr);
  r["alpha"] = p.alpha;
  r["beta"] = p.beta;
  r["params_source"] = "given";
  r["tol"] = f.tol;
  r["kappa"] = s.kappa();
  r["lambda_min"] = s.lambda_min();
  r["lambda_max"] = s.lambda_max();
  r["n"] = s.size();
  r["regime_lambda_min"] = theory::to_string(theory::mode_eigen(f.method, s.lambda_min(), p).regime);
  r["regime_lambda_max"] = theory::to_string(theory::mode_eigen(f.method, s.lambda_max(), p).regime);
  return r;
}

// Option parsing (Boost.Program_options) costs more than a tiny run. The fixed options are parsed
// once, and each axis value once on its own; a point's variables_map is the fixed one with the swept
// entries replaced (an `opt` point keeps the fixed map's state of that option: absent or default).
// That is the map a full parse of the point's options gives; --general parses every point in full
// (io::evaluate_rate / io::evaluate_run), and the tests check that both write the same bytes.
struct Composed {
  po::variables_map base;
  std::vector<std::vector<std::optional<po::variable_value>>> values;  // [axis][value]
};

Composed compose(const po::options_description& desc, const io::OptionMap& fixed, const io::Grid& grid, bool rate) {
  Composed c;
  io::OptionMap f;
  for (const auto& kv : fixed)
    if (!rate || desc.find_nothrow(kv.first, false)) f.push_back(kv);
  c.base = io::parse_option_map(desc, f);
  for (const auto& a : grid.axes()) {
    auto& vals = c.values.emplace_back();
    for (const auto& v : a.values) {
      if (v == io::grid_opt || (rate && !desc.find_nothrow(a.name, false))) vals.emplace_back();  // not kappa-rate's
      else vals.emplace_back(io::parse_option_map(desc, {{a.name, v}})[a.name]);
    }
  }
  return c;
}

po::variables_map point_vm(const Composed& c, const io::Grid& grid, std::uint64_t k) {
  po::variables_map vm = c.base;
  const auto coords = grid.coordinates(k);
  for (std::size_t a = 0; a < coords.size(); ++a)
    if (const auto& v = c.values[a][coords[a]]) {
      auto& slot = static_cast<std::map<std::string, po::variable_value>&>(vm)[grid.axes()[a].name];
      slot = *v;
    }
  return vm;
}

struct Evaluators {
  std::optional<Composed> rate, run;
};

Row evaluate_point(const Plan& plan, const std::optional<Fast>& fast, const Evaluators& ev, std::uint64_t k) {
  Row row(plan.columns.size());
  row[0] = static_cast<std::int64_t>(k);
  const auto c = plan.grid.coordinates(k);
  for (std::size_t a = 0; a < c.size(); ++a) row[1 + a] = token_cell(plan.grid.axes()[a].values[c[a]]);
  if (plan.mode != "run") {
    const auto rec = fast       ? fast_record(*fast, plan, k)
                     : ev.rate ? io::rate_record(point_vm(*ev.rate, plan.grid, k))
                               : io::evaluate_rate(rate_only(point_options(plan, k)));
    for (std::size_t i = 0; i < plan.theory_keys.size(); ++i)
      if (plan.theory_col[i] >= 0 && rec.contains(plan.theory_keys[i])) row[plan.theory_col[i]] = json_cell(rec[plan.theory_keys[i]]);
  }
  if (plan.mode != "theory") {
    io::Json rec;
    if (ev.run) {  // io::evaluate_run's body on the composed map
      auto setup = io::run_setup(point_vm(*ev.run, plan.grid, k));
      const Summary sum = run(*setup.problem, *setup.optimizer, setup.w0, setup.settings, nullptr);
      rec["method"] = setup.parameters["optimizer"]["method"];
      rec["params"] = setup.parameters["optimizer"];
      rec.update(io::summary_json(sum));
    } else {
      rec = io::evaluate_run(point_options(plan, k));
    }
    for (std::size_t i = 0; i < plan.run_keys.size(); ++i)
      if (plan.run_col[i] >= 0 && rec.contains(plan.run_keys[i])) row[plan.run_col[i]] = json_cell(rec[plan.run_keys[i]]);
  }
  return row;
}

void put_row(io::RowWriter& w, const Row& row, std::vector<io::Value>& scratch) {
  scratch.clear();
  for (const auto& c : row)
    std::visit([&](const auto& x) {
      using T = std::decay_t<decltype(x)>;
      if constexpr (std::is_same_v<T, std::string>) scratch.emplace_back(std::string_view(x));
      else scratch.emplace_back(x);
    }, c);
  w.row(std::span<const io::Value>(scratch));
}

// Builds the columns: point, the swept parameters, then the record keys (a key equal to a swept
// name is dropped, or kept as NAME_value when that axis has `opt` points).
void make_columns(Plan& plan, const io::Json& first_run) {
  std::set<std::string> swept;
  plan.columns = {"point"};
  for (const auto& a : plan.grid.axes()) {
    plan.columns.push_back(a.name);
    swept.insert(a.name);
  }
  auto add = [&](const std::string& key, const std::string& prefix, std::vector<int>& cols) {
    std::string name = prefix + key;
    if (swept.count(name)) {
      const auto& axes = plan.grid.axes();
      const auto it = std::find_if(axes.begin(), axes.end(), [&](const auto& a) { return a.name == name; });
      if (!it->has_special()) {
        cols.push_back(-1);
        return;
      }
      name += "_value";
    }
    cols.push_back(static_cast<int>(plan.columns.size()));
    plan.columns.push_back(name);
  };
  if (plan.mode != "run") {
    plan.theory_keys = kTheoryKeys;
    for (const auto& k : plan.theory_keys) add(k, "", plan.theory_col);
  }
  if (plan.mode != "theory") {
    plan.run_keys = kRunKeys;
    for (auto it = first_run.begin(); it != first_run.end(); ++it)
      if (std::find(plan.run_keys.begin(), plan.run_keys.end(), it.key()) == plan.run_keys.end() &&
          it.key() != "message" && !it.value().is_structured())
        plan.run_keys.push_back(it.key());
    plan.run_keys.push_back("message");
    for (const auto& k : plan.run_keys) add(k, plan.mode == "both" ? "run_" : "", plan.run_col);
  }
}

io::Json identity(const Plan& plan, io::Format format) {
  io::Json id;
  id["mode"] = plan.mode;
  io::Json grids = io::Json::array();
  for (const auto& a : plan.grid.axes()) grids.push_back({{"name", a.name}, {"spec", a.spec}, {"points", a.values.size()}});
  id["grids"] = grids;
  std::map<std::string, std::string> sorted(plan.fixed.begin(), plan.fixed.end());
  io::Json fixed = io::Json::object();
  for (const auto& [k, v] : sorted) fixed[k] = v;
  id["fixed"] = fixed;
  id["ends_only"] = plan.ends_only;
  id["points"] = plan.grid.size();
  id["format"] = io::to_string(format);
  id["columns"] = plan.columns;
  return id;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RuntimeError(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool exists(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0;
}

std::string duration(double s) {
  if (s < 60) return fmt::format("{:.1f}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", static_cast<int>(s) / 60, static_cast<int>(s) % 60);
  return fmt::format("{}h{:02}m", static_cast<int>(s) / 3600, static_cast<int>(s) / 60 % 60);
}

// Splits argv: kappa-sweep's own options stay; every other --name[=value] is a fixed option of the
// evaluated tool (value: after '=', else the next token unless it starts with "--", else "true").
void split_args(int argc, char** argv, const po::options_description& own, std::vector<std::string>& keep,
                io::OptionMap& fixed) {
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
      if (eq == std::string::npos && o->semantic()->max_tokens() > 0 && i + 1 < argc) keep.push_back(argv[++i]);
      continue;
    }
    // A value follows unless the option is a known flag or the next token is an option (a
    // negative number such as -0.5 is a value).
    const std::string_view nt = i + 1 < argc ? std::string_view(argv[i + 1]) : std::string_view();
    const bool next_is_option = nt.starts_with("-") && !(nt.size() > 1 && (std::isdigit(static_cast<unsigned char>(nt[1])) || nt[1] == '.'));
    static const po::options_description rate_desc = [] {
      po::options_description d;
      io::add_rate_options(d);
      return d;
    }();
    const auto* known = rate_desc.find_nothrow(name, false);
    if (eq != std::string::npos) fixed.emplace_back(name, t.substr(eq + 1));
    else if ((known && known->semantic()->max_tokens() == 0) || i + 1 >= argc || next_is_option) fixed.emplace_back(name, "true");
    else fixed.emplace_back(name, argv[++i]);
  }
}

}  // namespace

int main(int argc, char** argv) {
  io::Tool tool("kappa-sweep",
                "kappa-sweep --grid NAME=SPEC [--grid ...] [--mode theory|run|both] [-j N] [--shard I/N] "
                "[--resume] [-o FILE] [options of kappa-rate / kappa-run]",
                "Evaluates kappa-rate (--mode theory), kappa-run (--mode run) or both at every point of a grid\n"
                "and writes one row per point: `point` (its index in grid order, the first --grid slowest), every\n"
                "swept parameter, then the record. Any option of kappa-rate / kappa-run can be swept or fixed\n"
                "(fixed options are given as to those tools: --method heavy-ball --kappa 100).\n"
                "Grid specs: lin:A:B:N, geom:A:B:N, ilin:A:B:N / igeom:A:B:N (integers), lists V1,V2,...;\n"
                "`opt` in an alpha/beta list leaves the option out, i.e. the theory's optimal parameters.\n"
                "Rows are in grid order for any -j. --shard I/N evaluates points k with k mod N = I-1; kappa-merge\n"
                "joins the shard files into the unsharded file, byte for byte. With -o FILE rows go to FILE.part in\n"
                "whole rows, FILE.sweep.json records the sweep, and FILE appears when the last row is in; SIGINT or\n"
                "SIGTERM finish the current rows and stop, and --resume continues from FILE.part.\n"
                "Progress (with the time left) goes to stderr when it is a terminal.",
                "  kappa-sweep --method heavy-ball --spectrum linear:1:100:100 \\\n"
                "      --grid beta=lin:0:0.99:100 --grid alpha=lin:0.0005:0.04:100 -o map.csv\n"
                "  kappa-sweep --method gd --grid kappa=geom:1:1e6:25 --format jsonl      # rate* against kappa\n"
                "  kappa-sweep --mode both --method heavy-ball --kappa 100 --grid alpha=lin:0.005:0.04:8 --grid beta=0,0.5,0.9\n"
                "  kappa-sweep --method heavy-ball --kappa 1e4 --grid alpha=lin:1e-5:2e-4:400 --grid beta=lin:0:0.99:400 \\\n"
                "      --shard 3/8 -o shard3.csv      # then: kappa-merge -o map.csv shard*.csv");
  tool.options().add_options()
      ("grid", po::value<std::vector<std::string>>()->composing()->value_name("NAME=SPEC"), "a swept parameter (repeat; first slowest)")
      ("mode", po::value<std::string>()->default_value("theory")->value_name("M"), "theory | run | both")
      ("jobs,j", po::value<std::string>()->value_name("N"), "threads (default: all cores)")
      ("shard", po::value<std::string>()->value_name("I/N"), "evaluate only the I-th of N interleaved parts (needs -o)")
      ("resume", po::bool_switch(), "continue FILE.part of an interrupted run of the same sweep (needs -o)")
      ("ends-only", po::bool_switch(), "theory: use only lambda_min and lambda_max (exact for gd, heavy-ball, nesterov)")
      ("general", po::bool_switch(), "parse every point's options in full, as kappa-rate / kappa-run would (same output, slower)")
      ("format", po::value<std::string>()->default_value("csv")->value_name("F"), "csv | jsonl (json | table: no shards, no resume)")
      ("output,o", po::value<std::string>()->value_name("FILE"), "write FILE (FILE.part while running, FILE.sweep.json beside)");

  std::vector<std::string> keep;
  io::OptionMap fixed;
  split_args(argc, argv, tool.options(), keep, fixed);
  std::vector<char*> kept;
  for (auto& s : keep) kept.push_back(s.data());

  return tool.run(static_cast<int>(kept.size()), kept.data(), [&](const po::variables_map& vm) -> int {
    Plan plan;
    plan.mode = vm["mode"].as<std::string>();
    if (plan.mode != "theory" && plan.mode != "run" && plan.mode != "both")
      throw InputError(fmt::format("--mode {}: expected theory, run or both", plan.mode));
    if (!vm.count("grid")) throw InputError("no --grid: give at least one, e.g. --grid alpha=lin:0.001:0.04:40");
    std::vector<io::GridAxis> axes;
    for (const auto& g : vm["grid"].as<std::vector<std::string>>()) axes.push_back(io::parse_grid_axis(g));
    plan.grid = io::Grid(std::move(axes));
    plan.fixed = fixed;
    {
      po::options_description rate_only_desc;
      io::add_rate_options(rate_only_desc);
      for (const auto& kv : fixed) {
        const bool rate_knows = rate_only_desc.find_nothrow(kv.first, false);
        const bool run_knows = io::run_options_description().find_nothrow(kv.first, false);
        const bool known = plan.mode == "theory" ? rate_knows : plan.mode == "run" ? run_knows : rate_knows || run_knows;
        if (!known)
          throw InputError(fmt::format("unrecognised option '--{}' (not an option of kappa-sweep nor of kappa-{}; see --help)",
                                       kv.first, plan.mode == "theory" ? "rate" : "run"));
      }
    }
    plan.ends_only = vm["ends-only"].as<bool>();
    plan.general = vm["general"].as<bool>();
    po::options_description rate_desc;
    io::add_rate_options(rate_desc);
    for (const auto& a : plan.grid.axes()) {
      if (plan.mode == "theory" && !rate_desc.find_nothrow(a.name, false))
        throw InputError(fmt::format("--grid {}={}: unknown parameter {} (kappa-rate has no option --{})", a.name, a.spec, a.name, a.name));
      if (plan.mode != "theory" && !io::run_options_description().find_nothrow(a.name, false))
        throw InputError(fmt::format("--grid {}={}: unknown parameter {} (kappa-run has no option --{})", a.name, a.spec, a.name, a.name));
      for (const auto& kv : fixed)
        if (kv.first == a.name) throw InputError(fmt::format("--grid {}={}: --{} is also given as a fixed option", a.name, a.spec, a.name));
    }
    const auto format = io::parse_format(vm["format"].as<std::string>());
    const bool streamable = format == io::Format::csv || format == io::Format::jsonl;
    const std::string out = vm.count("output") ? vm["output"].as<std::string>() : "";
    const bool to_file = !out.empty() && out != "-";
    io::Shard shard;
    if (vm.count("shard")) {
      shard = io::parse_shard(vm["shard"].as<std::string>());
      if (!to_file) throw InputError(fmt::format("--shard {}: needs -o FILE (its identity goes to FILE.sweep.json)", vm["shard"].as<std::string>()));
    }
    const bool resume = vm["resume"].as<bool>();
    if (resume && !to_file) throw InputError("--resume: needs -o FILE");
    if ((resume || vm.count("shard")) && !streamable)
      throw InputError(fmt::format("--format {}: shards and --resume need csv or jsonl", io::to_string(format)));
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    if (vm.count("jobs")) {
      const auto j = io::parse_int("-j", vm["jobs"].as<std::string>());
      if (j < 1 || j > 4096) throw InputError(fmt::format("-j {}: expected a thread count in [1, 4096]", j));
      threads = static_cast<unsigned>(j);
    }
    if (plan.ends_only && plan.mode != "theory") throw InputError("--ends-only: applies to --mode theory only");

    // Point 0 checks the fixed options (one clear error before any output) and fixes the columns.
    const auto fast = make_fast(plan);
    if (plan.ends_only && !fast)
      throw InputError("--ends-only: needs the fast theory path (swept alpha/beta only, a momentum method, a fixed spectrum)");
    io::Json first_run;
    if (plan.mode != "run" && !fast) {
      // Every axis value once (the others at their first value), so that a bad value is reported
      // before any output, as kappa-rate would report it.
      std::uint64_t stride = plan.grid.size();
      for (const auto& a : plan.grid.axes()) {
        stride /= a.values.size();
        for (std::uint64_t v = 0; v < a.values.size(); ++v) {
          auto opts = rate_only(point_options(plan, v * stride));
          std::erase_if(opts, [](const auto& kv) { return kv.first == "numeric"; });  // checks input only
          io::evaluate_rate(opts);
        }
      }
    }
    if (plan.mode != "theory") first_run = io::evaluate_run(point_options(plan, 0));
    make_columns(plan, first_run);
    Evaluators ev;
    if (!plan.general) {
      if (plan.mode != "run" && !fast) ev.rate = compose(rate_desc, plan.fixed, plan.grid, true);
      if (plan.mode != "theory") ev.run = compose(io::run_options_description(), plan.fixed, plan.grid, false);
    }
    const io::Json id = identity(plan, format);
    const std::uint64_t todo_total = shard.points(plan.grid.size());

    // Output: stdout, or FILE.part (fd 1 is pointed at it so that io::Sink/RowWriter stream into it).
    std::uint64_t done = 0;
    std::string part, sidecar;
    int saved_stdout = -1;
    if (to_file) {
      part = io::sweep_part_path(out);
      sidecar = io::sweep_sidecar_path(out);
      if (resume) {
        const bool have_part = exists(part);
        if (have_part || exists(out)) {
          if (!exists(sidecar)) throw InputError(fmt::format("--resume: {} is missing; cannot tell which sweep wrote {}", sidecar, have_part ? part : out));
          const auto side = io::Json::parse(read_file(sidecar));
          if (side.value("sweep_id", "") != io::fnv1a_hex(id.dump()) || side["sweep"] != id)
            throw InputError(fmt::format("--resume: {} was written by a different sweep (its {} differs from this command)", have_part ? part : out, sidecar));
          if (side["shard"]["index"] != shard.index || side["shard"]["count"] != shard.count)
            throw InputError(fmt::format("--resume: {} is shard {}/{}, this command is shard {}/{}", sidecar,
                                         side["shard"]["index"].dump(), side["shard"]["count"].dump(), shard.index, shard.count));
        }
        if (!have_part && exists(out)) {
          std::fprintf(stderr, "kappa-sweep: %s is complete; nothing to resume\n", out.c_str());
          return io::exit_ok;
        }
        if (have_part) {
          const std::string text = read_file(part);
          std::vector<std::string_view> recs;
          const std::size_t valid = io::split_records(text, format == io::Format::csv, recs);
          if (recs.empty()) done = 0;
          else done = std::min<std::uint64_t>(recs.size() - 1, todo_total);
          if (::truncate(part.c_str(), recs.empty() ? 0 : static_cast<off_t>(valid)) != 0)
            throw RuntimeError(fmt::format("{}: cannot truncate: {}", part, std::strerror(errno)));
          if (recs.empty()) done = 0;
        }
      }
      io::write_sweep_sidecar(sidecar, id, shard, done, false);
    }
    // With -o, fd 1 is pointed at FILE.part so that io::Sink("-") and io::RowWriter stream whole rows
    // into it (flushed twice a second and at the end). On resume the writer's header goes to
    // /dev/null: FILE.part has it already.
    const bool append = to_file && resume && done > 0;
    int part_fd = -1;
    if (to_file) {
      part_fd = ::open(part.c_str(), O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0666);
      if (part_fd < 0) throw RuntimeError(fmt::format("-o {}: cannot open {}: {}", out, part, std::strerror(errno)));
      std::fflush(stdout);
      saved_stdout = ::dup(1);
      const int target = append ? ::open("/dev/null", O_WRONLY) : part_fd;
      ::dup2(target, 1);
      if (append) ::close(target);
    }
    io::Sink sink("-");
    std::optional<io::RowWriter> writer;
    writer.emplace(sink, format, plan.columns, tool.context(id));
    if (to_file) {
      if (append) {
        writer->flush();
        std::fflush(stdout);
        ::dup2(part_fd, 1);
      }
      ::close(part_fd);
    }

    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);

    // Workers take chunks of consecutive shard-local indices; the main thread writes finished chunks
    // in order, so the file is always a prefix of the grid order.
    // Chunks amortise the hand-over between threads (a context switch costs more than a tiny run);
    // runs of unknown length go one at a time on small grids so that the threads stay balanced.
    const std::uint64_t chunk = fast ? 512 : plan.mode == "theory" ? 16 : todo_total >= 256u * threads ? 8 : 1;
    const std::uint64_t first_chunk = done / chunk;  // resume: recompute the rest of a partial chunk
    const std::uint64_t n_chunks = (todo_total + chunk - 1) / chunk;
    const std::uint64_t window = 4 * threads;
    std::mutex mu;
    std::condition_variable cv_main, cv_work;
    std::map<std::uint64_t, std::vector<Row>> ready;
    std::uint64_t next = first_chunk, written_chunks = first_chunk;
    std::atomic<bool> stop{false};
    struct Failure {
      std::uint64_t chunk;
      std::uint64_t point;
      std::string message;
      bool input;
    };
    std::optional<Failure> failure;
    unsigned running = threads;
    auto worker = [&] {
      for (;;) {
        std::uint64_t c;
        {
          std::unique_lock lock(mu);
          cv_work.wait(lock, [&] { return stop || next >= n_chunks || next < written_chunks + window; });
          if (stop || next >= n_chunks || (failure && next > failure->chunk)) break;
          c = next++;
        }
        std::vector<Row> rows;
        const std::uint64_t j0 = c * chunk, j1 = std::min(todo_total, j0 + chunk);
        std::optional<Failure> f;
        for (std::uint64_t j = j0; j < j1 && !f; ++j) {
          const std::uint64_t k = shard.point(j);
          try {
            rows.push_back(evaluate_point(plan, fast, ev, k));
          } catch (const InputError& e) {
            f = Failure{c, k, e.what(), true};
          } catch (const std::exception& e) {
            f = Failure{c, k, e.what(), false};
          }
        }
        std::lock_guard lock(mu);
        if (f && (!failure || f->point < failure->point)) failure = f;
        ready.emplace(c, std::move(rows));
        cv_main.notify_one();
      }
      std::lock_guard lock(mu);
      --running;
      cv_main.notify_one();
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);

    const bool progress = ::isatty(2);
    const auto t0 = std::chrono::steady_clock::now();
    auto last_flush = t0, last_progress = t0;
    const std::uint64_t done_at_start = done;
    std::vector<io::Value> scratch;
    int interrupted = 0;
    for (;;) {
      std::vector<std::pair<std::uint64_t, std::vector<Row>>> batch;
      bool finished = false;
      {
        std::unique_lock lock(mu);
        cv_main.wait_for(lock, std::chrono::milliseconds(100), [&] { return ready.count(written_chunks) || running == 0; });
        while (ready.count(written_chunks) && !(failure && written_chunks > failure->chunk)) {
          batch.emplace_back(written_chunks, std::move(ready[written_chunks]));
          ready.erase(written_chunks++);
        }
        if (g_signal && !stop) {
          interrupted = g_signal;
          stop = true;
        }
        if (failure && written_chunks > failure->chunk) stop = true;
        finished = running == 0 && !ready.count(written_chunks);
        cv_work.notify_all();
      }
      for (auto& [c, rows] : batch)
        for (std::size_t i = 0; i < rows.size(); ++i) {
          if (c * chunk + i < done_at_start) continue;  // resume: already in the file
          put_row(*writer, rows[i], scratch);
          ++done;
        }
      const auto now = std::chrono::steady_clock::now();
      if (now - last_flush > std::chrono::milliseconds(500) || finished) {
        writer->flush();
        last_flush = now;
      }
      if (progress && now - last_progress > std::chrono::milliseconds(250)) {
        const double el = std::chrono::duration<double>(now - t0).count();
        const double rate = (done - done_at_start) / std::max(el, 1e-9);
        const double left = rate > 0 ? (todo_total - done) / rate : 0;
        std::fprintf(stderr, "\rkappa-sweep: %llu/%llu points (%.1f%%), %s elapsed, %s left   ",
                     static_cast<unsigned long long>(done), static_cast<unsigned long long>(todo_total),
                     todo_total ? 100.0 * done / todo_total : 100.0, duration(el).c_str(), duration(left).c_str());
        last_progress = now;
      }
      if (finished) break;
    }
    for (auto& t : pool) t.join();
    if (progress) std::fprintf(stderr, "\r\033[K");
    writer->flush();

    auto restore_stdout = [&] {
      if (saved_stdout < 0) return;
      std::fflush(stdout);
      if (::fsync(1) != 0) throw RuntimeError(fmt::format("writing {}: fsync failed: {}", part, std::strerror(errno)));
      ::dup2(saved_stdout, 1);
      ::close(saved_stdout);
      saved_stdout = -1;
    };
    if (failure) {
      restore_stdout();
      const auto msg = fmt::format("point {}: {}", failure->point, failure->message);
      if (failure->input) throw InputError(msg);
      throw RuntimeError(msg);
    }
    if (interrupted) {
      restore_stdout();
      std::fprintf(stderr, "kappa-sweep: interrupted (%s) after %llu of %llu points%s\n", interrupted == SIGINT ? "SIGINT" : "SIGTERM",
                   static_cast<unsigned long long>(done), static_cast<unsigned long long>(todo_total),
                   to_file ? fmt::format("; {} holds them, --resume finishes the sweep", part).c_str() : "");
      std::signal(interrupted, SIG_DFL);
      std::raise(interrupted);
      return 128 + interrupted;
    }
    writer->finish();
    sink.commit();
    if (to_file) {
      restore_stdout();
      if (std::rename(part.c_str(), out.c_str()) != 0)
        throw RuntimeError(fmt::format("-o {}: cannot rename {} to it: {}", out, part, std::strerror(errno)));
      io::write_sweep_sidecar(sidecar, id, shard, done, true);
    }
    return io::exit_ok;
  });
}
