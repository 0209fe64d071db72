#include "kappa/app/noise.hpp"

#include <fmt/format.h>

#include "kappa/core/errors.hpp"
#include "kappa/core/format_number.hpp"

namespace kappa::io {

noise::Method noise_method(theory::Method m, const theory::Params& p) {
  using theory::Method;
  switch (m) {
    case Method::gd: return {noise::Scheme::gd, p.alpha, 0, 0, false};
    case Method::heavy_ball: return {noise::Scheme::heavy_ball, p.alpha, p.beta, 0, false};
    case Method::nesterov: return {noise::Scheme::nesterov, p.alpha, p.beta, 0, false};
    case Method::nesterov_lecture: return {noise::Scheme::nesterov_lecture, p.alpha, p.beta, 0, false};
    case Method::newton: break;
  }
  throw InputError("--noise-variance: newton has no noise theory here");
}

std::optional<noise::Method> noise_method(const Optimizer& opt, std::string& why) {
  const std::string name(opt.name());
  auto param = [&](const char* key) {
    for (const auto& [k, v] : opt.parameters())
      if (k == key) return to_number(v).value_or(0.0);
    return 0.0;
  };
  if (name == "gd") return noise::Method{noise::Scheme::gd, param("alpha"), 0, 0, false};
  if (name == "heavy-ball")
    return noise::Method{noise::Scheme::heavy_ball, param("alpha"), param("beta"), 0, false};
  if (name == "nesterov")
    return noise::Method{noise::Scheme::nesterov, param("alpha"), param("beta"), 0, false};
  if (name == "nesterov-lecture")
    return noise::Method{noise::Scheme::nesterov_lecture, param("alpha"), param("beta"), 0, false};
  if (name == "sgd") {
    if (param("weight_decay") != 0) {
      why = "sgd with weight decay minimises another quadric: no noise theory for this problem's optimum";
      return std::nullopt;
    }
    return noise::Method{noise::Scheme::torch_sgd, param("lr"), param("momentum"), param("dampening"),
                         param("nesterov") != 0};
  }
  if (name == "sign-gd" || name == "adagrad" || name == "rmsprop" || name == "adam" || name == "adamw")
    why =
        "method " + name + " scales its step by the noisy gradient itself: its noise response is not linear";
  else if (name == "newton")
    why = "newton: no noise theory here";
  else
    why = "method " + name + " has no linear noise theory";
  return std::nullopt;
}

Json floor_json(const noise::Floor& f) {
  Json j;
  j["dist2"] = f.dist2 ? Json(*f.dist2) : Json(nullptr);
  j["f_gap"] = f.f_gap ? Json(*f.f_gap) : Json(nullptr);
  if (!f.dist2)
    j["note"] = fmt::format(
        "no stationary floor: the deterministic rate {} >= 1 (at lambda = {}), the second "
        "moment does not settle",
        shortest(f.rate), shortest(f.unstable_lambda.value_or(0)));
  return j;
}

}  // namespace kappa::io
