// kappa-counterexample, kappa-ddescent and kappa-gradflow's computations (kappa/app/tables.hpp) on
// their setups, so that the tools print, and kappa-check reads, one result.
#include <fmt/format.h>

#include <cmath>
#include <string>

#include "kappa/app/tables.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/learn/counterexamples.hpp"
#include "kappa/learn/ddescent.hpp"
#include "kappa/learn/gradflow.hpp"
#include "kappa/theory/theory.hpp"

namespace kappa::io {
namespace {

namespace ce = kappa::counterexamples;
namespace dd = kappa::ddescent;

Json cycle_json(const ce::Cycle& c) {
  Json j;
  j["period"] = c.period;
  j["points"] = c.points;
  j["map_residual"] = c.map_residual;
  return j;
}

}  // namespace

void counterexample(const CounterexampleSetup& setup, TableOutput& out) {
  using Mode = CounterexampleSetup::Mode;
  const std::string& spec = setup.problem_spec;
  const std::string& method = setup.method;
  Problem* problem = setup.problem.get();
  const bool lrp = setup.lrp();
  const double mu = setup.mu, L = setup.L(), alpha = setup.alpha, beta = setup.beta, x0 = setup.x0;
  const int iters = setup.iters;
  const double kappa = L / mu, q = (std::sqrt(kappa) - 1) / (std::sqrt(kappa) + 1);

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

  if (setup.mode == Mode::cycle) {
    Json rec;
    const auto c = ce::find_cycle(x0, alpha, beta, settle);
    rec["cycle_found"] = c.has_value();
    if (c) rec.update(cycle_json(*c));
    out.record(params, rec);
  } else if (setup.mode == Mode::basin) {
    params["basin"] = setup.starts_text;
    // The cycle is the one reached from --x0.
    const auto c = ce::find_cycle(x0, alpha, beta, settle);
    if (!c) throw RuntimeError(fmt::format("--x0 {}: heavy ball does not end on a cycle from there", x0));
    const auto runs = ce::cycle_basin(*c, alpha, beta, setup.starts, settle);
    out.begin(params, {"lo", "hi"});
    double total = 0;
    for (const auto& [a, b] : runs) {
      out.row({a, b});
      total += b - a;
    }
    out.finish(Json{{"cycle", cycle_json(*c)}, {"intervals", runs.size()}, {"total_length", total}});
  } else if (setup.mode == Mode::scan) {
    params["scan"] = setup.starts_text;
    const auto c = method == "heavy-ball" ? ce::find_cycle(x0, alpha, beta, settle) : std::nullopt;
    // For GD and Nesterov the cycle to look for is heavy ball's (from the default parameters).
    const auto opt = theory::optimal_closed_form(theory::Method::heavy_ball, mu, L);
    const auto hb_cycle = ce::find_cycle(x0, opt->params.alpha, opt->params.beta, settle);
    const ce::Cycle* cyc = c ? &*c : hb_cycle ? &*hb_cycle : nullptr;
    out.begin(params, {"x0", "outcome"});
    std::int64_t counts[3] = {0, 0, 0};
    for (const double s : setup.starts) {
      const auto o = ce::classify(method, s, alpha, beta, cyc, settle);
      ++counts[static_cast<int>(o)];
      out.row({s, ce::to_string(o)});
    }
    out.finish(Json{{"starts", setup.starts.size()},
                    {"converged", counts[0]},
                    {"cycle", counts[1]},
                    {"other", counts[2]}});
  } else {
    const Vector w_star = problem->w_star();
    Vector w0 = Vector::Zero(problem->dim());
    if (lrp) w0(0) = x0;
    const double d0 = (w0 - w_star).stableNorm();  // stableNorm: no overflow of the squares
    std::vector<double> tail;
    if (!lrp) tail = static_cast<ce::ChainProblem&>(*problem).tail_bound();
    params["implementation"] = ce::implementation(method, alpha, beta);
    out.begin(params, {"k", "w1", "dist", "rel_dist", "f_gap", "bound", "tail_bound"});
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
        divergence =
            std::isfinite(dist)
                ? fmt::format(
                      "diverged at iteration {}: |w - w*| = {} grew by more than 1e10 times its start {}", k,
                      format_number(dist), format_number(d0))
                : fmt::format("diverged at iteration {}: |w - w*| is not finite", k);
      }
      Value bound = null_value(), tb = null_value();
      if (!lrp) {
        bound = std::pow(q, k);
        tb = static_cast<std::size_t>(k) < tail.size() ? tail[k] : 0.0;
      }
      out.row({Value(std::int64_t{k}), x(0), dist, dist / d0, problem->value(x) - f_star, bound, tb});
    };
    ce::iterate(*problem, method, alpha, beta, w0, iters, obs);
    Json extra;
    extra["status"] = diverged_at >= 0 ? "diverged" : "completed";
    extra["diverged_at"] = diverged_at >= 0 ? Json(diverged_at) : Json(nullptr);
    if (diverged_at >= 0) out.warn(divergence);
    extra["rate_bound"] = q;
    if (lrp && method == "heavy-ball") {
      const auto c = ce::find_cycle(x0, alpha, beta, settle);
      extra["cycle"] = c ? cycle_json(*c) : Json(nullptr);
    }
    out.finish(extra);
  }
}

void ddescent(const DdescentSetup& setup, TableOutput& out) {
  const int n_train = setup.n_train, seeds = setup.seeds;
  const std::uint64_t seed = setup.seed;
  const auto& ps = setup.ps;
  Json params;
  params["n_train"] = n_train;
  params["seed"] = seed;
  params["seeds"] = seeds;
  params["features"] = "max(0, V x / sqrt(d)), V ~ N(0, 1)";
  params["solver"] = "complete orthogonal decomposition (min-norm least squares)";
  std::vector<dd::Point> pts;
  if (!setup.data.empty()) {
    const auto& X = setup.X;
    params["data"] = setup.data;
    params["target"] = setup.target;
    params["rows"] = X.rows();
    params["dim"] = X.cols();
    params["n_test"] = X.rows() - n_train;
    params["standardised"] = true;
    const auto& y = setup.y;
    pts =
        dd::sweep(ps, seed, seeds, [&](std::uint64_t s) { return dd::split_standardised(X, y, n_train, s); });
  } else {
    const int n_test = setup.n_test, dim = setup.dim;
    const double noise = setup.noise;
    params["data"] = "synthetic";
    params["n_test"] = n_test;
    params["dim"] = dim;
    params["noise"] = noise;
    pts = dd::sweep(ps, seed, seeds,
                    [&](std::uint64_t s) { return dd::synthetic(n_train, n_test, dim, noise, s); });
  }
  std::vector<std::int64_t> plist(ps.begin(), ps.end());

  params["p"] = plist;

  std::size_t peak = 0;
  for (std::size_t i = 1; i < pts.size(); ++i)
    if (pts[i].test_mse_mean > pts[peak].test_mse_mean) peak = i;
  std::size_t best_under = pts.size();  // the classical U's bottom: best p < n_train
  for (std::size_t i = 0; i < pts.size(); ++i)
    if (pts[i].p < n_train &&
        (best_under == pts.size() || pts[i].test_mse_mean < pts[best_under].test_mse_mean))
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
  out.begin(params, {"p", "p_over_n", "train_mse", "test_mse", "test_mse_median", "test_mse_min",
                     "test_mse_max", "theta_norm"});
  for (const auto& pt : pts)
    out.row({Value(std::int64_t{pt.p}), static_cast<double>(pt.p) / n_train, pt.train_mse_mean,
             pt.test_mse_mean, pt.test_mse_median, pt.test_mse_min, pt.test_mse_max, pt.theta_norm_mean});
  out.finish(extra);
}

void gradflow(const GradflowSetup& setup, TableOutput& out) {
  const gradflow::Config& cfg = setup.config;
  const bool summary_only = setup.summary_only;

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
    out.record(params, sum);
  } else {
    out.begin(params, {"layer", "log10_act_norm", "log10_grad_h_norm", "log10_grad_w_norm", "gain",
                       "gain_mean_field"});
    for (const auto& r : s.layers)
      // Layer 0 (the input) has no weights, gain or mean-field gain: missing values (empty cells).
      out.row({Value(std::int64_t{r.layer}), r.log10_act_norm, r.log10_grad_h_norm,
               r.layer == 0 ? null_value() : Value(r.log10_grad_w_norm),
               r.layer == 0 ? null_value() : Value(r.gain),
               r.layer == 0 ? null_value() : Value(r.gain_mean_field)});
    out.finish(Json{{"summary", sum}});
  }
}

}  // namespace kappa::io
