#!/usr/bin/env bash
# kappa-spectrum, kappa-train, kappa-diagnose: outputs against numpy, verdicts on the four real digits
# runs, bad input (exit 2, one stderr line naming file/line/column, nothing on stdout).
set -euo pipefail
bin=${KAPPA_BIN:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
sk=/usr/lib/python3/dist-packages/sklearn/datasets/data

# expect_error CODE 'MESSAGE' cmd...: exit code, exactly one stderr line equal to MESSAGE, empty stdout.
expect_error() {
  local code=$1 msg=$2; shift 2
  set +e; "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?; set -e
  [[ $rc == "$code" ]] || fail "$*: exit $rc, expected $code"
  [[ ! -s $tmp/out ]] || fail "$*: wrote to stdout"
  [[ $(wc -l <"$tmp/err") == 1 ]] || fail "$*: stderr is not one line: $(cat "$tmp/err")"
  [[ $(cat "$tmp/err") == "$msg" ]] || fail "$*: stderr '$(cat "$tmp/err")', expected '$msg'"
}

# --- kappa-spectrum on a small CSV: kappa against numpy's eigvalsh of [X, 1]ᵀ[X, 1]/n.
printf 'a,b,y\n1,2,1\n2,1,0\n3,5,1\n4,3,0\n5,8,1\n0.5,0.1,0\n' >"$tmp/small.csv"
"$bin/kappa-spectrum" --data "$tmp/small.csv" --target y --format json >"$tmp/s.json"
/usr/bin/python3 - "$tmp/s.json" <<'PY'
import json, sys, numpy as np
j = json.load(open(sys.argv[1]))
X = np.array([[1, 2], [2, 1], [3, 5], [4, 3], [5, 8], [0.5, 0.1]]); n = len(X)
Z = np.hstack([X, np.ones((n, 1))]); e = np.linalg.eigvalsh(Z.T @ Z / n)
assert abs(j["spectrum"]["kappa"] / (e[-1] / e[0]) - 1) < 1e-9, (j["spectrum"]["kappa"], e[-1] / e[0])
k = e[-1] / e[0]
assert abs(j["methods"]["gd"]["rate"] - (k - 1) / (k + 1)) < 1e-12
assert abs(j["methods"]["heavy-ball"]["rate"] - (k**0.5 - 1) / (k**0.5 + 1)) < 1e-12
assert j["problem"]["dim"] == 3
PY

# --- bad data: one line naming file, line and column; exit 2.
printf 'a,b,y\n1,2,3\n4,5\n' >"$tmp/ragged.csv"
expect_error 2 "kappa-spectrum: $tmp/ragged.csv:3: 2 fields, expected 3 (as in line 1)" \
  "$bin/kappa-spectrum" --data "$tmp/ragged.csv"
printf 'a,b,y\n1,2,3\n4,x1,6\n' >"$tmp/text.csv"
expect_error 2 "kappa-spectrum: $tmp/text.csv:3: column 2 ('b'): 'x1' is not a finite number" \
  "$bin/kappa-spectrum" --data "$tmp/text.csv"
expect_error 2 "kappa-spectrum: --model lasso: expected least-squares, logistic or sigmoid-fit" \
  "$bin/kappa-spectrum" --data "$tmp/small.csv" --model lasso
printf 'a,c,y\n1,7,0\n2,7,1\n3,7,0\n' >"$tmp/const.csv"
expect_error 2 "kappa-spectrum: $tmp/const.csv: column 'c' (feature 2): constant (every value 7): cannot standardize" \
  "$bin/kappa-spectrum" --data "$tmp/const.csv" --standardize
expect_error 2 "kappa-spectrum: $tmp/const.csv: target column 'c': a single class (7): logistic needs two" \
  "$bin/kappa-spectrum" --data "$tmp/const.csv" --target c --model logistic
expect_error 2 "kappa-spectrum: --l2 -1: must be >= 0" "$bin/kappa-spectrum" --data "$tmp/small.csv" --l2 -1

# --- real data: breast_cancer's count line needs --skip-rows 1 --no-header; kappa as numpy gives it.
if [[ -f $sk/breast_cancer.csv ]]; then
  expect_error 2 "kappa-spectrum: $sk/breast_cancer.csv:2: the header line is all numbers: if it is data, use --no-header" \
    "$bin/kappa-spectrum" --data "$sk/breast_cancer.csv" --skip-rows 1
  k=$("$bin/kappa-spectrum" --data "$sk/breast_cancer.csv" --skip-rows 1 --no-header --standardize --format csv |
      /usr/bin/python3 -c "import csv,sys; r=list(csv.DictReader(sys.stdin))[0]; print(r['spectrum.kappa'])")
  /usr/bin/python3 -c "
import numpy as np
d = np.loadtxt('$sk/breast_cancer.csv', delimiter=',', skiprows=1); X = d[:, :-1]; n = len(X)
Z = np.hstack([(X - X.mean(0)) / X.std(0), np.ones((n, 1))]); e = np.linalg.eigvalsh(Z.T @ Z / n)
assert abs($k / (e[-1] / e[0]) - 1) < 1e-7, ($k, e[-1] / e[0])"
fi

# --- kappa-diagnose: NaN/inf rows are evidence, json output, missing column message.
printf 'epoch,train_loss,test_loss\n0,2.3,2.3\n1,5.1,5.0\n2,inf,nan\n3,nan,nan\n' >"$tmp/nan.csv"
"$bin/kappa-diagnose" "$tmp/nan.csv" --format json >"$tmp/d.json"
/usr/bin/python3 -c "
import json; j = json.load(open('$tmp/d.json'))
assert j['verdict'] == 'exploding' and j['evidence']['nonfinite_train_rows'] == 2 and j['evidence']['first_nonfinite_step'] == 2, j"
printf 'step,accuracy\n0,0.1\n' >"$tmp/noloss.csv"
expect_error 2 "kappa-diagnose: $tmp/noloss.csv: no training-loss column (a name with 'train' and 'loss', or 'loss'); name it with --train-col" \
  "$bin/kappa-diagnose" "$tmp/noloss.csv"

# --- the four real digits runs (as experiments/learning/run.sh) get the verdicts they were built for.
if [[ -f $sk/digits.csv.gz ]]; then
  zcat "$sk/digits.csv.gz" >"$tmp/digits.csv"
  common=(--data "$tmp/digits.csv" --no-header --scale 0.0625 --activation tanh --init xavier --seed 1 --format csv)
  check() {
    local expected=$1; shift
    "$bin/kappa-train" "${common[@]}" "$@" -o "$tmp/run.csv"
    local got; got=$("$bin/kappa-diagnose" "$tmp/run.csv" | sed -n 's/^verdict: *//p')
    [[ $got == "$expected" ]] || fail "kappa-train $*: verdict $got, expected $expected"
  }
  check exploding --hidden 32 --lr 10 --epochs 30
  check too_slow --hidden 32 --lr 0.002 --epochs 30
  check overfitting --hidden 128 --lr 0.1 --epochs 150 --max-train 60
  check healthy --hidden 32 --lr 0.1 --epochs 30 --weight-decay 1e-4
fi
echo "learning_tools: ok"
