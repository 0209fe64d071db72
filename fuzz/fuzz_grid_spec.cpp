// libFuzzer target: the sweep grid parser (--grid NAME=SPEC, --shard I/N) and the record splitter
// that --resume and kappa-merge use on partial sweep files.
// Input: lines. Each line is a --grid axis; a line starting with "shard " is a --shard value; the
// whole input is also split into csv and jsonl records. Axes that parse are combined into a Grid
// and a few of its points are decoded.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kappa/core/errors.hpp"
#include "kappa/io/grid.hpp"
#include "kappa/sweep/sweep_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> records;
  const std::size_t csv_end = kappa::io::split_records(text, true, records);
  if (csv_end > size) __builtin_trap();
  records.clear();
  const std::size_t jsonl_end = kappa::io::split_records(text, false, records);
  if (jsonl_end > size) __builtin_trap();

  std::vector<kappa::io::GridAxis> axes;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    try {
      if (line.rfind("shard ", 0) == 0) {
        const auto shard = kappa::io::parse_shard(line.substr(6));
        if (shard.index < 1 || shard.index > shard.count) __builtin_trap();
        (void)shard.points(1000);
      } else {
        axes.push_back(kappa::io::parse_grid_axis(line));
        if (axes.back().values.empty()) __builtin_trap();
      }
    } catch (const kappa::InputError&) {}
    start = end + 1;
  }
  try {
    const kappa::io::Grid grid(axes);
    for (std::uint64_t k : {std::uint64_t{0}, grid.size() / 2, grid.size() - 1}) {
      const auto c = grid.coordinates(k);
      for (std::size_t i = 0; i < c.size(); ++i)
        if (c[i] >= grid.axes()[i].values.size()) __builtin_trap();
    }
  } catch (const kappa::InputError&) {}
  return 0;
}
