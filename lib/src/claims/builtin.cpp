// The registry of kappa-check's built-in computations (kappa/claims/builtin.hpp): names, arguments, result
// fields; the computations are in builtin_stats.cpp and builtin_methods.cpp.
#include "kappa/claims/builtin.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "builtin_detail.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/core/names.hpp"

namespace kappa::builtin {
namespace {

using namespace detail;

ArgSpec req(std::string n, ArgType t, std::string help) {
  return {std::move(n), t, true, 0.0, std::move(help)};
}
ArgSpec opt(std::string n, ArgType t, Arg d, std::string help) {
  return {std::move(n), t, false, std::move(d), std::move(help)};
}
constexpr ArgType N = ArgType::number, I = ArgType::integer, L = ArgType::list, S = ArgType::name;

constexpr NameTable<ArgType, 4> kArgTypes{{{ArgType::number, "number"},
                                           {ArgType::integer, "integer"},
                                           {ArgType::list, "array of numbers"},
                                           {ArgType::name, "string"}}};

}  // namespace

std::string_view to_string(ArgType t) { return name_of(kArgTypes, t); }

const std::vector<Builtin>& builtins() {
  static const std::vector<Builtin> all = {
      {"mean",
       "sum of values / divisor (default: their count)",
       {req("values", L, "the samples"),
        opt("divisor", N, 0.0, "the divisor as printed (default: the count)")},
       {"value", "sum", "n", "mean"},
       mean},
      {"expectation",
       "E[x] and Var[x] of a discrete distribution",
       {req("values", L, "the outcomes"), req("probs", L, "their probabilities")},
       {"value", "variance"},
       expectation},
      {"sample_mean_variance",
       "variance of the mean of n draws, by simulation, beside sigma^2/n and sigma^2/sqrt(n)",
       {req("values", L, "outcomes"), req("probs", L, "probabilities"), req("n", I, "sample size"),
        opt("trials", I, 20000.0, "simulated sample means"), opt("seed", I, 1.0, "Rng seed")},
       {"variance_of_mean", "mean_of_means", "sigma2", "sigma2_over_n", "sigma2_over_sqrt_n"},
       sample_mean_variance},
      {"gradient_standard_error",
       "standard error of a minibatch gradient on the finite-sum quadric",
       {req("lambdas", L, "diagonal of A"), opt("terms", I, 1000.0, "M, the number of terms"),
        opt("n_small", I, 100.0, "small batch"), opt("n_large", I, 10000.0, "large batch"),
        opt("trials", I, 1000.0, "minibatches per size"),
        opt("spread", N, 1.0, "std of the term centres w_i"), opt("seed", I, 1.0, "Rng seed")},
       {"se_small", "se_large", "se_ratio", "sigma", "predicted_small", "predicted_large", "cost_ratio",
        "full_gradient_cost"},
       gradient_standard_error},
      {"gd_iterates",
       "GD iterated against (1 - alpha lambda)^k w0",
       {req("lambdas", L, "diagonal of A"), req("alpha", N, "step"),
        opt("w0", N, 1.0, "start in every coordinate"), req("iterations", I, "k")},
       {"max_rel_error", "growth"},
       gd_iterates},
      {"heavy_ball_matrix",
       "the slide's heavy-ball matrix against the one composed from the update rule",
       {req("lambda", N, "eigenvalue"), req("alpha", N, "step"), req("beta", N, "momentum"),
        opt("v0", N, 0.5, "test state v"), opt("w0", N, 1.0, "test state w")},
       {"eig_diff", "radius_rule", "radius_buffer_form", "radius_theory", "matrix_diff",
        "negated_velocity_diff", "theory_matrix_diff", "buffer_form_step_error"},
       heavy_ball_matrix,
       {},
       {{"radius_slide", "radius_buffer_form"}, {"slide_step_error", "buffer_form_step_error"}}},
      {"heavy_ball_velocity_vs_buffer",
       "heavy ball in velocity form (v <- beta v - grad f) against the buffer form torch.optim.SGD documents",
       {req("lambdas", L, "diagonal of A"), req("alpha", N, "lr"), req("beta", N, "momentum"),
        opt("w0", N, 1.0, "start"), req("iterations", I, "steps")},
       {"max_abs_diff", "final_w_0", "final_w_1", "..."},
       heavy_ball_vs_torch,
       {"heavy_ball_vs_torch"}},
      {"overshoot_1d",
       "overshoot past the optimum of heavy ball, Nesterov and the slide's Nesterov on 1/2 lambda w^2",
       {req("lambda", N, "curvature"), req("alpha", N, "step"), req("beta", N, "momentum"),
        opt("w0", N, 1.0, "start"), opt("iterations", I, 1000.0, "steps")},
       {"overshoot_heavy_ball", "overshoot_nesterov", "overshoot_lookahead_alpha_v"},
       overshoot_1d,
       {},
       {{"overshoot_slide", "overshoot_lookahead_alpha_v"}}},
      {"lookahead_rates",
       "measured rates of Nesterov's lookahead w + alpha beta v and the slide's w + alpha v",
       {req("lambdas", L, "diagonal of A"), req("alpha", N, "step"), req("beta", N, "momentum"),
        opt("iterations", I, 400.0, "K"), opt("window", I, 200.0, "m")},
       {"measured_rate_nesterov", "measured_rate_lookahead_alpha_v"},
       lookahead_rates,
       {},
       {{"measured_rate_slide", "measured_rate_lookahead_alpha_v"}}},
      {"newton_step",
       "one damped Newton step on a random (rotated) SPD quadric",
       {opt("n", I, 20.0, "dimension"), opt("alpha", N, 1.0, "step"),
        opt("cond", N, 1000.0, "condition number"), opt("seed", I, 1.0, "Rng seed")},
       {"error_ratio"},
       newton_step},
      {"newton_stationary",
       "residual of x = H^-1 g (slide) and x = -H^-1 g in Hx + g = 0",
       {opt("n", I, 10.0, "dimension"), opt("seed", I, 1.0, "Rng seed")},
       {"residual_plus_inverse", "residual_correct"},
       newton_stationary,
       {},
       {{"residual_slide", "residual_plus_inverse"}}},
      {"secant_1d",
       "1-D secant step: correct and as the slide writes it",
       {req("lambda", N, "curvature"), req("w_star", N, "minimiser"), req("w_prev", N, "w_{k-1}"),
        req("w_curr", N, "w_k")},
       {"newton_next", "secant_next", "quotient_times_gradient_next", "quotient_times_gradient_predicted"},
       secant_1d,
       {},
       {{"slide_next", "quotient_times_gradient_next"},
        {"slide_next_predicted", "quotient_times_gradient_predicted"}}},
      {"symmetric_unknowns",
       "unknowns of a symmetric n x n matrix against the slide's n^2/2",
       {req("n", I, "dimension")},
       {"unknowns", "half_n_squared", "equations"},
       symmetric_unknowns,
       {},
       {{"slide_count", "half_n_squared"}}},
      {"bfgs_secant",
       "BFGS update with either sign of the last term: secant residual, symmetry, PSB",
       {opt("n", I, 10.0, "dimension"), req("sign", N, "-1 (BFGS) or +1 (the slide)"),
        opt("impl", S, std::string("formula"), "formula | library (optimizers::bfgs_update)"),
        opt("cond", N, 100.0, "condition number of A and H"), opt("seed", I, 1.0, "Rng seed")},
       {"secant_residual", "predicted_plus_sign_residual", "asymmetry", "min_eigenvalue", "frobenius_change",
        "psb_frobenius_change", "psb_secant_residual"},
       bfgs_secant},
      {"bfgs_exact_line_search",
       "BFGS with exact line search on a random SPD quadric: iterations to tol",
       {opt("n", I, 20.0, "dimension"), opt("cond", N, 100.0, "condition number"),
        opt("tol", N, 1e-8, "gradient reduction"), opt("seed", I, 1.0, "Rng seed")},
       {"iterations", "n", "gradient_ratio"},
       bfgs_exact_line_search},
      {"second_moment",
       "Adam's second moment against RMSprop's average and AdaGrad's sum",
       {req("gradients", L, "g_1..g_k"), opt("beta1", N, 0.9, "beta1"), opt("beta2", N, 0.999, "beta2")},
       {"adam_q_hat", "ema_average", "adagrad_sum", "adam_v_hat", "momentum_average"},
       second_moment},
      {"cross_entropy",
       "J(q) = E_p[-log q] and the entropy H(p)",
       {req("p", L, "data distribution"), req("q", L, "model distribution")},
       {"value", "entropy"},
       cross_entropy},
      {"optimizer_defaults",
       "an optimizer's resolved default parameters",
       {req("method", S, "a method name of the registry")},
       {"<parameter names>"},
       optimizer_defaults},
  };
  return all;
}

const Builtin* find_builtin(std::string_view n) {
  for (const auto& b : builtins())
    if (b.name == n || std::find(b.aliases.begin(), b.aliases.end(), n) != b.aliases.end()) return &b;
  return nullptr;
}

Result run_builtin(std::string_view n, const Args& given) {
  const Builtin* b = find_builtin(n);
  if (!b) throw InputError(fmt::format("unknown built-in computation '{}'", n));
  Args args = given;
  for (const auto& spec : b->args) {
    auto it = args.find(spec.name);
    if (it == args.end()) {
      if (spec.required) throw InputError(fmt::format("{}: missing argument '{}'", n, spec.name));
      if (spec.name == "divisor") continue;  // "absent" means the count
      args.emplace(spec.name, spec.default_value);
      continue;
    }
    const Arg& v = it->second;
    const bool ok = spec.type == ArgType::list   ? std::holds_alternative<std::vector<double>>(v)
                    : spec.type == ArgType::name ? std::holds_alternative<std::string>(v)
                                                 : std::holds_alternative<double>(v);
    if (!ok)
      throw InputError(fmt::format("{}: argument '{}' must be {}", n, spec.name, to_string(spec.type)));
    if (spec.type == ArgType::integer) {
      const double x = std::get<double>(v);
      if (x != std::floor(x))
        throw InputError(fmt::format("{}: argument '{}' must be an integer, got {}", n, spec.name, x));
    }
  }
  Result r = b->run(args);
  for (const auto& [alias, field] : b->field_aliases) {  // the lecture's names, after the neutral ones
    const std::string& f = field;                        // clang 14 cannot capture a structured binding
    const auto it = std::find_if(r.begin(), r.end(), [&](const auto& x) { return x.first == f; });
    if (it != r.end()) r.emplace_back(alias, Field(it->second));
  }
  return r;
}

}  // namespace kappa::builtin