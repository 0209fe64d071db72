// libFuzzer target: the numeric CSV reader (--data FILE) and the data set built from it.
// First byte: options (bit 0 header, bit 1 allow non-finite, bits 2-3 skip rows, bits 4-5 which
// --target: last, 0, -1, a name); the rest is the file's contents.
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "kappa/core/errors.hpp"
#include "kappa/io/csv_data.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  kappa::io::CsvOptions options;
  options.header = (data[0] & 1) != 0;
  options.allow_nonfinite = (data[0] & 2) != 0;
  options.skip_rows = (data[0] >> 2) & 3;
  static const char* const targets[] = {"last", "0", "-1", "y"};
  const std::string target = targets[(data[0] >> 4) & 3];
  char path[] = "/tmp/kappa_fuzz_csv_XXXXXX";
  const int fd = ::mkstemp(path);
  if (fd < 0) return 0;
  const auto written = ::write(fd, data + 1, size - 1);
  ::close(fd);
  try {
    if (written == static_cast<ssize_t>(size - 1)) {
      const auto table = kappa::io::read_csv(path, options);
      if (table.names.size() != table.columns.size()) __builtin_trap();
      for (const auto& c : table.columns) {
        if (c.size() != table.rows()) __builtin_trap();
        if (!options.allow_nonfinite)
          for (double x : c)
            if (!std::isfinite(x)) __builtin_trap();
      }
      (void)kappa::io::dataset_from_table(table, target);
    }
  } catch (const kappa::InputError&) {}
  ::unlink(path);
  return 0;
}
