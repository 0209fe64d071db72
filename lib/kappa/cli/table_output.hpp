// Where a tool's computation puts its result, so that the tool (printing it) and kappa-check
// (reading fields of it) run the same code: either one record, or columns, rows and extra keys.
//   ToolOutput      what the tool prints: the context {tool, version, parameters} and a RowWriter
//                   (or write_record) on its Sink in the chosen format; warnings as "tool: line" on stderr.
//   RecordCollector the same result as one JSON object, the shape of the tool's --format json:
//                   {"parameters": ..., fields...} or {"parameters": ..., "rows": [{col: v}], extra...}.
#pragma once
#include <boost/program_options/variables_map.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kappa/io/output.hpp"

namespace kappa::io {

class Tool;

class TableOutput {
 public:
  virtual ~TableOutput() = default;
  virtual void record(const Json& parameters, const Json& fields) = 0;
  // context: keys added to the output's context after {tool, version, parameters}.
  virtual void begin(const Json& parameters, std::vector<std::string> columns, const Json& context) = 0;
  void begin(const Json& parameters, std::vector<std::string> columns) {
    begin(parameters, std::move(columns), Json::object());
  }
  virtual void row(std::span<const Value> values) = 0;
  void row(std::initializer_list<Value> values) { row(std::span<const Value>(values.begin(), values.size())); }
  virtual void finish(const Json& extra) = 0;
  virtual void warn(const std::string& line) = 0;
};

class ToolOutput final : public TableOutput {
 public:
  ToolOutput(const Tool& tool, Sink& sink, Format format) : tool_(tool), sink_(sink), format_(format) {}
  void record(const Json& parameters, const Json& fields) override;
  void begin(const Json& parameters, std::vector<std::string> columns, const Json& context) override;
  using TableOutput::begin;
  void row(std::span<const Value> values) override;
  using TableOutput::row;
  void finish(const Json& extra) override;
  void warn(const std::string& line) override;

 private:
  const Tool& tool_;
  Sink& sink_;
  Format format_;
  std::optional<RowWriter> writer_;
};

class RecordCollector final : public TableOutput {
 public:
  void record(const Json& parameters, const Json& fields) override;
  void begin(const Json& parameters, std::vector<std::string> columns, const Json& context) override;
  using TableOutput::begin;
  void row(std::span<const Value> values) override;
  using TableOutput::row;
  void finish(const Json& extra) override;
  void warn(const std::string&) override {}
  Json take() { return std::move(out_); }

 private:
  Json out_ = Json::object();
  std::vector<std::string> columns_;
};

// The main of a tool whose computation is a TableFn (kappa/cli/computations.hpp): options parsed and
// checked by tool.run, the computation run once with no output (every InputError before -o is opened),
// then again into a ToolOutput on the tool's Sink, committed at the end.
using TableFn = void (*)(const boost::program_options::variables_map&, TableOutput*);
int run_table_tool(Tool& tool, int argc, char** argv, TableFn compute);

}  // namespace kappa::io
