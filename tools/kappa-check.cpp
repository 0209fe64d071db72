// kappa-check: a document's numerical claims (claim files, kappa/claims/claims.hpp) checked in CI.
#include <fmt/format.h>

#include <thread>

#include "kappa/claims/claims.hpp"
#include "kappa/cli/cli.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"

#include "tool_help.hpp"

using namespace kappa;
namespace po = boost::program_options;

int main(int argc, char** argv) {
  io::Tool tool("kappa-check", tool_help);
  tool.options().add_options()("files", po::value<std::vector<std::string>>()->value_name("FILE"),
                               "claim files")("jobs,j", po::value<std::string>()->value_name("N"),
                                              "evaluate on N threads (default: the hardware's)")(
      "only", po::value<std::vector<std::string>>()->value_name("ID"),
      "evaluate only this claim (repeatable)")(
      "list", po::bool_switch(),
      "list the claims (id, computation, erratum, source, statement); evaluate none")(
      "junit", po::value<std::string>()->value_name("FILE"), "also write JUnit XML to FILE (atomically)")(
      "strict", po::bool_switch(),
      "accepted for old scripts: no claim is ever skipped, so every run is strict")(
      "without", po::value<std::vector<std::string>>()->value_name("CAP"),
      "removed (refused): capabilities are no longer probed");
  tool.positional().add("files", -1);
  tool.add_output_options();

  return tool.run(argc, argv, [&](const po::variables_map& vm) {
    const auto format = tool.format(vm);
    if (vm.count("without"))
      throw InputError(
          fmt::format("--without {}: removed: every computation is built in and no claim is skipped",
                      vm["without"].as<std::vector<std::string>>().front()));
    if (!vm.count("files")) throw InputError("no claim file given (usage: kappa-check FILE...)");
    const auto paths = vm["files"].as<std::vector<std::string>>();
    io::check_outputs(
        {{"-o", tool.output_path(vm)}, {"--junit", vm.count("junit") ? vm["junit"].as<std::string>() : ""}},
        paths);
    int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (vm.count("jobs")) {
      const auto j = io::parse_int("--jobs", vm["jobs"].as<std::string>());
      if (j < 1 || j > 1024) throw InputError(fmt::format("--jobs {}: must be in [1, 1024]", j));
      jobs = static_cast<int>(j);
    }
    std::vector<claims::ClaimFile> files;
    for (const auto& p : paths) files.push_back(claims::load_claim_file(p));
    std::vector<const claims::Claim*> selected;
    const auto only =
        vm.count("only") ? vm["only"].as<std::vector<std::string>>() : std::vector<std::string>{};
    for (const auto& id : only) {
      bool found = false;
      for (const auto& f : files)
        for (const auto& c : f.claims) found = found || c.id == id;
      if (!found) throw InputError(fmt::format("--only {}: no such claim in {}", id, fmt::join(paths, ", ")));
    }
    for (const auto& f : files)
      for (const auto& c : f.claims)
        if (only.empty() || std::find(only.begin(), only.end(), c.id) != only.end()) selected.push_back(&c);

    io::Sink sink(tool.output_path(vm));
    if (vm["list"].as<bool>()) {
      sink.write(claims::list_report(selected));
      sink.commit();
      return io::exit_ok;
    }
    const auto results = claims::evaluate_all(selected, jobs);
    const auto summary = claims::summarize(results);
    io::Json params;
    params["files"] = paths;
    params["jobs"] = jobs;
    params["only"] = only;
    params["strict"] = vm["strict"].as<bool>();
    claims::report(results, io::to_string(format), sink, tool.context(params));
    if (vm.count("junit")) {
      io::Sink junit(vm["junit"].as<std::string>());
      claims::report(results, "junit", junit, tool.context(params));
      junit.commit();
    }
    sink.commit();
    const bool failed = summary.fail + summary.error > 0;
    return failed ? io::exit_runtime : io::exit_ok;
  });
}
