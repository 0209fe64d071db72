// The sweep engine's run: the output (stdout, a device written in place, or FILE.part renamed to
// FILE at the end), resume, the ordered thread pool and SIGINT/SIGTERM.
//
// Files of a sweep -o FILE: while it runs, FILE.part (the rows, locked with flock) and
// FILE.part.sweep.json (its sidecar, complete: false); at the end the sidecar is rewritten with
// complete: true, then FILE.part is renamed to FILE and FILE.part.sweep.json to FILE.sweep.json.
// A previous FILE and its sidecar stay untouched until then; a run stopped between the two renames
// leaves FILE with FILE.part.sweep.json, which sweep_sidecar_of() reads and --resume completes.
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"
#include "sweep_plan.hpp"

namespace kappa::io {
namespace {

using sweep_detail::path_exists;
using sweep_detail::Plan;
using sweep_detail::Row;
using sweep_detail::row_values;

volatile std::sig_atomic_t g_signal = 0;
extern "C" void on_sweep_signal(int sig) { g_signal = sig; }

std::string duration(double s) {
  if (s < 60) return fmt::format("{:.1f}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", static_cast<int>(s) / 60, static_cast<int>(s) % 60);
  return fmt::format("{}h{:02}m", static_cast<int>(s) / 3600, static_cast<int>(s) / 60 % 60);
}

// Checks that a sidecar describes this sweep and shard (the --resume refusals).
void check_same_sweep(const SweepSidecar& side, const Plan& plan, const Shard& shard,
                      const std::string& data) {
  if (side.sweep_id != fnv1a_hex(plan.identity.dump()) || side.sweep != plan.identity)
    throw InputError(fmt::format(
        "--resume: {} was written by a different sweep (its {} differs from this command)", data, side.path));
  if (side.shard.index != shard.index || side.shard.count != shard.count)
    throw InputError(fmt::format("--resume: {} is shard {}/{}, this command is shard {}/{}", side.path,
                                 side.shard.index, side.shard.count, shard.index, shard.count));
}

void rename_or_throw(const std::string& from, const std::string& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0)
    throw RuntimeError(fmt::format("cannot rename {} to {}: {}", from, to, std::strerror(errno)));
}

// Workers evaluate chunks of consecutive shard-local indices; the caller's thread writes finished
// chunks in order, so the output is always a prefix of the grid order. The destructor stops and
// joins the workers whatever happened (a write error, no memory): no thread outlives the pool.
class OrderedPool {
 public:
  struct Failure {
    std::uint64_t chunk, point;
    std::string message;
    bool input;
  };

  OrderedPool(const Plan& plan, std::uint64_t first_chunk, unsigned threads)
      : plan_(plan),
        n_chunks_((plan.points() + plan.chunk - 1) / plan.chunk),
        window_(4 * threads),
        next_(first_chunk),
        written_(first_chunk) {
    try {
      for (unsigned t = 0; t < threads; ++t) {
        pool_.emplace_back([this] { work(); });
        ++running_;
      }
    } catch (const std::system_error& e) {
      const auto started = pool_.size();
      stop_all();
      throw RuntimeError(
          fmt::format("-j {}: cannot start thread {}: {}; use a smaller -j", threads, started + 1, e.what()));
    }
  }
  ~OrderedPool() { stop_all(); }

  // Waits up to 100 ms; moves the chunks ready in order into `batch`. False when all is done.
  bool next_batch(std::vector<std::pair<std::uint64_t, std::vector<Row>>>& batch, bool stop) {
    std::unique_lock lock(mu_);
    cv_main_.wait_for(lock, std::chrono::milliseconds(100),
                      [&] { return ready_.count(written_) || running_ == 0; });
    while (ready_.count(written_) && !(failure_ && written_ > failure_->chunk)) {
      batch.emplace_back(written_, std::move(ready_[written_]));
      ready_.erase(written_++);
    }
    if (stop) stop_ = true;
    if (failure_ && written_ > failure_->chunk) stop_ = true;
    const bool finished = running_ == 0 && !ready_.count(written_);
    cv_work_.notify_all();
    return !finished;
  }
  const std::optional<Failure>& failure() const { return failure_; }

 private:
  void stop_all() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_work_.notify_all();
    for (auto& t : pool_)
      if (t.joinable()) t.join();
  }

  void work() {
    for (;;) {
      std::uint64_t c;
      {
        std::unique_lock lock(mu_);
        cv_work_.wait(lock, [&] { return stop_ || next_ >= n_chunks_ || next_ < written_ + window_; });
        if (stop_ || next_ >= n_chunks_ || (failure_ && next_ > failure_->chunk)) break;
        c = next_++;
      }
      std::vector<Row> rows;
      std::optional<Failure> f;
      const std::uint64_t j0 = c * plan_.chunk, j1 = std::min(plan_.points(), j0 + plan_.chunk);
      for (std::uint64_t j = j0; j < j1 && !f; ++j) {
        const std::uint64_t k = plan_.point(j);
        try {
          rows.push_back(sweep_detail::evaluate_point(plan_, k));
        } catch (const InputError& e) {
          f = Failure{c, k, option_message(e), true};
        } catch (const std::bad_alloc&) {
          f = Failure{c, k, "out of memory", false};
        } catch (const std::exception& e) {
          f = Failure{c, k, e.what(), false};
        }
      }
      std::lock_guard lock(mu_);
      if (f && (!failure_ || f->point < failure_->point)) failure_ = f;
      ready_.emplace(c, std::move(rows));
      cv_main_.notify_one();
    }
    std::lock_guard lock(mu_);
    --running_;
    cv_main_.notify_one();
  }

  const Plan& plan_;
  const std::uint64_t n_chunks_, window_;
  std::mutex mu_;
  std::condition_variable cv_main_, cv_work_;
  std::map<std::uint64_t, std::vector<Row>> ready_;
  std::uint64_t next_, written_;
  bool stop_ = false;
  std::optional<Failure> failure_;
  unsigned running_ = 0;
  std::vector<std::thread> pool_;
};

// SIGINT/SIGTERM set g_signal while the sweep runs; the previous handlers come back after it.
class SignalScope {
 public:
  SignalScope() {
    g_signal = 0;
    old_int_ = std::signal(SIGINT, on_sweep_signal);
    old_term_ = std::signal(SIGTERM, on_sweep_signal);
  }
  ~SignalScope() {
    std::signal(SIGINT, old_int_);
    std::signal(SIGTERM, old_term_);
  }

 private:
  void (*old_int_)(int) = SIG_DFL;
  void (*old_term_)(int) = SIG_DFL;
};

}  // namespace

int run_sweep(const SweepSpec& spec, const Tool& tool) {
  // The output first, before any work: a directory, or a device with --shard/--resume, is refused.
  OutputTarget target;
  if (!spec.output.empty()) {
    target = resolve_output(spec.output);
    if (target.directory)
      throw InputError(fmt::format("-o {}: is a directory (expected a file name)", spec.output));
    if (target.in_place && (spec.shard || spec.resume))
      throw InputError(fmt::format(
          "-o {}: not a regular file; --shard and --resume need one (FILE.part and FILE.sweep.json go beside it)",
          spec.output));
  }
  {
    std::vector<std::string> inputs;  // files the points read: an output must not be one of them
    for (const auto& [k, v] : spec.fixed) {
      if (k == "matrix" || k == "data") inputs.push_back(v);
      if (k == "spectrum" && v.starts_with("file:")) inputs.push_back(v.substr(5));
    }
    check_outputs({{"-o", spec.output}}, inputs);
  }
  const Plan plan = sweep_detail::make_plan(spec);
  const Shard shard = spec.shard.value_or(Shard{});
  const std::uint64_t todo_total = plan.points();
  const bool to_file = !spec.output.empty() && !target.in_place;
  const std::string data = to_file ? target.path : spec.output;
  const std::string part = sweep_part_path(data), part_side = sweep_sidecar_path(part),
                    side = sweep_sidecar_path(data);

  std::uint64_t done = 0;
  const bool had_part = to_file && path_exists(part);
  if (to_file && spec.resume && !had_part && path_exists(data)) {
    const auto s = read_sweep_sidecar(sweep_sidecar_of(data));
    check_same_sweep(s, plan, shard, data);
    if (s.path == part_side) rename_or_throw(part_side, side);  // stopped between the two renames
    std::fprintf(stderr, "kappa-sweep: %s is complete; nothing to resume\n", spec.output.c_str());
    return exit_ok;
  }
  std::optional<Sink> sink;
  if (to_file)
    sink.emplace(data, SinkOptions{part, spec.resume, true});
  else
    sink.emplace(spec.output);
  if (to_file && spec.resume && had_part) {
    const std::string which =
        path_exists(part_side) ? part_side : side;  // FILE.sweep.json: older kappa-sweep
    if (!path_exists(which))
      throw InputError(
          fmt::format("--resume: {} is missing; cannot tell which sweep wrote {}", part_side, part));
    check_same_sweep(read_sweep_sidecar(which), plan, shard, part);
    const std::string text = sink->read_part();
    std::vector<std::string_view> recs;
    const std::size_t valid = split_records(text, spec.format == Format::csv, recs);
    done = recs.empty() ? 0 : std::min<std::uint64_t>(recs.size() - 1, todo_total);
    sink->keep(done ? valid : 0);
  }
  if (to_file) write_sweep_sidecar(part_side, plan.identity, shard, done, false);
  RowWriter writer(*sink, spec.format, plan.columns, tool.context(plan.identity), done == 0);

  const SignalScope signals;
  const std::uint64_t done_at_start = done;
  int interrupted = 0;
  std::optional<OrderedPool::Failure> failure;
  {
    OrderedPool pool(plan, done / plan.chunk, spec.threads);  // resume: recompute the rest of a partial chunk
    const bool progress = ::isatty(2);
    const auto t0 = std::chrono::steady_clock::now();
    auto last_flush = t0, last_progress = t0;
    std::vector<Value> scratch;
    for (bool more = true; more;) {
      std::vector<std::pair<std::uint64_t, std::vector<Row>>> batch;
      const bool stop = g_signal && !interrupted;
      if (stop) interrupted = g_signal;
      more = pool.next_batch(batch, stop);
      for (auto& [c, rows] : batch)
        for (std::size_t i = 0; i < rows.size(); ++i) {
          if (c * plan.chunk + i < done_at_start) continue;  // resume: already in the file
          sweep_detail::put_row(writer, rows[i], scratch);
          ++done;
        }
      const auto now = std::chrono::steady_clock::now();
      if (now - last_flush > std::chrono::milliseconds(500) || !more) {
        writer.flush();
        last_flush = now;
      }
      if (progress && now - last_progress > std::chrono::milliseconds(250)) {
        const double el = std::chrono::duration<double>(now - t0).count();
        const double rate = static_cast<double>(done - done_at_start) / std::max(el, 1e-9);
        const double left = rate > 0 ? static_cast<double>(todo_total - done) / rate : 0;
        std::fprintf(stderr, "\rkappa-sweep: %llu/%llu points (%.1f%%), %s elapsed, %s left   ",
                     static_cast<unsigned long long>(done), static_cast<unsigned long long>(todo_total),
                     todo_total ? 100.0 * static_cast<double>(done) / static_cast<double>(todo_total) : 100.0,
                     duration(el).c_str(), duration(left).c_str());
        last_progress = now;
      }
    }
    failure = pool.failure();
    if (progress) std::fprintf(stderr, "\r\033[K");
  }
  writer.flush();
  if (failure) {
    if (to_file) sink->sync();
    const auto msg = fmt::format("point {}: {}", failure->point, failure->message);
    if (failure->input) throw InputError(msg);
    throw RuntimeError(msg);
  }
  if (interrupted) {
    if (to_file) {
      sink->sync();
      write_sweep_sidecar(part_side, plan.identity, shard, done, false);
    }
    std::fprintf(stderr, "kappa-sweep: interrupted (%s) after %llu of %llu points%s\n",
                 interrupted == SIGINT ? "SIGINT" : "SIGTERM", static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(todo_total),
                 to_file ? fmt::format("; {} holds them, --resume finishes the sweep", part).c_str() : "");
    std::signal(interrupted, SIG_DFL);
    std::raise(interrupted);
    return 128 + interrupted;
  }
  writer.finish();
  if (to_file) {
    sink->sync();
    write_sweep_sidecar(part_side, plan.identity, shard, done, true);
  }
  sink->commit();
  if (to_file) rename_or_throw(part_side, side);
  return exit_ok;
}

std::vector<std::string> sweep_rows(
    const SweepSpec& spec_in,
    const std::function<void(std::uint64_t point, std::span<const Value> cells)>& row) {
  SweepSpec spec = spec_in;
  spec.output.clear();
  spec.shard.reset();
  spec.resume = false;
  const Plan plan = sweep_detail::make_plan(spec);
  std::optional<OrderedPool::Failure> failure;
  {
    OrderedPool pool(plan, 0, spec.threads);
    std::vector<Value> scratch;
    for (bool more = true; more;) {
      std::vector<std::pair<std::uint64_t, std::vector<Row>>> batch;
      more = pool.next_batch(batch, false);
      for (auto& [c, rows] : batch)
        for (std::size_t i = 0; i < rows.size(); ++i) row(c * plan.chunk + i, row_values(rows[i], scratch));
    }
    failure = pool.failure();
  }
  if (failure) {
    const auto msg = fmt::format("point {}: {}", failure->point, failure->message);
    if (failure->input) throw InputError(msg);
    throw RuntimeError(msg);
  }
  return plan.columns;
}

}  // namespace kappa::io
