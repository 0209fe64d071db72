#include "kappa/io/matrix_market.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include "kappa/errors.hpp"
#include "kappa/io/parse.hpp"

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
  if (!std::getline(in, line)) throw InputError(fmt::format("{}: empty file (expected a %%MatrixMarket header)", where));
  ++lineno;
  const auto head = tokens(line);
  if (head.size() != 5 || lower(std::string(head[0])) != "%%matrixmarket" || lower(std::string(head[1])) != "matrix")
    throw fail("expected the header '%%MatrixMarket matrix coordinate|array real general|symmetric'");
  const std::string layout = lower(std::string(head[2])), field = lower(std::string(head[3])),
                    symmetry = lower(std::string(head[4]));
  if (layout != "coordinate" && layout != "array") throw fail(fmt::format("layout '{}': expected coordinate or array", head[2]));
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
    throw fail(layout == "coordinate" ? "expected the size line 'ROWS COLS ENTRIES'" : "expected the size line 'ROWS COLS'");
  const std::int64_t rows = parse_int(fmt::format("{}: line {}: ROWS", where, lineno), size[0]);
  const std::int64_t cols = parse_int(fmt::format("{}: line {}: COLS", where, lineno), size[1]);
  if (rows < 1 || cols < 1) throw fail("ROWS and COLS must be >= 1");
  if (rows != cols) throw fail(fmt::format("not square ({}x{}): expected a square symmetric matrix", rows, cols));
  if (rows > (std::int64_t{1} << 31)) throw fail("dimension too large");
  const std::int64_t n = rows;
  std::int64_t entries;
  if (layout == "coordinate") {
    entries = parse_int(fmt::format("{}: line {}: ENTRIES", where, lineno), size[2]);
    if (entries < 0) throw fail("ENTRIES must be >= 0");
  } else {
    if (sym) entries = n * (n + 1) / 2;
    else entries = n * n;
    if (n > 46341) throw fail("a dense array this large does not fit; use the coordinate format");
  }

  std::vector<Eigen::Triplet<double>> triplets;
  triplets.reserve(static_cast<std::size_t>(std::min<std::int64_t>(entries, 1 << 26)) * (sym ? 2 : 1));
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
      if (i < 0 || i >= n || j < 0 || j >= n) throw fail(fmt::format("index ({}, {}) outside 1..{}", i + 1, j + 1, n));
      if (sym && i < j) throw fail(fmt::format("entry ({}, {}) above the diagonal in a symmetric file (expected the lower triangle)", i + 1, j + 1));
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
