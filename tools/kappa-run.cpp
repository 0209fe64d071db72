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

#include "tool_help.hpp"

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
  io::Tool tool("kappa-run", tool_help);
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
