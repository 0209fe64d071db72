#!/usr/bin/env bash
# kappa-run's outputs from two builds, byte for byte, over the fused kernels' cases (gd, heavy-ball;
# w* zero and not; stop on dist and f_gap; every row and sparse rows; converged, max_iter, diverged)
# and, for the new build, every --threads N against N = 1.
# Usage: bench/run_identity.sh OLD_BIN_DIR NEW_BIN_DIR
set -u
old=$1 new=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
same=0 differ=0
check() {  # args: kappa-run arguments
  "$old/kappa-run" "$@" >"$tmp/a" 2>&1; local ra=$?
  "$new/kappa-run" "$@" >"$tmp/b" 2>&1; local rb=$?
  if [[ $ra == "$rb" ]] && cmp -s "$tmp/a" "$tmp/b"; then same=$((same + 1)); else differ=$((differ + 1)); echo "DIFFERS: kappa-run $*"; fi
}
threads() {  # the new build at N = 2, 3, 7 against N = 1
  "$new/kappa-run" "$@" --threads 1 >"$tmp/t1" 2>&1
  for t in 2 3 7; do
    "$new/kappa-run" "$@" --threads $t >"$tmp/tn" 2>&1
    if cmp -s "$tmp/t1" "$tmp/tn"; then same=$((same + 1)); else differ=$((differ + 1)); echo "THREADS $t DIFFER: kappa-run $*"; fi
  done
}
for m in "gd --alpha 0.0198" "heavy-ball" "heavy-ball --alpha 0.03 --beta 0.5"; do
  for spec in "--kappa 100" "--spectrum geom:1:100:1000" "--spectrum linear:1:100:30 --optimum randn:2 --w0 randn:3" \
              "--spectrum geom:1:1000:100003 --optimum ones"; do
    for run in "--iters 300" "--iters 5000 --every 100" "--stop f_gap --iters 400 --every 7" "--tol 0 --iters 50"; do
      for fmt in "--format csv" "--format json" "--format table"; do
        # shellcheck disable=SC2086
        check --method $m $spec $run $fmt
      done
    done
  done
done
check --method gd --spectrum linear:1:10:50 --alpha 0.5 --iters 100 --format csv       # diverges
check --method heavy-ball --spectrum linear:1:10:50 --alpha 0.5 --beta 0.9 --iters 100 --format jsonl
# The line-search methods (strong Wolfe calls Problem::value_and_gradient) on every kind of problem.
for m in "lbfgs" "bfgs --line-search strong-wolfe" "cg --line-search strong-wolfe" "steepest --line-search strong-wolfe" "lbfgs --history-size 3 --max-ls 5"; do
  for p in "--spectrum geom:1:100:50 --optimum randn:1" "--spectrum linear:1:30:40 --rotate 3 --optimum ones" \
           "--matrix $(dirname "$0")/../tests/data/bcsstk01.mtx --w0 randn:1" "--model sigmoid-fit --w0 zeros" "--problem chain:20:50"; do
    # shellcheck disable=SC2086
    check --method $m $p --iters 200 --format csv
  done
done
for n in 131071 131072 131073 262147 1000003; do
  for m in "gd --alpha 0.0198" "heavy-ball"; do
    # shellcheck disable=SC2086
    threads --method $m --spectrum geom:1:100:$n --optimum randn:1 --w0 randn:2 --iters 30 --every 3 --stop f_gap --format csv
    # shellcheck disable=SC2086
    threads --method $m --spectrum geom:1:100:$n --iters 30 --format json
  done
done
echo "identical: $same, different: $differ"
[[ $differ == 0 ]]
