// --method name -> factory. One line per optimizer.
#include <fmt/format.h>

#include <functional>

#include "kappa/errors.hpp"
#include "kappa/optimizers.hpp"

namespace kappa {
namespace {

using Factory = std::unique_ptr<Optimizer> (*)(const OptimizerSettings&);
struct Entry {
  const char* name;
  Factory make;
};

constexpr Entry kRegistry[] = {
    {"gd", optimizers::make_gd},
    {"heavy-ball", optimizers::make_heavy_ball},
    {"sgd", optimizers::make_sgd},
    {"nesterov", optimizers::make_nesterov},
    {"nesterov-lecture", optimizers::make_nesterov_lecture},
    {"newton", optimizers::make_newton},
    {"sign-gd", optimizers::make_sign_gd},
    {"adagrad", optimizers::make_adagrad},
    {"rmsprop", optimizers::make_rmsprop},
    {"adam", optimizers::make_adam},
    {"adamw", optimizers::make_adamw},
    {"steepest", optimizers::make_steepest},
    {"cg", optimizers::make_cg},
    {"bfgs", optimizers::make_bfgs},
    {"lbfgs", optimizers::make_lbfgs},
};

}  // namespace

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& e : kRegistry) v.emplace_back(e.name);
    return v;
  }();
  return names;
}

std::unique_ptr<Optimizer> make_optimizer(std::string_view name, const OptimizerSettings& settings) {
  for (const auto& e : kRegistry)
    if (name == e.name) return e.make(settings);
  throw InputError(fmt::format("--method {}: unknown method; expected one of {}", name,
                               fmt::join(optimizer_names(), ", ")));
}

}  // namespace kappa
