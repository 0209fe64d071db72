// kappa-check: a document's numerical claims (claim files, kappa/claims.hpp) checked in CI.
#include <fmt/format.h>

#include <thread>

#include "kappa/claims.hpp"
#include "kappa/errors.hpp"
#include "kappa/io/cli.hpp"
#include "kappa/io/parse.hpp"

using namespace kappa;
namespace po = boost::program_options;

int main(int argc, char** argv) {
  io::Tool tool(
      "kappa-check", "kappa-check FILE... [-j N] [--only ID]... [--list] [--junit FILE] [--strict] [--format F] [-o FILE]",
      "Evaluates every claim of the claim files (JSON; schema in docs/check.md): runs\n"
      "the computation (a kappa-rate / kappa-eig / kappa-run invocation or a built-in computation) and\n"
      "checks what the claim expects: equality within a tolerance, agreement of two fields, an inequality,\n"
      "an outcome. An erratum passes when the document's stated value is shown wrong and the correct one\n"
      "holds; errata are listed after the table. A computation that throws or diverges unexpectedly is an\n"
      "error. Claims that need a capability this build lacks (\"requires\") are skipped with the reason.\n"
      "Exit status: 0 every claim passed or is a confirmed erratum (skips allowed unless --strict);\n"
      "1 a claim failed, errored (or was skipped, with --strict); 2 usage error or malformed claim file.",
      "  kappa-check experiments/claims/lecture.json\n"
      "  kappa-check experiments/claims/lecture.json -j 2 --junit build/claims.xml\n"
      "  kappa-check experiments/claims/lecture.json --only gd.rate_optimal --format json\n"
      "  kappa-check experiments/claims/lecture.json --list");
  tool.options().add_options()
      ("files", po::value<std::vector<std::string>>()->value_name("FILE"), "claim files")
      ("jobs,j", po::value<std::string>()->value_name("N"), "evaluate on N threads (default: the hardware's)")
      ("only", po::value<std::vector<std::string>>()->value_name("ID"), "evaluate only this claim (repeatable)")
      ("list", po::bool_switch(), "list the claims (id, computation, erratum, requires, source, statement); evaluate none")
      ("junit", po::value<std::string>()->value_name("FILE"), "also write JUnit XML to FILE (atomically)")
      ("strict", po::bool_switch(), "a skipped claim counts as a failure")
      ("without", po::value<std::vector<std::string>>()->value_name("CAP"),
       "treat capability CAP (kappa-run, method:adam, ...) as missing: its claims are skipped (repeatable)");
  tool.positional().add("files", -1);
  tool.add_output_options();

  return tool.run(argc, argv, [&](const po::variables_map& vm) {
    const auto format = tool.format(vm);
    if (!vm.count("files")) throw InputError("no claim file given (usage: kappa-check FILE...)");
    const auto paths = vm["files"].as<std::vector<std::string>>();
    int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (vm.count("jobs")) {
      const auto j = io::parse_int("--jobs", vm["jobs"].as<std::string>());
      if (j < 1 || j > 1024) throw InputError(fmt::format("--jobs {}: must be in [1, 1024]", j));
      jobs = static_cast<int>(j);
    }
    std::vector<claims::ClaimFile> files;
    for (const auto& p : paths) files.push_back(claims::load_claim_file(p));
    std::vector<const claims::Claim*> selected;
    const auto only = vm.count("only") ? vm["only"].as<std::vector<std::string>>() : std::vector<std::string>{};
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
    auto caps = claims::probe_capabilities();
    if (vm.count("without"))
      for (const auto& cap : vm["without"].as<std::vector<std::string>>()) {
        if (!caps.count(cap)) throw InputError(fmt::format("--without {}: unknown capability (known: {})", cap, fmt::join(claims::known_capabilities(), ", ")));
        caps[cap] = {false, "disabled by --without"};
      }
    const auto results = claims::evaluate_all(selected, jobs, caps);
    const auto summary = claims::summarize(results);
    io::Json params;
    params["files"] = paths;
    params["jobs"] = jobs;
    params["only"] = only;
    params["strict"] = vm["strict"].as<bool>();
    if (format == io::Format::table) {
      sink.write(claims::table_report(results));
    } else if (format == io::Format::json) {
      io::Json out = tool.context(params);
      out.update(claims::json_report(results));
      io::write_record(sink, format, out);
    } else {
      io::RowWriter w(sink, format, {"file", "id", "status", "expected", "measured", "tolerance", "message", "seconds"},
                      tool.context(params));
      for (const auto& r : results) {
        const auto& o = r.outcome;
        w.row({std::string_view(r.claim->file), std::string_view(r.claim->id), claims::to_string(o.status),
               std::string_view(o.expected), std::string_view(o.measured), std::string_view(o.tolerance),
               std::string_view(o.message), o.seconds});
      }
      w.finish();
    }
    if (vm.count("junit")) {
      io::Sink junit(vm["junit"].as<std::string>());
      junit.write(claims::junit_report(results));
      junit.commit();
    }
    sink.commit();
    const bool failed = summary.fail + summary.error > 0 || (vm["strict"].as<bool>() && summary.skipped > 0);
    return failed ? io::exit_runtime : io::exit_ok;
  });
}
