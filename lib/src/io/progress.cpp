#include "kappa/io/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

namespace kappa::io {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

namespace {
std::chrono::steady_clock::duration seconds(double s) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(s));
}
}  // namespace

ProgressLine::ProgressLine(std::string tool, std::FILE* out, double delay_seconds, double interval_seconds)
    : tool_(std::move(tool)),
      out_(out),
      delay_(seconds(delay_seconds)),
      interval_(seconds(interval_seconds)) {}

void ProgressLine::begin(const RunInfo& info) {
  start_ = Clock::now();
  max_iter_ = info.settings.max_iter;
  rule_dist_ = info.settings.rule == StopRule::dist;
  start_measure_ = rule_dist_ ? info.dist0 : info.f_gap0;
}

RowAction ProgressLine::row(const TraceRow& r) {
  const auto now = Clock::now();
  if (now - start_ < delay_ || (shown_ && now - last_ < interval_)) return RowAction::proceed();
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double measure = (rule_dist_ ? r.dist : r.f_gap) / start_measure_;
  std::string line = fmt::format(
      "{}: iteration {} / {} ({:.0f}%)  {} / start {:.3g}  {:.1f} s", tool_, r.iter, max_iter_,
      max_iter_ > 0 ? 100.0 * static_cast<double>(r.iter) / static_cast<double>(max_iter_) : 100.0,
      rule_dist_ ? "dist" : "f_gap", measure, elapsed);
  const std::size_t len = line.size();
  if (len < width_) line.append(width_ - len, ' ');  // cover the end of a longer previous line
  width_ = std::max(width_, len);
  std::fputc('\r', out_);
  std::fputs(line.c_str(), out_);
  std::fflush(out_);
  shown_ = true;
  return RowAction::proceed();
}

void ProgressLine::end(const Summary&) {
  if (!shown_) return;
  // Clear the line: blanks over it, the cursor back at its start.
  std::fputc('\r', out_);
  std::fputs(std::string(width_, ' ').c_str(), out_);
  std::fputc('\r', out_);
  std::fflush(out_);
}

}  // namespace kappa::io
