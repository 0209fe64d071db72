#include "fused.hpp"

namespace kappa::optimizers::fused {

Lanes& lanes() {
#if KAPPA_FUSED_AVX
  // GCC's and clang's check covers the OS too: AVX counts only where XGETBV shows the YMM state saved.
  static Lanes in_use = __builtin_cpu_supports("avx") ? Lanes::avx : Lanes::sse2;
#else
  static Lanes in_use = Lanes::sse2;
#endif
  return in_use;
}

}  // namespace kappa::optimizers::fused
