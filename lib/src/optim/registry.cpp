// The methods, in --help order. A method is its file under lib/src/optim/, which defines
// optimizers::NAME_method() (its schema and factory), plus one line here.
#include <fmt/format.h>

#include "kappa/core/errors.hpp"
#include "kappa/optim/method_schema.hpp"
#include "kappa/optim/optimizer.hpp"

#define KAPPA_METHODS(X) \
  X(gd)                  \
  X(heavy_ball)          \
  X(sgd)                 \
  X(nesterov)            \
  X(nesterov_lecture)    \
  X(newton)              \
  X(sign_gd)             \
  X(adagrad)             \
  X(rmsprop)             \
  X(adam)                \
  X(adamw)               \
  X(steepest)            \
  X(cg)                  \
  X(bfgs)                \
  X(lbfgs)

namespace kappa {
namespace optimizers {
#define KAPPA_DECLARE_METHOD(name) MethodSchema name##_method();
KAPPA_METHODS(KAPPA_DECLARE_METHOD)
#undef KAPPA_DECLARE_METHOD
}  // namespace optimizers

const std::vector<MethodSchema>& method_schemas() {
#define KAPPA_METHOD_ENTRY(name) optimizers::name##_method(),
  static const std::vector<MethodSchema> schemas{KAPPA_METHODS(KAPPA_METHOD_ENTRY)};
#undef KAPPA_METHOD_ENTRY
  return schemas;
}

const std::vector<std::string>& optimizer_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& m : method_schemas()) v.push_back(m.name);
    return v;
  }();
  return names;
}

const MethodSchema& method_schema(std::string_view name) {
  for (const auto& m : method_schemas())
    if (m.name == name) return m;
  throw ParamError(
      ParamError::Kind::bad_value, "method",
      fmt::format(" {}: unknown method; expected one of {}", name, fmt::join(optimizer_names(), ", ")));
}

std::unique_ptr<Optimizer> make_optimizer(std::string_view name, const MethodParams& params) {
  const MethodSchema& schema = method_schema(name);
  return schema.make(ResolvedParams(schema, params));
}

}  // namespace kappa
