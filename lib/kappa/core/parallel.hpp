// A fixed set of threads that split a range of tasks into contiguous pieces, one per thread, and
// return when every piece is done. Used by the fused diagonal kernels (--threads N): each task is one
// fixed block of coordinates writing its own partial sums, so the result does not depend on how many
// threads ran the blocks, nor which.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>

namespace kappa {

class ParallelFor {
 public:
  // threads − 1 workers are started (the caller is the first thread); RuntimeError when one cannot be.
  explicit ParallelFor(int threads);
  ~ParallelFor();
  ParallelFor(const ParallelFor&) = delete;
  ParallelFor& operator=(const ParallelFor&) = delete;

  int threads() const { return threads_; }
  // Thread t of T calls fn(first, last) on [t·tasks/T, (t+1)·tasks/T) (skipped when empty); the calling
  // thread is t = 0. fn must not throw.
  void run(std::int64_t tasks, const std::function<void(std::int64_t, std::int64_t)>& fn);

 private:
  struct State;
  int threads_;
  std::unique_ptr<State> state_;
};

}  // namespace kappa
