#include "kappa/cli/cli.hpp"

#include <fmt/format.h>

#include <Eigen/Core>

#include <cstdio>
#include <iostream>
#include <new>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"

namespace kappa::io {

const char* version() { return KAPPA_VERSION; }

HelpText parse_help_text(std::string_view text) {
  constexpr std::string_view usage = "Usage: ", examples = "\n\nExamples:\n";
  if (!text.starts_with(usage)) throw std::invalid_argument("help text: does not start with 'Usage: '");
  text.remove_prefix(usage.size());
  const auto synopsis_end = text.find("\n\n");
  const auto examples_at = text.rfind(examples);
  if (examples_at == std::string_view::npos || synopsis_end >= examples_at)
    throw std::invalid_argument(
        "help text: expected 'Usage: ...', a blank line, a paragraph, then 'Examples:'");
  if (!text.ends_with('\n')) throw std::invalid_argument("help text: does not end with a newline");
  HelpText h;
  h.synopsis = text.substr(0, synopsis_end);
  h.about = text.substr(synopsis_end + 2, examples_at - synopsis_end - 2);
  h.examples = text.substr(examples_at + examples.size(), text.size() - 1 - examples_at - examples.size());
  return h;
}

Tool::Tool(std::string name, std::string_view help) : name_(std::move(name)), options_("Options", 100, 50) {
  auto h = parse_help_text(help);
  synopsis_ = std::move(h.synopsis);
  about_ = std::move(h.about);
  examples_ = std::move(h.examples);
  // Eigen blocks its matrix products by the cache sizes it reads from the CPU (CPUID) at run time,
  // and the blocking fixes the order of the sums: XᵀX of a data set came out different in its last
  // bits on machines with other caches (and an Adam run on it then took a different number of
  // iterations). Fixed sizes give every product the same bits on every machine. The values are the
  // ones Eigen reads on the machine that produced the committed results/ (with 16/256/2048 KiB
  // instead, breast_cancer's λ_min moved in its 14th digit and Adam's 20169 iterations became 20158).
  Eigen::setCpuCacheSizes(32 * 1024, 1024 * 1024, 320 * 1024 * 1024);
  options_.add_options()("help,h", "show this help and exit")("version", "print the version and exit");
}

void Tool::add_output_options() {
  po::options_description out("Output", 100, 50);  // the same width as the main group
  out.add_options()("format", po::value<std::string>()->default_value("table")->value_name("F"),
                    "table | json | jsonl | csv")(
      "output,o", po::value<std::string>()->value_name("FILE"),
      "write to FILE atomically (temp file + rename) instead of stdout");
  options_.add(out);
}

Format Tool::format(const po::variables_map& vm) const {
  return vm.count("format") ? parse_format(vm["format"].as<std::string>()) : Format::table;
}

std::string Tool::output_path(const po::variables_map& vm) const {
  return vm.count("output") ? vm["output"].as<std::string>() : std::string();
}

Json Tool::context(const Json& parameters) const {
  Json j;
  j["tool"] = name_;
  j["version"] = KAPPA_VERSION;
  j["parameters"] = parameters;
  return j;
}

int Tool::run(int argc, char** argv, const std::function<int(const po::variables_map&)>& body) {
  auto error = [&](std::string_view msg, int code) {
    // One printable line: control bytes (a newline, a NUL from a binary file) are escaped as \xHH.
    std::string line = name_ + ": " + printable(msg) + "\n";
    std::fflush(stdout);
    std::fwrite(line.data(), 1, line.size(), stderr);
    return code;
  };
  guard_standard_fds();  // a closed fd 0-2 gets /dev/null: no temp file or input may land on fd 1
  try {
    po::variables_map vm;
    // No abbreviations: --kap must not silently mean --kappa, nor --n mean --nesterov.
    const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    po::store(
        po::command_line_parser(argc, argv).options(options_).positional(positional_).style(style).run(), vm);
    if (vm.count("help")) {
      std::ostringstream os;
      os << options_;
      fmt::print("Usage: {}\n\n{}\n\n{}\nExamples:\n{}\n", synopsis_, about_, os.str(), examples_);
      std::fflush(stdout);
      return std::ferror(stdout) ? exit_runtime : exit_ok;
    }
    if (vm.count("version")) {
      fmt::print("{} {}\n", name_, KAPPA_VERSION);
      return exit_ok;
    }
    po::notify(vm);
    return body(vm);
  } catch (const po::error& e) {
    return error(fmt::format("{} (see {} --help)", e.what(), name_), exit_usage);
  } catch (const InputError& e) {
    return error(option_message(e), exit_usage);
  } catch (const RuntimeError& e) {
    return error(e.what(), exit_runtime);
  } catch (const std::bad_alloc&) {
    return error("out of memory", exit_runtime);
  } catch (const std::exception& e) {
    return error(e.what(), exit_runtime);
  }
}

std::optional<double> optional_double(const po::variables_map& vm, const std::string& option) {
  if (!vm.count(option)) return std::nullopt;
  return parse_double("--" + option, vm[option].as<std::string>());
}

}  // namespace kappa::io
