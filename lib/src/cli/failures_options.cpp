// The options of kappa-counterexample, kappa-ddescent and kappa-gradflow and their setups
// (kappa/cli/computations.hpp); the computations are lib/src/app/failures.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <string>

#include "kappa/cli/cli.hpp"
#include "kappa/cli/computations.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/grid.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/learn/counterexamples.hpp"
#include "kappa/learn/ddescent.hpp"
#include "kappa/learn/gradflow.hpp"
#include "kappa/theory/theory.hpp"

namespace po = boost::program_options;

namespace kappa::io {
namespace {

namespace ce = kappa::counterexamples;
namespace dd = kappa::ddescent;

// ------------------------------------------------------------------------- kappa-counterexample

// The starts of --basin/--scan: one axis in kappa-sweep's grid syntax (lin:A:B:N, geom:A:B:N, a
// list V1,V2,...), ascending, at most 10^6 values. The earlier LO:HI:STEP form is refused with the
// lin spec that gives the same points.
std::vector<double> starts_of(const std::string& opt, const std::string& text) {
  const auto parts = split(text, ':');
  if (parts.size() == 3) {
    double lo = 0, hi = 0, step = 0;
    try {
      lo = parse_double("", parts[0]), hi = parse_double("", parts[1]), step = parse_double("", parts[2]);
    } catch (const InputError&) {
      throw InputError(fmt::format(
          "--{} {}: expected a grid axis lin:A:B:N, geom:A:B:N or V1,V2,... (kappa-sweep's --grid syntax)",
          opt, text));
    }
    const std::string hint =
        step > 0 && hi >= lo && (hi - lo) / step < 1e6
            ? fmt::format("; give lin:{}:{}:{} for these points", parts[0], parts[1],
                          static_cast<std::int64_t>(std::floor((hi - lo) / step + 1e-9)) + 1)
            : "";
    throw InputError(fmt::format(
        "--{} {}: LO:HI:STEP is not a grid axis (kappa-sweep's --grid syntax: lin:A:B:N, geom:A:B:N or V1,V2,...){}",
        opt, text, hint));
  }
  GridAxis axis;
  try {
    axis = parse_grid_axis(opt + "=" + text);
  } catch (const InputError& e) {
    std::string msg = e.what();
    const std::string prefix = "--grid " + opt + "=";
    if (msg.starts_with(prefix)) msg = "--" + opt + " " + msg.substr(prefix.size());
    throw InputError(msg);
  }
  if (axis.values.size() > 1'000'000)
    throw InputError(fmt::format("--{} {}: {} starts; at most 10^6", opt, text, axis.values.size()));
  std::vector<double> starts;
  for (const auto& v : axis.values) starts.push_back(parse_double("--" + opt, v));
  if (!std::is_sorted(starts.begin(), starts.end()))
    throw InputError(fmt::format("--{} {}: expected ascending starts", opt, text));
  return starts;
}

// ------------------------------------------------------------------------- kappa-ddescent

// A numeric table: one row per line, fields separated by commas and/or blanks, '#' comments, every
// row the same length. Minimal on purpose (the learning issue's CSV reader is the general one).
Eigen::MatrixXd read_table(const std::string& opt, const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("--" + opt + " " + path + ": cannot open");
  std::vector<std::vector<double>> rows;
  std::string line;
  std::size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (const auto h = line.find('#'); h != std::string::npos) line.erase(h);
    std::replace(line.begin(), line.end(), ',', ' ');
    std::replace(line.begin(), line.end(), '\t', ' ');
    std::replace(line.begin(), line.end(), '\r', ' ');
    std::vector<double> row;
    for (auto tok : split(line, ' '))
      if (!tok.empty()) row.push_back(parse_double(fmt::format("--{} {} line {}", opt, path, lineno), tok));
    if (row.empty()) continue;
    if (!rows.empty() && row.size() != rows[0].size())
      throw InputError(fmt::format("--{} {} line {}: {} fields, expected {}", opt, path, lineno, row.size(),
                                   rows[0].size()));
    rows.push_back(std::move(row));
  }
  if (rows.empty()) throw InputError("--" + opt + " " + path + ": no numeric rows");
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows[0].size()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = 0; j < rows[0].size(); ++j)
      m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i][j];
  return m;
}

int int_in(const po::variables_map& vm, const char* key, std::int64_t lo, std::int64_t hi) {
  const std::string& t = vm[key].as<std::string>();
  const auto v = parse_int(std::string("--") + key, t);
  if (v < lo || v > hi)
    throw InputError(fmt::format("--{} {}: must be an integer in [{}, {}]", key, t, lo, hi));
  return static_cast<int>(v);
}

}  // namespace

void add_counterexample_options(po::options_description& desc) {
  desc.add_options()("problem", po::value<std::string>()->default_value("lrp")->value_name("P"),
                     "lrp | chain:N:KAPPA")(
      "method", po::value<std::string>()->default_value("heavy-ball")->value_name("M"),
      "heavy-ball | gd | nesterov | cg")("alpha,lr", po::value<std::string>()->value_name("A"),
                                         "step size (default: see above)")(
      "beta,momentum", po::value<std::string>()->value_name("B"), "momentum (default: see above)")(
      "x0", po::value<std::string>()->default_value("3.3")->value_name("X"),
      "lrp: the start (chain starts at 0)")(
      "iters", po::value<std::string>()->default_value("60")->value_name("K"), "iterations")(
      "cycle", po::bool_switch(), "lrp, heavy-ball: the cycle reached from --x0")(
      "basin", po::value<std::string>()->value_name("AXIS"),
      "lrp, heavy-ball: intervals of starts ending on the cycle; AXIS as kappa-sweep's --grid: lin:LO:HI:N, geom:A:B:N or V1,V2,...")(
      "scan", po::value<std::string>()->value_name("AXIS"),
      "lrp: outcome (converged | cycle | other) per start in AXIS");
}

CounterexampleSetup counterexample_setup(const po::variables_map& vm) {
  CounterexampleSetup s;
  s.problem_spec = vm["problem"].as<std::string>();
  s.method = vm["method"].as<std::string>();
  const std::string& method = s.method;
  if (method != "heavy-ball" && method != "gd" && method != "nesterov" && method != "cg")
    throw InputError("--method " + method + ": expected heavy-ball, gd, nesterov or cg");
  s.problem = ce::make_problem(s.problem_spec);
  const double mu = s.mu, L = s.L();
  if (method == "heavy-ball") {
    const auto opt = theory::optimal_closed_form(theory::Method::heavy_ball, mu, L);
    s.alpha = opt->params.alpha;
    s.beta = opt->params.beta;
  } else if (method == "gd") {
    s.alpha = 1 / L;
  } else if (method == "nesterov") {
    const auto opt = theory::nesterov_textbook(mu, L);
    s.alpha = opt.params.alpha;
    s.beta = opt.params.beta;
  }
  if (const auto a = optional_double(vm, "alpha")) s.alpha = *a;
  if (const auto b = optional_double(vm, "beta")) s.beta = *b;
  if (method != "cg" && !(s.alpha > 0))
    throw InputError("--alpha " + format_number(s.alpha) + ": must be > 0");
  if (s.beta < 0 || s.beta >= 1) throw InputError("--beta " + format_number(s.beta) + ": must be in [0, 1)");
  s.x0 = parse_double("--x0", vm["x0"].as<std::string>());
  // f(x0) ≈ 12.5·x0² must be a double (|x0| < √(DBL_MAX/12.5) ≈ 3.79e153), or every f − f* is inf.
  if (s.lrp() && !std::isfinite(ce::lrp_value(s.x0)))
    throw InputError("--x0 " + vm["x0"].as<std::string>() +
                     ": f(x0) = 12.5 x0^2 exceeds the largest double; "
                     "expected x0 between -3.7e153 and 3.7e153");
  const auto iters64 = parse_int("--iters", vm["iters"].as<std::string>());
  if (iters64 < 0 || iters64 > 10'000'000)
    throw InputError("--iters " + vm["iters"].as<std::string>() + ": must be in [0, 10000000]");
  s.iters = static_cast<int>(iters64);
  const int modes = int(vm["cycle"].as<bool>()) + int(vm.count("basin")) + int(vm.count("scan"));
  if (modes > 1) throw InputError("--cycle, --basin and --scan: expected at most one");
  if (modes && !s.lrp())
    throw InputError("--problem " + s.problem_spec + ": --cycle, --basin and --scan need --problem lrp");
  if ((vm["cycle"].as<bool>() || vm.count("basin")) && method != "heavy-ball")
    throw InputError("--method " + method + ": --cycle and --basin follow heavy ball");
  if (vm.count("scan") && method == "cg")
    throw InputError("--method cg: --scan runs heavy-ball, gd or nesterov");
  if (vm["cycle"].as<bool>()) s.mode = CounterexampleSetup::Mode::cycle;
  if (vm.count("basin")) {
    s.mode = CounterexampleSetup::Mode::basin;
    s.starts_text = vm["basin"].as<std::string>();
    s.starts = starts_of("basin", s.starts_text);
  }
  if (vm.count("scan")) {
    s.mode = CounterexampleSetup::Mode::scan;
    s.starts_text = vm["scan"].as<std::string>();
    s.starts = starts_of("scan", s.starts_text);
  }
  return s;
}

void add_ddescent_options(po::options_description& desc) {
  desc.add_options()("data", po::value<std::string>()->value_name("FILE"),
                     "features: a numeric table (commas or blanks)")(
      "target", po::value<std::string>()->value_name("FILE"), "targets: one number per row of --data")(
      "n-train", po::value<std::string>()->default_value("100")->value_name("N"), "training samples")(
      "n-test", po::value<std::string>()->default_value("1000")->value_name("M"), "synthetic: test samples")(
      "dim", po::value<std::string>()->default_value("20")->value_name("D"), "synthetic: input dimension")(
      "noise", po::value<std::string>()->default_value("0.5")->value_name("S"),
      "synthetic: label noise standard deviation")(
      "p", po::value<std::string>()->value_name("LIST"),
      "feature counts, comma-separated (default: the grid above)")(
      "seed", po::value<std::string>()->default_value("1")->value_name("S"), "first seed")(
      "seeds", po::value<std::string>()->default_value("10")->value_name("K"), "seeds averaged");
}

DdescentSetup ddescent_setup(const po::variables_map& vm) {
  if (vm.count("data") != vm.count("target"))
    throw InputError("--data and --target: expected both or neither");
  DdescentSetup s;
  const bool real = vm.count("data") > 0;
  s.n_train = int_in(vm, "n-train", 2, 1'000'000);
  s.seeds = int_in(vm, "seeds", 1, 10'000);
  s.seed = parse_seed("--seed", vm["seed"].as<std::string>());
  const int n_train = s.n_train;
  auto& ps = s.ps;
  if (vm.count("p")) {
    for (auto tok : split(vm["p"].as<std::string>(), ',')) {
      const auto p = parse_int("--p", tok);
      if (p < 1 || p > 1'000'000)
        throw InputError(fmt::format("--p {}: each feature count must be in [1, 1000000]", tok));
      ps.push_back(p);
    }
  } else {
    ps = dd::default_grid(n_train);
  }
  const auto pmax = *std::max_element(ps.begin(), ps.end());
  // Checked before allocating: each seed holds the inputs, (n_train + n_test)·d doubles, and the
  // features, (n_train + n_test)·p_max doubles; refuse more than 5e7 values (400 MB).
  const double rows =
      real ? 0.0 : static_cast<double>(n_train) + parse_int("--n-test", vm["n-test"].as<std::string>());
  const double dim_values =
      real ? 0.0 : rows * static_cast<double>(parse_int("--dim", vm["dim"].as<std::string>()));
  if (rows * static_cast<double>(pmax) + dim_values > 5e7)
    throw InputError(
        fmt::format("--p {}: (n_train + n_test) * (d + p_max) = {:.3g} values would need {:.0f} MiB, "
                    "expected at most 5e7 values (381 MiB)",
                    pmax, rows * static_cast<double>(pmax) + dim_values,
                    (rows * static_cast<double>(pmax) + dim_values) * 8 / (1 << 20)));
  if (real) {
    s.data = vm["data"].as<std::string>();
    s.target = vm["target"].as<std::string>();
    s.X = read_table("data", s.data);
    const Eigen::MatrixXd Y = read_table("target", s.target);
    const auto& X = s.X;
    if (Y.cols() != 1)
      throw InputError("--target " + vm["target"].as<std::string>() + ": expected one number per row");
    if (Y.rows() != X.rows())
      throw InputError(fmt::format("--target {}: {} rows, expected {} (the rows of --data)",
                                   vm["target"].as<std::string>(), Y.rows(), X.rows()));
    if (n_train >= X.rows())
      throw InputError(fmt::format("--n-train {}: must be below the {} rows of --data", n_train, X.rows()));
    if (static_cast<double>(X.rows()) * static_cast<double>(pmax) > 5e7)
      throw InputError(
          fmt::format("--p {}: rows * p_max = {:.3g} feature values would need {:.0f} MiB, expected at "
                      "most 5e7 values (381 MiB)",
                      pmax, static_cast<double>(X.rows()) * static_cast<double>(pmax),
                      static_cast<double>(X.rows()) * static_cast<double>(pmax) * 8 / (1 << 20)));
    s.y = Y.col(0);
  } else {
    s.n_test = int_in(vm, "n-test", 1, 10'000'000);
    s.dim = int_in(vm, "dim", 1, 100'000);
    s.noise = parse_in_range("--noise", vm["noise"].as<std::string>(), 0, true, 1e6, true);
  }
  return s;
}

void add_gradflow_options(po::options_description& desc) {
  desc.add_options()("depth", po::value<std::string>()->default_value("30")->value_name("L"),
                     "number of layers")(
      "width", po::value<std::string>()->default_value("64")->value_name("D"), "width d of every layer")(
      "activation", po::value<std::string>()->default_value("tanh")->value_name("A"),
      "linear | sigmoid | tanh | relu")(
      "init", po::value<std::string>()->default_value("xavier")->value_name("I"),
      "naive N(0,1) | small N(0,0.01^2) | xavier N(0,2/(fan_in+fan_out)) | he N(0,2/fan_in)")(
      "batch", po::value<std::string>()->default_value("32")->value_name("B"), "inputs per batch")(
      "seed", po::value<std::string>()->default_value("1")->value_name("S"), "first seed")(
      "seeds", po::value<std::string>()->default_value("5")->value_name("N"),
      "networks averaged (seeds S..S+N-1)")("jacobian-inputs",
                                            po::value<std::string>()->default_value("4")->value_name("K"),
                                            "inputs per seed whose Jacobian is decomposed (JacobiSVD)")(
      "summary", po::bool_switch(), "print the summary record instead of the per-layer rows");
}

GradflowSetup gradflow_setup(const po::variables_map& vm) {
  gradflow::Config cfg;
  cfg.depth = int_in(vm, "depth", 1, 1000);
  cfg.width = int_in(vm, "width", 1, 2000);
  cfg.batch = int_in(vm, "batch", 1, 100000);
  cfg.seeds = int_in(vm, "seeds", 1, 10000);
  cfg.jacobian_inputs = int_in(vm, "jacobian-inputs", 0, cfg.batch);
  // The weights alone are L·d² doubles; refuse what would not fit comfortably (400 MB).
  if (static_cast<double>(cfg.depth) * cfg.width * cfg.width > 5e7)
    throw InputError(fmt::format("--depth {} --width {}: L*d^2 = {:.3g} weights, expected at most 5e7",
                                 cfg.depth, cfg.width,
                                 static_cast<double>(cfg.depth) * cfg.width * cfg.width));
  // Backprop keeps, per layer, the pre- and post-activations and the gradient: 3·(L+1)·d·B doubles
  // (checked before allocating, as the weights above).
  const double act_values = 3.0 * (cfg.depth + 1.0) * cfg.width * static_cast<double>(cfg.batch);
  if (act_values > 5e7)
    throw InputError(
        fmt::format("--batch {}: 3*(L+1)*d*B = {:.3g} activations would need {:.0f} MiB, expected at most "
                    "5e7 values (381 MiB)",
                    cfg.batch, act_values, act_values * 8 / (1 << 20)));
  cfg.activation = parse_activation("--activation", vm["activation"].as<std::string>());
  cfg.init = parse_init("--init", vm["init"].as<std::string>());
  cfg.seed = parse_seed("--seed", vm["seed"].as<std::string>());
  return {cfg, vm["summary"].as<bool>()};
}

}  // namespace kappa::io
