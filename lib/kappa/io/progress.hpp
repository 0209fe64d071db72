// A run's progress on a terminal: one line rewritten in place with \r (iteration, the fraction of the
// iteration limit done, the stop rule's measure relative to its start, elapsed time), shown only once
// the run has lasted `delay` seconds, redrawn at most every `interval` seconds, cleared at the end.
// It updates on trace rows, so --every J redraws it every J iterations at most.
#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "kappa/run/run.hpp"

namespace kappa::io {

// Whether stderr is a terminal (isatty(2)): the only case the tools attach a ProgressLine.
bool stderr_is_terminal();

class ProgressLine final : public RunObserver {
 public:
  ProgressLine(std::string tool, std::FILE* out, double delay_seconds = 0.5, double interval_seconds = 0.25);
  void begin(const RunInfo& info) override;
  RowAction row(const TraceRow& r) override;
  void end(const Summary& s) override;
  bool shown() const { return shown_; }  // whether a line was ever drawn

 private:
  using Clock = std::chrono::steady_clock;
  std::string tool_;
  std::FILE* out_;
  Clock::duration delay_, interval_;
  Clock::time_point start_{}, last_{};
  std::int64_t max_iter_ = 0;
  bool rule_dist_ = true;
  double start_measure_ = 1;
  std::size_t width_ = 0;  // length of the line on screen
  bool shown_ = false;
};

}  // namespace kappa::io
