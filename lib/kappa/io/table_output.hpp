// Where a computation that writes a table puts its result, so that a tool (printing it) and kappa-check
// (reading fields of it) run the same code: either one record, or columns, rows and extra keys.
//   ToolOutput      (kappa/cli/table_tool.hpp) what the tool prints: the context {tool, version,
//                   parameters} and a RowWriter (or write_record) on its Sink; warnings on stderr.
//   RecordCollector the same result as one JSON object, the shape of the tool's --format json:
//                   {"parameters": ..., fields...} or {"parameters": ..., "rows": [{col: v}], extra...}.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "kappa/io/output.hpp"

namespace kappa::io {

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
  void row(std::initializer_list<Value> values) {
    row(std::span<const Value>(values.begin(), values.size()));
  }
  virtual void finish(const Json& extra) = 0;
  virtual void warn(const std::string& line) = 0;
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

}  // namespace kappa::io
