// Output: where it goes (stdout, or a file written atomically) and how it is written
// (table | json | jsonl | csv), through fmt with shortest round-trip doubles. Locale-independent.
#pragma once
#include <fmt/format.h>
#include <cmath>

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <utility>
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
// Only a regular file is ever replaced: a symlink is followed (its target replaced, the link kept);
// devices, FIFOs and /dev/stdout, /dev/fd/N are written in place; the target's mode is kept; a
// directory is refused (InputError). A stdout that was closed when the tool started is an error.
struct SinkOptions {
  // Resumable: write in place to this file (kappa-sweep's FILE.part) and rename it over the target
  // at commit; it stays on failure. Empty: a temp file that is removed on failure.
  std::string part;
  bool resume = false;  // keep the part's bytes (read_part, keep), else truncate it
  bool lock = false;    // an exclusive flock on the part: a second writer gets RuntimeError
};

class Sink {
 public:
  explicit Sink(const std::string& path = "");
  Sink(const std::string& path, const SinkOptions& options);
  ~Sink();
  Sink(const Sink&) = delete;
  Sink& operator=(const Sink&) = delete;

  void write(std::string_view bytes);
  void flush();   // hand buffered bytes to the OS (whole rows: callers flush between rows)
  void sync();    // flush and fsync (a file)
  void commit();  // finish: flush (+ fsync + rename for a file); throws on any error
  bool is_stdout() const { return tmp_.empty() && !direct_; }
  bool in_place() const { return direct_; }  // a device, FIFO or descriptor written in place
  const std::string& name() const { return name_; }
  const std::string& target() const { return path_; }  // the file replaced at commit (links resolved)
  // Resumable sinks: the part's bytes, and keeping only the first `bytes` of them (appending after).
  std::string read_part() const;
  void keep(std::uint64_t bytes);

 private:
  [[noreturn]] void fail(const char* what) const;
  void open_target(const std::string& path);
  void open_stdout_or_temp(const std::string& path);
  std::FILE* file_ = nullptr;
  std::string path_, tmp_, name_;
  bool committed_ = false;
  bool direct_ = false;  // an existing device/FIFO target, written in place
  bool part_ = false;    // tmp_ is a resumable part: kept on failure
  int signal_slot_ = -1;
};

// What an output path names: a regular file (or nothing yet) to replace, a device/FIFO/descriptor
// to write in place, or a directory. Symlinks resolved (at most 40).
struct OutputTarget {
  std::string path;  // the resolved path
  bool in_place = false;
  bool directory = false;
  bool exists = false;
  int fd = -1;  // /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: that descriptor
};
OutputTarget resolve_output(const std::string& path);

// Refuses (InputError) an output that is a directory, two outputs naming one file and an output
// that is one of the inputs (same file after links: device and inode, or the same resolved path).
// Each entry: {option as the user wrote it ("-o", "-s"), path}. Empty paths and "-" are skipped.
void check_outputs(const std::vector<std::pair<std::string, std::string>>& outputs,
                   const std::vector<std::string>& inputs = {});

// Called by io::Tool::run before anything else: opens /dev/null on each of fds 0-2 that is closed
// (a temp file must never become fd 1) and remembers that stdout was closed.
void guard_standard_fds();

// One cell. Strings are views: they must outlive the row() call only.
using Value = std::variant<std::monostate, bool, std::int64_t, double, std::string_view>;
inline Value null_value() { return std::monostate{}; }
// x as JSON, or null when it is not finite (JSON has no nan or inf).
inline Json finite_or_null(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }

// Streams rows with fixed columns.
//   csv    header line, then one line per row (non-finite doubles as nan/inf/-inf, null as empty)
//   jsonl  a first line with the context ({"tool", "version", "parameters"}), then one object per row
//   json   {context..., "rows": [ {...}, ... ], extra keys from finish()}
//   table  aligned columns for people (8 significant digits)
class RowWriter {
 public:
  // header = false: no header / context line (appending to a resumed file that has it).
  RowWriter(Sink& sink, Format format, std::vector<std::string> columns, const Json& context,
            bool header = true);
  void row(std::span<const Value> values);
  void row(std::initializer_list<Value> values) {
    row(std::span<const Value>(values.begin(), values.size()));
  }
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
