#include "kappa/io/parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "kappa/core/errors.hpp"

namespace kappa::io {

std::string option_for_field(const std::string& field) {
  if (field == "max_iter") return "--iters";  // RunSettings::max_iter
  std::string option = "--" + field;
  std::replace(option.begin(), option.end(), '_', '-');
  return option;
}

std::string option_message(const std::exception& e) {
  if (const auto* f = dynamic_cast<const FieldError*>(&e)) return option_for_field(f->field) + f->detail;
  return e.what();
}

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f)
      out += fmt::format("\\x{:02x}", u);
    else
      out.push_back(c);
  }
  return out;
}

[[noreturn]] static void fail(std::string_view what, std::string_view token, std::string_view expected) {
  if (token.empty()) throw InputError(fmt::format("{}: empty value: {}", what, expected));
  throw InputError(fmt::format("{} {}: {}", what, printable(token), expected));
}

std::string format_number(double x) { return fmt::format("{}", x); }

double parse_double(std::string_view what, std::string_view token) {
  double x = 0;
  const char* last = token.data() + token.size();
  const auto [ptr, ec] = std::from_chars(token.data(), last, x, std::chars_format::general);
  if (ec == std::errc::result_out_of_range) fail(what, token, "out of the range of a double");
  if (token.empty() || ec != std::errc() || ptr != last) fail(what, token, "expected a number");
  if (!std::isfinite(x)) fail(what, token, "expected a finite number");
  return x;
}

std::int64_t parse_int(std::string_view what, std::string_view token) {
  std::int64_t x = 0;
  const char* last = token.data() + token.size();
  const auto [ptr, ec] = std::from_chars(token.data(), last, x);
  if (ec == std::errc::result_out_of_range) fail(what, token, "integer out of range");
  if (token.empty()) fail(what, token, "expected an integer");
  if (ec != std::errc() || ptr != last) {
    // Accept integral values written as floats ("1e6", "100.0") when exact.
    double d = 0;
    const auto [p2, e2] = std::from_chars(token.data(), last, d);
    if (e2 == std::errc() && p2 == last && std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15)
      return static_cast<std::int64_t>(d);
    fail(what, token, "expected an integer");
  }
  return x;
}

std::uint64_t parse_seed(std::string_view what, std::string_view token) {
  std::uint64_t x = 0;
  const char* last = token.data() + token.size();
  const auto [ptr, ec] = std::from_chars(token.data(), last, x);
  if (token.empty() || ec != std::errc() || ptr != last)
    fail(what, token, "expected a seed, an integer in [0, 2^64)");
  return x;
}

double parse_in_range(std::string_view what, std::string_view token, double lo, bool lo_closed, double hi,
                      bool hi_closed) {
  const double x = parse_double(what, token);
  const bool ok_lo = lo_closed ? x >= lo : x > lo;
  const bool ok_hi = hi_closed ? x <= hi : x < hi;
  if (!ok_lo || !ok_hi)
    fail(what, token,
         fmt::format("must be in {}{}, {}{}", lo_closed ? '[' : '(', lo, hi, hi_closed ? ']' : ')'));
  return x;
}

double parse_positive(std::string_view what, std::string_view token) {
  const double x = parse_double(what, token);
  if (!(x > 0)) fail(what, token, "must be > 0");
  return x;
}

double parse_unit_open(std::string_view what, std::string_view token) {
  return parse_in_range(what, token, 0, false, 1, false);
}

std::string read_whole_file(const std::string& path, const std::string& label, std::size_t max_bytes,
                            const std::string& limit_text) {
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) throw InputError(fmt::format("{}: cannot open: {}", label, std::strerror(errno)));
  std::string text;
  char buf[1 << 16];
  std::size_t got;
  bool too_large = false;
  while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) {
    if (got > max_bytes - text.size()) {
      too_large = true;
      break;
    }
    text.append(buf, got);
  }
  const bool bad = !too_large && std::ferror(f);
  const int err = bad && errno != 0 ? errno : EIO;
  if (f != stdin) std::fclose(f);
  if (too_large)
    throw InputError(fmt::format("{}: larger than {}", label,
                                 limit_text.empty() ? fmt::format("{} bytes", max_bytes) : limit_text));
  // A directory is bad input (exit 2), as a missing file is; other read errors are the machine's.
  if (bad && err == EISDIR) throw InputError(fmt::format("{}: cannot read: {}", label, std::strerror(err)));
  if (bad) throw RuntimeError(fmt::format("{}: cannot read: {}", label, std::strerror(err)));
  return text;
}

std::vector<double> read_number_lines(const std::string& path, const std::string& label, bool positive_only,
                                      const std::string& open_label) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(
        fmt::format("{}: cannot open: {}", open_label.empty() ? label : open_label, std::strerror(errno)));
  std::vector<double> values;
  std::string line;
  std::size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    // Trim spaces, tabs and the CR of CRLF files.
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    const auto last = line.find_last_not_of(" \t\r");
    const std::string_view token(line.data() + first, last - first + 1);
    const std::string what = fmt::format("{} line {}:", label, lineno);
    const double x = parse_double(what, token);
    if (positive_only && !(x > 0))
      throw InputError(fmt::format("{} {}: must be a finite number > 0", what, token));
    values.push_back(x);
  }
  if (in.bad()) {
    const int err = errno;
    throw InputError(fmt::format("{}: cannot read: {}", label, std::strerror(err)));
  }
  return values;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const auto pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

}  // namespace kappa::io
