// Schema entries shared by several methods (kappa/optim/method_schema.hpp). A method's file lists its
// parameters with these or its own, and its factory reads the resolved, validated values.
#pragma once
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <optional>
#include <string>

#include "kappa/core/errors.hpp"
#include "kappa/core/format_number.hpp"
#include "kappa/optim/line_search.hpp"
#include "kappa/optim/method_schema.hpp"
#include "kappa/optim/optimizer.hpp"

namespace kappa::optimizers::detail {

// The step size: kappa's alpha, torch's lr (the output's key `key`); required without a default.
inline ParamSchema step_size(std::optional<double> fallback, std::string key = "alpha") {
  auto b = real_param("alpha", fallback)
               .positive()
               .torch("lr")
               .theory("alpha")
               .key(std::move(key))
               .help("step size (the lecture's alpha; torch's lr)");
  if (!fallback) b.required("a step size");
  return b;
}

// The momentum: kappa's beta, torch's momentum, in [0, 1); required without a default.
inline ParamSchema momentum(std::optional<double> fallback, std::string key = "beta") {
  auto b = real_param("beta", fallback)
               .in(0, 1)
               .torch("momentum")
               .theory("beta")
               .key(std::move(key))
               .help("momentum (the lecture's beta; torch's momentum)");
  if (!fallback) b.required("a momentum");
  return b;
}

// The L2 term weight_decay·w added to the gradient (AdamW: decoupled decay), >= 0.
inline ParamSchema weight_decay(double fallback) {
  return real_param("weight_decay", fallback)
      .non_negative()
      .torch("weight_decay")
      .help("L2 term weight_decay*w added to the gradient (adamw: decoupled decay)");
}

// The small term that keeps a division by a root of squared gradients finite, >= 0.
inline ParamSchema eps(double fallback) {
  return real_param("eps", fallback)
      .non_negative()
      .torch("eps")
      .help("added to the root of the squared gradients");
}

// The schema of a method whose parameters are its line search's (line_search_params), built as
// Method(resolve_line_search(p)).
template <class Method>
MethodSchema line_search_method(std::string name, std::string summary, line_search::Kind kind, double c2) {
  return {std::move(name), std::move(summary), std::nullopt, line_search_params(kind, c2),
          [](const ResolvedParams& p) -> std::unique_ptr<Optimizer> {
            return std::make_unique<Method>(resolve_line_search(p));
          }};
}

}  // namespace kappa::optimizers::detail
