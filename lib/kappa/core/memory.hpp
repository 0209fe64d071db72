// Storage for the long vectors of the fused diagonal pass (λ, w, v at n = 10⁷ are 80 MB each).
// A step streams them once; with 4 KiB pages every 4 KiB of each stream costs a TLB miss, and on the
// measured machine (docs/performance.md) the pass ran 13–15 % faster on transparent huge pages.
#pragma once
#include <Eigen/Core>

namespace kappa {

// Vectors of at least this many bytes are advised onto huge pages (numpy's threshold for the same
// advice, numpy/core/src/multiarray/alloc.c).
constexpr std::size_t huge_page_min_bytes = std::size_t{4} << 20;

// An uninitialised vector of n doubles. When it holds at least huge_page_min_bytes its pages are
// advised with madvise(MADV_HUGEPAGE) before anything touches them, so the first write faults them in
// as 2 MiB pages where the kernel allows it (transparent_hugepage "madvise" or "always"); otherwise,
// or where the advice is refused or unknown, it is a plain Eigen vector. Values are never affected.
Eigen::VectorXd huge_page_vector(Eigen::Index n);

}  // namespace kappa
