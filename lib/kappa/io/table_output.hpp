// Where a computation that writes a table puts its result, so that a tool (printing it) and kappa-check
// (reading fields of it) run the same code: either one record, or columns, rows and extra keys.
//   ToolOutput      (kappa/cli/table_tool.hpp) what the tool prints: the context {tool, version,
//                   parameters} and a RowWriter (or write_record) on its Sink; warnings on stderr.
//   RecordCollector the same result as one JSON object, the shape of the tool's --format json:
//                   {"parameters": ..., fields...} or {"parameters": ..., "rows": [{col: v}], extra...}.
#pragma once
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "kappa/io/output.hpp"

namespace kappa::io {

// The public calls are the overloads a computation writes; a derived class implements the virtual
// begin_table and add_row (non-virtual interface: the overloads are not hidden by an override).
class TableOutput {
 public:
  virtual ~TableOutput() = default;
  virtual void record(const Json& parameters, const Json& fields) = 0;
  // context: keys added to the output's context after {tool, version, parameters}.
  void begin(const Json& parameters, std::vector<std::string> columns, const Json& context = Json::object()) {
    begin_table(parameters, std::move(columns), context);
  }
  void row(std::span<const Value> values) { add_row(values); }
  void row(std::initializer_list<Value> values) {
    add_row(std::span<const Value>(values.begin(), values.size()));
  }
  virtual void finish(const Json& extra) = 0;
  virtual void warn(const std::string& line) = 0;

 protected:
  virtual void begin_table(const Json& parameters, std::vector<std::string> columns, const Json& context) = 0;
  virtual void add_row(std::span<const Value> values) = 0;
};

class RecordCollector final : public TableOutput {
 public:
  void record(const Json& parameters, const Json& fields) override;
  void finish(const Json& extra) override;
  void warn(const std::string&) override {}
  Json take() { return std::move(out_); }

 private:
  void begin_table(const Json& parameters, std::vector<std::string> columns, const Json& context) override;
  void add_row(std::span<const Value> values) override;

  Json out_ = Json::object();
  std::vector<std::string> columns_;
};

}  // namespace kappa::io
