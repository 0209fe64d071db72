#include "kappa/io/output.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "kappa/core/errors.hpp"
#include "kappa/core/names.hpp"

namespace kappa::io {
namespace {

void append_json_string(fmt::memory_buffer& out, std::string_view s) {
  // Invalid UTF-8 (a file name in a grid value) becomes U+FFFD, so that the output stays JSON.
  if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
    const auto dumped =
        nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const auto valid = nlohmann::json::parse(dumped).get<std::string>();
    if (valid != s) {
      append_json_string(out, valid);
      return;
    }
  }
  out.push_back('"');
  for (const char c : s) {
    switch (c) {
      case '"': fmt::format_to(std::back_inserter(out), "\\\""); break;
      case '\\': fmt::format_to(std::back_inserter(out), "\\\\"); break;
      case '\n': fmt::format_to(std::back_inserter(out), "\\n"); break;
      case '\r': fmt::format_to(std::back_inserter(out), "\\r"); break;
      case '\t': fmt::format_to(std::back_inserter(out), "\\t"); break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
        else
          out.push_back(c);
    }
  }
  out.push_back('"');
}

void append_csv_string(fmt::memory_buffer& out, std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (const char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void append_nonfinite(fmt::memory_buffer& out, double x) {
  out.append(std::string_view(std::isnan(x) ? "nan" : x > 0 ? "inf" : "-inf"));
}

// fmt's shortest form of −0.0 is "-0", which JSON readers (nlohmann, Python's json) take as the
// integer 0 and lose the sign: write "-0.0" so that every finite double round-trips bit for bit.
void append_json_double(fmt::memory_buffer& out, double x) {
  if (!std::isfinite(x))
    out.append(std::string_view("null"));
  else if (x == 0 && std::signbit(x))
    out.append(std::string_view("-0.0"));
  else
    fmt::format_to(std::back_inserter(out), "{}", x);
}

}  // namespace

constexpr NameTable<Format, 4> kFormats{
    {{Format::table, "table"}, {Format::json, "json"}, {Format::jsonl, "jsonl"}, {Format::csv, "csv"}}};

Format parse_format(std::string_view t) {
  if (const auto f = value_named(kFormats, t)) return *f;
  throw InputError(fmt::format("--format {}: expected table, json, jsonl or csv", t));
}

std::string_view to_string(Format f) { return name_of(kFormats, f); }

std::string json_number(double x) {
  fmt::memory_buffer buf;
  append_json_double(buf, x);
  return fmt::to_string(buf);
}

// ----------------------------------------------------------------------------------------- RowWriter

RowWriter::RowWriter(Sink& sink, Format format, std::vector<std::string> columns, const Json& context,
                     bool header)
    : sink_(sink), format_(format), columns_(std::move(columns)) {
  auto out = std::back_inserter(buf_);
  switch (format_) {
    case Format::csv:
      for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (i) buf_.push_back(',');
        append_csv_string(buf_, columns_[i]);
      }
      buf_.push_back('\n');
      break;
    case Format::jsonl:
      buf_.append(std::string_view(context.dump(-1, ' ', false, Json::error_handler_t::replace)));
      buf_.push_back('\n');
      break;
    case Format::json: {
      std::string head = context.dump(2, ' ', false, Json::error_handler_t::replace);
      head.pop_back();  // the closing brace
      while (!head.empty() && (head.back() == '\n' || head.back() == ' ')) head.pop_back();
      buf_.append(std::string_view(head));
      buf_.append(std::string_view(head.size() > 1 ? ",\n  \"rows\": [" : "\n  \"rows\": ["));
      break;
    }
    case Format::table:
      for (const auto& c : columns_) {
        const int w = std::max<int>(12, static_cast<int>(c.size()));
        widths_.push_back(w);
        fmt::format_to(out, "{}{:>{}}", widths_.size() > 1 ? "  " : "", c, w);
      }
      buf_.push_back('\n');
      break;
  }
  for (const auto& c : columns_) json_keys_.push_back(nlohmann::json(c).dump() + ":");
  if (!header) buf_.clear();
}

void RowWriter::put_value(const Value& v) {
  if (format_ == Format::table) return;  // handled in row()
  const bool csv = format_ == Format::csv;
  if (const double* d = std::get_if<double>(&v)) {
    if (!csv)
      append_json_double(buf_, *d);
    else if (std::isfinite(*d))
      fmt::format_to(std::back_inserter(buf_), "{}", *d);
    else
      append_nonfinite(buf_, *d);
  } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
    fmt::format_to(std::back_inserter(buf_), "{}", *i);
  } else if (const bool* b = std::get_if<bool>(&v)) {
    buf_.append(std::string_view(*b ? "true" : "false"));
  } else if (const auto* s = std::get_if<std::string_view>(&v)) {
    csv ? append_csv_string(buf_, *s) : append_json_string(buf_, *s);
  } else if (!csv) {
    buf_.append(std::string_view("null"));  // monostate: an empty csv field
  }
}

void RowWriter::row(std::span<const Value> values) {
  auto out = std::back_inserter(buf_);
  const std::size_t n = std::min(values.size(), columns_.size());
  switch (format_) {
    case Format::csv:
      for (std::size_t i = 0; i < n; ++i) {
        if (i) buf_.push_back(',');
        put_value(values[i]);
      }
      buf_.push_back('\n');
      break;
    case Format::jsonl:
    case Format::json:
      if (format_ == Format::json) buf_.append(std::string_view(rows_ ? ",\n    " : "\n    "));
      buf_.push_back('{');
      for (std::size_t i = 0; i < n; ++i) {
        if (i) buf_.push_back(',');
        buf_.append(json_keys_[i]);
        put_value(values[i]);
      }
      buf_.push_back('}');
      if (format_ == Format::jsonl) buf_.push_back('\n');
      break;
    case Format::table:
      for (std::size_t i = 0; i < n; ++i) {
        if (i) buf_.append(std::string_view("  "));
        const auto& v = values[i];
        const int w = widths_[i];
        if (const double* d = std::get_if<double>(&v))
          fmt::format_to(out, "{:>{}.8g}", *d, w);
        else if (const auto* k = std::get_if<std::int64_t>(&v))
          fmt::format_to(out, "{:>{}}", *k, w);
        else if (const bool* b = std::get_if<bool>(&v))
          fmt::format_to(out, "{:>{}}", *b ? "true" : "false", w);
        else if (const auto* s = std::get_if<std::string_view>(&v))
          fmt::format_to(out, "{:>{}}", *s, w);
        else
          fmt::format_to(out, "{:>{}}", "-", w);
      }
      buf_.push_back('\n');
      break;
  }
  ++rows_;
  if (buf_.size() >= (1 << 16)) {
    sink_.write(std::string_view(buf_.data(), buf_.size()));
    buf_.clear();
  }
}

void RowWriter::flush() {
  sink_.write(std::string_view(buf_.data(), buf_.size()));
  buf_.clear();
  sink_.flush();
}

void RowWriter::finish(const Json& extra) {
  if (format_ == Format::json) {
    buf_.append(std::string_view(rows_ ? "\n  ]" : "]"));
    for (auto it = extra.begin(); it != extra.end(); ++it) {
      std::string value = it.value().dump(2);
      // Indent nested lines by two more spaces to sit inside the top-level object.
      std::string indented;
      for (char c : value) {
        indented.push_back(c);
        if (c == '\n') indented.append("  ");
      }
      fmt::format_to(std::back_inserter(buf_), ",\n  {}: {}", nlohmann::json(it.key()).dump(), indented);
    }
    buf_.append(std::string_view("\n}\n"));
  }
  flush();
}

// -------------------------------------------------------------------------------------- write_record

namespace {

void flatten(const Json& j, const std::string& prefix,
             std::vector<std::pair<std::string, const Json*>>& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it)
      flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), out);
  } else {
    out.emplace_back(prefix, &j);
  }
}

std::string scalar_text(const Json& j, Format f) {
  if (j.is_null()) return f == Format::table ? "-" : "";
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_float()) {
    const double x = j.get<double>();
    if (!std::isfinite(x)) return std::isnan(x) ? "nan" : x > 0 ? "inf" : "-inf";
    return f == Format::table ? fmt::format("{:.10g}", x) : fmt::format("{}", x);
  }
  return j.dump();  // integers, booleans, arrays
}

}  // namespace

void write_record(Sink& sink, Format format, const Json& record) {
  switch (format) {
    case Format::json:
      sink.write(record.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
      sink.write("\n");
      break;
    case Format::jsonl:
      sink.write(record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      sink.write("\n");
      break;
    case Format::csv: {
      std::vector<std::pair<std::string, const Json*>> cells;
      flatten(record, "", cells);
      fmt::memory_buffer buf;
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) buf.push_back(',');
        append_csv_string(buf, cells[i].first);
      }
      buf.push_back('\n');
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) buf.push_back(',');
        append_csv_string(buf, scalar_text(*cells[i].second, format));
      }
      buf.push_back('\n');
      sink.write(std::string_view(buf.data(), buf.size()));
      break;
    }
    case Format::table: {
      std::vector<std::pair<std::string, const Json*>> cells;
      flatten(record, "", cells);
      std::size_t w = 0;
      for (const auto& c : cells) w = std::max(w, c.first.size());
      fmt::memory_buffer buf;
      for (const auto& c : cells)
        fmt::format_to(std::back_inserter(buf), "{:<{}}  {}\n", c.first, w, scalar_text(*c.second, format));
      sink.write(std::string_view(buf.data(), buf.size()));
      break;
    }
  }
}

}  // namespace kappa::io
