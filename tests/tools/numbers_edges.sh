#!/usr/bin/env bash
# Numbers at the edges (docs/numbers.md): exact convergence verdicts, missing values as empty cells,
# the chain problem's optimum, the counterexample's cg. Expected values are worked out independently:
# the Jury criterion by hand (heavy ball at alpha*lambda = 2(1+beta) has the root -1), the chain's w*
# by numpy's dense solver, lrp's minimiser w* = 0.
set -euo pipefail
bin=${KAPPA_BIN:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
py=/usr/bin/python3

# Heavy ball on its stability boundary (lambda = 1, alpha = 2.3, beta = 0.15: alpha*lambda = 2 + 2 beta,
# roots -1 and -beta): rate exactly 1, not convergent, no iteration count.
"$bin/kappa-rate" --method heavy-ball --lambda-min 1 --lambda-max 1 --alpha 2.3 --beta 0.15 --format json \
  | $py -c "import json,sys; r=json.load(sys.stdin); assert r['rate']==1 and r['converges'] is False and r['iterations'] is None, r" \
  || fail "heavy ball on the boundary"
# kappa-sweep agrees with kappa-rate there (its own fast path).
"$bin/kappa-sweep" --mode theory --method heavy-ball --lambda-min 1 --lambda-max 1 --beta 0.15 --grid alpha=2.3,2.2 \
  --format json 2>/dev/null | $py -c "
import json,sys
rows=json.load(sys.stdin)['rows']
a={r['alpha']: r for r in rows}
assert a[2.3]['rate']==1 and a[2.3]['converges'] is False, a[2.3]
assert a[2.2]['converges'] is True and a[2.2]['rate']<1, a[2.2]" || fail "kappa-sweep on the boundary"
# gd at kappa = 1e17 with its closed-form step: converges; k = ln(1e6) / (2/(1+kappa)) to 1e-6 relative.
"$bin/kappa-rate" --method gd --kappa 1e17 --format json | $py -c "
import json,sys,math
r=json.load(sys.stdin)
assert r['converges'] is True, r
k=math.log(1e6)/(2/(1+1e17))
assert abs(r['iterations']-k) <= 1e-6*k, (r['iterations'], k)" || fail "gd at kappa 1e17"

# The chain problem's optimum is its own (w* = A^-1 b != 0), not "zeros"; dist0 = |w*| from w0 = 0.
"$bin/kappa-run" --problem chain:50:100 --method gd --w0 zeros --iters 1 --format json 2>/dev/null | $py -c "
import json,sys
import numpy as np
r=json.load(sys.stdin)
assert r['parameters']['problem']['optimum']=='problem', r['parameters']['problem']
n,k=50,100.0; c=(k-1)/4
A=np.diag(np.full(n,1+2*c))-c*np.eye(n,k=1)-c*np.eye(n,k=-1); b=np.zeros(n); b[0]=c
ws=np.linalg.solve(A,b)
d0=r['rows'][0]['dist']
assert abs(d0-np.linalg.norm(ws)) <= 1e-12*np.linalg.norm(ws), (d0, np.linalg.norm(ws))" || fail "chain optimum"

# kappa-counterexample's cg is the registry's (kappa-run's line search): on lrp it reaches w* = 0.
"$bin/kappa-counterexample" --problem lrp --method cg --iters 10 --format json | $py -c "
import json,sys
r=json.load(sys.stdin)
assert r['parameters']['implementation']=='registry'
assert abs(r['rows'][-1]['w1']) <= 1e-12 and r['status']=='completed', r['rows'][-3:]" || fail "cg on lrp"
# and its nesterov is the registry's
"$bin/kappa-counterexample" --problem chain:100:100 --method nesterov --iters 5 --format json \
  | $py -c "import json,sys; assert json.load(sys.stdin)['parameters']['implementation']=='registry'" || fail "nesterov registry"

# Missing values are empty cells: kappa-train's epoch-0 grad_norm, kappa-gradflow's layer-0 gains.
"$bin/kappa-train" --synthetic blobs:60:2:2:3 --epochs 2 --format csv > "$tmp/train.csv"
$py - "$tmp/train.csv" <<'PY' || fail "kappa-train epoch 0"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert rows[0]["grad_norm"] == "", rows[0]
assert all("nan" not in v for r in rows for v in r.values()), rows
assert float(rows[1]["grad_norm"]) > 0
PY
"$bin/kappa-gradflow" --depth 5 --format csv > "$tmp/gf.csv"
$py - "$tmp/gf.csv" <<'PY' || fail "kappa-gradflow layer 0"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert rows[0]["gain"] == "" and rows[0]["log10_grad_w_norm"] == "", rows[0]
assert all("nan" not in v for r in rows for v in r.values()), rows
PY
"$bin/kappa-gradflow" --depth 5 --format json | $py -c "
import json,sys
r=json.load(sys.stdin); assert r['rows'][0]['gain'] is None, r['rows'][0]" || fail "kappa-gradflow json null"

# kappa-diagnose: a falling negative loss is not exploding; one empty cell in a healthy run is missing.
$py -c "
import math
print('step,train_loss')
for k in range(41): print(f'{k},{-1-49*(1-math.exp(-8*k/40))}')" > "$tmp/neg.csv"
"$bin/kappa-diagnose" "$tmp/neg.csv" --format json | $py -c "
import json,sys; v=json.load(sys.stdin)['verdict']; assert v=='healthy', v" || fail "negative loss"
$py -c "
import math
print('step,train_loss,test_loss')
for k in range(41):
    l=50-49*(1-math.exp(-8*k/40))
    print(f'{k},{\"\" if k==17 else l},{l*1.05}')" > "$tmp/gap.csv"
"$bin/kappa-diagnose" "$tmp/gap.csv" --format json | $py -c "
import json,sys; v=json.load(sys.stdin)['verdict']; assert v=='healthy', v" || fail "gappy log"

# kappa-counterexample: a large (representable) start is not "diverged at iteration 0".
"$bin/kappa-counterexample" --problem lrp --method gd --x0 1e150 --iters 3 --format json | $py -c "
import json,sys
r=json.load(sys.stdin)
assert r['status']=='completed' and r['rows'][0]['dist']==1e150, r" || fail "large start"
echo ok
