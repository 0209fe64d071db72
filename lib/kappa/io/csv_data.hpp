// Numeric CSV files: data sets (every cell a finite number) and training logs (NaN/inf allowed, an
// empty cell is a missing value). Errors name the file, the line and the column:
//   "data.csv:7: column 3 ('x2'): 'abc' is not a number"
//   "data.csv:9: 4 fields, expected 5 (as in line 1)"
//   "data.csv: --target y: no such column (columns: a, b, c)"
// Path "-" reads stdin (e.g. `zcat digits.csv.gz | kappa-train --data - ...`).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "kappa/problems/data.hpp"

namespace kappa::io {

struct CsvOptions {
  std::size_t skip_rows = 0;     // lines to drop before the header / the data (breast_cancer.csv: 1)
  bool header = true;            // the first kept line names the columns; else they are "0", "1", ...
  bool allow_nonfinite = false;  // accept nan / inf / -inf cells and empty cells (as NaN)
};

struct CsvTable {
  std::string source;              // the path as given
  std::vector<std::string> names;  // one per column
  std::vector<std::vector<double>> columns;
  std::vector<std::size_t> line_of_row;  // 1-based file line of each data row
  std::vector<std::vector<bool>> empty;  // allow_nonfinite: per column, true where the cell was empty (a
                                         // missing value, stored as NaN), as against a written nan
  std::size_t rows() const { return columns.empty() ? 0 : columns[0].size(); }
};

CsvTable read_csv(const std::string& path, const CsvOptions& options);

// The column a --target / --*-col value names: a header name; or an index (0-based, negative from
// the end, "last"). Throws InputError naming `what` and listing the columns.
std::size_t find_column(const CsvTable& table, const std::string& what, const std::string& spec);

// A data set from a table: the target column and every other column as a feature.
data::Dataset dataset_from_table(const CsvTable& table, const std::string& target_spec);

}  // namespace kappa::io
