// libFuzzer target: the Matrix Market reader (--matrix PATH).
#include "fuzz_file.hpp"
#include "kappa/errors.hpp"
#include "kappa/io/matrix_market.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzFile file(data, size);
  if (file.path.empty()) return 0;
  try {
    (void)kappa::io::read_matrix_market(file.path);
  } catch (const kappa::InputError&) {
  }
  return 0;
}
