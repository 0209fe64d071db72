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

// A parameter the quadric theory tunes: the theory's name is kappa's, torch's is `torch`, `key` names
// it in the output; without a default it is required ("needs a step size").
inline ParamSchema tuned_param(ParamBuilder b, std::string torch, std::string key, std::string help,
                               std::string needs) {
  b.torch(std::move(torch)).theory(b.p.name).key(std::move(key)).help(std::move(help));
  if (!b.p.default_value) b.required(std::move(needs));
  return b;
}

// The step size: kappa's alpha, torch's lr (the output's key `key`), > 0.
inline ParamSchema step_size(std::optional<double> fallback, std::string key = "alpha") {
  return tuned_param(real_param("alpha", fallback).positive(), "lr", std::move(key),
                     "step size (the lecture's alpha; torch's lr)", "a step size");
}

// The momentum: kappa's beta, torch's momentum, in [0, 1).
inline ParamSchema momentum(std::optional<double> fallback, std::string key = "beta") {
  return tuned_param(real_param("beta", fallback).in(0, 1), "momentum", std::move(key),
                     "momentum (the lecture's beta; torch's momentum)", "a momentum");
}

// The schema of a method of the lecture's quadric theory with a step size and a momentum, both
// required: heavy ball and the two Nesterovs.
inline MethodSchema momentum_method(std::string name, std::string summary, theory::Method theory,
                                    OptimizerFactory make) {
  return {
      std::move(name), std::move(summary), theory, {step_size(std::nullopt), momentum(std::nullopt)}, make};
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
