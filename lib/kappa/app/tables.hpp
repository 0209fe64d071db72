// The computations of the tools that write a table (kappa-eig, kappa-counterexample, kappa-ddescent,
// kappa-gradflow), on setups: the tool's options parsed and validated once (kappa/cli/computations.hpp
// builds them from the command line), then computed into a TableOutput. The tool prints the result
// (io::ToolOutput) and kappa-check reads fields of it (io::RecordCollector): one code path.
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kappa/app/noise.hpp"
#include "kappa/app/params.hpp"
#include "kappa/io/output.hpp"
#include "kappa/io/table_output.hpp"
#include "kappa/learn/counterexamples.hpp"
#include "kappa/learn/gradflow.hpp"
#include "kappa/theory/spectrum.hpp"
#include "kappa/theory/theory.hpp"

namespace kappa::io {

// kappa-eig: per eigenvalue of the spectrum, the method's iteration matrix's eigenvalues, radius and
// regime; on request the matrix, on (v, w), kappa's state, or on (b, w) with b = -v, torch.optim.SGD's
// momentum buffer and the lecture's slide (the eigenvalues are the same, the off-diagonal entries
// change sign); with noise, each mode's stationary floor.
struct EigSetup {
  theory::Method method;
  Spectrum spectrum;
  TunedParams params;
  bool show_matrix = false;
  bool buffer = false;  // --convention buffer
  std::optional<NoiseOptions> noise;
  Json spectrum_options;  // the spectrum as given, for the parameters block
};
void eig(const EigSetup& setup, TableOutput& out);

// kappa-counterexample: a method on Lessard, Recht & Packard's function (lrp) or Nesterov's chain
// quadratic: the trace against the bounds, or (lrp) heavy ball's cycle, its basin, or the outcome per start.
struct CounterexampleSetup {
  enum class Mode { trace, cycle, basin, scan };
  std::string problem_spec;          // --problem: lrp | chain:N:KAPPA
  std::string method;                // heavy-ball | gd | nesterov | cg
  std::shared_ptr<Problem> problem;  // built from problem_spec
  double alpha = 0, beta = 0;        // given, or the method's default for (mu, L)
  double x0 = 3.3;
  int iters = 60;
  Mode mode = Mode::trace;
  std::string starts_text;     // --basin or --scan as given
  std::vector<double> starts;  // its starts, ascending

  bool lrp() const { return problem->kind() == "lrp"; }
  static constexpr double mu = 1.0;
  // lrp: 25 (its curvature is 1 or 25); chain: its kappa (mu = 1).
  double L() const { return lrp() ? 25.0 : static_cast<const counterexamples::ChainProblem&>(*problem).L(); }
};
void counterexample(const CounterexampleSetup& setup, TableOutput& out);

// kappa-ddescent: test error of min-norm random-features regression against the feature count p,
// averaged over seeds, on synthetic data or on a data table (X, y), both read at setup.
struct DdescentSetup {
  int n_train = 100, seeds = 10;
  std::uint64_t seed = 1;
  std::vector<Eigen::Index> ps;
  std::string data, target;  // the files; empty: synthetic
  Eigen::MatrixXd X;
  Eigen::VectorXd y;
  int n_test = 1000, dim = 20;  // synthetic
  double noise = 0.5;
};
void ddescent(const DdescentSetup& setup, TableOutput& out);

// kappa-gradflow: per layer of a deep network at initialisation, activation and gradient norms and
// the gain per layer; or the summary record alone.
struct GradflowSetup {
  gradflow::Config config;
  bool summary_only = false;
};
void gradflow(const GradflowSetup& setup, TableOutput& out);

}  // namespace kappa::io
