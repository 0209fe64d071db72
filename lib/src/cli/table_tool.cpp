#include "kappa/cli/table_tool.hpp"

#include <cstdio>

namespace kappa::io {

void ToolOutput::record(const Json& parameters, const Json& fields) {
  Json out = tool_.context(parameters);
  out.update(fields);
  write_record(sink_, format_, out);
}

void ToolOutput::begin_table(const Json& parameters, std::vector<std::string> columns, const Json& context) {
  Json c = tool_.context(parameters);
  c.update(context);
  writer_.emplace(sink_, format_, std::move(columns), c);
}

void ToolOutput::add_row(std::span<const Value> values) { writer_->row(values); }

void ToolOutput::finish(const Json& extra) { writer_->finish(extra); }

void ToolOutput::warn(const std::string& line) {
  std::fprintf(stderr, "%s: %s\n", tool_.name().c_str(), line.c_str());
}

}  // namespace kappa::io
