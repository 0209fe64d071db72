#include "kappa/io/csv_data.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string_view>

#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"

namespace kappa::io {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

bool parse_cell(std::string_view t, bool allow_nonfinite, double& x) {
  if (t.empty()) {
    x = std::numeric_limits<double>::quiet_NaN();
    return allow_nonfinite;
  }
  std::string_view body = t;
  if (body.front() == '+') body.remove_prefix(1);
  const auto [ptr, ec] =
      std::from_chars(body.data(), body.data() + body.size(), x, std::chars_format::general);
  if (ec == std::errc::result_out_of_range) {  // 1e999: overflow is an infinity in a log
    if (!allow_nonfinite) return false;
    x = body.front() == '-' ? -INFINITY : INFINITY;
    return true;
  }
  if (ec != std::errc() || ptr != body.data() + body.size()) return false;
  return allow_nonfinite || std::isfinite(x);
}

}  // namespace

CsvTable read_csv(const std::string& path, const CsvOptions& opt) {
  const std::string text = read_whole_file(path, path);
  CsvTable t;
  t.source = path;
  std::size_t pos = 0, line_no = 0;
  bool have_columns = false;
  std::size_t header_line = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line_no <= opt.skip_rows) continue;
    if (trim(line).empty()) continue;  // blank lines (a trailing newline, a blank last line)
    const auto fields = split(line, ',');
    if (!have_columns) {
      have_columns = true;
      header_line = line_no;
      t.columns.resize(fields.size());
      t.empty.resize(fields.size());
      if (opt.header) {
        bool all_numbers = true;
        double x;
        for (auto f : fields) {
          t.names.emplace_back(trim(f));
          all_numbers = all_numbers && parse_cell(trim(f), false, x);
        }
        // A header of numbers is a data row taken for names: refuse rather than lose the row silently.
        if (all_numbers)
          throw InputError(fmt::format(
              "{}:{}: the header line is all numbers: if it is data, use --no-header", path, line_no));
        continue;
      }
      for (std::size_t j = 0; j < fields.size(); ++j) t.names.push_back(std::to_string(j));
    }
    if (fields.size() != t.columns.size())
      throw InputError(fmt::format("{}:{}: {} fields, expected {} (as in line {})", path, line_no,
                                   fields.size(), t.columns.size(), header_line));
    for (std::size_t j = 0; j < fields.size(); ++j) {
      double x;
      const auto cell = trim(fields[j]);
      if (!parse_cell(cell, opt.allow_nonfinite, x))
        throw InputError(fmt::format("{}:{}: column {} ('{}'): '{}' is not {}", path, line_no, j + 1,
                                     t.names[j], cell, opt.allow_nonfinite ? "a number" : "a finite number"));
      t.columns[j].push_back(x);
      t.empty[j].push_back(cell.empty());
    }
    t.line_of_row.push_back(line_no);
  }
  if (!have_columns)
    throw InputError(fmt::format("{}: no data (empty after {} skipped line(s))", path, opt.skip_rows));
  if (t.rows() == 0) throw InputError(fmt::format("{}: a header but no data rows", path));
  return t;
}

std::size_t find_column(const CsvTable& t, const std::string& what, const std::string& spec) {
  for (std::size_t j = 0; j < t.names.size(); ++j)
    if (t.names[j] == spec) return j;
  const auto n = static_cast<std::int64_t>(t.names.size());
  std::int64_t idx = 0;
  bool is_index = false;
  if (spec == "last") {
    idx = n - 1;
    is_index = true;
  } else {
    const auto [ptr, ec] = std::from_chars(spec.data(), spec.data() + spec.size(), idx);
    is_index = ec == std::errc() && ptr == spec.data() + spec.size();
    if (is_index && idx < 0) idx += n;
  }
  if (is_index && idx >= 0 && idx < n) return static_cast<std::size_t>(idx);
  std::string list;
  for (std::size_t j = 0; j < t.names.size() && j < 12; ++j) list += (j ? ", " : "") + t.names[j];
  if (t.names.size() > 12) list += ", ...";
  throw InputError(
      fmt::format("{}: {} {}: no such column (columns: {}; or an index 0..{}, negative from the end, "
                  "or 'last')",
                  t.source, what, spec, list, n - 1));
}

data::Dataset dataset_from_table(const CsvTable& t, const std::string& target_spec) {
  const std::size_t target = find_column(t, "--target", target_spec);
  data::Dataset ds;
  ds.source = t.source;
  ds.target_name = t.names[target];
  const auto n = static_cast<Eigen::Index>(t.rows());
  const auto d = static_cast<Eigen::Index>(t.columns.size() - 1);
  ds.X.resize(n, d);
  ds.y.resize(n);
  Eigen::Index k = 0;
  for (std::size_t j = 0; j < t.columns.size(); ++j) {
    if (j == target) {
      for (Eigen::Index i = 0; i < n; ++i) ds.y[i] = t.columns[j][static_cast<std::size_t>(i)];
      continue;
    }
    for (Eigen::Index i = 0; i < n; ++i) ds.X(i, k) = t.columns[j][static_cast<std::size_t>(i)];
    ds.feature_names.push_back(t.names[j]);
    ++k;
  }
  return ds;
}

}  // namespace kappa::io
