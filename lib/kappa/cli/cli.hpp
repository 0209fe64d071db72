// The frame every tool main sits in: Boost.Program_options with --help (usage, options, examples),
// --format and -o, and one place that turns errors into one stderr line and an exit code:
//   0 success, 1 runtime failure (I/O, numerical breakdown), 2 usage / bad input.
#pragma once
#include <boost/program_options.hpp>
#include <functional>
#include <string>

#include "kappa/io/output.hpp"

namespace kappa::io {

namespace po = boost::program_options;

enum ExitCode { exit_ok = 0, exit_runtime = 1, exit_usage = 2 };

class Tool {
 public:
  // name: "kappa-rate"; help: the tool's tools/help/NAME.txt (parse_help_text), compiled in.
  Tool(std::string name, std::string_view help);

  po::options_description& options() { return options_; }
  po::positional_options_description& positional() { return positional_; }
  // Adds --format (default table) and -o/--output. Tools that write output call it.
  void add_output_options();

  // Parses, handles --help, calls body. Every error leaves as one line "<tool>: <message>" on stderr
  // and the exit code above. body returns the exit code.
  int run(int argc, char** argv, const std::function<int(const po::variables_map&)>& body);

  Format format(const po::variables_map& vm) const;
  std::string output_path(const po::variables_map& vm) const;
  // {"tool": name, "version": KAPPA_VERSION, "parameters": parameters}
  Json context(const Json& parameters) const;
  const std::string& name() const { return name_; }

 private:
  std::string name_, synopsis_, about_, examples_;
  po::options_description options_;
  po::positional_options_description positional_;
};

// A tool's help text as tools/help/NAME.txt writes it: its --help output without the options table,
//   Usage: SYNOPSIS          (one or more lines)
//   <blank line>
//   ABOUT                    (paragraphs)
//   <blank line>
//   Examples:
//   EXAMPLES                 (lines of commands, each run by a cram test)
// --help prints the options between ABOUT and "Examples:". Throws std::invalid_argument naming the
// part that is missing.
struct HelpText {
  std::string synopsis, about, examples;
};
HelpText parse_help_text(std::string_view text);

// Value of an optional string option, parsed as a double with a named error; nullopt if absent.
std::optional<double> optional_double(const po::variables_map& vm, const std::string& option);

const char* version();

}  // namespace kappa::io
