// kappa-spectrum: the Hessian spectrum of a problem from data, its κ, and per method the optimal
// parameters, the predicted rate and iterations; with --measure, the iterations the methods really take.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>

#include "kappa/cli/cli.hpp"
#include "kappa/cli/data_problem.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/optim/optimizer.hpp"
#include "kappa/problems/data.hpp"
#include "kappa/run/run.hpp"
#include "kappa/theory/theory.hpp"

#include "tool_help.hpp"

using namespace kappa;
namespace po = boost::program_options;

namespace {
// The Hessian's eigen decomposition (and logistic's Newton steps) cost O(d³): d = 2000 takes seconds,
// d = 6000 minutes. The width of a CSV file is known from its first data line, before reading it all.
constexpr std::size_t kMaxFeatures = 2000;
void check_width(const po::variables_map& vm) {
  if (!vm.count("data") || vm["data"].as<std::string>() == "-") return;  // stdin: cannot peek
  const auto& path = vm["data"].as<std::string>();
  std::ifstream in(path);
  if (!in) return;  // the reader names the error
  const auto skip = io::parse_int("--skip-rows", vm["skip-rows"].as<std::string>());
  std::string line;
  for (std::int64_t i = 0; i < skip && std::getline(in, line); ++i) {}
  while (std::getline(in, line) && line.find_first_not_of(" \t\r") == std::string::npos) {}
  const auto fields = static_cast<std::size_t>(std::count(line.begin(), line.end(), ',')) + 1;
  if (fields - 1 > kMaxFeatures)
    throw InputError(
        fmt::format("--data {}: {} columns, {} features: the Hessian ({} x {}, O(d^3)) would take "
                    "minutes; kappa-spectrum takes at most {} features",
                    path, fields, fields - 1, fields - 1, fields - 1, kMaxFeatures));
}
}  // namespace

int main(int argc, char** argv) {
  io::Tool tool("kappa-spectrum", tool_help);
  io::add_data_options(tool.options());
  tool.options().add_options()("tol", po::value<std::string>()->default_value("1e-6")->value_name("EPS"),
                               "error reduction for iterations")(
      "measure", po::bool_switch(), "run gd, heavy-ball and adam and report measured iterations")(
      "adam-lr", po::value<std::string>()->default_value("0.01")->value_name("A"),
      "Adam's step size for --measure")("max-iter",
                                        po::value<std::string>()->default_value("1000000")->value_name("N"),
                                        "iteration cap for --measure")(
      "eigenvalues", po::bool_switch(), "list every eigenvalue (always listed in json)");
  tool.add_output_options();

  return tool.run(argc, argv, [&](const po::variables_map& vm) {
    const auto format = tool.format(vm);
    if (!io::has_data_problem(vm)) throw InputError("--data PATH (or --model sigmoid-fit) is required");
    const double tol = io::parse_unit_open("--tol", vm["tol"].as<std::string>());
    const double adam_lr = io::parse_positive("--adam-lr", vm["adam-lr"].as<std::string>());
    const auto max_iter = io::parse_int("--max-iter", vm["max-iter"].as<std::string>());
    if (max_iter < 1) throw InputError("--max-iter " + vm["max-iter"].as<std::string>() + ": must be >= 1");
    io::Json params = io::data_options_json(vm);
    params["tol"] = tol;
    params["measure"] = vm["measure"].as<bool>();
    if (vm["measure"].as<bool>()) {
      params["adam_lr"] = adam_lr;
      params["max_iter"] = max_iter;
    }
    check_width(vm);
    auto problem = io::data_problem_from_options(vm);
    const auto spectrum = problem->spectrum();
    if (!spectrum)
      throw RuntimeError(
          std::string(problem->kind()) +
          ": no Hessian spectrum at the optimum (no minimiser found: separable data? try --l2 > 0)");
    io::Json out = tool.context(params);
    io::Json p;
    p["model"] = problem->kind();
    p["dim"] = problem->dim();
    p["f_star"] = problem->f_star();
    p["hessian"] = problem->kind() == "least-squares" ? "exact (X'X/n + l2)" : "local, at w*";
    out["problem"] = p;
    io::Json s;
    s["kappa"] = spectrum->kappa();
    s["lambda_min"] = spectrum->lambda_min();
    s["lambda_max"] = spectrum->lambda_max();
    s["n"] = spectrum->size();
    if (format != io::Format::table || vm["eigenvalues"].as<bool>()) s["eigenvalues"] = spectrum->values();
    out["spectrum"] = s;
    io::Json methods;
    const Vector w0 = Vector::Zero(problem->dim());
    // --measure: the registry's optimizer in kappa::run (kappa-run's loop and divergence rule), from
    // w = 0 until |w - w*| <= tol |w0 - w*|; the rate is (|w - w*| / |w0 - w*|)^(1/k).
    auto measure = [&](const std::string& method, const MethodParams& params, io::Json& e) {
      auto opt = make_optimizer(method, params);
      RunSettings rs;
      rs.max_iter = max_iter;
      rs.tol = tol;
      rs.rule = StopRule::dist;
      Vector w = w0;
      const Summary r = kappa::run(*problem, *opt, w, rs);
      const bool converged = r.status == RunStatus::converged;
      const double err = r.dist0 > 0 ? r.dist / r.dist0 : 0;
      e["measured_iterations"] = converged ? io::Json(r.iterations) : io::Json();
      e["measured_status"] = converged                         ? "converged"
                             : r.status == RunStatus::diverged ? "diverged"
                                                               : "max_iter";
      e["measured_rate"] = r.iterations > 0 ? std::pow(err, 1.0 / static_cast<double>(r.iterations)) : 0.0;
      e["final_relative_error"] = err;
    };
    for (auto m :
         {theory::Method::gd, theory::Method::heavy_ball, theory::Method::nesterov, theory::Method::newton}) {
      const auto opt = theory::optimal_closed_form(m, spectrum->lambda_min(), spectrum->lambda_max());
      if (!opt) continue;
      io::Json e;
      e["alpha"] = opt->params.alpha;
      if (theory::has_momentum(m)) e["beta"] = opt->params.beta;
      e["rate"] = opt->rate;
      const auto k = theory::iterations_to_tol(opt->rate, tol);
      e["iterations"] = k ? io::Json(*k) : io::Json();
      if (vm["measure"].as<bool>() && (m == theory::Method::gd || m == theory::Method::heavy_ball)) {
        MethodParams params{{"alpha", opt->params.alpha}};
        if (m == theory::Method::heavy_ball) params.set("beta", opt->params.beta);
        measure(std::string(theory::to_string(m)), params, e);
      }
      methods[std::string(theory::to_string(m))] = e;
    }
    if (vm["measure"].as<bool>()) {
      io::Json e;
      e["alpha"] = adam_lr;
      e["beta1"] = 0.9;  // torch.optim.Adam's defaults, the registry's adam's
      e["beta2"] = 0.999;
      measure("adam", {{"alpha", adam_lr}}, e);
      methods["adam"] = e;
    }
    out["methods"] = methods;
    out["convention"] =
        "heavy ball: v <- beta v - grad f(w), w <- w + alpha v; error |w - w*| shrinks by tol";
    io::Sink sink(tool.output_path(vm));
    io::write_record(sink, format, out);
    sink.commit();
    return io::exit_ok;
  });
}
