#include "kappa/io/matrix_market.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <vector>

#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/theory/spectrum.hpp"

namespace kappa::io {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string_view> tokens(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

// kappa::Spectrum's budget: its memory_limit_mib if set (the fuzz targets lower it), else half of
// the physical memory.
double memory_limit_mib() {
  if (Spectrum::memory_limit_mib > 0) return Spectrum::memory_limit_mib;
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
  return pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page) / (1 << 20) / 2 : 0.0;
}

}  // namespace

Eigen::SparseMatrix<double> read_matrix_market(const std::string& path) {
  const std::string where = "--matrix " + path;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open: {}", where, std::strerror(errno)));
  std::string line;
  std::size_t lineno = 0;
  auto fail = [&](std::string_view what) -> InputError {
    return InputError(fmt::format("{}: line {}: {}", where, lineno, what));
  };
  if (!std::getline(in, line))
    throw InputError(fmt::format("{}: empty file (expected a %%MatrixMarket header)", where));
  ++lineno;
  const auto head = tokens(line);
  if (head.size() != 5 || lower(std::string(head[0])) != "%%matrixmarket" ||
      lower(std::string(head[1])) != "matrix")
    throw fail("expected the header '%%MatrixMarket matrix coordinate|array real general|symmetric'");
  const std::string layout = lower(std::string(head[2])), field = lower(std::string(head[3])),
                    symmetry = lower(std::string(head[4]));
  if (layout != "coordinate" && layout != "array")
    throw fail(fmt::format("layout '{}': expected coordinate or array", head[2]));
  if (field != "real" && field != "integer" && field != "double")
    throw fail(fmt::format("field '{}': expected real or integer (a quadric needs real values)", head[3]));
  if (symmetry != "general" && symmetry != "symmetric")
    throw fail(fmt::format("symmetry '{}': expected general or symmetric", head[4]));
  const bool sym = symmetry == "symmetric";

  // The size line: the first line that is neither a comment nor blank.
  std::vector<std::string_view> size;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '%') continue;
    size = tokens(line);
    if (size.empty()) continue;
    break;
  }
  const std::size_t want = layout == "coordinate" ? 3 : 2;
  if (size.size() != want)
    throw fail(layout == "coordinate" ? "expected the size line 'ROWS COLS ENTRIES'"
                                      : "expected the size line 'ROWS COLS'");
  const std::int64_t rows = parse_int(fmt::format("{}: line {}: ROWS", where, lineno), size[0]);
  const std::int64_t cols = parse_int(fmt::format("{}: line {}: COLS", where, lineno), size[1]);
  if (rows < 1 || cols < 1) throw fail("ROWS and COLS must be >= 1");
  if (rows != cols)
    throw fail(fmt::format("not square ({}x{}): expected a square symmetric matrix", rows, cols));
  // Eigen's sparse indices are int: n + 1 must fit.
  if (rows >= std::numeric_limits<int>::max())
    throw fail(fmt::format("dimension {} too large: at most 2^31 - 2", rows));
  const std::int64_t n = rows;
  std::int64_t entries;
  if (layout == "coordinate") {
    entries = parse_int(fmt::format("{}: line {}: ENTRIES", where, lineno), size[2]);
    if (entries < 0) throw fail("ENTRIES must be >= 0");
  } else {
    if (sym)
      entries = n * (n + 1) / 2;
    else
      entries = n * n;
    if (n > 46341) throw fail("a dense array this large does not fit; use the coordinate format");
  }

  // Checked before allocating (a hostile size line must not exhaust memory): the column index
  // (4 bytes per column), the n-vectors a run keeps (iterate, optimum, gradient, optimizer state: 8
  // doubles per column), one triplet per entry (two for an off-diagonal symmetric one) and the
  // compressed matrix (12 bytes per stored value).
  const double need_mib = ((4.0 + 64.0) * static_cast<double>(n) + 4.0 +
                           (16.0 + 12.0) * static_cast<double>(entries) * (sym ? 2.0 : 1.0)) /
                          (1 << 20);
  const double limit_mib = memory_limit_mib();
  if (limit_mib > 0 && need_mib > limit_mib)
    throw fail(fmt::format(
        "{}x{} with {} entries: too large: would need {:.0f} MiB, more than the {:.0f} MiB allowed "
        "(half of this machine's memory)",
        n, n, entries, need_mib, limit_mib));
  std::vector<Eigen::Triplet<double>> triplets;
  // Reserve what the file declares only up to 2^20 entries: the vector grows with what is read.
  triplets.reserve(static_cast<std::size_t>(std::min<std::int64_t>(entries, 1 << 20)) * (sym ? 2 : 1));
  std::int64_t read = 0;
  std::int64_t ai = 0, aj = 0;  // array position (column-major; symmetric: lower triangle i >= j)
  while (read < entries && std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '%') continue;
    const auto t = tokens(line);
    if (t.empty()) continue;
    std::int64_t i, j;
    double v;
    if (layout == "coordinate") {
      if (t.size() != 3) throw fail("expected 'ROW COL VALUE'");
      i = parse_int(fmt::format("{}: line {}: ROW", where, lineno), t[0]) - 1;
      j = parse_int(fmt::format("{}: line {}: COL", where, lineno), t[1]) - 1;
      v = parse_double(fmt::format("{}: line {}: VALUE", where, lineno), t[2]);
      if (i < 0 || i >= n || j < 0 || j >= n)
        throw fail(fmt::format("index ({}, {}) outside 1..{}", i + 1, j + 1, n));
      if (sym && i < j)
        throw fail(
            fmt::format("entry ({}, {}) above the diagonal in a symmetric file (expected the lower triangle)",
                        i + 1, j + 1));
    } else {
      if (t.size() != 1) throw fail("expected one value per line");
      v = parse_double(fmt::format("{}: line {}: VALUE", where, lineno), t[0]);
      i = ai;
      j = aj;
      if (++ai == n) aj += 1, ai = sym ? aj : 0;
    }
    if (v != 0.0) {
      triplets.emplace_back(static_cast<int>(i), static_cast<int>(j), v);
      if (sym && i != j) triplets.emplace_back(static_cast<int>(j), static_cast<int>(i), v);
    }
    ++read;
  }
  if (in.bad()) throw InputError(fmt::format("{}: read error", where));
  if (read < entries) throw InputError(fmt::format("{}: ends after {} of {} entries", where, read, entries));
  while (std::getline(in, line)) {
    ++lineno;
    if (!tokens(line).empty() && line[0] != '%') throw fail("more entries than the size line declares");
  }
  Eigen::SparseMatrix<double> A(n, n);
  A.setFromTriplets(triplets.begin(), triplets.end());  // duplicates are summed (the format allows them)
  return A;
}

}  // namespace kappa::io
