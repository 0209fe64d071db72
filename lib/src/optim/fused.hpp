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
// of (w − w*).norm(), problem.f_gap(w) and g.norm() (tests/unit/optim/test_fused.cpp checks both claims).
#pragma once
#include <Eigen/Core>
#include <cmath>
#include <cstring>
#include <vector>

#include "kappa/core/parallel.hpp"
#include "kappa/optim/optimizer.hpp"

// Eigen's packet types (__m128d …) as template arguments lose their alignment attribute, which is
// harmless here (every load and store is unaligned: memcpy); Eigen silences the same warning in its
// own headers.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wignored-attributes"

namespace kappa::optimizers::fused {

// 2^17 coordinates (1 MB per array): a multiple of every packet pair, large enough that the runs of
// the examples and tests (n ≤ 1e5) sum exactly as Eigen does, small enough for 2–8 threads at n = 1e7.
constexpr Eigen::Index block_size = Eigen::Index{1} << 17;

// The lanes a kernel computes on: double, Packet (Eigen's SSE2 pair, the baseline of x86-64) and, on
// a CPU with AVX, Quad (4 doubles, GCC's vector extension; AVX instructions where it is inlined into
// block_avx). Kernels are written once, with + − × and these loads and stores, for all three.
using Packet = Eigen::internal::packet_traits<double>::type;
constexpr Eigen::Index packet_size = Eigen::internal::unpacket_traits<Packet>::size;
using Quad = double __attribute__((vector_size(32)));

// The AVX blocks are g++'s: clang refuses a Quad returned from a function without the AVX target even
// where that function is always_inline into one with it, so a clang build (the sanitizer build) runs
// the pairs, with the same bits. A build for AVX itself (KAPPA_NATIVE) has Eigen's wider packets as
// its baseline and needs no dispatch.
#if defined(__x86_64__) && !defined(__clang__) && !defined(__AVX__)
#define KAPPA_FUSED_AVX 1
#else
#define KAPPA_FUSED_AVX 0
#endif

template <class T>
[[gnu::always_inline]] inline T load(const double* p) {
  T x;
  std::memcpy(&x, p, sizeof x);
  return x;
}
template <class T>
[[gnu::always_inline]] inline void store(double* p, const T& x) {
  std::memcpy(p, &x, sizeof x);
}
// a in every lane. a − 0 is a exactly, the sign of a zero included (0 + a would turn −0 into +0,
// where Eigen's pset1 kept it).
template <class T>
[[gnu::always_inline]] inline T splat(double a) {
  return a - T{};
}

// What gd's and heavy ball's kernels both read at coordinate i of f = ½ Σ λᵢ(wᵢ − w*ᵢ)²: w, w* (zero
// without an optimum: not read) and the gradient λ∘(w − w*) (λ∘w without an optimum).
template <class T>
struct DiagonalGradient {
  T x, s, g;
};
template <bool Optimum, class T>
[[gnu::always_inline]] inline DiagonalGradient<T> diagonal_gradient(const double* x, const double* l,
                                                                    const double* s, Eigen::Index i) {
  DiagonalGradient<T> d{load<T>(x + i), T{}, T{}};
  if constexpr (Optimum) d.s = load<T>(s + i);
  d.g = Optimum ? load<T>(l + i) * (d.x - d.s) : load<T>(l + i) * d.x;
  return d;
}

// Which lanes the pass uses: avx where the build has the AVX blocks and the CPU (and the OS) has AVX,
// else sse2. The bits are the same either way (block_avx's note); tests set it to run both.
enum class Lanes { sse2, avx };
Lanes& lanes();

struct Sums {
  double dd = 0, f = 0, gg = 0;
};

// The three accumulators for one lane type T, each sum only when wanted.
template <class T, bool F, bool G>
struct Acc {
  T dd{}, f{}, gg{};
  [[gnu::always_inline]] static Acc first(const T& d, const T& l) {
    Acc a;
    a.dd = d * d;
    if constexpr (F) a.f = l * a.dd;
    if constexpr (G) {
      const T g = l * d;
      a.gg = g * g;
    }
    return a;
  }
  [[gnu::always_inline]] void add(const Acc& o) {
    dd = dd + o.dd;
    if constexpr (F) f = f + o.f;
    if constexpr (G) gg = gg + o.gg;
  }
};

// The scalar tail after the packets, and the sums out: res holds the packets' horizontal sums.
template <bool F, bool G, class Kernel>
[[gnu::always_inline]] inline Sums tail(const Kernel& kernel, const double* l, Acc<double, F, G> res,
                                        Eigen::Index from, Eigen::Index end) {
  for (Eigen::Index i = from; i < end; ++i)
    res.add(Acc<double, F, G>::first(kernel.template update<double>(i), l[i]));
  Sums s;
  s.dd = res.dd;
  if constexpr (F) s.f = res.f;
  if constexpr (G) s.gg = res.gg;
  return s;
}

// Eigen's predux: the high half added to the low half until one lane is left (a pair: lane 0 + lane 1).
template <class V>
[[gnu::always_inline]] inline double predux(const V& v) {
  if constexpr (sizeof(V) == sizeof(double)) {
    return v;
  } else if constexpr (sizeof(V) == 2 * sizeof(double)) {
    return v[0] + v[1];
  } else {
    using Half = double __attribute__((vector_size(sizeof(V) / 2)));
    Half lo, hi;
    std::memcpy(&lo, &v, sizeof lo);
    std::memcpy(&hi, reinterpret_cast<const char*>(&v) + sizeof lo, sizeof hi);
    return predux(lo + hi);
  }
}

template <bool F, bool G>
[[gnu::always_inline]] inline Acc<double, F, G> horizontal(const Acc<Packet, F, G>& r) {
  Acc<double, F, G> res;
  res.dd = predux(r.dd);
  if constexpr (F) res.f = predux(r.f);
  if constexpr (G) res.gg = predux(r.gg);
  return res;
}

// One block [begin, end) on Eigen's packets (SSE2 pairs on baseline x86-64): kernel.template
// update<T>(i) updates coordinates i .. i+|T|−1 and returns d = w_new − w* there; the sums in Eigen's
// redux order (header comment):
// r0 over the packets at begin + 2Pk, r1 over those at begin + 2Pk + P, r0 + r1, the last packet, the
// horizontal sum, the tail.
template <bool F, bool G, class Kernel>
[[gnu::always_inline]] inline Sums block(const Kernel& kernel, const double* l, Eigen::Index begin,
                                         Eigen::Index end) {
  constexpr Eigen::Index P = packet_size;
  using AP = Acc<Packet, F, G>;
  const Eigen::Index m = end - begin;
  const Eigen::Index end2 = begin + (m / (2 * P)) * (2 * P), end1 = begin + (m / P) * P;
  auto packet = [&](Eigen::Index i) {
    return AP::first(kernel.template update<Packet>(i), load<Packet>(l + i));
  };
  if (end1 == begin)
    return tail<F, G>(kernel, l, Acc<double, F, G>::first(kernel.template update<double>(begin), l[begin]),
                      begin + 1, end);
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
  return tail<F, G>(kernel, l, horizontal(r0), end1, end);
}

#if KAPPA_FUSED_AVX
// The same block on AVX. One Quad accumulator over the quads at begin + 4k holds r0 in its lanes 0–1
// and r1 in lanes 2–3, each lane adding the same products in the same order as block's; its low half
// plus its high half is r0 + r1. So every sum has block's bits (tests/unit/optim/test_fused.cpp checks both
// against Eigen). No FMA: the target is "avx" alone, so no product and sum are contracted.
template <bool F, bool G, class Kernel>
[[gnu::target("avx")]] Sums block_avx(const Kernel& kernel, const double* l, Eigen::Index begin,
                                      Eigen::Index end) {
  static_assert(packet_size == 2, "block_avx assumes SSE2 pairs as the baseline");
  using AP = Acc<Packet, F, G>;
  using AQ = Acc<Quad, F, G>;
  const Eigen::Index m = end - begin;
  if (m < 4) return block<F, G>(kernel, l, begin, end);
  const Eigen::Index end2 = begin + (m / 4) * 4, end1 = begin + (m / 2) * 2;
  // No lambdas here: a lambda's body would not carry the target, and Quad would not be AVX in it.
  AQ r = AQ::first(kernel.template update<Quad>(begin), load<Quad>(l + begin));
  for (Eigen::Index i = begin + 4; i < end2; i += 4)
    r.add(AQ::first(kernel.template update<Quad>(i), load<Quad>(l + i)));
  AP r0;
  r0.dd = Packet{r.dd[0], r.dd[1]} + Packet{r.dd[2], r.dd[3]};
  if constexpr (F) r0.f = Packet{r.f[0], r.f[1]} + Packet{r.f[2], r.f[3]};
  if constexpr (G) r0.gg = Packet{r.gg[0], r.gg[1]} + Packet{r.gg[2], r.gg[3]};
  if (end1 > end2) r0.add(AP::first(kernel.template update<Packet>(end2), load<Packet>(l + end2)));
  return tail<F, G>(kernel, l, horizontal(r0), end1, end);
}

template <class Kernel>
[[gnu::target("avx")]] void update_only_avx(const Kernel& kernel, Eigen::Index begin, Eigen::Index end) {
  Eigen::Index i = begin;
  for (; i + 4 <= end; i += 4) kernel.template update<Quad>(i);
  for (; i < end; ++i) kernel.template update<double>(i);
}
#endif

// One block on the lanes in use.
template <bool F, bool G, class Kernel>
Sums block_any(const Kernel& kernel, const double* l, Eigen::Index begin, Eigen::Index end) {
#if KAPPA_FUSED_AVX
  if (lanes() == Lanes::avx) return block_avx<F, G>(kernel, l, begin, end);
#endif
  return block<F, G>(kernel, l, begin, end);
}

// The update alone (plain step(), no measures): any order, all coordinates once.
template <class Kernel>
void update_only(const Kernel& kernel, Eigen::Index begin, Eigen::Index end) {
#if KAPPA_FUSED_AVX
  if (lanes() == Lanes::avx) return update_only_avx(kernel, begin, end);
#endif
  constexpr Eigen::Index P = packet_size;
  Eigen::Index i = begin;
  for (; i + P <= end; i += P) kernel.template update<Packet>(i);
  for (; i < end; ++i) kernel.template update<double>(i);
}

template <bool F, bool G, class Kernel>
Sums pass(const Kernel& kernel, const double* l, Eigen::Index n, ParallelFor* pool,
          std::vector<Sums>& partial) {
  if (n == 0) return {};
  const Eigen::Index blocks = (n + block_size - 1) / block_size;
  if (blocks == 1) return block_any<F, G>(kernel, l, 0, n);
  partial.resize(static_cast<std::size_t>(blocks));
  auto range = [&](std::int64_t first, std::int64_t last) {
    for (std::int64_t b = first; b < last; ++b)
      partial[static_cast<std::size_t>(b)] =
          block_any<F, G>(kernel, l, b * block_size, std::min(n, (b + 1) * block_size));
  };
  if (pool)
    pool->run(blocks, range);
  else
    range(0, blocks);
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
  if (request.f_gap && request.grad_norm)
    s = pass<true, true>(kernel, l, n, request.pool, partial);
  else if (request.f_gap)
    s = pass<true, false>(kernel, l, n, request.pool, partial);
  else if (request.grad_norm)
    s = pass<false, true>(kernel, l, n, request.pool, partial);
  else
    s = pass<false, false>(kernel, l, n, request.pool, partial);
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
    if (!diag_)
      self.general_step(problem, w);
    else if (zero_optimum_)
      update_only(self.template kernel<false>(problem, w), 0, w.size());
    else
      update_only(self.template kernel<true>(problem, w), 0, w.size());
    return {};
  }
  StepInfo step_measured(Problem& problem, Vector& w, const StepRequest& request) final {
    if (!diag_) return step(problem, w);
    auto& self = static_cast<Derived&>(*this);
    StepInfo info;
    if (zero_optimum_)
      measured(self.template kernel<false>(problem, w), diag_->data(), w.size(), request, partial_, info);
    else
      measured(self.template kernel<true>(problem, w), diag_->data(), w.size(), request, partial_, info);
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
