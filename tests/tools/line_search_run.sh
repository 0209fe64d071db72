#!/usr/bin/env bash
# kappa-run with the line-search methods: the 2-D zig-zag of steepest descent (f − f* falls by
# exactly ((κ−1)/(κ+1))² = 0.64 per step on κ = 9 from w0 = (9, 1), w1 flips sign), cg reaching w* in
# n = 2 steps, every method converging to --tol on a rotated quadric, and bad input (exit 2, one line).
# The checks below use awk and printf on numbers: keep their own parsing in the C locale (kappa's
# output is locale-independent, which tests/tools/hardening_output.sh checks under de_DE.UTF-8).
export LC_ALL=C
set -u
bin=${KAPPA_BIN:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
err() { echo "FAIL: $*"; fail=1; }
printf '9\n1\n' > "$tmp/w0.txt"

"$bin/kappa-run" --method steepest --kappa 9 --w0 "file:$tmp/w0.txt" --iters 6 --tol 0 --format csv >"$tmp/zz.csv" 2>"$tmp/err" \
  || err "steepest zig-zag exited $?: $(cat "$tmp/err")"
# Columns iter,f_gap,dist,grad_norm,w0,w1; the ratio and the closed form w_k = (9·0.8^k, (−0.8)^k).
awk -F, 'NR == 1 { next }
  NR > 2 { r = $2 / prev; if (r < 0.64 * (1 - 1e-12) || r > 0.64 * (1 + 1e-12)) { print "ratio " r " at iter " $1; bad = 1 } }
  { prev = $2; k = $1; e0 = 9 * 0.8 ^ k; e1 = (-0.8) ^ k
    if (($5 - e0) ^ 2 > 1e-24 * e0 ^ 2 || ($6 - e1) ^ 2 > 1e-24 * e1 ^ 2) { print "w at iter " k ": " $5 "," $6; bad = 1 } }
  END { if (NR != 8) { print "expected 7 rows, got " NR - 1; bad = 1 } exit bad }' "$tmp/zz.csv" || err "steepest zig-zag"

"$bin/kappa-run" --method cg --kappa 9 --w0 "file:$tmp/w0.txt" --iters 10 --tol 1e-12 --format csv >"$tmp/cg.csv" 2>"$tmp/err" \
  || err "cg exited $?"
last=$(tail -n 1 "$tmp/cg.csv" | cut -d, -f1)
[ "$last" = 2 ] || err "cg on n = 2 should converge at iteration 2, last row is iteration $last"

for m in steepest cg bfgs lbfgs; do
  iters=40; [ $m = steepest ] && iters=3000; [ $m = lbfgs ] && iters=200
  "$bin/kappa-run" --method $m --spectrum geom:1:100:20 --rotate 3 --iters $iters --tol 1e-12 --every 100000 \
    --format json >"$tmp/$m.json" 2>"$tmp/err" || err "$m exited $?: $(cat "$tmp/err")"
  /usr/bin/python3 - "$tmp/$m.json" "$m" <<'PY' || err "$m summary"
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
ok = s["status"] == "converged" and s["message"].startswith("converged") and s["dist"] <= 1e-12 * 20 ** 0.5
if not ok:
    print(sys.argv[2], s["status"], s["dist"], s["message"])
sys.exit(0 if ok else 1)
PY
done

check_bad() {  # expected stderr text, then the arguments
  local needle=$1; shift
  "$bin/kappa-run" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [ $rc = 2 ] || err "$* exited $rc (expected 2)"
  [ ! -s "$tmp/out" ] || err "$*: output on stdout"
  [ "$(wc -l <"$tmp/err")" = 1 ] || err "$*: $(wc -l <"$tmp/err") stderr lines"
  grep -qF -- "kappa-run: $needle" "$tmp/err" || err "$*: stderr '$(cat "$tmp/err")' lacks '$needle'"
}
check_bad "--history-size: method bfgs has no such parameter" --method bfgs --history-size 5 --kappa 10
check_bad "--beta: method cg has no such parameter" --method cg --beta 0.5 --kappa 10
check_bad "--alpha 0.5: only used with the strong-wolfe line search" --method bfgs --alpha 0.5 --kappa 10
check_bad "--alpha: method steepest has no such parameter" --method steepest --alpha 0.5 --kappa 10
check_bad "--method lbfgs: needs exact gradients and values; problem 'finite-sum' is stochastic" \
  --method lbfgs --finite-sum 10 --kappa 10
check_bad "--method bfgs: keeps a dense 20000x20000 matrix (3.2 GB, limit 1 GiB); use lbfgs" \
  --method bfgs --spectrum geom:1:10:20000 --iters 1
exit $fail
