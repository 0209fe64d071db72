// io::Sink's output contract: links followed (target replaced, link kept), the target's mode kept,
// directories refused, descriptors written in place, resumable parts (kept on failure, locked,
// truncated on resume), check_outputs, and the composed option maps of the sweep engine equal to a
// full parse.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "kappa/cli/evaluate.hpp"
#include "kappa/cli/optimizer_options.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/output.hpp"
#include "kappa/sweep/sweep.hpp"

using namespace kappa;

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char t[] = "/tmp/kappa_sink_XXXXXX";
    path = ::mkdtemp(t);
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
  std::string operator/(const std::string& name) const { return path + "/" + name; }
};

std::string read(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write(const std::string& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

}  // namespace

TEST_CASE("Sink: a symlink's target is replaced, the link kept, the target's mode kept") {
  TempDir d;
  write(d / "target", "old");
  ::chmod((d / "target").c_str(), 0600);
  REQUIRE(::symlink("target", (d / "link").c_str()) == 0);
  {
    io::Sink s(d / "link");
    s.write("new");
    s.commit();
  }
  struct stat st {};
  REQUIRE(::lstat((d / "link").c_str(), &st) == 0);
  CHECK(S_ISLNK(st.st_mode));
  CHECK(read(d / "target") == "new");
  REQUIRE(::stat((d / "target").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0600);
}

TEST_CASE("Sink: a directory is refused, a failed write leaves the previous file and no temp file") {
  TempDir d;
  CHECK_THROWS_AS(io::Sink(d.path), InputError);
  write(d / "f", "keep");
  {
    io::Sink s(d / "f");
    s.write("partial");
  }  // no commit
  CHECK(read(d / "f") == "keep");
  CHECK(::access((d / "f").c_str(), F_OK) == 0);
}

TEST_CASE("resolve_output: descriptors and devices in place, links followed") {
  CHECK(io::resolve_output("/dev/stdout").fd == 1);
  CHECK(io::resolve_output("/proc/self/fd/2").fd == 2);
  CHECK(io::resolve_output("/dev/null").in_place);
  TempDir d;
  REQUIRE(::symlink((d / "missing").c_str(), (d / "dangling").c_str()) == 0);
  const auto t = io::resolve_output(d / "dangling");
  CHECK(t.path == d / "missing");
  CHECK_FALSE(t.exists);
}

TEST_CASE("Sink resumable part: kept on failure, truncated on resume, renamed at commit, locked") {
  TempDir d;
  const io::SinkOptions fresh{d / "out.part", false, true};
  {
    io::Sink s(d / "out", fresh);
    s.write("header\nrow1\nro");
    s.flush();
  }  // not committed: the part stays (it is resumable)
  CHECK(read(d / "out.part") == "header\nrow1\nro");
  {
    io::Sink s(d / "out", io::SinkOptions{d / "out.part", true, true});
    CHECK(s.read_part() == "header\nrow1\nro");
    // A second writer on the same part is refused while the first holds the lock.
    CHECK_THROWS_AS(io::Sink(d / "out", io::SinkOptions{d / "out.part", true, true}), RuntimeError);
    s.keep(12);
    s.write("row2\n");
    s.commit();
  }
  CHECK(read(d / "out") == "header\nrow1\nrow2\n");
  CHECK(::access((d / "out.part").c_str(), F_OK) != 0);
}

TEST_CASE("check_outputs: two outputs to one file, an output that is an input, a directory") {
  TempDir d;
  write(d / "in", "x");
  REQUIRE(::symlink("in", (d / "in_link").c_str()) == 0);
  CHECK_THROWS_AS(io::check_outputs({{"-o", d / "a"}, {"-s", d / "a"}}), InputError);
  CHECK_THROWS_AS(io::check_outputs({{"-o", d / "in_link"}}, {d / "in"}), InputError);
  CHECK_THROWS_AS(io::check_outputs({{"-o", d.path}}), InputError);
  CHECK_NOTHROW(io::check_outputs(
      {{"-o", d / "a"}, {"-s", d / "b"}, {"--junit", "/dev/null"}, {"-x", "/dev/null"}}, {d / "in"}));
}

TEST_CASE("store_options: tokens of several maps stored together == one full parse") {
  const auto& desc = io::run_options_description();
  const io::OptionMap fixed = {{"method", "heavy-ball"}, {"kappa", "50"}, {"iters", "40"}};
  const io::OptionMap point = {{"alpha", "0.03"}, {"beta", "0.5"}};
  io::OptionMap all = point;
  all.insert(all.end(), fixed.begin(), fixed.end());
  const auto a = io::parse_option_tokens(desc, fixed), b = io::parse_option_tokens(desc, point);
  const auto composed = io::run_record(io::store_options(desc, {&a, &b}));
  CHECK(composed.dump() == io::evaluate_run(all).dump());
}

TEST_CASE("sweep_rows: every point in grid order, each theory row equal to kappa-rate's record") {
  io::SweepSpec spec;
  spec.grid =
      io::Grid({io::parse_grid_axis("kappa=geom:2:1e4:7"), io::parse_grid_axis("method=gd,heavy-ball")});
  spec.threads = 2;
  std::vector<std::uint64_t> seen;
  const auto columns = io::sweep_rows(spec, [&](std::uint64_t k, std::span<const io::Value> cells) {
    seen.push_back(k);
    REQUIRE(cells.size() >= 4);
    // A grid value reads as an integer cell when it is one ("2"), else as a double.
    const double kappa = std::holds_alternative<std::int64_t>(cells[1])
                             ? static_cast<double>(std::get<std::int64_t>(cells[1]))
                             : std::get<double>(cells[1]);
    const auto method = std::string(std::get<std::string_view>(cells[2]));
    const auto rec = io::evaluate_rate({{"kappa", fmt::format("{}", kappa)}, {"method", method}});
    CHECK(std::get<double>(cells[3]) == rec["rate"].get<double>());
  });
  REQUIRE(seen.size() == 14);
  for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == i);
  CHECK(columns[3] == "rate");
}
