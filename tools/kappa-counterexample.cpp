// kappa-counterexample: where the quadratic theory of momentum stops (Lessard–Recht–Packard's
// one-dimensional function, on which the quadratic-optimal heavy ball cycles) and Nesterov's chain
// quadratic behind the lower bound ((√κ−1)/(√κ+1))^k for first-order methods.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "kappa/counterexamples.hpp"
#include "kappa/errors.hpp"
#include "kappa/io/cli.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/theory.hpp"

using namespace kappa;
namespace ce = kappa::counterexamples;
namespace po = boost::program_options;

namespace {

struct Grid {
  double lo, hi, step;
};
Grid parse_grid(const std::string& opt, const std::string& text) {
  const auto parts = io::split(text, ':');
  if (parts.size() != 3) throw InputError("--" + opt + " " + text + ": expected LO:HI:STEP");
  Grid g{io::parse_double("--" + opt, parts[0]), io::parse_double("--" + opt, parts[1]),
         io::parse_double("--" + opt, parts[2])};
  if (!(g.step > 0) || g.hi < g.lo || (g.hi - g.lo) / g.step > 1e6)
    throw InputError("--" + opt + " " + text + ": expected LO <= HI, STEP > 0 and at most 10^6 points");
  return g;
}

io::Json cycle_json(const ce::Cycle& c) {
  io::Json j;
  j["period"] = c.period;
  j["points"] = c.points;
  j["map_residual"] = c.map_residual;
  return j;
}
}  // namespace

int main(int argc, char** argv) {
  io::Tool tool(
      "kappa-counterexample",
      "kappa-counterexample --problem lrp|chain:N:KAPPA [--method M] [--alpha A] [--beta B] [--x0 X] [--iters K] "
      "[--cycle | --basin LO:HI:STEP | --scan LO:HI:STEP]",
      "lrp: Lessard, Recht & Packard's (2016, sec. 4.6) strongly convex f with mu = 1, L = 25:\n"
      "grad f(x) = 25x (x < 1), x + 24 (1 <= x < 2), 25x - 24 (x >= 2), f continuous, f(0) = 0. Heavy ball at\n"
      "the quadratic-optimal alpha = 1/9, beta = 4/9 falls into a period-3 cycle from some starts.\n"
      "chain:N:KAPPA: Nesterov's chain quadratic, H = I + (KAPPA-1)/4 tridiag(-1, 2, -1), b = (KAPPA-1)/4 e1, from\n"
      "w0 = 0, with the lower bound ((sqrt(KAPPA)-1)/(sqrt(KAPPA)+1))^k and the exact Krylov tail bound.\n"
      "Default: the trace k, w_1, ||w-w*||, ||w-w*||/||w0-w*||, f-f*, bound, tail_bound. --cycle: the cycle\n"
      "reached from --x0 (heavy ball; points refined by solving the cycle's linear equations). --basin: the\n"
      "intervals of starts (v0 = 0, i.e. w_{-1} = w_0) that end on that cycle. --scan: the outcome per start.\n"
      "Methods: heavy-ball (v <- beta v - grad f(w), w <- w + alpha v), gd, nesterov (gradient at w + alpha beta v), cg.\n"
      "Defaults: heavy-ball at Polyak's optimum for [mu, L]; gd alpha = 1/L; nesterov alpha = 1/L,\n"
      "beta = (sqrt(kappa)-1)/(sqrt(kappa)+1).",
      "  kappa-counterexample --problem lrp --cycle --x0 3.3                # period 3: -1.80, 2.12, 0.65\n"
      "  kappa-counterexample --problem lrp --basin -10:10:0.01             # starts that end on the cycle\n"
      "  kappa-counterexample --problem lrp --method nesterov --scan -10:10:0.01 --format json\n"
      "  kappa-counterexample --problem chain:1000:100 --method cg --iters 100 --format csv");
  tool.options().add_options()
      ("problem", po::value<std::string>()->default_value("lrp")->value_name("P"), "lrp | chain:N:KAPPA")
      ("method", po::value<std::string>()->default_value("heavy-ball")->value_name("M"), "heavy-ball | gd | nesterov | cg")
      ("alpha,lr", po::value<std::string>()->value_name("A"), "step size (default: see above)")
      ("beta,momentum", po::value<std::string>()->value_name("B"), "momentum (default: see above)")
      ("x0", po::value<std::string>()->default_value("3.3")->value_name("X"), "lrp: the start (chain starts at 0)")
      ("iters", po::value<std::string>()->default_value("60")->value_name("K"), "iterations")
      ("cycle", po::bool_switch(), "lrp, heavy-ball: the cycle reached from --x0")
      ("basin", po::value<std::string>()->value_name("LO:HI:STEP"), "lrp, heavy-ball: intervals of starts ending on the cycle")
      ("scan", po::value<std::string>()->value_name("LO:HI:STEP"), "lrp: outcome (converged | cycle | other) per start");
  tool.add_output_options();

  return tool.run(argc, argv, [&](const po::variables_map& vm) {
    const auto format = tool.format(vm);
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
    if (const auto a = io::optional_double(vm, "alpha")) alpha = *a;
    if (const auto b = io::optional_double(vm, "beta")) beta = *b;
    if (method != "cg" && !(alpha > 0)) throw InputError("--alpha " + io::format_number(alpha) + ": must be > 0");
    if (beta < 0 || beta >= 1) throw InputError("--beta " + io::format_number(beta) + ": must be in [0, 1)");
    const double x0 = io::parse_double("--x0", vm["x0"].as<std::string>());
    // f(x0) ≈ 12.5·x0² must be a double (|x0| < √(DBL_MAX/12.5) ≈ 3.79e153), or every f − f* is inf.
    if (lrp && !std::isfinite(ce::lrp_value(x0)))
      throw InputError("--x0 " + vm["x0"].as<std::string>() + ": f(x0) = 12.5 x0^2 exceeds the largest double; "
                       "expected x0 between -3.7e153 and 3.7e153");
    const auto iters64 = io::parse_int("--iters", vm["iters"].as<std::string>());
    if (iters64 < 0 || iters64 > 10'000'000)
      throw InputError("--iters " + vm["iters"].as<std::string>() + ": must be in [0, 10000000]");
    const int iters = static_cast<int>(iters64);
    const int modes = int(vm["cycle"].as<bool>()) + int(vm.count("basin")) + int(vm.count("scan"));
    if (modes > 1) throw InputError("--cycle, --basin and --scan: expected at most one");
    if (modes && !lrp) throw InputError("--problem " + spec + ": --cycle, --basin and --scan need --problem lrp");
    if ((vm["cycle"].as<bool>() || vm.count("basin")) && method != "heavy-ball")
      throw InputError("--method " + method + ": --cycle and --basin follow heavy ball");
    if (vm.count("scan") && method == "cg") throw InputError("--method cg: --scan runs heavy-ball, gd or nesterov");

    io::Json params;
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
    io::Sink sink(tool.output_path(vm));

    if (vm["cycle"].as<bool>()) {
      io::Json out = tool.context(params);
      const auto c = ce::find_cycle(x0, alpha, beta, settle);
      out["cycle_found"] = c.has_value();
      if (c) out.update(cycle_json(*c));
      io::write_record(sink, format, out);
    } else if (vm.count("basin")) {
      const Grid g = parse_grid("basin", vm["basin"].as<std::string>());
      params["basin"] = vm["basin"].as<std::string>();
      // The cycle is the one reached from --x0.
      const auto c = ce::find_cycle(x0, alpha, beta, settle);
      if (!c) throw RuntimeError(fmt::format("--x0 {}: heavy ball does not end on a cycle from there", x0));
      const auto runs = ce::cycle_basin(*c, alpha, beta, g.lo, g.hi, g.step, settle);
      io::RowWriter w(sink, format, {"lo", "hi"}, tool.context(params));
      double total = 0;
      for (const auto& [a, b] : runs) {
        w.row({a, b});
        total += b - a;
      }
      w.finish(io::Json{{"cycle", cycle_json(*c)}, {"intervals", runs.size()}, {"total_length", total}});
    } else if (vm.count("scan")) {
      const Grid g = parse_grid("scan", vm["scan"].as<std::string>());
      params["scan"] = vm["scan"].as<std::string>();
      const auto c = method == "heavy-ball" ? ce::find_cycle(x0, alpha, beta, settle) : std::nullopt;
      // For GD and Nesterov the cycle to look for is heavy ball's (from the default parameters).
      const auto opt = theory::optimal_closed_form(theory::Method::heavy_ball, mu, L);
      const auto hb_cycle = ce::find_cycle(x0, opt->params.alpha, opt->params.beta, settle);
      const ce::Cycle* cyc = c ? &*c : hb_cycle ? &*hb_cycle : nullptr;
      io::RowWriter w(sink, format, {"x0", "outcome"}, tool.context(params));
      std::int64_t counts[3] = {0, 0, 0};
      const auto n = static_cast<std::int64_t>(std::floor((g.hi - g.lo) / g.step + 1e-9));
      for (std::int64_t i = 0; i <= n; ++i) {
        const double s = g.lo + static_cast<double>(i) * g.step;
        const auto o = ce::classify(method, s, alpha, beta, cyc, settle);
        ++counts[static_cast<int>(o)];
        w.row({s, std::string_view(ce::to_string(o))});
      }
      w.finish(io::Json{{"starts", n + 1}, {"converged", counts[0]}, {"cycle", counts[1]}, {"other", counts[2]}});
    } else {
      const Vector w_star = problem->w_star();
      Vector w0 = Vector::Zero(problem->dim());
      if (lrp) w0(0) = x0;
      const double d0 = (w0 - w_star).stableNorm();  // stableNorm: no overflow of the squares
      std::vector<double> tail;
      if (!lrp) tail = static_cast<ce::ChainProblem&>(*problem).tail_bound();
      params["implementation"] = ce::implementation(method, alpha, beta);
      io::RowWriter w(sink, format, {"k", "w1", "dist", "rel_dist", "f_gap", "bound", "tail_bound"},
                      tool.context(params));
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
                                         k, io::format_number(dist), io::format_number(d0))
                           : fmt::format("diverged at iteration {}: |w - w*| is not finite", k);
        }
        io::Value bound = io::null_value(), tb = io::null_value();
        if (!lrp) {
          bound = std::pow(q, k);
          tb = static_cast<std::size_t>(k) < tail.size() ? tail[k] : 0.0;
        }
        w.row({io::Value(std::int64_t{k}), x(0), dist, dist / d0, problem->value(x) - f_star, bound, tb});
      };
      ce::iterate(*problem, method, alpha, beta, w0, iters, obs);
      io::Json extra;
      extra["status"] = diverged_at >= 0 ? "diverged" : "completed";
      extra["diverged_at"] = diverged_at >= 0 ? io::Json(diverged_at) : io::Json(nullptr);
      if (diverged_at >= 0) std::fprintf(stderr, "kappa-counterexample: %s\n", divergence.c_str());
      extra["rate_bound"] = q;
      if (lrp && method == "heavy-ball") {
        const auto c = ce::find_cycle(x0, alpha, beta, settle);
        extra["cycle"] = c ? cycle_json(*c) : io::Json(nullptr);
      }
      w.finish(extra);
    }
    sink.commit();
    return io::exit_ok;
  });
}
