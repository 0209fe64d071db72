#!/usr/bin/env bash
# Divergence is a result, not a crash; a killed run loses nothing; a closed pipe is quiet.
#  - kappa-run gd with alpha beyond 2/L ends with status diverged at the iteration predicted by the
#    update written out (exit 0, one stderr line);
#  - Adam on a badly scaled problem (lr far too large for the stiff direction) ends diverged or at
#    the limit without a crash, with finite JSON;
#  - kappa-sweep records a diverged point and goes on to the next;
#  - kappa-counterexample ends the trace at divergence (no NaN rows) and says where;
#  - kappa-run -o FILE killed with SIGTERM mid-run leaves the previous FILE and no temp file;
#  - a long kappa-run piped into head ends quietly.
set -euo pipefail
bin=${KAPPA_BIN:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
json() { /usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

# gd on diag(1, 10) from w0 = (1, 1), w* = 0, alpha = 0.25: w_k = ((1-0.25)^k, (1-2.5)^k). kappa-run's
# rule: diverged at the first k with |w_k| > 1e10 |w_0|.
expect=$(awk 'BEGIN { d0 = sqrt(2); for (k = 1; k < 1000; k++) { d = sqrt(0.75^(2*k) + 1.5^(2*k)); if (d > 1e10 * d0) { print k; exit } } }')
[ "$expect" = 58 ] || fail "awk reference: $expect"
"$bin/kappa-run" --method gd --kappa 10 --alpha 0.25 --iters 2000 --format json >"$tmp/gd.json" 2>"$tmp/err" || fail "gd: exit $?"
[ "$(json "$tmp/gd.json" 'd["summary"]["status"]')" = diverged ] || fail "gd: status $(json "$tmp/gd.json" 'd["summary"]["status"]')"
[ "$(json "$tmp/gd.json" 'd["summary"]["iterations"]')" = "$expect" ] || fail "gd: diverged at $(json "$tmp/gd.json" 'd["summary"]["iterations"]'), expected $expect"
[ "$(json "$tmp/gd.json" 'd["rows"][-1]["iter"]')" = "$expect" ] || fail "gd: the trace does not end at the divergence"
[ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "kappa-run: diverged at iteration $expect:" "$tmp/err" || fail "gd: stderr: $(cat "$tmp/err")"

# Adam (torch's defaults) with lr 10 on diag(1e-4, 1e4) rotated: the step is ~lr per coordinate
# whatever the scale, so the iterate must not blow up to inf/nan: a result either way, never a crash.
if "$bin/kappa-run" --method adam --lr 10 --spectrum geom:1e-4:1e4:4 --rotate 1 --iters 500 --format json >"$tmp/adam.json" 2>"$tmp/err"; then
  status=$(json "$tmp/adam.json" 'd["summary"]["status"]')
  case "$status" in diverged|max_iter|converged) ;; *) fail "adam: status $status" ;; esac
  /usr/bin/python3 - "$tmp/adam.json" <<'PY' || fail "adam: a non-finite number in the JSON"
import json, sys
json.load(open(sys.argv[1]), parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
PY
elif grep -q "not built yet" "$tmp/err"; then
  echo "SKIP adam: $(cat "$tmp/err")"
else
  fail "adam: exit $?, $(cat "$tmp/err")"
fi
# Heavy ball with alpha far beyond the stability limit 2(1+beta)/L diverges too (Adam-like badly
# scaled failure on the momentum path), with the iteration reported.
"$bin/kappa-run" --method heavy-ball --kappa 1e4 --alpha 0.1 --beta 0.5 --iters 1000 --format json >"$tmp/hb.json" 2>/dev/null || fail "heavy-ball: exit $?"
[ "$(json "$tmp/hb.json" 'd["summary"]["status"]')" = diverged ] || fail "heavy-ball: not diverged"

# kappa-sweep: point 1 diverges (iteration 58, as above), points 0 and 2 run to the limit.
"$bin/kappa-sweep" --mode run --method gd --kappa 10 --grid alpha=0.1,0.25,0.1 --iters 200 --format csv -j 1 >"$tmp/s.csv" 2>"$tmp/err" || fail "sweep: exit $?"
[ "$(wc -l <"$tmp/s.csv")" = 4 ] || fail "sweep: $(wc -l <"$tmp/s.csv") lines"
awk -F, 'NR==1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
         { st[$1] = $c["status"]; it[$1] = $c["iterations"] }
         END { exit !(st[0] == "max_iter" && st[1] == "diverged" && it[1] == 58 && st[2] == "max_iter") }' "$tmp/s.csv" \
  || fail "sweep rows: $(cut -d, -f1-4 "$tmp/s.csv" | tr '\n' ' ')"

# kappa-counterexample gd, alpha 1 on lrp from 3.3: x1 = 3.3 - (25*3.3 - 24) = -55.2, then x < 1 so
# x_{k+1} = x_k - 25 x_k = -24 x_k: |x_k| = 55.2*24^(k-1); diverged at the first |x_k| > 1e10*3.3.
expect=$(awk 'BEGIN { for (k = 1; k < 100; k++) if (55.2 * 24^(k-1) > 3.3e10) { print k; exit } }')
"$bin/kappa-counterexample" --method gd --alpha 1 --iters 2000 --format json >"$tmp/ce.json" 2>"$tmp/err" || fail "counterexample: exit $?"
[ "$(json "$tmp/ce.json" 'd["status"]')" = diverged ] || fail "counterexample: status"
[ "$(json "$tmp/ce.json" 'd["diverged_at"]')" = "$expect" ] || fail "counterexample: diverged_at $(json "$tmp/ce.json" 'd["diverged_at"]'), expected $expect"
[ "$(json "$tmp/ce.json" 'd["rows"][-1]["k"]')" = "$expect" ] || fail "counterexample: rows after the divergence"
grep -q "diverged at iteration $expect:" "$tmp/err" || fail "counterexample: stderr $(cat "$tmp/err")"
"$bin/kappa-counterexample" --method gd --alpha 1 --iters 2000 --format csv >"$tmp/ce.csv" 2>/dev/null
! grep -qi nan "$tmp/ce.csv" || fail "counterexample: NaN rows in the csv"
"$bin/kappa-counterexample" --method gd --iters 50 --format json >"$tmp/ok.json" 2>"$tmp/err"
[ "$(json "$tmp/ok.json" 'd["status"]')" = completed ] && [ ! -s "$tmp/err" ] || fail "counterexample: a converging run is not 'completed'"

# SIGTERM mid-run: the previous FILE stays, the temp file beside it is removed.
echo previous >"$tmp/r.csv"
"$bin/kappa-run" --method gd --spectrum linear:1:10:100000 --iters 100000000 --tol 0 --format csv -o "$tmp/r.csv" 2>"$tmp/err" &
pid=$!
for _ in $(seq 100); do ls "$tmp" | grep -q 'r\.csv\.tmp' && break; sleep 0.1; done
ls "$tmp" | grep -q 'r\.csv\.tmp' || fail "kill: no temp file appeared (the run did not start writing)"
kill -TERM "$pid"
set +e; wait "$pid"; rc=$?; set -e
[ "$rc" = 143 ] || fail "kill: exit $rc (expected 143, killed by SIGTERM)"
[ "$(cat "$tmp/r.csv")" = previous ] || fail "kill: the previous FILE changed"
[ -z "$(ls "$tmp" | grep 'r\.csv\.' || true)" ] || fail "kill: temp file left: $(ls "$tmp")"

# A long run into head: ends at once, quietly (SIGPIPE is not an error message).
set +o pipefail
start=$(date +%s)
"$bin/kappa-run" --method gd --spectrum linear:1:10:100000 --iters 100000000 --tol 0 --format csv 2>"$tmp/err" | head -n 3 >"$tmp/head"
set -o pipefail
[ "$(wc -l <"$tmp/head")" = 3 ] || fail "head: $(wc -l <"$tmp/head") lines"
[ ! -s "$tmp/err" ] || fail "head: message on a closed pipe: $(cat "$tmp/err")"
[ $(( $(date +%s) - start )) -lt 60 ] || fail "head: the run went on after the pipe closed"
echo "1 passed, 0 failed"
