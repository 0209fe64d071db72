// libFuzzer target: kappa-sweep's grid axis specs (--grid NAME=SPEC) and shard specs (--shard I/N).
#include <cstdint>
#include <string>

#include "kappa/errors.hpp"
#include "kappa/grid.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string arg(reinterpret_cast<const char*>(data), size);
  try {
    if (!arg.empty() && arg[0] == '#') (void)kappa::io::parse_shard(std::string_view(arg).substr(1));
    else (void)kappa::io::parse_grid_axis(arg);
  } catch (const kappa::InputError&) {
  }
  return 0;
}
