// kappa-gradflow: how the gradient's norm changes from layer to layer in a deep network, and the
// singular values of its end-to-end Jacobian, for each activation and initialisation.
#include <fmt/format.h>

#include <cmath>

#include "kappa/errors.hpp"
#include "kappa/gradflow.hpp"
#include "kappa/io/cli.hpp"
#include "kappa/io/parse.hpp"

using namespace kappa;
namespace po = boost::program_options;

namespace {
io::Json num(double x) { return std::isfinite(x) ? io::Json(x) : io::Json(nullptr); }
}  // namespace

int main(int argc, char** argv) {
  io::Tool tool(
      "kappa-gradflow",
      "kappa-gradflow [--depth L] [--width D] [--activation A] [--init I] [--batch B] [--seed S] [--seeds N] "
      "[--summary]",
      "A deep network h_l = phi(W_l h_{l-1}) (no biases, d x d weights) with a random linear read-out\n"
      "loss = sum_b r_b' h_L(x_b), inputs and r ~ N(0, I). Per layer l = 0..L (mean over seeds): log10 of\n"
      "||H_l||_F, of the gradient reaching it ||dloss/dH_l||_F, of the weight gradient ||dloss/dW_l||_F, and the\n"
      "squared gain ||G_{l-1}||^2/||G_l||^2. Theory: the expected squared gain per layer is d sigma_w^2 E[phi'(a)^2],\n"
      "= d sigma_w^2 for linear and d sigma_w^2/2 for relu; Xavier (sigma^2 = 2/(fan_in+fan_out) = 1/d) makes the\n"
      "linear gain 1, He (sigma^2 = 2/fan_in) the relu gain 1. For any activation the mean-field prediction\n"
      "(q_l = d sigma^2 m_{l-1}, m_l = E phi(sqrt(q_l) z)^2, g_l = d sigma^2 E phi'(sqrt(q_l) z)^2) is printed beside the\n"
      "measurement. --summary prints one record instead: the mean gain over layers and seeds with its standard\n"
      "error, the closed-form and mean-field theory, and the log singular values of the\n"
      "end-to-end Jacobian dh_L/dx (mean, spread, min, max over the resolvable ones; numerical rank).",
      "  kappa-gradflow --activation tanh --init xavier                 # stable: gain just below 1\n"
      "  kappa-gradflow --activation sigmoid --init naive --format csv  # per-layer rows\n"
      "  kappa-gradflow --activation linear --init xavier --summary --format json   # gain ~ 1 = d/d");
  tool.options().add_options()
      ("depth", po::value<std::string>()->default_value("30")->value_name("L"), "number of layers")
      ("width", po::value<std::string>()->default_value("64")->value_name("D"), "width d of every layer")
      ("activation", po::value<std::string>()->default_value("tanh")->value_name("A"), "linear | sigmoid | tanh | relu")
      ("init", po::value<std::string>()->default_value("xavier")->value_name("I"),
       "naive N(0,1) | small N(0,0.01^2) | xavier N(0,2/(fan_in+fan_out)) | he N(0,2/fan_in)")
      ("batch", po::value<std::string>()->default_value("32")->value_name("B"), "inputs per batch")
      ("seed", po::value<std::string>()->default_value("1")->value_name("S"), "first seed")
      ("seeds", po::value<std::string>()->default_value("5")->value_name("N"), "networks averaged (seeds S..S+N-1)")
      ("jacobian-inputs", po::value<std::string>()->default_value("4")->value_name("K"),
       "inputs per seed whose Jacobian is decomposed (JacobiSVD)")
      ("summary", po::bool_switch(), "print the summary record instead of the per-layer rows");
  tool.add_output_options();

  return tool.run(argc, argv, [&](const po::variables_map& vm) {
    const auto format = tool.format(vm);
    auto int_opt = [&](const char* key, std::int64_t lo, std::int64_t hi) {
      const std::string& t = vm[key].as<std::string>();
      const std::int64_t v = io::parse_int(std::string("--") + key, t);
      if (v < lo || v > hi)
        throw InputError(fmt::format("--{} {}: must be an integer in [{}, {}]", key, t, lo, hi));
      return static_cast<int>(v);
    };
    gradflow::Config cfg;
    cfg.depth = int_opt("depth", 1, 1000);
    cfg.width = int_opt("width", 1, 2000);
    cfg.batch = int_opt("batch", 1, 100000);
    cfg.seeds = int_opt("seeds", 1, 10000);
    cfg.jacobian_inputs = int_opt("jacobian-inputs", 0, cfg.batch);
    // The weights alone are L·d² doubles; refuse what would not fit comfortably (400 MB).
    if (static_cast<double>(cfg.depth) * cfg.width * cfg.width > 5e7)
      throw InputError(fmt::format("--depth {} --width {}: L*d^2 = {:.3g} weights, expected at most 5e7", cfg.depth,
                                   cfg.width, static_cast<double>(cfg.depth) * cfg.width * cfg.width));
    // Backprop keeps, per layer, the pre- and post-activations and the gradient: 3·(L+1)·d·B doubles
    // (checked before allocating, as the weights above).
    const double act_values = 3.0 * (cfg.depth + 1.0) * cfg.width * static_cast<double>(cfg.batch);
    if (act_values > 5e7)
      throw InputError(fmt::format("--batch {}: 3*(L+1)*d*B = {:.3g} activations would need {:.0f} MiB, expected at most "
                                   "5e7 values (381 MiB)", cfg.batch, act_values, act_values * 8 / (1 << 20)));
    cfg.activation = gradflow::parse_activation("--activation", vm["activation"].as<std::string>());
    cfg.init = gradflow::parse_init("--init", vm["init"].as<std::string>());
    cfg.seed = io::parse_seed("--seed", vm["seed"].as<std::string>());
    const bool summary_only = vm["summary"].as<bool>();

    io::Json params;
    params["depth"] = cfg.depth;
    params["width"] = cfg.width;
    params["activation"] = std::string(gradflow::to_string(cfg.activation));
    params["init"] = std::string(gradflow::to_string(cfg.init));
    params["batch"] = cfg.batch;
    params["seed"] = cfg.seed;
    params["seeds"] = cfg.seeds;
    params["jacobian_inputs"] = cfg.jacobian_inputs;
    params["loss"] = "sum_b r_b' h_L(x_b), r_b ~ N(0, I)";
    const gradflow::Summary s = gradflow::run(cfg);

    io::Json sum;
    sum["sigma_w2"] = s.sigma_w2;
    sum["gain_mean"] = num(s.gain_mean);
    sum["gain_stderr"] = num(s.gain_stderr);
    sum["gain_theory"] = s.gain_theory ? num(*s.gain_theory) : io::Json(nullptr);
    sum["gain_formula"] = "d*sigma_w^2*E[phi'(a)^2]";
    sum["gain_mean_field"] = num(s.gain_mean_field);
    sum["jacobian_gain_per_layer"] = num(s.jacobian_gain_per_layer);
    sum["sv_log_mean"] = num(s.sv_log_mean);
    sum["sv_log_std"] = num(s.sv_log_std);
    sum["sv_log_min"] = num(s.sv_log_min);
    sum["sv_log_max"] = num(s.sv_log_max);
    sum["sv_rank_mean"] = num(s.sv_rank_mean);
    sum["log10_grad_w_first"] = num(s.layers[1].log10_grad_w_norm);
    sum["log10_grad_w_last"] = num(s.layers.back().log10_grad_w_norm);

    io::Sink sink(tool.output_path(vm));
    if (summary_only) {
      io::Json out = tool.context(params);
      out.update(sum);
      io::write_record(sink, format, out);
    } else {
      io::RowWriter w(sink, format, {"layer", "log10_act_norm", "log10_grad_h_norm", "log10_grad_w_norm", "gain", "gain_mean_field"},
                      tool.context(params));
      for (const auto& r : s.layers)
        // Layer 0 (the input) has no weights, gain or mean-field gain: missing values (empty cells).
        w.row({io::Value(std::int64_t{r.layer}), r.log10_act_norm, r.log10_grad_h_norm,
               r.layer == 0 ? io::null_value() : io::Value(r.log10_grad_w_norm),
               r.layer == 0 ? io::null_value() : io::Value(r.gain),
               r.layer == 0 ? io::null_value() : io::Value(r.gain_mean_field)});
      w.finish(io::Json{{"summary", sum}});
    }
    sink.commit();
    return io::exit_ok;
  });
}
