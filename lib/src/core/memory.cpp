#include "kappa/core/memory.hpp"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace kappa {

Eigen::VectorXd huge_page_vector(Eigen::Index n) {
  Eigen::VectorXd v(n);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const auto bytes = static_cast<std::size_t>(n) * sizeof(double);
  if (bytes >= huge_page_min_bytes) {
    // madvise takes a page-aligned start. The advice changes no contents, so the part of the first
    // page before v.data() (glibc's block header, or a neighbour's bytes when the block came from the
    // heap) is unharmed; a refusal only loses the speed.
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto first = reinterpret_cast<std::uintptr_t>(v.data()) & ~(page - 1);
    const auto end = reinterpret_cast<std::uintptr_t>(v.data()) + bytes;
    (void)madvise(reinterpret_cast<void*>(first), end - first, MADV_HUGEPAGE);
  }
#endif
  return v;
}

}  // namespace kappa
