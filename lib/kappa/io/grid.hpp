// Parameter grids for kappa-sweep: one axis per swept option, their Cartesian product in a fixed
// order, and the interleaved shards of it that independent processes evaluate.
//
// Axis specs (`--grid NAME=SPEC`):
//   lin:A:B:N     N >= 2 values A + (B−A)·i/(N−1), i = 0..N−1 (the last exactly B)
//   geom:A:B:N    N >= 2 log-spaced values A·(B/A)^(i/(N−1)) (A, B > 0; the last exactly B)
//   ilin:A:B:N    lin rounded to integers, repeats removed (n, batch sizes, seeds, iteration counts)
//   igeom:A:B:N   geom rounded to integers, repeats removed
//   V1,V2,...     an explicit list, each value passed to the option as written (numbers, method
//                 names, spectrum specs); `opt` for alpha/lr and beta/momentum means "leave the
//                 option out", so the tool uses the theory's optimal parameters.
// Values are kept as the text the option receives: generated numbers rounded to 15 significant
// digits, in shortest round-trip form,
// so the value in the output column is exactly the value that was evaluated.
//
// Order: the first --grid varies slowest (nested loops in the order given); point k ∈ [0, size).
// Shard I/N (1 <= I <= N) holds the points k with k mod N == I−1, so shards stay balanced when the
// cost varies along an axis, and the merged shards interleave back into the unsharded order.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kappa::io {

struct GridAxis {
  std::string name;                 // option name without dashes: "alpha"
  std::string spec;                 // as given after '=': "lin:0:0.04:400"
  std::vector<std::string> values;  // option values in axis order
  bool has_special() const;         // some value is "opt"
};

// Parses "NAME=SPEC". Throws InputError "--grid ARG: ..." (empty range, zero points, bad numbers).
GridAxis parse_grid_axis(std::string_view arg);

// The text "opt": leave the option out (its optimum).
inline constexpr std::string_view grid_opt = "opt";

class Grid {
 public:
  Grid() = default;
  explicit Grid(std::vector<GridAxis> axes);  // throws InputError on a repeated name or > 2^62 points
  const std::vector<GridAxis>& axes() const { return axes_; }
  std::uint64_t size() const { return size_; }
  // Index into each axis of point k (first axis slowest).
  std::vector<std::size_t> coordinates(std::uint64_t k) const;

 private:
  std::vector<GridAxis> axes_;
  std::uint64_t size_ = 1;
};

struct Shard {
  std::uint64_t index = 1;  // 1-based, as Slurm's --array=1-N gives it
  std::uint64_t count = 1;
  // Number of grid points k < total with k mod count == index−1.
  std::uint64_t points(std::uint64_t total) const;
  // Global index of the j-th point of this shard.
  std::uint64_t point(std::uint64_t j) const { return (index - 1) + j * count; }
};

// "I/N" with 1 <= I <= N. Throws InputError "--shard ARG: expected I/N with 1 <= I <= N".
Shard parse_shard(std::string_view arg);

}  // namespace kappa::io
