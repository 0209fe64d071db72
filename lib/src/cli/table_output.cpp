// ToolOutput and RecordCollector (kappa/cli/table_output.hpp).
#include "kappa/cli/table_output.hpp"

#include <cstdio>

#include "kappa/cli/cli.hpp"

namespace kappa::io {

void ToolOutput::record(const Json& parameters, const Json& fields) {
  Json out = tool_.context(parameters);
  out.update(fields);
  write_record(sink_, format_, out);
}

void ToolOutput::begin(const Json& parameters, std::vector<std::string> columns, const Json& context) {
  Json c = tool_.context(parameters);
  c.update(context);
  writer_.emplace(sink_, format_, std::move(columns), c);
}

void ToolOutput::row(std::span<const Value> values) { writer_->row(values); }

void ToolOutput::finish(const Json& extra) { writer_->finish(extra); }

void ToolOutput::warn(const std::string& line) { std::fprintf(stderr, "%s: %s\n", tool_.name().c_str(), line.c_str()); }

void RecordCollector::record(const Json& parameters, const Json& fields) {
  out_ = Json::object();
  out_["parameters"] = parameters;
  out_.update(fields);
}

void RecordCollector::begin(const Json& parameters, std::vector<std::string> columns, const Json& context) {
  out_ = Json::object();
  out_["parameters"] = parameters;
  out_.update(context);
  out_["rows"] = Json::array();
  columns_ = std::move(columns);
}

void RecordCollector::row(std::span<const Value> values) {
  Json r = Json::object();
  for (std::size_t i = 0; i < values.size() && i < columns_.size(); ++i) {
    const Value& v = values[i];
    if (const auto* b = std::get_if<bool>(&v)) r[columns_[i]] = *b;
    else if (const auto* n = std::get_if<std::int64_t>(&v)) r[columns_[i]] = *n;
    else if (const auto* d = std::get_if<double>(&v)) r[columns_[i]] = *d;
    else if (const auto* s = std::get_if<std::string_view>(&v)) r[columns_[i]] = std::string(*s);
    else r[columns_[i]] = nullptr;
  }
  out_["rows"].push_back(std::move(r));
}

void RecordCollector::finish(const Json& extra) { out_.update(extra); }

int run_table_tool(Tool& tool, int argc, char** argv, TableFn compute) {
  return tool.run(argc, argv, [&](const boost::program_options::variables_map& vm) {
    const auto format = tool.format(vm);
    compute(vm, nullptr);
    Sink sink(tool.output_path(vm));
    ToolOutput out(tool, sink, format);
    compute(vm, &out);
    sink.commit();
    return exit_ok;
  });
}

}  // namespace kappa::io
