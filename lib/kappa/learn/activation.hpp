// The activations and weight initialisations shared by the networks of kappa (mlp: the trained
// classifier; gradflow: the deep network whose backward gains are measured).
//   linear φ(x) = x   sigmoid φ(x) = 1/(1 + e⁻ˣ)   tanh   relu φ(x) = max(x, 0)
// Initialisations, as the weight variance σ_w² of a layer with fan_in inputs and fan_out outputs:
//   naive  N(0, s²), s a fixed scale (gradflow: 1; mlp: its naive_scale, default 0.01)
//   small  N(0, 0.01²)
//   xavier 2/(fan_in + fan_out)   (Glorot & Bengio 2010)
//   he     2/fan_in               (He et al. 2015)
#pragma once
#include <string_view>

namespace kappa {

enum class Activation { linear, sigmoid, tanh, relu };
enum class Init { naive, small, xavier, he };

std::string_view to_string(Activation a);
std::string_view to_string(Init i);
// "linear" | "sigmoid" | "tanh" | "relu"; "naive" | "small" | "xavier" | "he". Throw InputError
// naming `what` and the token ("--init foo: expected naive, small, xavier or he").
Activation parse_activation(std::string_view what, std::string_view token);
Init parse_init(std::string_view what, std::string_view token);

double activate(Activation a, double x);
double activate_derivative(Activation a, double x);  // relu: the subgradient 0 at x = 0

// σ_w² as listed above, with naive's s = 1.
double init_variance(Init init, int fan_in, int fan_out);

}  // namespace kappa
