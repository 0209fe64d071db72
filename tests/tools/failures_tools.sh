#!/usr/bin/env bash
# kappa-gradflow, kappa-counterexample, kappa-ddescent at the command line: bad input exits 2 with one
# line on stderr naming the value and nothing on stdout; formats parse; -o writes the file.
set -euo pipefail
: "${KAPPA_BIN:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

bad() {  # bad EXPECTED-SUBSTRING TOOL ARGS...: exit 2, one stderr line containing the substring, no stdout
  local want=$1; shift
  local rc=0
  "$KAPPA_BIN/$1" "${@:2}" >"$tmp/out" 2>"$tmp/err" || rc=$?
  [[ $rc == 2 ]] || fail "$* exited $rc, expected 2"
  [[ ! -s $tmp/out ]] || fail "$* wrote to stdout"
  [[ $(wc -l <"$tmp/err") == 1 ]] || fail "$* wrote $(wc -l <"$tmp/err") stderr lines"
  grep -qF -- "$want" "$tmp/err" || fail "$*: stderr '$(cat "$tmp/err")' lacks '$want'"
}
bad "--activation swish" kappa-gradflow --activation swish
bad "--init glorot" kappa-gradflow --init glorot
bad "--depth 0" kappa-gradflow --depth 0
bad "--width abc" kappa-gradflow --width abc
bad "--jacobian-inputs 40" kappa-gradflow --batch 32 --jacobian-inputs 40
bad "--problem chain:10" kappa-counterexample --problem chain:10
bad "chain kappa 0.5" kappa-counterexample --problem chain:10:0.5
bad "--method adam" kappa-counterexample --method adam
bad "--beta 1.5" kappa-counterexample --beta 1.5
bad "--basin 1:0:0.1" kappa-counterexample --basin 1:0:0.1
bad "need --problem lrp" kappa-counterexample --problem chain:10:10 --cycle
bad "--n-train 1" kappa-ddescent --n-train 1
bad "--p 0" kappa-ddescent --p 10,0
bad "--data and --target" kappa-ddescent --data x.txt
bad "expected at most 5e7" kappa-ddescent --p 100000
bad "expected at most 5e7" kappa-gradflow --depth 1000 --width 2000
printf '1 2\n3 4\n5 6\n' >"$tmp/X.txt"
printf '1\n2\n' >"$tmp/y.txt"
bad "2 rows, expected 3" kappa-ddescent --data "$tmp/X.txt" --target "$tmp/y.txt" --n-train 2
printf '1 2\n3 x\n' >"$tmp/Xbad.txt"
bad "line 2" kappa-ddescent --data "$tmp/Xbad.txt" --target "$tmp/y.txt" --n-train 2
bad "cannot open" kappa-ddescent --data "$tmp/none.txt" --target "$tmp/y.txt"

# Help and formats.
for t in kappa-gradflow kappa-counterexample kappa-ddescent; do
  "$KAPPA_BIN/$t" --help | grep -q "Examples:" || fail "$t --help has no examples"
done
"$KAPPA_BIN/kappa-gradflow" --depth 5 --width 8 --seeds 2 --format csv -o "$tmp/g.csv"
[[ $(head -n1 "$tmp/g.csv") == "layer,log10_act_norm,log10_grad_h_norm,log10_grad_w_norm,gain,gain_mean_field" ]] || fail "gradflow csv header"
[[ $(wc -l <"$tmp/g.csv") == 7 ]] || fail "gradflow: expected 6 layer rows (0..5)"
"$KAPPA_BIN/kappa-gradflow" --depth 5 --width 8 --seeds 2 --activation linear --summary --format json |
  /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["tool"]=="kappa-gradflow" and d["parameters"]["depth"]==5 and d["gain_theory"]==1.0' ||
  fail "gradflow summary json"
"$KAPPA_BIN/kappa-counterexample" --problem chain:50:10 --method cg --iters 5 --format jsonl | head -n1 |
  /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); assert d["parameters"]["problem"]=="chain:50:10"' ||
  fail "counterexample jsonl context"
"$KAPPA_BIN/kappa-ddescent" --n-train 20 --n-test 50 --dim 5 --p 5,20,80 --seeds 2 --format json |
  /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); assert [r["p"] for r in d["rows"]]==[5,20,80] and d["threshold_p"]==20' ||
  fail "ddescent json"
# Deterministic: the same command twice gives the same bytes.
a=$("$KAPPA_BIN/kappa-ddescent" --n-train 20 --n-test 50 --dim 5 --seeds 2 --format csv)
b=$("$KAPPA_BIN/kappa-ddescent" --n-train 20 --n-test 50 --dim 5 --seeds 2 --format csv)
[[ $a == "$b" ]] || fail "ddescent is not deterministic"
echo "failures_tools: ok"
