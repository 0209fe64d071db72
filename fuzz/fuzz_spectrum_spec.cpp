// libFuzzer target: the spectrum spec parser and the spectrum file reader.
// First byte 0: the rest is a spectrum file's contents; otherwise the input is a --spectrum SPEC
// (file: specs are skipped: they would read arbitrary paths).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "kappa/cli/spec.hpp"
#include "kappa/core/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kappa::Spectrum::memory_limit_mib = 64;
  if (size == 0) return 0;
  try {
    if (data[0] == 0) {
      char path[] = "/tmp/kappa_fuzz_spectrum_XXXXXX";
      const int fd = ::mkstemp(path);
      if (fd < 0) return 0;
      const auto written = ::write(fd, data + 1, size - 1);
      ::close(fd);
      if (written == static_cast<ssize_t>(size - 1)) (void)kappa::io::read_spectrum_file(path);
      ::unlink(path);
    } else {
      const std::string spec(reinterpret_cast<const char*>(data), size);
      if (spec.rfind("file", 0) == 0) return 0;
      (void)kappa::io::parse_spectrum_spec(spec);
    }
  } catch (const kappa::InputError&) {}
  return 0;
}
