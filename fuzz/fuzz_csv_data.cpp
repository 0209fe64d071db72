// libFuzzer target: the CSV data reader (--data PATH), with and without a header and non-finite cells.
#include "fuzz_file.hpp"
#include "kappa/errors.hpp"
#include "kappa/io/csv_data.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  FuzzFile file(data + 1, size - 1);
  if (file.path.empty()) return 0;
  kappa::io::CsvOptions options;
  options.header = data[0] & 1;
  options.allow_nonfinite = data[0] & 2;
  options.skip_rows = (data[0] >> 2) & 3;
  try {
    const auto table = kappa::io::read_csv(file.path, options);
    if (table.rows() > 0) (void)kappa::io::dataset_from_table(table, "last");
  } catch (const kappa::InputError&) {
  }
  return 0;
}
