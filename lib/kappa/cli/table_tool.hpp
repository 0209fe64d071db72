// The main of a tool whose computation writes a table or a record into a TableOutput
// (kappa/io/table_output.hpp): ToolOutput prints what it writes, and run_tool is the whole main.
#pragma once
#include <boost/program_options/options_description.hpp>
#include <boost/program_options/variables_map.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kappa/cli/cli.hpp"
#include "kappa/io/table_output.hpp"

namespace kappa::io {

class ToolOutput final : public TableOutput {
 public:
  ToolOutput(const Tool& tool, Sink& sink, Format format) : tool_(tool), sink_(sink), format_(format) {}
  void record(const Json& parameters, const Json& fields) override;
  void finish(const Json& extra) override;
  void warn(const std::string& line) override;

 private:
  void begin_table(const Json& parameters, std::vector<std::string> columns, const Json& context) override;
  void add_row(std::span<const Value> values) override;

  const Tool& tool_;
  Sink& sink_;
  Format format_;
  std::optional<RowWriter> writer_;
};

// The whole main of a tool: the tool named `name` with help text `help` (tools/help/NAME.txt), its
// options added by add_options and parsed and checked by Tool::run. prepare(vm) turns them into the
// computation (every InputError before -o is opened) and returns a callable that writes its result
// into a TableOutput: the ToolOutput on the tool's Sink, committed at the end.
template <class Prepare>
int run_tool(std::string name, std::string_view help, int argc, char** argv,
             void (*add_options)(boost::program_options::options_description&), Prepare prepare) {
  Tool tool(std::move(name), help);
  add_options(tool.options());
  tool.add_output_options();
  return tool.run(argc, argv, [&](const boost::program_options::variables_map& vm) {
    const auto format = tool.format(vm);
    const auto compute = prepare(vm);
    Sink sink(tool.output_path(vm));
    ToolOutput out(tool, sink, format);
    compute(out);
    sink.commit();
    return exit_ok;
  });
}

// run_tool for a table tool (kappa/app/tables.hpp): its setup from the options, then compute.
template <class Setup>
int run_table_tool(std::string name, std::string_view help, int argc, char** argv,
                   void (*add_options)(boost::program_options::options_description&),
                   Setup (*setup)(const boost::program_options::variables_map&),
                   void (*compute)(const Setup&, TableOutput&)) {
  return run_tool(std::move(name), help, argc, argv, add_options,
                  [&](const boost::program_options::variables_map& vm) {
                    return [s = setup(vm), compute](TableOutput& out) { compute(s, out); };
                  });
}

}  // namespace kappa::io
