// The fused diagonal pass shared by gd and heavy-ball: one pass over memory per step that updates the
// state and, in the same pass, sums what the run loop tests at the new w (d = w − w*, λ the diagonal):
//   ‖w − w*‖² = Σ dᵢ²,   f − f* = ½ Σ λᵢ dᵢ²,   ‖∇f(w)‖² = Σ (λᵢ dᵢ)².
// Memory per coordinate: heavy ball reads λ, w, v and writes w, v (40 bytes; 48 with w* ≠ 0, read
// too); gd reads λ, w and writes w (24; 32). The sums add nothing: d is in a register.
//
// Same bits for any number of threads, and the same bits as Eigen's own reductions for n ≤ block_size:
// the coordinates are cut into fixed blocks of block_size (never depending on the thread count);
// inside a block the sum is taken in exactly the order of Eigen 3.4's vectorised redux
// (Eigen/src/Core/Redux.h, redux_impl<LinearVectorizedTraversal, NoUnrolling>: two packet
// accumulators over pairs of packets, their sum, one more packet, predux, then the scalar tail); the
// blocks' sums are added in block order. So for n ≤ block_size dist, f_gap and grad_norm are the bits
// of (w − w*).norm(), problem.f_gap(w) and g.norm() (tests/test_fused.cpp checks both claims).
#pragma once
#include <Eigen/Core>
#include <cmath>
#include <vector>

#include "kappa/optimizer.hpp"
#include "kappa/parallel.hpp"

// Eigen's packet types (__m128d …) as template arguments lose their alignment attribute, which is
// harmless here (every load and store is explicitly unaligned: ploadu/pstoreu); Eigen silences the
// same warning in its own headers.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wignored-attributes"

namespace kappa::optimizers::fused {

// 2^17 coordinates (1 MB per array): a multiple of every packet pair, large enough that the runs of
// the examples and tests (n ≤ 1e5) sum exactly as Eigen does, small enough for 2–8 threads at n = 1e7.
constexpr Eigen::Index block_size = Eigen::Index{1} << 17;

using Packet = Eigen::internal::packet_traits<double>::type;
constexpr Eigen::Index packet_size = Eigen::internal::unpacket_traits<Packet>::size;

struct Sums {
  double dd = 0, f = 0, gg = 0;
};

// The three accumulators for one lane type T (double or Packet), each sum only when wanted.
template <class T, bool F, bool G>
struct Acc {
  T dd{}, f{}, gg{};
  static Acc first(const T& d, const T& l) {
    using namespace Eigen::internal;
    Acc a;
    a.dd = pmul(d, d);
    if constexpr (F) a.f = pmul(l, a.dd);
    if constexpr (G) {
      const T g = pmul(l, d);
      a.gg = pmul(g, g);
    }
    return a;
  }
  void add(const Acc& o) {
    using namespace Eigen::internal;
    dd = padd(dd, o.dd);
    if constexpr (F) f = padd(f, o.f);
    if constexpr (G) gg = padd(gg, o.gg);
  }
};

// One block [begin, end): kernel.template update<T>(i) updates coordinates i .. i+|T|−1 and returns
// d = w_new − w* there; the sums in Eigen's redux order (see the header comment).
template <bool F, bool G, class Kernel>
Sums block(const Kernel& kernel, const double* l, Eigen::Index begin, Eigen::Index end) {
  using namespace Eigen::internal;
  constexpr Eigen::Index P = packet_size;
  using AP = Acc<Packet, F, G>;
  using AS = Acc<double, F, G>;
  const Eigen::Index m = end - begin;
  const Eigen::Index end2 = begin + (m / (2 * P)) * (2 * P), end1 = begin + (m / P) * P;
  auto packet = [&](Eigen::Index i) { return AP::first(kernel.template update<Packet>(i), ploadu<Packet>(l + i)); };
  auto scalar = [&](Eigen::Index i) { return AS::first(kernel.template update<double>(i), l[i]); };
  AS res;
  if (end1 > begin) {
    AP r0 = packet(begin);
    if (end1 - begin > P) {
      AP r1 = packet(begin + P);
      for (Eigen::Index i = begin + 2 * P; i < end2; i += 2 * P) {
        r0.add(packet(i));
        r1.add(packet(i + P));
      }
      r0.add(r1);
      if (end1 > end2) r0.add(packet(end2));
    }
    res.dd = predux(r0.dd);
    if constexpr (F) res.f = predux(r0.f);
    if constexpr (G) res.gg = predux(r0.gg);
    for (Eigen::Index i = end1; i < end; ++i) res.add(scalar(i));
  } else {
    res = scalar(begin);
    for (Eigen::Index i = begin + 1; i < end; ++i) res.add(scalar(i));
  }
  Sums s;
  s.dd = res.dd;
  if constexpr (F) s.f = res.f;
  if constexpr (G) s.gg = res.gg;
  return s;
}

// The update alone (plain step(), no measures): any order, all coordinates once.
template <class Kernel>
void update_only(const Kernel& kernel, Eigen::Index begin, Eigen::Index end) {
  constexpr Eigen::Index P = packet_size;
  Eigen::Index i = begin;
  for (; i + P <= end; i += P) kernel.template update<Packet>(i);
  for (; i < end; ++i) kernel.template update<double>(i);
}

template <bool F, bool G, class Kernel>
Sums pass(const Kernel& kernel, const double* l, Eigen::Index n, ParallelFor* pool, std::vector<Sums>& partial) {
  if (n == 0) return {};
  const Eigen::Index blocks = (n + block_size - 1) / block_size;
  if (blocks == 1) return block<F, G>(kernel, l, 0, n);
  partial.resize(static_cast<std::size_t>(blocks));
  auto range = [&](std::int64_t first, std::int64_t last) {
    for (std::int64_t b = first; b < last; ++b)
      partial[static_cast<std::size_t>(b)] = block<F, G>(kernel, l, b * block_size, std::min(n, (b + 1) * block_size));
  };
  if (pool) pool->run(blocks, range);
  else range(0, blocks);
  Sums total = partial[0];
  for (std::size_t b = 1; b < partial.size(); ++b) {
    total.dd += partial[b].dd;
    total.f += partial[b].f;
    total.gg += partial[b].gg;
  }
  return total;
}

// The measured step: runs the pass and fills info's dist (always), f_gap and grad_norm (when asked).
template <class Kernel>
void measured(const Kernel& kernel, const double* l, Eigen::Index n, const StepRequest& request,
              std::vector<Sums>& partial, StepInfo& info) {
  Sums s;
  if (request.f_gap && request.grad_norm) s = pass<true, true>(kernel, l, n, request.pool, partial);
  else if (request.f_gap) s = pass<true, false>(kernel, l, n, request.pool, partial);
  else if (request.grad_norm) s = pass<false, true>(kernel, l, n, request.pool, partial);
  else s = pass<false, false>(kernel, l, n, request.pool, partial);
  info.dist = std::sqrt(s.dd);
  if (request.f_gap) info.f_gap = 0.5 * s.f;
  if (request.grad_norm) info.grad_norm = std::sqrt(s.gg);
}

// The step of gd and heavy-ball: on a deterministic diagonal quadric their fused kernel (update only,
// or update and the run loop's measures), else Derived::general_step. Derived has
// `template <bool Optimum> Kernel kernel(const Problem&, Vector& w)` and
// `void general_step(Problem&, Vector& w)`, and calls reset_diagonal(problem) in its reset.
template <class Derived>
class DiagonalOptimizer : public Optimizer {
 public:
  StepInfo step(Problem& problem, Vector& w) final {
    auto& self = static_cast<Derived&>(*this);
    if (!diag_) self.general_step(problem, w);
    else if (zero_optimum_) update_only(self.template kernel<false>(problem, w), 0, w.size());
    else update_only(self.template kernel<true>(problem, w), 0, w.size());
    return {};
  }
  StepInfo step_measured(Problem& problem, Vector& w, const StepRequest& request) final {
    if (!diag_) return step(problem, w);
    auto& self = static_cast<Derived&>(*this);
    StepInfo info;
    if (zero_optimum_) measured(self.template kernel<false>(problem, w), diag_->data(), w.size(), request, partial_, info);
    else measured(self.template kernel<true>(problem, w), diag_->data(), w.size(), request, partial_, info);
    return info;
  }

 protected:
  void reset_diagonal(const Problem& problem) {
    diag_ = problem.stochastic() ? nullptr : problem.diagonal();
    zero_optimum_ = problem.w_star().isZero(0);
  }
  const Vector* diag_ = nullptr;  // λ of a deterministic diagonal quadric, else null
  bool zero_optimum_ = true;

 private:
  std::vector<Sums> partial_;
};

}  // namespace kappa::optimizers::fused

#pragma GCC diagnostic pop
