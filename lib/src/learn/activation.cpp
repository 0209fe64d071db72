#include "kappa/learn/activation.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "kappa/core/errors.hpp"

namespace kappa {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr Activation activations[] = {Activation::linear, Activation::sigmoid, Activation::tanh,
                                      Activation::relu};
constexpr Init inits[] = {Init::naive, Init::small, Init::xavier, Init::he};
}  // namespace

std::string_view to_string(Activation a) {
  switch (a) {
    case Activation::linear: return "linear";
    case Activation::sigmoid: return "sigmoid";
    case Activation::tanh: return "tanh";
    case Activation::relu: return "relu";
  }
  return "?";
}

std::string_view to_string(Init i) {
  switch (i) {
    case Init::naive: return "naive";
    case Init::small: return "small";
    case Init::xavier: return "xavier";
    case Init::he: return "he";
  }
  return "?";
}

Activation parse_activation(std::string_view what, std::string_view token) {
  for (const Activation a : activations)
    if (token == to_string(a)) return a;
  throw InputError(std::string(what) + " " + std::string(token) + ": expected linear, sigmoid, tanh or relu");
}

Init parse_init(std::string_view what, std::string_view token) {
  for (const Init i : inits)
    if (token == to_string(i)) return i;
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
