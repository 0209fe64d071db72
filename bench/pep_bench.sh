#!/usr/bin/env bash
# kappa-pep benchmarks (not run by ctest). Needs a Release build in build/ (scripts/build.sh).
#   bash bench/pep_bench.sh
# 1. One N = 5 problem (heavy ball at Polyak's parameters on [2, 50], |x0-x*|^2 -> |xN-x*|^2):
#    pep::solve's time in process (formulation + CSDP, median of 50), the whole kappa-pep process
#    (median of 20 runs), and the same SDP formulated straightforwardly in cvxopt (bench/pep_bench.py,
#    if python3-cvxopt is installed), with the ratio and both values.
# 2. A 50 x 50 (alpha, beta) map at N = 5 on 2 cores: 2500 kappa-pep processes, 2 at a time
#    (experiments/figures/fig13_pep_map.sh's driver; the solves in one process are serialised by a mutex,
#    so parallelism is across processes), and the same grid solved in one process, point after point.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
cmake --build "$build" --target kappa_math kappa-pep >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
g++ -std=c++20 -O2 -DNDEBUG -ffp-contract=off -Ilib -I/usr/include/eigen3 bench/pep_bench.cpp "$build/libkappa_math.a" \
  -lsdp -llapack -lblas -lfmt -lpthread -o "$tmp/pep_bench"
args=(heavy-ball 0.05555555555555555 0.4444444444444444 2 50 5)
echo "== one N = 5 problem: heavy ball, alpha = 1/18, beta = 4/9, mu = 2, L = 50, dist -> dist"
k=$("$tmp/pep_bench" "${args[@]}" 50)
echo "   kappa (pep::solve, in process): $k"
t=()
for i in $(seq 20); do
  s=$(date +%s%N)
  "$build/bin/kappa-pep" --method heavy-ball --alpha 0.05555555555555555 --beta 0.4444444444444444 --mu 2 --L 50 --steps 5 \
    --format csv > /dev/null
  t+=($(( ($(date +%s%N) - s) / 1000 )))
done
proc_ms=$(printf '%s\n' "${t[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] / 1000 }')
echo "   kappa-pep whole process (median of 20): $proc_ms ms"
if /usr/bin/python3 -c 'import cvxopt' 2>/dev/null; then
  c=$(/usr/bin/python3 bench/pep_bench.py "${args[@]}" 20)
  echo "   cvxopt peer (solvers.sdp, same formulation written in Python): $c"
  kt=$(echo "$k" | sed -n 's/.*solve_ms_median=\([0-9.]*\).*/\1/p'); ct=$(echo "$c" | sed -n 's/.*solve_ms_median=\([0-9.]*\).*/\1/p')
  kv=$(echo "$k" | sed -n 's/.*worst_case=\([0-9.e+-]*\).*/\1/p'); cv=$(echo "$c" | sed -n 's/.*worst_case=\([0-9.e+-]*\).*/\1/p')
  awk -v kt="$kt" -v ct="$ct" -v kv="$kv" -v cv="$cv" 'BEGIN {
    printf "   ratio cvxopt / kappa solve time: %.1fx; values %s vs %s (relative difference %.1e)\n", ct / kt, kv, cv, (cv - kv) / kv }'
else
  echo "   (python3-cvxopt not installed: no peer)"
fi
echo "== 50 x 50 (alpha, beta) map at N = 5, 2 processes at a time"
s=$(date +%s%N)
FIG_OUT=$tmp NA=50 NB=50 STEPS=5 JOBS=2 bash experiments/figures/fig13_pep_map.sh --data-only > /dev/null
ms=$(( ($(date +%s%N) - s) / 1000000 ))
rows=$(($(wc -l < "$tmp/fig13_pep_map.csv") - 1))
echo "   $rows points in $(awk -v m=$ms 'BEGIN { printf "%.1f", m / 1000 }') s ($(awk -v m=$ms -v r=$rows 'BEGIN { printf "%.1f", m / r }') ms per point, wall)"
echo "== the same map in one process, one point after another (pep::solve + quadratic_worst)"
echo "   $("$tmp/pep_bench" map 50 50 5)"
