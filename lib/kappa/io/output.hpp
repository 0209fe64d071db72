// Output: where it goes (stdout, or a file written atomically) and how it is written
// (table | json | jsonl | csv), through fmt with shortest round-trip doubles. Locale-independent.
#pragma once
#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kappa::io {

using Json = nlohmann::ordered_json;  // keeps keys in the order they were written

enum class Format { table, json, jsonl, csv };
Format parse_format(std::string_view token);  // throws InputError naming the token
std::string_view to_string(Format f);

// Stdout (path "" or "-") or FILE written atomically: bytes go to a temp file in the same directory,
// commit() flushes, fsyncs and renames it over FILE. Without commit() (an error, an exception,
// SIGINT/SIGTERM) the temp file is removed and a previous FILE stays intact. Write errors (a full
// disk, a closed pipe with SIGPIPE ignored) throw RuntimeError naming the destination.
class Sink {
 public:
  explicit Sink(const std::string& path = "");
  ~Sink();
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;

  void write(std::string_view bytes);
  void flush();   // hand buffered bytes to the OS (whole rows: callers flush between rows)
  void commit();  // finish: flush (+ fsync + rename for a file); throws on any error
  bool is_stdout() const { return tmp_.empty() && !direct_; }
  const std::string& name() const { return name_; }

 private:
  [[noreturn]] void fail(const char* what) const;
  std::FILE* file_ = nullptr;
  std::string path_, tmp_, name_;
  bool committed_ = false;
  bool direct_ = false;  // an existing device/FIFO target, written in place
  int signal_slot_ = -1;
};

// One cell. Strings are views: they must outlive the row() call only.
using Value = std::variant<std::monostate, bool, std::int64_t, double, std::string_view>;
inline Value null_value() { return std::monostate{}; }

// Streams rows with fixed columns.
//   csv    header line, then one line per row (non-finite doubles as nan/inf/-inf, null as empty)
//   jsonl  a first line with the context ({"tool", "version", "parameters"}), then one object per row
//   json   {context..., "rows": [ {...}, ... ], extra keys from finish()}
//   table  aligned columns for people (8 significant digits)
class RowWriter {
 public:
  RowWriter(Sink& sink, Format format, std::vector<std::string> columns, const Json& context);
  void row(std::span<const Value> values);
  void row(std::initializer_list<Value> values) { row(std::span<const Value>(values.begin(), values.size())); }
  // Ends the output: json appends `extra`'s keys after "rows"; the other formats ignore it.
  void finish(const Json& extra = Json::object());
  // Pushes buffered whole rows to the sink.
  void flush();

 private:
  void put_value(const Value& v);
  Sink& sink_;
  Format format_;
  std::vector<std::string> columns_;
  std::vector<std::string> json_keys_;  // "\"name\":" precomputed
  std::vector<int> widths_;
  fmt::memory_buffer buf_;
  std::int64_t rows_ = 0;
};

// One record (a JSON object, possibly nested) in any format: json pretty, jsonl one line, csv a
// header and one row with nested keys joined by '.', table "key  value" lines.
void write_record(Sink& sink, Format format, const Json& record);

// Text of a double in JSON (shortest round trip; null when not finite).
std::string json_number(double x);

}  // namespace kappa::io
