#!/usr/bin/env bash
# Runs the built kappa-pep: --help's examples as printed, every --format parsed by Python, atomic -o,
# CSDP silent on stdout and deaf to a param.csdp in the working directory, the worst function of
# --function re-checked in Python against the interpolation conditions of F(mu, L) with the method
# replayed, and the claims of experiments/claims/pep.json evaluated here (until kappa-check computes
# with kappa-pep).
set -uo pipefail
BIN=${KAPPA_BIN:?KAPPA_BIN not set}
SRC=${KAPPA_SRC:?KAPPA_SRC not set}
PY=/usr/bin/python3
source "$(dirname "$0")/lib.bash"   # tmp, fail, finish
P=(--method heavy-ball --mu 2 --L 50 --steps 3)

# --help: exit 0, and every example runs as printed (continuation lines joined).
"$BIN/kappa-pep" --help > "$tmp/help" || fail "--help exit $?"
awk '/^Examples:/ { on = 1; next } on' "$tmp/help" | sed 's/#.*//' |
  awk '{ if (sub(/\\[ \t]*$/, "")) { cur = cur $0; next } print cur $0; cur = "" }' > "$tmp/examples"
[[ $(grep -c kappa-pep "$tmp/examples") -ge 4 ]] || fail "--help shows fewer than 4 examples"
while read -r line; do
  [[ -z ${line// /} ]] && continue
  eval "\"$BIN/\"$line" > "$tmp/ex.out" 2> "$tmp/ex.err" || fail "example exits $?: $line: $(cat "$tmp/ex.err")"
  [[ -s $tmp/ex.err ]] && fail "example writes to stderr: $line: $(cat "$tmp/ex.err")"
done < "$tmp/examples"

# Formats: json, jsonl and csv parse and agree; the context has tool, version and every parameter.
"$BIN/kappa-pep" "${P[@]}" --format json > "$tmp/o.json" || fail "json exit $?"
"$BIN/kappa-pep" "${P[@]}" --format jsonl > "$tmp/o.jsonl" || fail "jsonl exit $?"
"$BIN/kappa-pep" "${P[@]}" --format csv > "$tmp/o.csv" || fail "csv exit $?"
"$BIN/kappa-pep" "${P[@]}" > "$tmp/o.table" || fail "table exit $?"
$PY - "$tmp" <<'PYEOF' || fail "formats"
import csv, json, sys
t = sys.argv[1]
j = json.load(open(f"{t}/o.json"))
l = [json.loads(x) for x in open(f"{t}/o.jsonl")]
assert len(l) == 1, l
c = list(csv.DictReader(open(f"{t}/o.csv")))
assert len(c) == 1
assert j["tool"] == "kappa-pep" and j["version"]
for k in ["method", "alpha", "beta", "params_source", "mu", "L", "steps", "initial", "measure", "function"]:
    assert k in j["parameters"], k
for k in ["worst_case", "bound", "per_step_factor", "quadratic_worst_case", "quadratic_rate", "status", "solver_code",
          "primal_objective", "dual_objective", "gap", "relative_gap", "gram_size", "variables", "inequalities"]:
    assert k in j, k
assert j["status"] == "optimal" and j["solver_code"] == 0
assert abs(j["alpha"] - 1 / 18) < 1e-15 and abs(j["beta"] - 4 / 9) < 1e-15
assert l[0]["worst_case"] == j["worst_case"] and float(c[0]["worst_case"]) == j["worst_case"]
assert j["relative_gap"] < 1e-8
PYEOF
grep -q '^worst_case ' "$tmp/o.table" || fail "table has no worst_case line"

# -o: written atomically, nothing on stdout; a previous file survives a failing run.
"$BIN/kappa-pep" "${P[@]}" --format json -o "$tmp/out.json" > "$tmp/stdout" || fail "-o exit $?"
[[ -s $tmp/stdout ]] && fail "-o: stdout not empty"
cmp -s "$tmp/out.json" "$tmp/o.json" || fail "-o file differs from stdout output"
"$BIN/kappa-pep" "${P[@]}" --steps 0 -o "$tmp/out.json" 2> /dev/null && fail "--steps 0 accepted"
cmp -s "$tmp/out.json" "$tmp/o.json" || fail "a failed run changed the -o file"

# CSDP reads no param.csdp (one that would make it loud and stop after 1 iteration changes nothing).
mkdir "$tmp/cwd" && printf 'printlevel=3\nmaxiter=1\naxtol=1e-1\n' > "$tmp/cwd/param.csdp"
(cd "$tmp/cwd" && "$BIN/kappa-pep" "${P[@]}" --format json > "$tmp/cwd.json" 2> "$tmp/cwd.err") || fail "with param.csdp: exit $?"
cmp -s "$tmp/cwd.json" "$tmp/o.json" || fail "param.csdp in the working directory changed the output"
[[ -s $tmp/cwd.err ]] && fail "stderr not empty: $(cat "$tmp/cwd.err")"

# mu = L: the closed form, no solver.
"$BIN/kappa-pep" --method gd --mu 2 --L 2 --steps 3 --alpha 0.3 --format json > "$tmp/cf.json" || fail "mu = L exit $?"
$PY -c "
import json; j = json.load(open('$tmp/cf.json'))
assert j['status'] == 'closed_form' and abs(j['worst_case'] - 0.4 ** 6) < 1e-15, j['worst_case']" || fail "mu = L closed form"

# --function: the worst function, re-checked here (Taylor-Hendrickx-Glineur 2017, Thm 4, in its
# 1/(2(1-mu/L)) form) after replaying the method on x_0 and the gradients.
"$BIN/kappa-pep" --method nesterov --mu 1 --L 20 --steps 4 --alpha 0.05 --beta 0.5 --initial f_gap_dist --measure f_gap \
  --function --format json > "$tmp/f.json" || fail "--function exit $?"
$PY - "$tmp/f.json" <<'PYEOF' || fail "--function: the worst function"
import json, sys
import numpy as np
j = json.load(open(sys.argv[1]))
w = j["worst_function"]
mu, L, a, b, N = j["mu"], j["L"], j["alpha"], j["beta"], j["steps"]
X = np.array(w["points"]); G = np.array(w["gradients"]); F = np.array(w["values"])
x, xp, pts = X[0], X[0], []
for k in range(N):
    y = x + b * (x - xp)
    pts.append(y)
    xp, x = x, y - a * G[k]
pts.append(x)
pts = np.array(pts)
assert np.abs(pts - X).max() < 1e-9 * (1 + np.abs(X).max()), "replay differs"
xs = list(pts) + [np.zeros(X.shape[1])]; gs = list(G) + [np.zeros(X.shape[1])]; fs = list(F) + [0.0]
worst = 0
for i in range(len(xs)):
    for jj in range(len(xs)):
        if i == jj: continue
        dx, dg = xs[i] - xs[jj], gs[i] - gs[jj]
        rhs = fs[jj] + gs[jj] @ dx + (dg @ dg / L + mu * dx @ dx - 2 * mu / L * dg @ dx) / (2 * (1 - mu / L))
        worst = max(worst, (rhs - fs[i]) / (1 + abs(fs[i]) + abs(fs[jj]) + L * dx @ dx))
assert worst < 1e-7, worst
init = F[0] + mu / 2 * X[0] @ X[0]
assert abs(init - 1) < 1e-6, init
assert abs(F[N] - j["worst_case"]) <= 1e-6 * j["worst_case"], (F[N], j["worst_case"])
PYEOF

# The claims of experiments/claims/pep.json, each computed by kappa-pep with its options.
$PY - "$SRC/experiments/claims/pep.json" "$BIN/kappa-pep" <<'PYEOF' || fail "experiments/claims/pep.json"
import json, subprocess, sys
claims = json.load(open(sys.argv[1]))["claims"]
bad = 0
for c in claims:
    assert c["compute"]["tool"] == "kappa-pep"
    args = [sys.argv[2]]
    for k, v in c["compute"]["options"].items():
        args += [f"--{k}", repr(v) if isinstance(v, float) else str(v)]
    r = json.loads(subprocess.run(args + ["--format", "json"], check=True, capture_output=True, text=True).stdout)
    e = c["expect"]; v = r[e["field"]]
    if "equals" in e:
        tol = max(e.get("abs_tol", 0), e.get("rel_tol", 0) * abs(e["equals"]))
        ok = abs(v - e["equals"]) <= tol
    elif "less_than" in e: ok = v < e["less_than"]
    elif "greater_than" in e: ok = v > e["greater_than"]
    elif "is" in e: ok = v == e["is"]
    else: raise SystemExit(f"unsupported expect {e}")
    if not ok:
        print(f"claim {c['id']}: {e['field']} = {v!r}, expected {e}", file=sys.stderr); bad += 1
sys.exit(1 if bad else 0)
PYEOF

finish "pep_tool: all checks passed"
