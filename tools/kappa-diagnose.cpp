// kappa-diagnose: reads a training log CSV and says what is wrong with the run (diagnose.hpp's rules).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "kappa/cli/cli.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/csv_data.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/learn/diagnose.hpp"

#include "tool_help.hpp"

using namespace kappa;
namespace po = boost::program_options;

namespace {

std::string lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}
bool has(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

// The first column whose lower-cased name satisfies pred, skipping accuracy columns.
std::optional<std::size_t> guess(const io::CsvTable& t, const std::function<bool(const std::string&)>& pred) {
  for (std::size_t j = 0; j < t.names.size(); ++j) {
    const auto n = lower(t.names[j]);
    if (!has(n, "acc") && pred(n)) return j;
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  io::Tool tool("kappa-diagnose", tool_help);
  tool.options().add_options()("log", po::value<std::string>()->value_name("LOG.csv"),
                               "the training log ('-': stdin)")(
      "step-col", po::value<std::string>()->value_name("C"), "step column (name or index)")(
      "train-col", po::value<std::string>()->value_name("C"), "training-loss column")(
      "held-col", po::value<std::string>()->value_name("C"), "held-out (test or validation) loss column")(
      "explode-factor", po::value<std::string>()->default_value("10"),
      "exploding if max loss > F * first loss")("slow-drop", po::value<std::string>()->default_value("0.5"),
                                                "too slow / underfitting below this relative drop")(
      "tail-share", po::value<std::string>()->default_value("0.15"),
      "still falling if the last quarter gives this share")("gap-ratio",
                                                            po::value<std::string>()->default_value("1.5"),
                                                            "over/bad split: loss ratio at least this")(
      "gap-fraction", po::value<std::string>()->default_value("0.1"),
      "... and a gap at least this times the first loss")(
      "high-loss", po::value<std::string>(), "underfitting if the final training loss is above this");
  tool.positional().add("log", 1);
  tool.add_output_options();

  return tool.run(argc, argv, [&](const po::variables_map& vm) {
    const auto format = tool.format(vm);
    if (!vm.count("log")) throw InputError("LOG.csv: missing (see --help)");
    diagnose::Thresholds th;
    th.explode_factor = io::parse_positive("--explode-factor", vm["explode-factor"].as<std::string>());
    th.slow_drop = io::parse_unit_open("--slow-drop", vm["slow-drop"].as<std::string>());
    th.tail_share = io::parse_unit_open("--tail-share", vm["tail-share"].as<std::string>());
    th.gap_ratio =
        io::parse_in_range("--gap-ratio", vm["gap-ratio"].as<std::string>(), 1, false, 1e300, true);
    th.gap_fraction =
        io::parse_in_range("--gap-fraction", vm["gap-fraction"].as<std::string>(), 0, true, 1e300, true);
    if (vm.count("high-loss"))
      th.high_loss = io::parse_double("--high-loss", vm["high-loss"].as<std::string>());

    io::CsvOptions opt;
    opt.allow_nonfinite = true;
    const auto table = io::read_csv(vm["log"].as<std::string>(), opt);
    auto pick = [&](const char* option, std::optional<std::size_t> guessed) -> std::optional<std::size_t> {
      if (vm.count(option))
        return io::find_column(table, std::string("--") + option, vm[option].as<std::string>());
      return guessed;
    };
    const auto step = pick("step-col", guess(table, [](const std::string& n) {
                             return n == "step" || n == "epoch" || has(n, "iter") || n == "k";
                           }));
    auto train = pick("train-col", guess(table, [](const std::string& n) {
                        return (has(n, "train") || has(n, "trn")) && has(n, "loss");
                      }));
    if (!train) train = guess(table, [](const std::string& n) { return n == "loss" || n == "train"; });
    if (!train)
      throw InputError(
          fmt::format("{}: no training-loss column (a name with 'train' and 'loss', or 'loss'); "
                      "name it with --train-col",
                      table.source));
    auto held = pick("held-col", guess(table, [](const std::string& n) {
                       return (has(n, "test") || has(n, "tst")) && has(n, "loss");
                     }));
    if (!held) held = guess(table, [](const std::string& n) { return has(n, "val") && has(n, "loss"); });

    diagnose::Curve curve;
    curve.train = table.columns[*train];
    curve.train_missing = table.empty[*train];
    if (step) {
      curve.step = table.columns[*step];
    } else {
      for (std::size_t i = 0; i < table.rows(); ++i) curve.step.push_back(static_cast<double>(i));
    }
    if (held) {
      curve.held = table.columns[*held];
      curve.held_name = table.names[*held];
    }
    const auto d = [&] {
      try {
        return diagnose::diagnose(curve, th);
      } catch (const InputError& e) {  // name the file and the column the judgement was refused for
        throw InputError(fmt::format("{}: column '{}': {}", table.source, table.names[*train], e.what()));
      }
    }();

    io::Json params;
    params["log"] = vm["log"].as<std::string>();
    params["step_column"] = step ? io::Json(table.names[*step]) : io::Json();
    params["train_column"] = table.names[*train];
    params["held_column"] = held ? io::Json(table.names[*held]) : io::Json();
    params["thresholds"] = {{"explode_factor", th.explode_factor},
                            {"slow_drop", th.slow_drop},
                            {"tail_share", th.tail_share},
                            {"gap_ratio", th.gap_ratio},
                            {"gap_fraction", th.gap_fraction},
                            {"high_loss", th.high_loss ? io::Json(*th.high_loss) : io::Json()}};
    const auto& e = d.evidence;
    auto opt_json = [](const std::optional<double>& x) { return x ? io::Json(*x) : io::Json(); };
    io::Json ev = {{"rows", e.rows},
                   {"nonfinite_train_rows", e.nonfinite_train_rows},
                   {"first_nonfinite_step", opt_json(e.first_nonfinite_step)},
                   {"first_train_loss", e.first_train},
                   {"last_train_loss", e.last_train},
                   {"min_train_loss", e.min_train},
                   {"max_train_loss", e.max_train},
                   {"relative_drop", e.relative_drop},
                   {"tail_share", e.tail_share},
                   {"last_held_loss", opt_json(e.last_held)},
                   {"min_held_loss", opt_json(e.min_held)},
                   {"held_train_ratio", opt_json(e.held_train_ratio)}};
    io::Sink sink(tool.output_path(vm));
    if (format == io::Format::table) {
      std::string text = fmt::format("verdict:  {}\nevidence: {}\n", d.verdict, d.summary);
      for (const auto& a : d.advice) text += fmt::format("advice:   {}\n", a);
      sink.write(text);
    } else {
      io::Json out = tool.context(params);
      out["verdict"] = d.verdict;
      out["summary"] = d.summary;
      out["advice"] = d.advice;
      out["evidence"] = ev;
      io::write_record(sink, format, out);
    }
    sink.commit();
    return io::exit_ok;
  });
}
