#include "kappa/learn/activation.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "kappa/core/errors.hpp"
#include "kappa/core/names.hpp"

namespace kappa {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr NameTable<Activation, 4> kActivations{{{Activation::linear, "linear"},
                                                 {Activation::sigmoid, "sigmoid"},
                                                 {Activation::tanh, "tanh"},
                                                 {Activation::relu, "relu"}}};
constexpr NameTable<Init, 4> kInits{
    {{Init::naive, "naive"}, {Init::small, "small"}, {Init::xavier, "xavier"}, {Init::he, "he"}}};
}  // namespace

std::string_view to_string(Activation a) { return name_of(kActivations, a); }
std::string_view to_string(Init i) { return name_of(kInits, i); }

Activation parse_activation(std::string_view what, std::string_view token) {
  if (const auto a = value_named(kActivations, token)) return *a;
  throw InputError(std::string(what) + " " + std::string(token) + ": expected linear, sigmoid, tanh or relu");
}

Init parse_init(std::string_view what, std::string_view token) {
  if (const auto i = value_named(kInits, token)) return *i;
  throw InputError(std::string(what) + " " + std::string(token) + ": expected naive, small, xavier or he");
}

double activate(Activation a, double x) {
  switch (a) {
    case Activation::linear: return x;
    case Activation::sigmoid: return 1.0 / (1.0 + std::exp(-x));
    case Activation::tanh: return std::tanh(x);
    case Activation::relu: return x > 0 ? x : 0.0;
  }
  return nan;
}

double activate_derivative(Activation a, double x) {
  switch (a) {
    case Activation::linear: return 1.0;
    case Activation::sigmoid: {
      const double s = 1.0 / (1.0 + std::exp(-x));
      return s * (1.0 - s);
    }
    case Activation::tanh: {
      const double t = std::tanh(x);
      return 1.0 - t * t;
    }
    case Activation::relu: return x > 0 ? 1.0 : 0.0;
  }
  return nan;
}

double init_variance(Init init, int fan_in, int fan_out) {
  switch (init) {
    case Init::naive: return 1.0;
    case Init::small: return 1e-4;
    case Init::xavier: return 2.0 / (fan_in + fan_out);
    case Init::he: return 2.0 / fan_in;
  }
  return nan;
}

}  // namespace kappa
