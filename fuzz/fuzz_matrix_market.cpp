// libFuzzer target: the Matrix Market reader (--matrix FILE). The input is the file's contents.
// Hostile headers (huge ROWS/COLS/ENTRIES) must be refused with an InputError, not exhaust memory.
#include <unistd.h>

#include <cstdint>

#include "kappa/core/errors.hpp"
#include "kappa/io/matrix_market.hpp"
#include "kappa/theory/spectrum.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kappa::Spectrum::memory_limit_mib = 64;
  char path[] = "/tmp/kappa_fuzz_mm_XXXXXX";
  const int fd = ::mkstemp(path);
  if (fd < 0) return 0;
  const auto written = ::write(fd, data, size);
  ::close(fd);
  try {
    if (written == static_cast<ssize_t>(size)) {
      const auto A = kappa::io::read_matrix_market(path);
      if (A.rows() != A.cols() || A.rows() < 1) __builtin_trap();
    }
  } catch (const kappa::InputError&) {}
  ::unlink(path);
  return 0;
}
