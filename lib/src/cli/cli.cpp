#include "kappa/cli/cli.hpp"

#include <fmt/format.h>

#include <Eigen/Core>

#include <cstdio>
#include <iostream>
#include <new>
#include <sstream>

#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"

namespace kappa::io {

const char* version() { return KAPPA_VERSION; }

Tool::Tool(std::string name, std::string synopsis, std::string about, std::string examples)
    : name_(std::move(name)),
      synopsis_(std::move(synopsis)),
      about_(std::move(about)),
      examples_(std::move(examples)),
      options_("Options", 100, 50) {
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
    std::string line = name_ + ": ";
    for (const char c : msg) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7f)
        line += fmt::format("\\x{:02x}", u);
      else
        line.push_back(c);
    }
    line.push_back('\n');
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
