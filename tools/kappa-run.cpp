// kappa-run: one optimizer on one quadric; streams a trace and ends in a summary that puts the
// measured rate beside the theory's.
#include <fmt/format.h>

#include <cstdio>

#include "kappa/app/noise_run.hpp"
#include "kappa/cli/cli.hpp"
#include "kappa/cli/optimizer_options.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/progress.hpp"
#include "kappa/run/run.hpp"

using namespace kappa;
namespace po = boost::program_options;

namespace {

class TraceWriter final : public RunObserver {
 public:
  TraceWriter(io::RowWriter& writer, std::size_t coords)
      : writer_(writer), coords_(coords), row_(4 + coords) {}
  RowAction row(const TraceRow& r) override {
    row_[0] = r.iter;
    row_[1] = r.f_gap;
    row_[2] = r.dist;
    row_[3] = r.grad_norm;
    for (std::size_t i = 0; i < coords_; ++i) row_[4 + i] = r.w(static_cast<Eigen::Index>(i));
    writer_.row(row_);
    return RowAction::proceed();
  }

 private:
  io::RowWriter& writer_;
  std::size_t coords_;
  std::vector<io::Value> row_;
};

}  // namespace

int main(int argc, char** argv) {
  io::Tool tool(
      "kappa-run",
      "kappa-run --method M (--kappa K | --lambda-min A --lambda-max B | --spectrum SPEC | --matrix PATH |\n"
      "          --data PATH | --problem lrp|chain:N:KAPPA)\n"
      "          [optimizer options] [--iters K] [--tol EPS] [--every J] [-s FILE]",
      "Runs one optimizer on one problem (a quadric f(w) = 1/2 (w-w*)'A(w-w*) from a spectrum or a\n"
      "Matrix Market file, the lecture's finite sum, a data set with --model, or a built-in\n"
      "counterexample with --problem) and streams a trace: iter, f_gap\n"
      "(f - f*), dist (|w - w*|), grad_norm and, for n <= 3, the coordinates w0 w1 w2. The summary\n"
      "(--format json, table, or -s FILE) gives status (converged | diverged | max_iter), the final\n"
      "values, the measured rate (per-step contraction of |w - w*| fitted on the last half of the\n"
      "iterations; model k*r^k when the slowest mode is critically damped) and, where the quadric\n"
      "theory applies (gd, heavy-ball, sgd without dampening/nesterov, nesterov, nesterov-lecture,\n"
      "newton on a deterministic problem with a known spectrum), theory_rate and rate_rel_error.\n"
      "The spectrum options are kappa-rate's, so both tools describe the same problem; without\n"
      "--alpha/--beta the theory's optimal parameters are used, as kappa-rate does. Heavy ball is\n"
      "the lecture's v <- beta v - grad f, w <- w + alpha v (torch's momentum buffer is -v).\n"
      "On the finite sum the summary adds theory_noise_floor {dist2, f_gap} (the stationary\n"
      "E|w - w*|^2 and E[f - f*] with the problem's own gradient noise A S A / B; null with a note\n"
      "for methods without a linear noise theory) and measured_noise_floor (the mean over the trace\n"
      "rows of the last half of the iterations, standard errors from 20 batch means); --sample-seed S\n"
      "draws the minibatches from their own seed, the points staying those of --seed.",
      "  kappa-run --method heavy-ball --kappa 100 --iters 500 --format csv\n"
      "  kappa-run --list-methods --format csv | grep '^adam,'   # adam's parameters, defaults and torch names\n"
      "  kappa-run --method gd --spectrum geom:1:100:1000 --alpha 0.0198 --iters 2000 --every 100\n"
      "  kappa-run --method adam --kappa 10 --rotate 1 --lr 0.01 --iters 300 -s summary.json\n"
      "  kappa-run --method heavy-ball --matrix tests/data/bcsstk01.mtx --iters 20000 --every 2000   # rate 0.99787\n"
      "  kappa-run --method gd --kappa 10 --finite-sum 100 --batch 10 --seed 3 --alpha 0.1 --iters 200\n"
      "  kappa-run --method heavy-ball --lambda-min 1 --lambda-max 10 --finite-sum 1000 --batch 10 --sample-seed 2 \\\n"
      "      --alpha 0.01 --beta 0.8 --iters 20000 --tol 0 -s floor.json   # theory vs measured noise floor\n"
      "  kappa-run --method heavy-ball --problem lrp --alpha 0.1111111111111111 --beta 0.4444444444444444 \\\n"
      "      --w0 const:3.3 --iters 300          # falls into Lessard-Recht-Packard's 3-cycle\n"
      "  kappa-run --method gd --model sigmoid-fit --alpha 20 --w0 zeros --iters 2000 --every 100");
  tool.options().add(io::run_options_description());
  tool.add_output_options();
  tool.options().add_options()("summary,s", po::value<std::string>()->value_name("FILE"),
                               "also write the context and summary as JSON to FILE (atomically)")(
      "no-progress", po::bool_switch(),
      "no progress line on stderr (shown only when stderr is a terminal and the run lasts over 0.5 s)")(
      "list-methods", po::bool_switch(),
      "list every method's parameters (option, type, default, valid values, torch.optim's name) and exit");

  return tool.run(argc, argv, [&](const po::variables_map& vm) {
    const auto format = tool.format(vm);
    if (vm["list-methods"].as<bool>()) {
      io::Sink sink(tool.output_path(vm));
      io::write_method_table(sink, format, tool.context(io::Json::object()));
      sink.commit();
      return io::exit_ok;
    }
    io::check_outputs(
        {{"-o", tool.output_path(vm)}, {"-s", vm.count("summary") ? vm["summary"].as<std::string>() : ""}},
        {vm.count("matrix") ? vm["matrix"].as<std::string>() : "",
         vm.count("data") ? vm["data"].as<std::string>() : ""});
    auto setup = io::run_setup(vm);
    const Eigen::Index n = setup.problem->dim();
    const std::size_t coords = n <= 3 ? static_cast<std::size_t>(n) : 0;
    std::vector<std::string> columns = {"iter", "f_gap", "dist", "grad_norm"};
    for (std::size_t i = 0; i < coords; ++i) columns.push_back(fmt::format("w{}", i));
    io::Json context = tool.context(setup.parameters);
    context["convention"] =
        "heavy ball: v <- beta*v - grad f(w), w <- w + alpha*v (torch.optim.SGD's momentum buffer is -v)";
    std::unique_ptr<io::Sink> summary_sink;
    if (vm.count("summary")) summary_sink = std::make_unique<io::Sink>(vm["summary"].as<std::string>());
    io::Sink sink(tool.output_path(vm));
    io::RowWriter writer(sink, format, columns, context);
    TraceWriter trace(writer, coords);
    io::NoiseFloorRecorder recorder(
        &trace, setup.settings.max_iter,
        setup.settings.every);  // finite sum: the rows of the measured noise floor
    io::ProgressLine progress("kappa-run", stderr);
    RunObservers observers{io::has_noise_floor(setup) ? static_cast<RunObserver*>(&recorder) : &trace};
    if (!vm["no-progress"].as<bool>() && io::stderr_is_terminal()) observers.add(&progress);
    const Summary s = run(*setup.problem, *setup.optimizer, setup.w0, setup.settings, &observers);
    io::Json summary = io::summary_json(s);
    io::add_noise_floors(summary, setup, recorder);
    writer.finish(io::Json{{"summary", summary}});
    if (format == io::Format::table) io::write_record(sink, format, summary);
    if (summary_sink) {
      io::Json all = context;
      all["summary"] = summary;
      io::write_record(*summary_sink, io::Format::json, all);
      summary_sink->commit();
    }
    sink.commit();
    if (s.status == RunStatus::diverged) std::fprintf(stderr, "kappa-run: %s\n", s.message.c_str());
    return io::exit_ok;
  });
}
