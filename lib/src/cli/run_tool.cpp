// kappa-run's computation as a library call (io::evaluate_run): the same setup and loop as the tool,
// without a trace, so kappa-sweep evaluates exactly what kappa-run would report.
#include "kappa/cli/evaluate.hpp"
#include "kappa/cli/noise_run.hpp"
#include "kappa/cli/optimizer_options.hpp"
#include "kappa/run/run.hpp"

namespace kappa::io {

Json evaluate_run(const OptionMap& options) { return run_record(parse_option_map(run_options_description(), options)); }

Json run_record(const boost::program_options::variables_map& vm) {
  auto setup = run_setup(vm);
  // A finite sum records the rows for its measured noise floor (the rows read the exact gradient only).
  NoiseFloorRecorder recorder(nullptr, setup.settings.max_iter, setup.settings.every);
  const bool floors = has_noise_floor(setup);
  const Summary s = run(*setup.problem, *setup.optimizer, setup.w0, setup.settings, floors ? &recorder : nullptr);
  Json out;
  out["method"] = setup.parameters["optimizer"]["method"];
  out["params"] = setup.parameters["optimizer"];
  out.update(summary_json(s));
  add_noise_floors(out, setup, recorder);
  return out;
}

}  // namespace kappa::io
