// The computations kappa-check can run, one table entry per tool: adding a tool to the claim
// language is one line here (its validation and its record, both library calls the tool uses too).
#include <boost/program_options.hpp>

#include "kappa/claims/claims.hpp"
#include "kappa/cli/computations.hpp"
#include "kappa/cli/evaluate.hpp"
#include "kappa/cli/optimizer_options.hpp"
#include "kappa/cli/pep_tool.hpp"

namespace po = boost::program_options;

namespace kappa::claims {
namespace {

using AddOptions = void (*)(po::options_description&);
po::variables_map parse_with(AddOptions add, const io::OptionMap& options) {
  po::options_description desc;
  add(desc);
  return io::parse_option_map(desc, options);
}

// A table tool (kappa/app/tables.hpp): validate (its setup, no computation), or collect the record
// the tool would print as --format json.
template <AddOptions add, auto setup>
void validate_table(const io::OptionMap& options) {
  setup(parse_with(add, options));
}
template <AddOptions add, auto setup, auto compute>
Json evaluate_table(const io::OptionMap& options) {
  io::RecordCollector out;
  compute(setup(parse_with(add, options)), out);
  return out.take();
}

void validate_rate(const io::OptionMap& options) { io::evaluate_rate(options); }  // closed forms: cheap
void validate_pep(const io::OptionMap& options) {  // the problem's checks, no solve
  io::pep_setup(io::parse_option_map(io::pep_options_description(), options));
}
void validate_run(const io::OptionMap& options) {
  io::run_setup(io::parse_option_map(io::run_options_description(), options));
}

}  // namespace

const std::vector<ComputeKind>& compute_kinds() {
  static const std::vector<ComputeKind> kinds = {
      {"kappa-rate", validate_rate, io::evaluate_rate},
      {"kappa-eig", validate_table<io::add_eig_options, io::eig_setup>,
       evaluate_table<io::add_eig_options, io::eig_setup, io::eig>},
      {"kappa-run", validate_run, io::evaluate_run},
      {"kappa-counterexample", validate_table<io::add_counterexample_options, io::counterexample_setup>,
       evaluate_table<io::add_counterexample_options, io::counterexample_setup, io::counterexample>},
      {"kappa-ddescent", validate_table<io::add_ddescent_options, io::ddescent_setup>,
       evaluate_table<io::add_ddescent_options, io::ddescent_setup, io::ddescent>},
      {"kappa-gradflow", validate_table<io::add_gradflow_options, io::gradflow_setup>,
       evaluate_table<io::add_gradflow_options, io::gradflow_setup, io::gradflow>},
      {"kappa-pep", validate_pep, io::evaluate_pep},
      // kappa-sweep is not an entry: its claims carry a grid and run kappa-rate or kappa-run per point.
  };
  return kinds;
}

const ComputeKind* find_compute_kind(std::string_view tool) {
  for (const auto& k : compute_kinds())
    if (k.tool == tool) return &k;
  return nullptr;
}

}  // namespace kappa::claims
