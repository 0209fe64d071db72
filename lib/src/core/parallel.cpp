#include "kappa/core/parallel.hpp"

#include <fmt/format.h>

#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "kappa/core/errors.hpp"

namespace kappa {

struct ParallelFor::State {
  std::mutex mutex;
  std::condition_variable start, done;
  std::uint64_t generation = 0;
  int pending = 0;
  bool stop = false;
  const std::function<void(std::int64_t, std::int64_t)>* fn = nullptr;
  std::int64_t tasks = 0;
  std::vector<std::thread> workers;
};

namespace {

std::pair<std::int64_t, std::int64_t> piece(int t, int threads, std::int64_t tasks) {
  return {tasks * t / threads, tasks * (t + 1) / threads};
}

}  // namespace

ParallelFor::ParallelFor(int threads) : threads_(threads), state_(std::make_unique<State>()) {
  if (threads < 1) throw FieldError("threads", fmt::format(" {}: must be >= 1", threads));
  State& s = *state_;
  auto worker = [&s, threads](int t) {
    std::uint64_t seen = 0;
    std::unique_lock lock(s.mutex);
    for (;;) {
      s.start.wait(lock, [&] { return s.stop || s.generation != seen; });
      if (s.stop) return;
      seen = s.generation;
      const auto* fn = s.fn;
      const auto [first, last] = piece(t, threads, s.tasks);
      lock.unlock();
      if (first < last) (*fn)(first, last);
      lock.lock();
      if (--s.pending == 0) s.done.notify_one();
    }
  };
  try {
    s.workers.reserve(static_cast<std::size_t>(threads - 1));
    for (int t = 1; t < threads; ++t) s.workers.emplace_back(worker, t);
  } catch (const std::system_error& e) {
    const auto started = s.workers.size() + 1;
    {
      std::lock_guard lock(s.mutex);
      s.stop = true;
    }
    s.start.notify_all();
    for (auto& w : s.workers) w.join();
    throw RuntimeError(
        fmt::format("cannot start thread {} of {} ({}); use fewer threads", started + 1, threads, e.what()));
  }
}

ParallelFor::~ParallelFor() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stop = true;
  }
  state_->start.notify_all();
  for (auto& w : state_->workers) w.join();
}

void ParallelFor::run(std::int64_t tasks, const std::function<void(std::int64_t, std::int64_t)>& fn) {
  State& s = *state_;
  if (threads_ == 1 || tasks < 2) {
    if (tasks > 0) fn(0, tasks);
    return;
  }
  {
    std::lock_guard lock(s.mutex);
    s.fn = &fn;
    s.tasks = tasks;
    s.pending = threads_ - 1;
    ++s.generation;
  }
  s.start.notify_all();
  const auto [first, last] = piece(0, threads_, tasks);
  if (first < last) fn(first, last);
  std::unique_lock lock(s.mutex);
  s.done.wait(lock, [&] { return s.pending == 0; });
}

}  // namespace kappa
