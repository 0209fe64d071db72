// Reading the sweep files back: sidecars checked field by field, and rows checked against the
// grid they claim to belong to (kappa-merge, kappa-sweep --resume); the cells of grid values.
#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "kappa/cli/cli.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/output.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/sweep/sweep_files.hpp"
#include "sweep_plan.hpp"

namespace kappa::io {
bool sweep_detail::path_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

namespace {

using sweep_detail::path_exists;

[[noreturn]] void bad_field(const std::string& path, std::string_view field, std::string_view expected) {
  throw InputError(
      fmt::format("{}: field {}: expected {}; not a kappa-sweep sidecar", path, field, expected));
}

const Json& field(const std::string& path, const Json& obj, const char* name, const char* where) {
  const auto it = obj.find(name);
  if (it == obj.end())
    throw InputError(fmt::format("{}: field {}{} is missing; not a kappa-sweep sidecar", path, where, name));
  return *it;
}

std::uint64_t count_field(const std::string& path, const Json& obj, const char* name,
                          const char* where = "") {
  const auto& v = field(path, obj, name, where);
  if (!v.is_number_unsigned()) bad_field(path, std::string(where) + name, "a non-negative integer");
  return v.get<std::uint64_t>();
}

const std::string& string_field(const std::string& path, const Json& obj, const char* name,
                                const char* where = "") {
  const auto& v = field(path, obj, name, where);
  if (!v.is_string()) bad_field(path, std::string(where) + name, "a string");
  return v.get_ref<const std::string&>();
}

}  // namespace

namespace sweep_detail {

Cell token_cell(const std::string& t) {
  std::int64_t i = 0;
  const char* end = t.data() + t.size();
  if (auto [p, ec] = std::from_chars(t.data(), end, i); ec == std::errc() && p == end) return i;
  double d = 0;
  if (auto [p, ec] = std::from_chars(t.data(), end, d); ec == std::errc() && p == end) return d;
  return t;
}

Cell json_cell(const Json& j) {
  if (j.is_null()) return std::monostate{};
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_number_integer()) return j.get<std::int64_t>();
  if (j.is_number_float()) return j.get<double>();
  if (j.is_string()) return j.get<std::string>();
  return j.dump();
}

std::string valid_utf8(const std::string& text) {
  return Json::parse(Json(text).dump(-1, ' ', false, Json::error_handler_t::replace)).get<std::string>();
}

}  // namespace sweep_detail

SweepSidecar read_sweep_sidecar(const std::string& path) {
  const std::string text =
      read_whole_file(path, path, std::size_t{64} << 20, "64 MiB, the most a sidecar can be");
  SweepSidecar s;
  s.path = path;
  Json j;
  try {
    // Depth-limited: a sidecar nests 4 levels; deeper input is refused before it is built.
    j = Json::parse(text, [](int depth, Json::parse_event_t, Json&) {
      if (depth > 16) throw InputError("nested deeper than 16 levels");
      return true;
    });
  } catch (const InputError& e) {
    throw InputError(fmt::format("{}: not a kappa-sweep sidecar: {}", path, e.what()));
  } catch (const Json::exception& e) {
    throw InputError(fmt::format(
        "{}: not valid JSON (byte {}); not a kappa-sweep sidecar", path,
        e.id == 101 ? std::to_string(static_cast<const Json::parse_error&>(e).byte) : std::string("?")));
  }
  if (!j.is_object())
    throw InputError(fmt::format("{}: not a kappa-sweep sidecar (expected a JSON object)", path));
  if (string_field(path, j, "tool") != "kappa-sweep") bad_field(path, "tool", "\"kappa-sweep\"");
  s.sweep_id = string_field(path, j, "sweep_id");
  s.sweep = field(path, j, "sweep", "");
  if (!s.sweep.is_object()) bad_field(path, "sweep", "an object");
  const auto& sw = s.sweep;
  string_field(path, sw, "mode", "sweep.");
  const auto& grids = field(path, sw, "grids", "sweep.");
  if (!grids.is_array() || grids.empty()) bad_field(path, "sweep.grids", "a non-empty array");
  std::vector<GridAxis> axes;
  for (const auto& g : grids) {
    if (!g.is_object()) bad_field(path, "sweep.grids[]", "objects {name, spec, points}");
    const auto& name = string_field(path, g, "name", "sweep.grids[].");
    const auto& spec = string_field(path, g, "spec", "sweep.grids[].");
    const auto points = count_field(path, g, "points", "sweep.grids[].");
    try {
      axes.push_back(parse_grid_axis(name + "=" + spec));
    } catch (const InputError& e) {
      throw InputError(fmt::format("{}: field sweep.grids[].spec: {}", path, e.what()));
    }
    if (axes.back().values.size() != points)
      bad_field(path, "sweep.grids[].points",
                fmt::format("{} (the points of {}={})", axes.back().values.size(), name, spec));
  }
  try {
    s.grid = Grid(std::move(axes));
  } catch (const InputError& e) {
    throw InputError(fmt::format("{}: field sweep.grids: {}", path, e.what()));
  }
  const auto& fixed = field(path, sw, "fixed", "sweep.");
  if (!fixed.is_object()) bad_field(path, "sweep.fixed", "an object of strings");
  for (const auto& v : fixed)
    if (!v.is_string()) bad_field(path, "sweep.fixed", "an object of strings");
  if (!field(path, sw, "ends_only", "sweep.").is_boolean())
    bad_field(path, "sweep.ends_only", "true or false");
  if (count_field(path, sw, "points", "sweep.") != s.grid.size())
    bad_field(path, "sweep.points", fmt::format("{} (the product of the grids' points)", s.grid.size()));
  const auto& format = string_field(path, sw, "format", "sweep.");
  if (format != "csv" && format != "jsonl") bad_field(path, "sweep.format", "csv or jsonl");
  const auto& columns = field(path, sw, "columns", "sweep.");
  if (!columns.is_array() || columns.size() < 1 + s.grid.axes().size())
    bad_field(path, "sweep.columns", "an array of column names");
  for (const auto& c : columns)
    if (!c.is_string()) bad_field(path, "sweep.columns", "an array of strings");
  if (s.sweep_id != fnv1a_hex(sw.dump()))
    bad_field(path, "sweep_id", fmt::format("{} (the hash of field sweep)", fnv1a_hex(sw.dump())));
  const auto& sh = field(path, j, "shard", "");
  if (!sh.is_object()) bad_field(path, "shard", "an object {index, count}");
  s.shard.index = count_field(path, sh, "index", "shard.");
  s.shard.count = count_field(path, sh, "count", "shard.");
  if (s.shard.count < 1 || s.shard.index < 1 || s.shard.index > s.shard.count)
    bad_field(path, "shard", fmt::format("1 <= index <= count (it has {}/{})", s.shard.index, s.shard.count));
  s.shard_points = count_field(path, j, "shard_points");
  if (s.shard_points != s.shard.points(s.grid.size()))
    bad_field(path, "shard_points",
              fmt::format("{} (the points of shard {}/{})", s.shard.points(s.grid.size()), s.shard.index,
                          s.shard.count));
  s.rows = count_field(path, j, "rows");
  const auto& complete = field(path, j, "complete", "");
  if (!complete.is_boolean()) bad_field(path, "complete", "true or false");
  s.complete = complete.get<bool>();
  if (s.rows > s.shard_points)
    bad_field(path, "rows", fmt::format("at most shard_points = {}", s.shard_points));
  return s;
}

std::string sweep_sidecar_of(const std::string& data) {
  const auto part = sweep_part_path(data), part_side = sweep_sidecar_path(part);
  if (!path_exists(part) && path_exists(part_side)) return part_side;
  return sweep_sidecar_path(data);
}

void check_sweep_row(const SweepSidecar& side, const std::string& file, std::uint64_t j,
                     std::string_view record) {
  using sweep_detail::Cell;
  const bool csv = side.sweep["format"] == "csv";
  const std::uint64_t k = side.shard.point(j);
  const auto& axes = side.grid.axes();
  std::vector<Cell> got;
  if (csv) {
    // The first 1 + axes fields (grid values never hold a quote or a comma: lists split on commas).
    std::size_t at = 0;
    for (std::size_t f = 0; f <= axes.size(); ++f) {
      const auto comma = record.find_first_of(",\n", at);
      const auto end = comma == std::string_view::npos ? record.size() : comma;
      got.push_back(sweep_detail::token_cell(std::string(record.substr(at, end - at))));
      at = end + 1;
      if (comma == std::string_view::npos || record[end] == '\n') break;
    }
  } else {
    try {
      const Json r = Json::parse(record);
      const auto& cols = side.sweep["columns"];
      for (std::size_t f = 0; f <= axes.size() && r.is_object(); ++f)
        if (const auto it = r.find(cols[f].get<std::string>()); it != r.end())
          got.push_back(sweep_detail::json_cell(*it));
    } catch (const Json::exception&) {}
  }
  std::vector<Cell> want{static_cast<std::int64_t>(k)};
  const auto c = side.grid.coordinates(k);
  for (std::size_t a = 0; a < axes.size(); ++a)
    want.push_back(sweep_detail::token_cell(axes[a].values[c[a]]));
  if (got != want)
    throw InputError(
        fmt::format("{}: row {} is not point {} of the sweep in {} (its point index or grid values differ)",
                    file, j + 1, k, side.path));
}

}  // namespace kappa::io
namespace kappa::io {

std::size_t split_records(std::string_view text, bool csv, std::vector<std::string_view>& records) {
  std::size_t start = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (csv && c == '"')
      quoted = !quoted;
    else if (c == '\n' && !quoted) {
      records.push_back(text.substr(start, i + 1 - start));
      start = i + 1;
    }
  }
  return start;
}

std::string fnv1a_hex(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return fmt::format("{:016x}", h);
}

}  // namespace kappa::io

namespace kappa::io {

void write_sweep_sidecar(const std::string& path, const Json& identity, const Shard& shard,
                         std::uint64_t rows, bool complete) {
  Json j;
  j["tool"] = "kappa-sweep";
  j["version"] = version();
  j["sweep_id"] = fnv1a_hex(identity.dump());
  j["sweep"] = identity;
  j["shard"] = {{"index", shard.index}, {"count", shard.count}};
  j["shard_points"] = shard.points(identity["points"].get<std::uint64_t>());
  j["rows"] = rows;
  j["complete"] = complete;
  Sink sink(path);
  sink.write(j.dump(2));
  sink.write("\n");
  sink.commit();
}

}  // namespace kappa::io
