#include "kappa/io/grid.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "kappa/core/errors.hpp"
#include "kappa/io/output.hpp"
#include "kappa/io/parse.hpp"

namespace kappa::io {
namespace {

[[noreturn]] void bad(std::string_view arg, std::string_view why) {
  throw InputError(fmt::format("--grid {}: {}", arg, why));
}

bool valid_name(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// The numbers of lin/geom; ends exact.
std::vector<double> generate(std::string_view kind, double a, double b, std::int64_t n) {
  std::vector<double> v(static_cast<std::size_t>(n));
  const double last = static_cast<double>(n - 1);
  if (kind == "lin") {
    for (std::int64_t i = 0; i < n; ++i) v[i] = a + (b - a) * (static_cast<double>(i) / last);
  } else {
    const double log_ratio = std::log(b / a);
    for (std::int64_t i = 0; i < n; ++i) v[i] = a * std::exp(log_ratio * (static_cast<double>(i) / last));
  }
  v.front() = a;
  v.back() = b;
  return v;
}

}  // namespace

bool GridAxis::has_special() const {
  return std::find(values.begin(), values.end(), grid_opt) != values.end();
}

GridAxis parse_grid_axis(std::string_view arg) {
  const auto eq = arg.find('=');
  if (eq == std::string_view::npos) bad(arg, "expected NAME=SPEC, e.g. alpha=lin:0:0.04:400");
  GridAxis axis;
  axis.name = std::string(arg.substr(0, eq));
  axis.spec = std::string(arg.substr(eq + 1));
  if (axis.name.starts_with("--")) axis.name.erase(0, 2);
  if (!valid_name(axis.name))
    bad(arg, "expected an option name (lower-case letters, digits, '-') before '='");
  const auto parts = split(axis.spec, ':');
  const std::string_view kind = parts[0];
  const bool generated = kind == "lin" || kind == "geom" || kind == "ilin" || kind == "igeom";
  if (generated && parts.size() == 4) {
    const std::string what = fmt::format("--grid {}", arg);
    const double a = parse_double(what, parts[1]);
    const double b = parse_double(what, parts[2]);
    const std::int64_t n = parse_int(what, parts[3]);
    if (n <= 0) bad(arg, "zero points: N must be >= 2 (use a list for one value)");
    if (n == 1) bad(arg, "N must be >= 2 (use a list for one value)");
    // Checked before allocating: each point is held as a double and its text (~40 bytes).
    constexpr std::int64_t max_points = std::int64_t{1} << 22;
    if (n > max_points)
      bad(arg, fmt::format("N = {}: too many points: they would need {:.0f} MiB; at most {} points per axis",
                           n, static_cast<double>(n) * (sizeof(double) + sizeof(std::string)) / (1 << 20),
                           max_points));
    if (a == b) bad(arg, "empty range: A == B");
    const bool geom = kind == "geom" || kind == "igeom";
    if (geom && !(a > 0 && b > 0)) bad(arg, "geom needs A > 0 and B > 0");
    const auto v = generate(geom ? "geom" : "lin", a, b, n);
    if (kind[0] == 'i') {
      for (double x : v) {
        if (std::fabs(x) > 9.0e15) bad(arg, "integer values beyond 9e15");
        const auto text = fmt::format("{}", std::llround(x));
        if (axis.values.empty() || axis.values.back() != text) axis.values.push_back(text);
      }
    } else {
      // 15 significant digits: lin:0.01:0.04:4 gives 0.02, not 0.019999999999999997 (the text is
      // the value evaluated, so the column and the evaluation agree either way).
      for (double x : v) axis.values.push_back(format_number(std::stod(fmt::format("{:.15g}", x))));
    }
  } else if (generated) {
    bad(arg, fmt::format("expected {}:A:B:N", kind));
  } else {
    if (axis.spec.empty()) bad(arg, "zero points: empty value list");
    for (const auto v : split(axis.spec, ',')) {
      if (v.empty()) bad(arg, "empty value in the list");
      axis.values.emplace_back(v);
    }
  }
  if (axis.has_special()) {
    static constexpr std::string_view optimisable[] = {"alpha", "lr", "beta", "momentum"};
    if (std::find(std::begin(optimisable), std::end(optimisable), axis.name) == std::end(optimisable))
      bad(arg, "opt (the theory's optimum) applies only to alpha/lr and beta/momentum");
  }
  return axis;
}

Grid::Grid(std::vector<GridAxis> axes) : axes_(std::move(axes)) {
  for (std::size_t i = 0; i < axes_.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j)
      if (axes_[j].name == axes_[i].name)
        throw InputError(
            fmt::format("--grid {}={}: {} is swept twice", axes_[i].name, axes_[i].spec, axes_[i].name));
    const auto n = static_cast<std::uint64_t>(axes_[i].values.size());
    if (n == 0) throw InputError(fmt::format("--grid {}={}: zero points", axes_[i].name, axes_[i].spec));
    if (size_ > (std::uint64_t{1} << 62) / n)
      throw InputError(
          fmt::format("--grid {}={}: the grid has more than 2^62 points", axes_[i].name, axes_[i].spec));
    size_ *= n;
  }
}

std::vector<std::size_t> Grid::coordinates(std::uint64_t k) const {
  std::vector<std::size_t> c(axes_.size());
  for (std::size_t i = axes_.size(); i-- > 0;) {
    const auto n = static_cast<std::uint64_t>(axes_[i].values.size());
    c[i] = static_cast<std::size_t>(k % n);
    k /= n;
  }
  return c;
}

std::uint64_t Shard::points(std::uint64_t total) const {
  const std::uint64_t first = index - 1;
  return total > first ? (total - first + count - 1) / count : 0;
}

Shard parse_shard(std::string_view arg) {
  const auto fail = [&]() -> Shard {
    throw InputError(fmt::format("--shard {}: expected I/N with 1 <= I <= N (e.g. 3/8)", arg));
  };
  const auto parts = split(arg, '/');
  if (parts.size() != 2) return fail();
  std::int64_t i = 0, n = 0;
  try {
    i = parse_int("--shard", parts[0]);
    n = parse_int("--shard", parts[1]);
  } catch (const InputError&) {
    return fail();
  }
  if (n < 1 || i < 1 || i > n) return fail();
  return Shard{static_cast<std::uint64_t>(i), static_cast<std::uint64_t>(n)};
}

}  // namespace kappa::io
