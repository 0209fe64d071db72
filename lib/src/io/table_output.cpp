#include "kappa/io/table_output.hpp"

namespace kappa::io {

void RecordCollector::record(const Json& parameters, const Json& fields) {
  out_ = Json::object();
  out_["parameters"] = parameters;
  out_.update(fields);
}

void RecordCollector::begin_table(const Json& parameters, std::vector<std::string> columns,
                                  const Json& context) {
  out_ = Json::object();
  out_["parameters"] = parameters;
  out_.update(context);
  out_["rows"] = Json::array();
  columns_ = std::move(columns);
}

void RecordCollector::add_row(std::span<const Value> values) {
  Json r = Json::object();
  for (std::size_t i = 0; i < values.size() && i < columns_.size(); ++i) {
    const Value& v = values[i];
    if (const auto* b = std::get_if<bool>(&v))
      r[columns_[i]] = *b;
    else if (const auto* n = std::get_if<std::int64_t>(&v))
      r[columns_[i]] = *n;
    else if (const auto* d = std::get_if<double>(&v))
      r[columns_[i]] = *d;
    else if (const auto* s = std::get_if<std::string_view>(&v))
      r[columns_[i]] = std::string(*s);
    else
      r[columns_[i]] = nullptr;
  }
  out_["rows"].push_back(std::move(r));
}

void RecordCollector::finish(const Json& extra) { out_.update(extra); }

}  // namespace kappa::io
