// kappa-counterexample, kappa-ddescent and kappa-gradflow's computations (kappa/cli/computations.hpp),
// moved out of the tool mains unchanged so that the tools print, and kappa-check reads, one result.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <string>

#include "kappa/learn/counterexamples.hpp"
#include "kappa/learn/ddescent.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/learn/gradflow.hpp"
#include "kappa/io/grid.hpp"
#include "kappa/cli/cli.hpp"
#include "kappa/cli/computations.hpp"
#include "kappa/io/parse.hpp"
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
      throw InputError(fmt::format("--{} {}: expected a grid axis lin:A:B:N, geom:A:B:N or V1,V2,... (kappa-sweep's --grid syntax)", opt, text));
    }
    const std::string hint = step > 0 && hi >= lo && (hi - lo) / step < 1e6
                                 ? fmt::format("; give lin:{}:{}:{} for these points", parts[0], parts[1],
                                               static_cast<std::int64_t>(std::floor((hi - lo) / step + 1e-9)) + 1)
                                 : "";
    throw InputError(fmt::format("--{} {}: LO:HI:STEP is not a grid axis (kappa-sweep's --grid syntax: lin:A:B:N, geom:A:B:N or V1,V2,...){}",
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

Json cycle_json(const ce::Cycle& c) {
  Json j;
  j["period"] = c.period;
  j["points"] = c.points;
  j["map_residual"] = c.map_residual;
  return j;
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
      throw InputError(fmt::format("--{} {} line {}: {} fields, expected {}", opt, path, lineno, row.size(), rows[0].size()));
    rows.push_back(std::move(row));
  }
  if (rows.empty()) throw InputError("--" + opt + " " + path + ": no numeric rows");
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows[0].size()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = 0; j < rows[0].size(); ++j) m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i][j];
  return m;
}

int int_in(const po::variables_map& vm, const char* key, std::int64_t lo, std::int64_t hi) {
  const std::string& t = vm[key].as<std::string>();
  const auto v = parse_int(std::string("--") + key, t);
  if (v < lo || v > hi) throw InputError(fmt::format("--{} {}: must be an integer in [{}, {}]", key, t, lo, hi));
  return static_cast<int>(v);
}

Json finite_or_null(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

}  // namespace

void add_counterexample_options(po::options_description& desc) {
  desc.add_options()
      ("problem", po::value<std::string>()->default_value("lrp")->value_name("P"), "lrp | chain:N:KAPPA")
      ("method", po::value<std::string>()->default_value("heavy-ball")->value_name("M"), "heavy-ball | gd | nesterov | cg")
      ("alpha,lr", po::value<std::string>()->value_name("A"), "step size (default: see above)")
      ("beta,momentum", po::value<std::string>()->value_name("B"), "momentum (default: see above)")
      ("x0", po::value<std::string>()->default_value("3.3")->value_name("X"), "lrp: the start (chain starts at 0)")
      ("iters", po::value<std::string>()->default_value("60")->value_name("K"), "iterations")
      ("cycle", po::bool_switch(), "lrp, heavy-ball: the cycle reached from --x0")
      ("basin", po::value<std::string>()->value_name("AXIS"),
       "lrp, heavy-ball: intervals of starts ending on the cycle; AXIS as kappa-sweep's --grid: lin:LO:HI:N, geom:A:B:N or V1,V2,...")
      ("scan", po::value<std::string>()->value_name("AXIS"), "lrp: outcome (converged | cycle | other) per start in AXIS");
}

void counterexample(const po::variables_map& vm, TableOutput* out) {
  const std::string spec = vm["problem"].as<std::string>();
  const std::string method = vm["method"].as<std::string>();
  if (method != "heavy-ball" && method != "gd" && method != "nesterov" && method != "cg")
    throw InputError("--method " + method + ": expected heavy-ball, gd, nesterov or cg");
  auto problem = ce::make_problem(spec);
  const bool lrp = problem->kind() == "lrp";
  const double mu = 1.0, L = lrp ? 25.0 : static_cast<ce::ChainProblem&>(*problem).L();
  const double kappa = L / mu, q = (std::sqrt(kappa) - 1) / (std::sqrt(kappa) + 1);
  double alpha = 0, beta = 0;
  if (method == "heavy-ball") {
    const auto opt = theory::optimal_closed_form(theory::Method::heavy_ball, mu, L);
    alpha = opt->params.alpha;
    beta = opt->params.beta;
  } else if (method == "gd") {
    alpha = 1 / L;
  } else if (method == "nesterov") {
    const auto opt = theory::nesterov_textbook(mu, L);
    alpha = opt.params.alpha;
    beta = opt.params.beta;
  }
  if (const auto a = optional_double(vm, "alpha")) alpha = *a;
  if (const auto b = optional_double(vm, "beta")) beta = *b;
  if (method != "cg" && !(alpha > 0)) throw InputError("--alpha " + format_number(alpha) + ": must be > 0");
  if (beta < 0 || beta >= 1) throw InputError("--beta " + format_number(beta) + ": must be in [0, 1)");
  const double x0 = parse_double("--x0", vm["x0"].as<std::string>());
  // f(x0) ≈ 12.5·x0² must be a double (|x0| < √(DBL_MAX/12.5) ≈ 3.79e153), or every f − f* is inf.
  if (lrp && !std::isfinite(ce::lrp_value(x0)))
    throw InputError("--x0 " + vm["x0"].as<std::string>() + ": f(x0) = 12.5 x0^2 exceeds the largest double; "
                     "expected x0 between -3.7e153 and 3.7e153");
  const auto iters64 = parse_int("--iters", vm["iters"].as<std::string>());
  if (iters64 < 0 || iters64 > 10'000'000)
    throw InputError("--iters " + vm["iters"].as<std::string>() + ": must be in [0, 10000000]");
  const int iters = static_cast<int>(iters64);
  const int modes = int(vm["cycle"].as<bool>()) + int(vm.count("basin")) + int(vm.count("scan"));
  if (modes > 1) throw InputError("--cycle, --basin and --scan: expected at most one");
  if (modes && !lrp) throw InputError("--problem " + spec + ": --cycle, --basin and --scan need --problem lrp");
  if ((vm["cycle"].as<bool>() || vm.count("basin")) && method != "heavy-ball")
    throw InputError("--method " + method + ": --cycle and --basin follow heavy ball");
  if (vm.count("scan") && method == "cg") throw InputError("--method cg: --scan runs heavy-ball, gd or nesterov");
  const std::vector<double> basin = vm.count("basin") ? starts_of("basin", vm["basin"].as<std::string>()) : std::vector<double>{};
  const std::vector<double> scan = vm.count("scan") ? starts_of("scan", vm["scan"].as<std::string>()) : std::vector<double>{};
  if (!out) return;

  Json params;
  params["problem"] = spec;
  params["method"] = method;
  if (method != "cg") params["alpha"] = alpha;
  if (method == "heavy-ball" || method == "nesterov") params["beta"] = beta;
  params["mu"] = mu;
  params["L"] = L;
  if (lrp) params["x0"] = x0;
  params["iters"] = iters;
  params["start"] = lrp ? "v0 = 0 (w_{-1} = w_0)" : "w0 = 0, v0 = 0";
  // The cycle search and outcome classification run long enough for (2/3)^k to reach 1e-100.
  const int settle = 600;

  if (vm["cycle"].as<bool>()) {
    Json rec;
    const auto c = ce::find_cycle(x0, alpha, beta, settle);
    rec["cycle_found"] = c.has_value();
    if (c) rec.update(cycle_json(*c));
    out->record(params, rec);
  } else if (vm.count("basin")) {
    params["basin"] = vm["basin"].as<std::string>();
    // The cycle is the one reached from --x0.
    const auto c = ce::find_cycle(x0, alpha, beta, settle);
    if (!c) throw RuntimeError(fmt::format("--x0 {}: heavy ball does not end on a cycle from there", x0));
    const auto runs = ce::cycle_basin(*c, alpha, beta, basin, settle);
    out->begin(params, {"lo", "hi"});
    double total = 0;
    for (const auto& [a, b] : runs) {
      out->row({a, b});
      total += b - a;
    }
    out->finish(Json{{"cycle", cycle_json(*c)}, {"intervals", runs.size()}, {"total_length", total}});
  } else if (vm.count("scan")) {
    params["scan"] = vm["scan"].as<std::string>();
    const auto c = method == "heavy-ball" ? ce::find_cycle(x0, alpha, beta, settle) : std::nullopt;
    // For GD and Nesterov the cycle to look for is heavy ball's (from the default parameters).
    const auto opt = theory::optimal_closed_form(theory::Method::heavy_ball, mu, L);
    const auto hb_cycle = ce::find_cycle(x0, opt->params.alpha, opt->params.beta, settle);
    const ce::Cycle* cyc = c ? &*c : hb_cycle ? &*hb_cycle : nullptr;
    out->begin(params, {"x0", "outcome"});
    std::int64_t counts[3] = {0, 0, 0};
    for (const double s : scan) {
      const auto o = ce::classify(method, s, alpha, beta, cyc, settle);
      ++counts[static_cast<int>(o)];
      out->row({s, std::string_view(ce::to_string(o))});
    }
    out->finish(Json{{"starts", scan.size()}, {"converged", counts[0]}, {"cycle", counts[1]}, {"other", counts[2]}});
  } else {
    const Vector w_star = problem->w_star();
    Vector w0 = Vector::Zero(problem->dim());
    if (lrp) w0(0) = x0;
    const double d0 = (w0 - w_star).stableNorm();  // stableNorm: no overflow of the squares
    std::vector<double> tail;
    if (!lrp) tail = static_cast<ce::ChainProblem&>(*problem).tail_bound();
    params["implementation"] = ce::implementation(method, alpha, beta);
    out->begin(params, {"k", "w1", "dist", "rel_dist", "f_gap", "bound", "tail_bound"});
    const double f_star = problem->f_star();
    // Divergence is a result (kappa-run's rule): the trace ends with the first row whose
    // |w - w*| is not finite or exceeds 1e10 |w0 - w*|, and the summary says where.
    constexpr double divergence_growth = 1e10;
    int diverged_at = -1;
    std::string divergence;
    auto obs = [&](int k, const Vector& x) {
      if (diverged_at >= 0) return;
      const double dist = (x - w_star).stableNorm();
      if (!std::isfinite(dist) || (d0 > 0 && dist > divergence_growth * d0)) {
        diverged_at = k;
        divergence = std::isfinite(dist)
                         ? fmt::format("diverged at iteration {}: |w - w*| = {} grew by more than 1e10 times its start {}",
                                       k, format_number(dist), format_number(d0))
                         : fmt::format("diverged at iteration {}: |w - w*| is not finite", k);
      }
      Value bound = null_value(), tb = null_value();
      if (!lrp) {
        bound = std::pow(q, k);
        tb = static_cast<std::size_t>(k) < tail.size() ? tail[k] : 0.0;
      }
      out->row({Value(std::int64_t{k}), x(0), dist, dist / d0, problem->value(x) - f_star, bound, tb});
    };
    ce::iterate(*problem, method, alpha, beta, w0, iters, obs);
    Json extra;
    extra["status"] = diverged_at >= 0 ? "diverged" : "completed";
    extra["diverged_at"] = diverged_at >= 0 ? Json(diverged_at) : Json(nullptr);
    if (diverged_at >= 0) out->warn(divergence);
    extra["rate_bound"] = q;
    if (lrp && method == "heavy-ball") {
      const auto c = ce::find_cycle(x0, alpha, beta, settle);
      extra["cycle"] = c ? cycle_json(*c) : Json(nullptr);
    }
    out->finish(extra);
  }
}

void add_ddescent_options(po::options_description& desc) {
  desc.add_options()
      ("data", po::value<std::string>()->value_name("FILE"), "features: a numeric table (commas or blanks)")
      ("target", po::value<std::string>()->value_name("FILE"), "targets: one number per row of --data")
      ("n-train", po::value<std::string>()->default_value("100")->value_name("N"), "training samples")
      ("n-test", po::value<std::string>()->default_value("1000")->value_name("M"), "synthetic: test samples")
      ("dim", po::value<std::string>()->default_value("20")->value_name("D"), "synthetic: input dimension")
      ("noise", po::value<std::string>()->default_value("0.5")->value_name("S"), "synthetic: label noise standard deviation")
      ("p", po::value<std::string>()->value_name("LIST"), "feature counts, comma-separated (default: the grid above)")
      ("seed", po::value<std::string>()->default_value("1")->value_name("S"), "first seed")
      ("seeds", po::value<std::string>()->default_value("10")->value_name("K"), "seeds averaged");
}

void ddescent(const po::variables_map& vm, TableOutput* out) {
  if (vm.count("data") != vm.count("target")) throw InputError("--data and --target: expected both or neither");
  const bool real = vm.count("data") > 0;
  const int n_train = int_in(vm, "n-train", 2, 1'000'000);
  const int seeds = int_in(vm, "seeds", 1, 10'000);
  const std::uint64_t seed = parse_seed("--seed", vm["seed"].as<std::string>());
  std::vector<Eigen::Index> ps;
  if (vm.count("p")) {
    for (auto tok : split(vm["p"].as<std::string>(), ',')) {
      const auto p = parse_int("--p", tok);
      if (p < 1 || p > 1'000'000) throw InputError(fmt::format("--p {}: each feature count must be in [1, 1000000]", tok));
      ps.push_back(p);
    }
  } else {
    ps = dd::default_grid(n_train);
  }

  const auto pmax = *std::max_element(ps.begin(), ps.end());
  // Checked before allocating: each seed holds the inputs, (n_train + n_test)·d doubles, and the
  // features, (n_train + n_test)·p_max doubles; refuse more than 5e7 values (400 MB).
  const double rows = real ? 0.0 : static_cast<double>(n_train) + parse_int("--n-test", vm["n-test"].as<std::string>());
  const double dim_values = real ? 0.0 : rows * static_cast<double>(parse_int("--dim", vm["dim"].as<std::string>()));
  if (rows * static_cast<double>(pmax) + dim_values > 5e7)
    throw InputError(fmt::format("--p {}: (n_train + n_test) * (d + p_max) = {:.3g} values would need {:.0f} MiB, "
                                 "expected at most 5e7 values (381 MiB)",
                                 pmax, rows * static_cast<double>(pmax) + dim_values,
                                 (rows * static_cast<double>(pmax) + dim_values) * 8 / (1 << 20)));
  Json params;
  params["n_train"] = n_train;
  params["seed"] = seed;
  params["seeds"] = seeds;
  params["features"] = "max(0, V x / sqrt(d)), V ~ N(0, 1)";
  params["solver"] = "complete orthogonal decomposition (min-norm least squares)";
  std::vector<dd::Point> pts;
  if (real) {
    const Eigen::MatrixXd X = read_table("data", vm["data"].as<std::string>());
    const Eigen::MatrixXd Y = read_table("target", vm["target"].as<std::string>());
    if (Y.cols() != 1) throw InputError("--target " + vm["target"].as<std::string>() + ": expected one number per row");
    if (Y.rows() != X.rows())
      throw InputError(fmt::format("--target {}: {} rows, expected {} (the rows of --data)", vm["target"].as<std::string>(),
                                   Y.rows(), X.rows()));
    if (n_train >= X.rows())
      throw InputError(fmt::format("--n-train {}: must be below the {} rows of --data", n_train, X.rows()));
    if (static_cast<double>(X.rows()) * static_cast<double>(pmax) > 5e7)
      throw InputError(fmt::format("--p {}: rows * p_max = {:.3g} feature values would need {:.0f} MiB, expected at "
                                   "most 5e7 values (381 MiB)", pmax,
                                   static_cast<double>(X.rows()) * static_cast<double>(pmax),
                                   static_cast<double>(X.rows()) * static_cast<double>(pmax) * 8 / (1 << 20)));
    if (!out) return;
    params["data"] = vm["data"].as<std::string>();
    params["target"] = vm["target"].as<std::string>();
    params["rows"] = X.rows();
    params["dim"] = X.cols();
    params["n_test"] = X.rows() - n_train;
    params["standardised"] = true;
    const Eigen::VectorXd y = Y.col(0);
    pts = dd::sweep(ps, seed, seeds, [&](std::uint64_t s) { return dd::split_standardised(X, y, n_train, s); });
  } else {
    const int n_test = int_in(vm, "n-test", 1, 10'000'000);
    const int dim = int_in(vm, "dim", 1, 100'000);
    const double noise = parse_in_range("--noise", vm["noise"].as<std::string>(), 0, true, 1e6, true);
    if (!out) return;
    params["data"] = "synthetic";
    params["n_test"] = n_test;
    params["dim"] = dim;
    params["noise"] = noise;
    pts = dd::sweep(ps, seed, seeds, [&](std::uint64_t s) { return dd::synthetic(n_train, n_test, dim, noise, s); });
  }
  std::vector<std::int64_t> plist(ps.begin(), ps.end());

  params["p"] = plist;

  std::size_t peak = 0;
  for (std::size_t i = 1; i < pts.size(); ++i)
    if (pts[i].test_mse_mean > pts[peak].test_mse_mean) peak = i;
  std::size_t best_under = pts.size();  // the classical U's bottom: best p < n_train
  for (std::size_t i = 0; i < pts.size(); ++i)
    if (pts[i].p < n_train && (best_under == pts.size() || pts[i].test_mse_mean < pts[best_under].test_mse_mean))
      best_under = i;
  Json extra;
  extra["threshold_p"] = n_train;
  extra["peak_p"] = pts[peak].p;
  extra["peak_p_over_n"] = static_cast<double>(pts[peak].p) / n_train;
  extra["peak_test_mse"] = pts[peak].test_mse_mean;
  extra["largest_p"] = pts.back().p;
  extra["largest_p_test_mse"] = pts.back().test_mse_mean;
  if (best_under < pts.size()) {
    extra["underparam_best_p"] = pts[best_under].p;
    extra["underparam_best_test_mse"] = pts[best_under].test_mse_mean;
  }
  out->begin(params,
             {"p", "p_over_n", "train_mse", "test_mse", "test_mse_median", "test_mse_min", "test_mse_max", "theta_norm"});
  for (const auto& pt : pts)
    out->row({Value(std::int64_t{pt.p}), static_cast<double>(pt.p) / n_train, pt.train_mse_mean, pt.test_mse_mean,
              pt.test_mse_median, pt.test_mse_min, pt.test_mse_max, pt.theta_norm_mean});
  out->finish(extra);
}

void add_gradflow_options(po::options_description& desc) {
  desc.add_options()
      ("depth", po::value<std::string>()->default_value("30")->value_name("L"), "number of layers")
      ("width", po::value<std::string>()->default_value("64")->value_name("D"), "width d of every layer")
      ("activation", po::value<std::string>()->default_value("tanh")->value_name("A"), "linear | sigmoid | tanh | relu")
      ("init", po::value<std::string>()->default_value("xavier")->value_name("I"),
       "naive N(0,1) | small N(0,0.01^2) | xavier N(0,2/(fan_in+fan_out)) | he N(0,2/fan_in)")
      ("batch", po::value<std::string>()->default_value("32")->value_name("B"), "inputs per batch")
      ("seed", po::value<std::string>()->default_value("1")->value_name("S"), "first seed")
      ("seeds", po::value<std::string>()->default_value("5")->value_name("N"), "networks averaged (seeds S..S+N-1)")
      ("jacobian-inputs", po::value<std::string>()->default_value("4")->value_name("K"),
       "inputs per seed whose Jacobian is decomposed (JacobiSVD)")
      ("summary", po::bool_switch(), "print the summary record instead of the per-layer rows");
}

void gradflow(const po::variables_map& vm, TableOutput* out) {
  auto int_opt = [&](const char* key, std::int64_t lo, std::int64_t hi) {
    const std::string& t = vm[key].as<std::string>();
    const std::int64_t v = parse_int(std::string("--") + key, t);
    if (v < lo || v > hi) throw InputError(fmt::format("--{} {}: must be an integer in [{}, {}]", key, t, lo, hi));
    return static_cast<int>(v);
  };
  gradflow::Config cfg;
  cfg.depth = int_opt("depth", 1, 1000);
  cfg.width = int_opt("width", 1, 2000);
  cfg.batch = int_opt("batch", 1, 100000);
  cfg.seeds = int_opt("seeds", 1, 10000);
  cfg.jacobian_inputs = int_opt("jacobian-inputs", 0, cfg.batch);
  // The weights alone are L·d² doubles; refuse what would not fit comfortably (400 MB).
  if (static_cast<double>(cfg.depth) * cfg.width * cfg.width > 5e7)
    throw InputError(fmt::format("--depth {} --width {}: L*d^2 = {:.3g} weights, expected at most 5e7", cfg.depth,
                                 cfg.width, static_cast<double>(cfg.depth) * cfg.width * cfg.width));
  // Backprop keeps, per layer, the pre- and post-activations and the gradient: 3·(L+1)·d·B doubles
  // (checked before allocating, as the weights above).
  const double act_values = 3.0 * (cfg.depth + 1.0) * cfg.width * static_cast<double>(cfg.batch);
  if (act_values > 5e7)
    throw InputError(fmt::format("--batch {}: 3*(L+1)*d*B = {:.3g} activations would need {:.0f} MiB, expected at most "
                                 "5e7 values (381 MiB)", cfg.batch, act_values, act_values * 8 / (1 << 20)));
  cfg.activation = parse_activation("--activation", vm["activation"].as<std::string>());
  cfg.init = parse_init("--init", vm["init"].as<std::string>());
  cfg.seed = parse_seed("--seed", vm["seed"].as<std::string>());
  const bool summary_only = vm["summary"].as<bool>();
  if (!out) return;

  Json params;
  params["depth"] = cfg.depth;
  params["width"] = cfg.width;
  params["activation"] = std::string(to_string(cfg.activation));
  params["init"] = std::string(to_string(cfg.init));
  params["batch"] = cfg.batch;
  params["seed"] = cfg.seed;
  params["seeds"] = cfg.seeds;
  params["jacobian_inputs"] = cfg.jacobian_inputs;
  params["loss"] = "sum_b r_b' h_L(x_b), r_b ~ N(0, I)";
  const gradflow::Summary s = gradflow::run(cfg);

  Json sum;
  sum["sigma_w2"] = s.sigma_w2;
  sum["gain_mean"] = finite_or_null(s.gain_mean);
  sum["gain_stderr"] = finite_or_null(s.gain_stderr);
  sum["gain_theory"] = s.gain_theory ? finite_or_null(*s.gain_theory) : Json(nullptr);
  sum["gain_formula"] = "d*sigma_w^2*E[phi'(a)^2]";
  sum["gain_mean_field"] = finite_or_null(s.gain_mean_field);
  sum["jacobian_gain_per_layer"] = finite_or_null(s.jacobian_gain_per_layer);
  sum["sv_log_mean"] = finite_or_null(s.sv_log_mean);
  sum["sv_log_std"] = finite_or_null(s.sv_log_std);
  sum["sv_log_min"] = finite_or_null(s.sv_log_min);
  sum["sv_log_max"] = finite_or_null(s.sv_log_max);
  sum["sv_rank_mean"] = finite_or_null(s.sv_rank_mean);
  sum["log10_grad_w_first"] = finite_or_null(s.layers[1].log10_grad_w_norm);
  sum["log10_grad_w_last"] = finite_or_null(s.layers.back().log10_grad_w_norm);

  if (summary_only) {
    out->record(params, sum);
  } else {
    out->begin(params, {"layer", "log10_act_norm", "log10_grad_h_norm", "log10_grad_w_norm", "gain", "gain_mean_field"});
    for (const auto& r : s.layers)
      // Layer 0 (the input) has no weights, gain or mean-field gain: missing values (empty cells).
      out->row({Value(std::int64_t{r.layer}), r.log10_act_norm, r.log10_grad_h_norm,
                r.layer == 0 ? null_value() : Value(r.log10_grad_w_norm), r.layer == 0 ? null_value() : Value(r.gain),
                r.layer == 0 ? null_value() : Value(r.gain_mean_field)});
    out->finish(Json{{"summary", sum}});
  }
}

}  // namespace kappa::io
