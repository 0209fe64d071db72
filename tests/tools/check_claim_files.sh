#!/usr/bin/env bash
# Every committed claim file passes kappa-check (one format for every document: the lecture's
# claims and the counterexample / double-descent / gradient-flow claims), is valid against
# docs/claims.schema.json, and the schema refuses what kappa-check refuses at its shape's level; a
# claim file that moves still finds its data (file references resolve against the claim file);
# hostile files (deep nesting, a huge id, duplicate keys) are refused with one line, never a crash.
set -u
bin=${KAPPA_BIN:?}
src=${KAPPA_SRC:?}
source "$(dirname "$0")/lib.bash"   # tmp, fail, finish

"$bin/kappa-check" "$src"/experiments/claims/*.json -j 2 >"$tmp/table" 2>"$tmp/err"; rc=$?
tail -3 "$tmp/table"
[ "$rc" = 0 ] || { fail "kappa-check experiments/claims/*.json: exit $rc"; cat "$tmp/table" "$tmp/err"; }
grep -q "^117 claims: 99 pass, 18 errata confirmed, 0 fail, 0 error$" "$tmp/table" || fail "summary: $(grep claims: "$tmp/table")"

# the schema: every committed claim file is valid; broken copies are not
/usr/bin/python3 - "$src/docs/claims.schema.json" "$src"/experiments/claims/*.json <<'PY' || failures=$((failures + 1))  # it printed its FAIL: lines
import copy, json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
bad = []
for f in sys.argv[2:]:
    doc = json.load(open(f))
    for e in v.iter_errors(doc):
        bad.append(f"{f}: {e.json_path}: {e.message[:200]}")
    c = doc["claims"][0]
    for name, mutate in [("unknown key", lambda c: c.update(colour=1)), ("no statement", lambda c: c.pop("statement")),
                         ("bad outcome", lambda c: c.update(expect={"outcome": "explodes"})),
                         ("bad id", lambda c: c.update(id="a b"))]:
        d = copy.deepcopy(doc)
        mutate(d["claims"][0])
        if v.is_valid(d):
            bad.append(f"{f}: the schema accepts a claim with {name}")
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY

# a moved claim file: its file references move with it; a missing one is refused at load
mkdir -p "$tmp/moved/data"
cp "$src/experiments/claims/failures.json" "$tmp/moved/"
cp "$src"/experiments/claims/data/* "$tmp/moved/data/"
(cd / && "$bin/kappa-check" "$tmp/moved/failures.json" --only failures.ddescent.diabetes_peak_window >"$tmp/out" 2>&1) ||
  { fail "moved claim file: $(cat "$tmp/out")"; }
rm "$tmp/moved/data/diabetes_y.txt"
"$bin/kappa-check" "$tmp/moved/failures.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" = 2 ] && grep -q "options.target.file: file 'data/diabetes_y.txt' (resolved against the claim file: $tmp/moved/data/diabetes_y.txt): not a readable file" "$tmp/err" ||
  fail "missing data file: exit $rc, $(cat "$tmp/err")"

# hostile files: exit 2 and one line, within seconds
/usr/bin/python3 - "$tmp" <<'PY'
import sys
t = sys.argv[1]
head = '{"document": "t", "claims": [{"id": "ID", "source": "s", "statement": "x", '
open(f"{t}/deep.json", "w").write(head.replace("ID", "a") + '"compute": ' + '{"each": {"a": ' * 100000 + '{"builtin": "mean"}' + '}}' * 100000 + ', "expect": {"field": "a", "equals": 1}}]}')
open(f"{t}/longid.json", "w").write(head.replace("ID", "a" * 100000) + '"erratum": {"stated": "a", "correct": "b"}}]}')
open(f"{t}/badlongid.json", "w").write(head.replace("ID", "a" * 99999 + " ") + '"erratum": {"stated": "a", "correct": "b"}}]}')
open(f"{t}/dup.json", "w").write(head.replace("ID", "a") + '"compute": {"builtin": "mean", "args": {"values": [1, 2]}}, "expect": {"field": "value", "equals": 1.5, "equals": 7}}]}')
open(f"{t}/deepexpr.json", "w").write(head.replace("ID", "a") + '"compute": {"builtin": "mean", "args": {"values": [1, 2]}}, "expect": {"expr": "' + "(" * 5000 + "value" + ")" * 5000 + '", "equals": 1.5}}]}')
PY
hostile() {  # FILE NEEDLE
  timeout 20 "$bin/kappa-check" "$tmp/$1" >"$tmp/out" 2>"$tmp/err"; rc=$?
  [ "$rc" = 2 ] || fail "$1: exit $rc (expected 2)"
  [ "$(wc -l <"$tmp/err")" = 1 ] || fail "$1: stderr not one line"
  grep -qF -- "$2" "$tmp/err" || fail "$1: stderr lacks '$2': $(head -c 300 "$tmp/err")"
  grep -q 'json.exception' "$tmp/err" && fail "$1: the JSON library's raw message is shown"
}
hostile deep.json "nested deeper than 64 levels at \$.claims[0].compute.each.a"
hostile longid.json "claim #0 at \$.claims[0].id: id of 100000 characters (at most 200)"
hostile badlongid.json "claim #0 at \$.claims[0].id: id of 100000 characters (at most 200)"
hostile dup.json "duplicate key 'equals' at \$.claims[0].expect.equals"
hostile deepexpr.json "expression of 10005 characters (at most 4096)"

# '-' reads the claim file from standard input (file references then resolve against the working directory)
out=$(cd "$src" && "$bin/kappa-check" - --only gd.rate_optimal < experiments/claims/lecture.json 2>&1) ||
  fail "kappa-check - < lecture.json: $out"
grep -q "^1 claims: 1 pass" <<<"$out" || fail "kappa-check - < lecture.json: $out"

finish "check_claim_files: all checks passed"
