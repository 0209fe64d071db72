#!/bin/bash
# kappa-run --threads N: the fused diagonal pass gives the same bytes for every N (sizes past one and
# several 2^17-coordinate blocks, prime, w* = 0 and not, both stop rules, rows and summary); N is not
# part of the output; methods without a fused pass accept and ignore it.
set -u
BIN=${KAPPA_BIN:-build/bin}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
for n in 7 131101 393241; do
  for m in "gd --alpha 0.0198" "heavy-ball"; do
    for extra in "--optimum randn:1 --w0 randn:2 --stop f_gap --every 4" "--every 1"; do
      # shellcheck disable=SC2086
      "$BIN/kappa-run" --method $m --spectrum geom:1:100:$n $extra --iters 25 --format json --threads 1 >"$T/1" 2>&1
      for t in 2 3 7; do
        # shellcheck disable=SC2086
        "$BIN/kappa-run" --method $m --spectrum geom:1:100:$n $extra --iters 25 --format json --threads $t >"$T/$t" 2>&1
        if ! cmp -s "$T/1" "$T/$t"; then echo "FAIL: --threads $t differs from 1: --method $m n=$n $extra"; fail=1; fi
      done
    done
  done
done
grep -q '"threads"' "$T/1" && { echo "FAIL: threads written into the output"; fail=1; }
"$BIN/kappa-run" --method adam --kappa 10 --lr 0.1 --iters 20 --format csv --threads 1 >"$T/a1"
"$BIN/kappa-run" --method adam --kappa 10 --lr 0.1 --iters 20 --format csv --threads 2 >"$T/a2"
cmp -s "$T/a1" "$T/a2" || { echo "FAIL: adam with --threads 2 differs"; fail=1; }
exit $fail
