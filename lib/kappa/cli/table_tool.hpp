// The main of a tool whose computation writes a table (kappa/app/tables.hpp): ToolOutput prints what
// the computation writes to a TableOutput, and run_table_tool is the whole main.
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

// The whole main of a table tool: the tool named `name` with help text `help` (tools/help/NAME.txt),
// its options added by add_options, parsed and checked by Tool::run and turned into the
// computation's setup once (every InputError before -o is opened), then computed into a ToolOutput
// on the tool's Sink, committed at the end.
template <class Setup>
int run_table_tool(std::string name, std::string_view help, int argc, char** argv,
                   void (*add_options)(boost::program_options::options_description&),
                   Setup (*setup)(const boost::program_options::variables_map&),
                   void (*compute)(const Setup&, TableOutput&)) {
  Tool tool(std::move(name), help);
  add_options(tool.options());
  tool.add_output_options();
  return tool.run(argc, argv, [&](const boost::program_options::variables_map& vm) {
    const auto format = tool.format(vm);
    const Setup s = setup(vm);
    Sink sink(tool.output_path(vm));
    ToolOutput out(tool, sink, format);
    compute(s, out);
    sink.commit();
    return exit_ok;
  });
}

}  // namespace kappa::io
