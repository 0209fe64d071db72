// Grid specs, the order of points, and shards.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "kappa/core/errors.hpp"
#include "kappa/io/grid.hpp"

#include "helpers.hpp"

using namespace kappa;
using io::parse_grid_axis;

TEST_CASE("grid specs lin geom ilin igeom and lists give the values the option receives") {
  auto a = parse_grid_axis("alpha=lin:0:0.04:5");
  CHECK(a.name == "alpha");
  CHECK(a.values == std::vector<std::string>{"0", "0.01", "0.02", "0.03", "0.04"});
  auto g = parse_grid_axis("kappa=geom:1:1000:4");
  REQUIRE(g.values.size() == 4);
  CHECK(g.values.front() == "1");
  CHECK(g.values.back() == "1000");
  CHECK(std::stod(g.values[1]) == doctest::Approx(10).epsilon(1e-14));
  CHECK(std::stod(g.values[2]) == doctest::Approx(100).epsilon(1e-14));
  auto il = parse_grid_axis("seed=ilin:1:4:4");
  CHECK(il.values == std::vector<std::string>{"1", "2", "3", "4"});
  auto ig = parse_grid_axis("n=igeom:2:16:8");  // 2·8^(i/7) = 2, 2.69, 3.62, 4.88, 6.56, 8.83, 11.89, 16
  CHECK(ig.values == std::vector<std::string>{"2", "3", "4", "5", "7", "9", "12", "16"});
  auto rep = parse_grid_axis("n=igeom:1:4:6");  // 4^(i/5) = 1, 1.32, 1.74, 2.30, 3.03, 4: repeats removed
  CHECK(rep.values == std::vector<std::string>{"1", "2", "3", "4"});
  auto l = parse_grid_axis("beta=0,0.5,0.9");
  CHECK(l.values == std::vector<std::string>{"0", "0.5", "0.9"});
  auto m = parse_grid_axis("method=gd,heavy-ball");
  CHECK(m.values == std::vector<std::string>{"gd", "heavy-ball"});
  auto o = parse_grid_axis("--beta=opt,0.5");
  CHECK(o.name == "beta");
  CHECK(o.has_special());
  auto desc = parse_grid_axis("alpha=lin:0.04:0:3");
  CHECK(desc.values == std::vector<std::string>{"0.04", "0.02", "0"});
}

TEST_CASE("bad grid specs are one clear InputError") {
  auto msg = [](const char* arg) { return test::input_error_of([&] { parse_grid_axis(arg); }); };
  CHECK(msg("alpha=lin:0.1:0.1:5") == "--grid alpha=lin:0.1:0.1:5: empty range: A == B");
  CHECK(msg("alpha=lin:0:1:0") ==
        "--grid alpha=lin:0:1:0: zero points: N must be >= 2 (use a list for one value)");
  CHECK(msg("alpha=lin:0:1:1") == "--grid alpha=lin:0:1:1: N must be >= 2 (use a list for one value)");
  CHECK(msg("alpha=lin:0:x:4") == "--grid alpha=lin:0:x:4 x: expected a number");
  CHECK(msg("alpha=lin:0:1") == "--grid alpha=lin:0:1: expected lin:A:B:N");
  CHECK(msg("alpha=geom:0:1:4") == "--grid alpha=geom:0:1:4: geom needs A > 0 and B > 0");
  CHECK(msg("alpha=") == "--grid alpha=: zero points: empty value list");
  CHECK(msg("beta=0,,1") == "--grid beta=0,,1: empty value in the list");
  CHECK(msg("alpha") == "--grid alpha: expected NAME=SPEC, e.g. alpha=lin:0:0.04:400");
  CHECK(msg("n=opt") ==
        "--grid n=opt: opt (the theory's optimum) applies only to alpha/lr and beta/momentum");
}

TEST_CASE("grid order: first axis slowest and every point exactly once") {
  io::Grid grid({parse_grid_axis("a=1,2,3"), parse_grid_axis("b=x,y")});
  REQUIRE(grid.size() == 6);
  CHECK(grid.coordinates(0) == std::vector<std::size_t>{0, 0});
  CHECK(grid.coordinates(1) == std::vector<std::size_t>{0, 1});
  CHECK(grid.coordinates(2) == std::vector<std::size_t>{1, 0});
  CHECK(grid.coordinates(5) == std::vector<std::size_t>{2, 1});
  CHECK_THROWS_AS(io::Grid({parse_grid_axis("a=1"), parse_grid_axis("a=2")}), InputError);
}

TEST_CASE("shards partition the grid interleaved") {
  for (std::uint64_t total : {0u, 1u, 7u, 10u, 12u}) {
    for (std::uint64_t count : {1u, 3u, 4u, 13u}) {
      std::set<std::uint64_t> seen;
      std::uint64_t sum = 0;
      for (std::uint64_t i = 1; i <= count; ++i) {
        const io::Shard s{i, count};
        sum += s.points(total);
        for (std::uint64_t j = 0; j < s.points(total); ++j) {
          CHECK(s.point(j) < total);
          CHECK(s.point(j) % count == i - 1);
          seen.insert(s.point(j));
        }
      }
      CHECK(sum == total);
      CHECK(seen.size() == total);
    }
  }
  CHECK(io::parse_shard("3/8").index == 3);
  CHECK(io::parse_shard("3/8").count == 8);
  for (const char* bad : {"0/4", "5/4", "1/0", "a/2", "2", "1/2/3", "-1/4"}) {
    CHECK_THROWS_WITH_AS(
        io::parse_shard(bad),
        (std::string("--shard ") + bad + ": expected I/N with 1 <= I <= N (e.g. 3/8)").c_str(), InputError);
  }
}
