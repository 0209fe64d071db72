// kappa-merge: joins the shard files of one kappa-sweep into the file the unsharded sweep writes.
#include <fmt/format.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "kappa/cli/cli.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/grid.hpp"
#include "kappa/sweep/sweep.hpp"
#include "kappa/sweep/sweep_files.hpp"

#include "tool_help.hpp"

using namespace kappa;
namespace po = boost::program_options;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot read it", path));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

struct ShardFile {
  std::string path;
  io::SweepSidecar side;
  std::string text;
  std::vector<std::string_view> records;  // header first
};

}  // namespace

int main(int argc, char** argv) {
  io::Tool tool("kappa-merge", tool_help);
  tool.options().add_options()("output,o", po::value<std::string>()->value_name("FILE"),
                               "write FILE atomically (and FILE.sweep.json) instead of stdout")(
      "shards", po::value<std::vector<std::string>>()->value_name("FILE"), "shard files (positional)");
  tool.positional().add("shards", -1);

  return tool.run(argc, argv, [&](const po::variables_map& vm) -> int {
    if (!vm.count("shards")) throw InputError("no shard files given (see kappa-merge --help)");
    const auto paths = vm["shards"].as<std::vector<std::string>>();
    const std::string out = vm.count("output") ? vm["output"].as<std::string>() : "";
    std::vector<std::string> inputs = paths;
    for (const auto& p : paths) inputs.push_back(io::sweep_sidecar_of(p));
    io::check_outputs(
        {{"-o", out},
         {"-o", out.empty() || out == "-" ? "" : io::sweep_sidecar_path(io::resolve_output(out).path)}},
        inputs);
    std::vector<ShardFile> files;
    for (const auto& path : paths) {
      ShardFile f;
      f.path = path;
      if (!exists(path) && exists(io::sweep_part_path(path)))
        throw InputError(
            fmt::format("{}: incomplete shard (only {} exists); finish it with kappa-sweep --resume", path,
                        io::sweep_part_path(path)));
      if (!exists(path)) throw InputError(fmt::format("{}: no such file", path));
      const auto side = io::sweep_sidecar_of(path);
      if (!exists(side))
        throw InputError(fmt::format("{}: {} is missing; not a kappa-sweep shard", path, side));
      f.side = io::read_sweep_sidecar(side);
      if (!f.side.complete)
        throw InputError(fmt::format("{}: incomplete shard; finish it with kappa-sweep --resume", path));
      files.push_back(std::move(f));
    }
    const auto& ref = files.front().side;
    const auto count = ref.shard.count;
    std::vector<const ShardFile*> by_index(count, nullptr);
    for (const auto& f : files) {
      if (f.side.sweep_id != ref.sweep_id || f.side.sweep != ref.sweep)
        throw InputError(fmt::format("{}: a different sweep than {} (sweep_id {} vs {})", f.path,
                                     files.front().path, f.side.sweep_id, ref.sweep_id));
      const auto c = f.side.shard.count,
                 i = f.side.shard.index;  // 1 <= i <= c: read_sweep_sidecar checked it
      if (c != count)
        throw InputError(
            fmt::format("{}: shard {}/{}, but {} is one of {}", f.path, i, c, files.front().path, count));
      if (by_index[i - 1])
        throw InputError(fmt::format("{}: shard {}/{} is also {}", f.path, i, count, by_index[i - 1]->path));
      by_index[i - 1] = &f;
    }
    for (std::uint64_t i = 0; i < count; ++i)
      if (!by_index[i])
        throw InputError(fmt::format("missing shard {}/{} of sweep {}", i + 1, count, ref.sweep_id));

    const bool csv = ref.sweep["format"] == "csv";
    const auto total = ref.grid.size();
    for (auto& f : files) {
      f.text = slurp(f.path);
      const auto valid = io::split_records(f.text, csv, f.records);
      const auto want = f.side.shard_points;
      if (valid != f.text.size() || f.records.size() != want + 1)
        throw InputError(fmt::format("{}: {} rows, expected {} for shard {}/{}", f.path,
                                     f.records.empty() ? 0 : f.records.size() - 1, want, f.side.shard.index,
                                     count));
      if (f.records.front() != files.front().records.front())
        throw InputError(fmt::format("{}: its header differs from {}", f.path, files.front().path));
      for (std::uint64_t j = 0; j < want; ++j) io::check_sweep_row(f.side, f.path, j, f.records[1 + j]);
    }

    io::Sink sink(out);
    fmt::memory_buffer buf;
    buf.append(files.front().records.front());
    for (std::uint64_t k = 0; k < total; ++k) {  // point k is row k / N of shard k mod N + 1
      buf.append(by_index[k % count]->records[1 + k / count]);
      if (buf.size() > (1 << 20)) {
        sink.write(std::string_view(buf.data(), buf.size()));
        buf.clear();
      }
    }
    sink.write(std::string_view(buf.data(), buf.size()));
    sink.commit();
    if (!out.empty() && out != "-" && !sink.in_place())
      io::write_sweep_sidecar(io::sweep_sidecar_path(sink.target()), ref.sweep, io::Shard{1, 1}, total, true);
    return io::exit_ok;
  });
}
