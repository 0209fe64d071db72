#!/bin/bash
# kappa-run: formats, -s, --every, divergence, and bad input (exit 2, one line on stderr, no stdout).
set -u
BIN=${KAPPA_BIN:-build/bin}
DATA=${KAPPA_TEST_DATA:-tests/data}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; fi; }

# csv: header, --every thins (rows 0, 10, ..., 50 and the last), coordinates for n <= 3.
"$BIN/kappa-run" --method gd --kappa 10 --alpha 0.1 --iters 55 --tol 0 --every 10 --format csv >"$T/out.csv" 2>"$T/err"
check "csv exit 0" "[ $? -eq 0 ]"
check "csv header" "[ \"\$(head -1 $T/out.csv)\" = 'iter,f_gap,dist,grad_norm,w0,w1' ]"
check "csv rows" "[ \"\$(cut -d, -f1 $T/out.csv | tail -n +2 | tr '\n' ' ')\" = '0 10 20 30 40 50 55 ' ]"
check "csv no stderr" "[ ! -s $T/err ]"

# json: context + rows + summary; -s writes context + summary; both parse, statuses agree.
"$BIN/kappa-run" --method heavy-ball --kappa 100 --iters 1000 --format json -s "$T/sum.json" >"$T/out.json"
check "json exit 0" "[ $? -eq 0 ]"
check "json parses" "/usr/bin/python3 -c \"import json,sys; d=json.load(open('$T/out.json')); s=json.load(open('$T/sum.json')); assert d['summary']['status']=='converged'==s['summary']['status']; assert d['tool']=='kappa-run' and d['parameters']['optimizer']['params_source']=='closed_form'; assert abs(d['summary']['theory_rate']-9/11)<1e-12; assert len(d['rows'])==d['summary']['iterations']+1\""

# jsonl: a context line then one object per row.
"$BIN/kappa-run" --method adam --kappa 10 --rotate 3 --lr 0.05 --iters 20 --format jsonl >"$T/out.jsonl"
check "jsonl lines" "[ \$(wc -l <$T/out.jsonl) -eq 22 ]"

# divergence is a result: exit 0, status diverged, one line on stderr, no NaN row after the first.
"$BIN/kappa-run" --method gd --kappa 100 --alpha 1e300 --iters 100 --format csv >"$T/div.csv" 2>"$T/err"
check "diverged exit 0" "[ $? -eq 0 ]"
check "diverged stderr" "grep -q '^kappa-run: diverged at iteration 1: |w - w\*| is not finite' $T/err && [ \$(wc -l <$T/err) -eq 1 ]"
check "diverged rows" "[ \$(grep -c -i -E 'nan|inf' $T/div.csv) -le 1 ]"

# The matrix problem and Newton: one step.
"$BIN/kappa-run" --method newton --matrix "$DATA/bcsstk01.mtx" --iters 5 --format json >"$T/newton.json"
check "newton one step" "/usr/bin/python3 -c \"import json; d=json.load(open('$T/newton.json')); assert d['summary']['iterations']==1 and d['summary']['status']=='converged'\""

# kappa-rate and kappa-run on the same command line describe the same problem and parameters.
rate=$("$BIN/kappa-rate" --method heavy-ball --spectrum geom:1:50:7 --format csv | tail -1)
"$BIN/kappa-run" --method heavy-ball --spectrum geom:1:50:7 --iters 3 -s "$T/hb.json" --format csv >/dev/null
check "same problem as kappa-rate" "/usr/bin/python3 -c \"import csv,io,json; r=next(csv.DictReader(io.StringIO(open('/dev/stdin').read()))); s=json.load(open('$T/hb.json')); o=s['parameters']['optimizer']; assert float(r['alpha'])==o['alpha'] and float(r['beta'])==o['beta'] and float(r['rate'])==s['summary']['theory_rate']\" <<<\"\$(\"$BIN/kappa-rate\" --method heavy-ball --spectrum geom:1:50:7 --format csv)\""

# --w0 and --optimum from files (one value per line): gd with alpha = 1/lambda lands on w* in one step.
printf '3\n-2\n' >"$T/w0"; printf '0.5\n# comment\n0.25\n' >"$T/opt"
"$BIN/kappa-run" --method gd --spectrum linear:2:2:2 --alpha 0.5 --w0 "file:$T/w0" --optimum "file:$T/opt" --iters 5 --format csv >"$T/f.csv" 2>/dev/null
check "w0/optimum files" "[ \"\$(sed -n 2p $T/f.csv | cut -d, -f5,6)\" = '3,-2' ] && [ \"\$(tail -1 $T/f.csv | cut -d, -f1,3,5,6)\" = '1,0,0.5,0.25' ]"

# Bad input: exit 2, exactly one line on stderr naming the value, nothing on stdout.
bad() {
  local expect=$1; shift
  "$BIN/kappa-run" "$@" >"$T/o" 2>"$T/e"
  local rc=$?
  if [ $rc -ne 2 ] || [ -s "$T/o" ] || [ "$(wc -l <"$T/e")" -ne 1 ] || ! grep -qF -- "$expect" "$T/e"; then
    echo "FAIL: $* -> rc $rc, stderr: $(cat "$T/e")"; fail=1
  fi
}
bad "--method nope: unknown method" --method nope --kappa 10
bad "--beta 1: must be in [0, 1)" --method heavy-ball --kappa 10 --alpha 0.1 --beta 1
bad "--lr 0: must be finite and > 0" --method sgd --kappa 10 --lr 0
bad "--lr -0.1: must be finite and > 0" --method adam --kappa 10 --lr -0.1
bad "--amsgrad: method gd has no such parameter" --method gd --kappa 10 --amsgrad
bad "--rho: method adam has no such parameter" --method adam --kappa 10 --rho 0.9
bad "no problem" --method gd --alpha 0.1
bad "--w0 bogus: expected zeros, ones, const:X, randn:SEED or file:PATH" --method gd --kappa 10 --w0 bogus
bad "--batch: applies only with --finite-sum N" --method gd --kappa 10 --batch 3
bad "--batch 7: must be in [1, N = 5]" --method gd --kappa 10 --finite-sum 5 --batch 7
printf '%%%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n1 2 5\n' >"$T/nonsym.mtx"
bad "not symmetric" --method gd --alpha 0.1 --matrix "$T/nonsym.mtx"
printf '%%%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n2 2 x\n' >"$T/bad.mtx"
bad "line 4: VALUE" --method gd --alpha 0.1 --matrix "$T/bad.mtx"
bad "--iters -1: must be >= 0" --method gd --kappa 10 --iters -1
bad "--stop x: expected dist or f_gap" --method gd --kappa 10 --stop x
exit $fail
