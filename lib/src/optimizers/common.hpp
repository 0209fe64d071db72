// Shared by the optimizer factories: reject options a method does not have, fill defaults, check
// ranges, with one-line InputError messages naming the option ("--beta 1.5: must be in [0, 1)").
#pragma once
#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <string_view>

#include "kappa/errors.hpp"
#include "kappa/format_number.hpp"
#include "kappa/optimizer.hpp"

namespace kappa::optimizers::detail {

enum Field : unsigned {
  f_alpha = 1u << 0,
  f_beta = 1u << 1,
  f_dampening = 1u << 2,
  f_nesterov = 1u << 3,
  f_weight_decay = 1u << 4,
  f_betas = 1u << 5,
  f_eps = 1u << 6,
  f_amsgrad = 1u << 7,
  f_centered = 1u << 8,
  f_rho = 1u << 9,
  f_lr_decay = 1u << 10,
  f_initial_accumulator_value = 1u << 11,
  f_history_size = 1u << 12,
  f_line_search = 1u << 13,  // --line-search, --c1, --c2, --max-ls (the line-search methods)
};

// InputError "--OPTION: method M has no such parameter" for the first set field not in `allowed`.
inline void allow_only(const OptimizerSettings& s, std::string_view method, unsigned allowed) {
  auto check = [&](bool set, Field f, std::string_view option) {
    if (set && !(allowed & f))
      throw InputError(fmt::format("{}: method {} has no such parameter", option, method));
  };
  check(s.alpha.has_value(), f_alpha, "--alpha");
  check(s.beta.has_value(), f_beta, "--beta");
  check(s.dampening.has_value(), f_dampening, "--dampening");
  check(s.nesterov.has_value(), f_nesterov, "--nesterov");
  check(s.weight_decay.has_value(), f_weight_decay, "--weight-decay");
  check(s.beta1.has_value() || s.beta2.has_value(), f_betas, "--betas");
  check(s.eps.has_value(), f_eps, "--eps");
  check(s.amsgrad.has_value(), f_amsgrad, "--amsgrad");
  check(s.centered.has_value(), f_centered, "--centered");
  check(s.rho.has_value(), f_rho, "--rho");
  check(s.lr_decay.has_value(), f_lr_decay, "--lr-decay");
  check(s.initial_accumulator_value.has_value(), f_initial_accumulator_value, "--initial-accumulator-value");
  check(s.history_size.has_value(), f_history_size, "--history-size");
  check(s.line_search.has_value(), f_line_search, "--line-search");
  check(s.c1.has_value(), f_line_search, "--c1");
  check(s.c2.has_value(), f_line_search, "--c2");
  check(s.max_ls.has_value(), f_line_search, "--max-ls");
}

// The step size: given (finite, > 0) or the default; without a default it is required.
inline double step_size(const std::optional<double>& given, std::optional<double> fallback, std::string_view method) {
  if (!given) {
    if (!fallback) throw InputError(fmt::format("--alpha: method {} needs a step size (--alpha or --lr)", method));
    return *fallback;
  }
  if (!(*given > 0) || !std::isfinite(*given)) throw InputError(fmt::format("--alpha {}: must be finite and > 0", shortest(*given)));
  return *given;
}

// A value in [lo, hi) (hi_closed: [lo, hi]); default when not given.
inline double in_range(const std::optional<double>& given, double fallback, std::string_view option, double lo,
                       double hi, bool hi_closed = false) {
  if (!given) return fallback;
  const double x = *given;
  if (!(x >= lo) || !(hi_closed ? x <= hi : x < hi) || !std::isfinite(x))
    throw InputError(fmt::format("{} {}: must be in [{}, {}{}", option, shortest(x), shortest(lo), shortest(hi),
                                 hi_closed ? "]" : ")"));
  return x;
}

// A finite value >= 0 (> 0 when strict); default when not given.
inline double non_negative(const std::optional<double>& given, double fallback, std::string_view option, bool strict = false) {
  if (!given) return fallback;
  const double x = *given;
  if (!std::isfinite(x) || (strict ? !(x > 0) : !(x >= 0)))
    throw InputError(fmt::format("{} {}: must be finite and {} 0", option, shortest(x), strict ? ">" : ">="));
  return x;
}

}  // namespace kappa::optimizers::detail
