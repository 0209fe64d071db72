// libFuzzer target: the sweep sidecar reader (io::read_sweep_sidecar, which kappa-merge and
// kappa-sweep --resume trust) and the row check against the sidecar's grid.
// Input: a sidecar file; after a line "--rows--" (if any), rows checked as records of shard 1.
// Every failure must be an InputError (exit 2 in the tools); anything else, or a shard index out
// of [1, count] on success, is a bug.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_file.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/sweep/sweep.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto cut = text.find("\n--rows--\n");
  const std::string_view side = text.substr(0, cut);
  const std::string_view rows = cut == std::string_view::npos ? std::string_view() : text.substr(cut + 10);
  FuzzFile f(reinterpret_cast<const std::uint8_t*>(side.data()), side.size());
  if (f.path.empty()) return 0;
  try {
    const auto s = kappa::io::read_sweep_sidecar(f.path);
    if (s.shard.index < 1 || s.shard.index > s.shard.count) __builtin_trap();
    if (s.shard_points != s.shard.points(s.grid.size())) __builtin_trap();
    std::vector<std::string_view> recs;
    kappa::io::split_records(rows, s.sweep["format"] == "csv", recs);
    for (std::size_t j = 0; j < recs.size() && j < s.shard_points && j < 64; ++j) {
      try {
        kappa::io::check_sweep_row(s, "rows", j, recs[j]);
      } catch (const kappa::InputError&) {}
    }
  } catch (const kappa::InputError&) {}
  return 0;
}
