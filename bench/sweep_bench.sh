#!/usr/bin/env bash
# kappa-sweep benchmarks (not run by ctest). Needs a Release build in build/ (scripts/build.sh).
#   bash bench/sweep_bench.sh [theory|run]     (default: both)
# 1. The heavy-ball (alpha, beta) rate map, 1000 x 1000 x 100 eigenvalues = 1e8 radii: RateKernel on
#    1 and 2 threads vs a chunked vectorised numpy closed form (same run), plus the vectorisation
#    report of the compiler for the kernel.
# 2. Per-point overhead of kappa-sweep --mode run (n = 2, 100 steps) vs a shell loop of kappa-run.
set -euo pipefail
what=${1:-all}
cd "$(dirname "$0")/.."
build=${BUILD:-build}
cmake --build "$build" --target kappa_math kappa-sweep kappa-run >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
flags=(-std=c++20 -O3 -DNDEBUG -ffp-contract=off -Ilib)
if [[ $what != run ]]; then
echo "== compiler vectorisation report for lib/src/theory/rate_map.cpp (the kernels' inner loops):"
g++ "${flags[@]}" -fno-math-errno -fno-trapping-math -fopt-info-vec-optimized -c lib/src/theory/rate_map.cpp -o "$tmp/rm.o" 2>&1 \
  | grep "loop vectorized" | sort | uniq -c
echo "   AVX2 clone: $(objdump -d "$tmp/rm.o" | grep -c 'vsqrtpd.*ymm') vsqrtpd ymm instructions"
# The library is unity-built: an object the bench needs may also hold the PEP code, hence CSDP.
g++ "${flags[@]}" bench/sweep_bench.cpp "$build/libkappa_math.a" -lsdp -llapack -lblas $(pkg-config --libs fmt 2>/dev/null || echo -lfmt) -lpthread -o "$tmp/sweep_bench"
echo "== theory map (machine shared: timings are noisy; best of 3)"
out=$("$tmp/sweep_bench" "$tmp/map.bin")
echo "$out" | grep -v '^T1='
t2=$(echo "$out" | sed -n 's/.*T2=\([0-9.]*\).*/\1/p')
c2=$(echo "$out" | sed -n 's/.*C2=\([0-9.]*\).*/\1/p')
/usr/bin/python3 bench/sweep_bench.py theory "$tmp/map.bin" "$t2" "$c2"
fi
[[ $what == theory ]] && exit 0
echo "== run-mode overhead"
/usr/bin/python3 bench/sweep_bench.py run "$build/bin"
