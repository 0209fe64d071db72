#!/usr/bin/env bash
# Evaluates experiments/claims/failures.json: runs every claim's tool and checks its expectation
# (the issue-8 claims: the LRP cycle and its period, GD/Nesterov converge, the chain bound, the
# double-descent peak window and second descent, the Xavier/He gains). Exits 1 on any failure.
set -euo pipefail
: "${KAPPA_BIN:?}" "${KAPPA_SRC:?}"
sk=${SKLEARN_DATA:-/usr/lib/python3/dist-packages/sklearn/datasets/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [[ -r $sk/diabetes_data_raw.csv.gz ]]; then
  zcat "$sk/diabetes_data_raw.csv.gz" > "$tmp/diabetes_X.txt"
  zcat "$sk/diabetes_target.csv.gz" > "$tmp/diabetes_y.txt"
fi
/usr/bin/python3 - "$KAPPA_SRC/experiments/claims/failures.json" "$KAPPA_BIN" "$tmp" <<'PY'
import json, os, subprocess, sys
claims_file, bindir, tmp = sys.argv[1:4]
subst = {"{diabetes_X}": os.path.join(tmp, "diabetes_X.txt"), "{diabetes_y}": os.path.join(tmp, "diabetes_y.txt")}
cache, failed, skipped = {}, 0, 0

def get(doc, path):
    for part in path.split("."):
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc

for c in json.load(open(claims_file))["claims"]:
    comp, exp = c["compute"], c["expect"]
    args = [subst.get(a, a) for a in comp["args"]]
    if any(a in subst.values() and not os.path.exists(a) for a in args):
        print(f"SKIP {c['id']}: sklearn's diabetes data not found (python3-sklearn)")
        skipped += 1
        continue
    key = (comp["tool"], tuple(args))
    if key not in cache:
        r = subprocess.run([os.path.join(bindir, comp["tool"])] + args, capture_output=True, text=True)
        if r.returncode != 0:
            print(f"FAIL {c['id']}: {comp['tool']} exited {r.returncode}: {r.stderr.strip()}")
            failed += 1
            continue
        cache[key] = json.loads(r.stdout)
    doc = cache[key]
    v = get(doc, comp["field"])
    if "equals" in exp: ok, want = v == exp["equals"], f"== {exp['equals']}"
    elif "at_most" in exp: ok, want = v <= exp["at_most"], f"<= {exp['at_most']}"
    elif "less_than_field" in exp:
        other = get(doc, exp["less_than_field"]); ok, want = v < other, f"< {exp['less_than_field']} = {other}"
    else: ok, want = exp["min"] <= v <= exp["max"], f"in [{exp['min']}, {exp['max']}]"
    print(f"{'ok  ' if ok else 'FAIL'} {c['id']}: {comp['field']} = {v} {want}")
    failed += not ok
sys.exit(1 if failed else 0)
PY
