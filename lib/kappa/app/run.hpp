// kappa-run's computation on its setup: the problem, the optimizer, the start and the settings,
// built once from the options (kappa/cli/optimizer_options.hpp's run_setup), so kappa-run,
// kappa-sweep's run mode and kappa-check's run claims run the same loop.
#pragma once
#include <memory>

#include "kappa/io/output.hpp"
#include "kappa/optim/optimizer.hpp"
#include "kappa/problems/problem.hpp"
#include "kappa/run/run.hpp"

namespace kappa::io {

// Everything one run needs, resolved. parameters: every resolved value, for the context.
struct RunSetup {
  std::unique_ptr<Problem> problem;
  std::unique_ptr<Optimizer> optimizer;
  Vector w0;
  RunSettings settings;
  Json parameters;
};

// kappa-run's summary record (no trace): method, params, the summary_json keys and, on a finite sum,
// the theory and measured noise floors. Takes the setup whole: the run iterates on its w0 in place
// (no copy of an n-vector) and resets its optimizer first.
Json run_record(RunSetup setup);

// The summary as JSON (snake_case keys, stable).
Json summary_json(const Summary& s);

// The optimizer's resolved parameters with their types, by output key.
Json parameters_json(const Optimizer& optimizer);

}  // namespace kappa::io
