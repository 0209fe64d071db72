#!/usr/bin/env bash
# kappa-check fails when it should: a changed expected value, a tolerance smaller than the real error,
# an erratum whose stated value is in fact right, and a claim whose run diverges are failures (exit 1,
# the claim marked FAIL / ERROR); malformed files are rejected (exit 2, one stderr line naming the
# claim id and the JSON path, nothing on stdout); --only and --list behave, --without is refused; the claim
# language's features fail when they should.
set -u
bin=${KAPPA_BIN:?}
claims=${KAPPA_SRC:?}/experiments/claims/lecture.json
source "$(dirname "$0")/lib.bash"   # tmp, fail, finish

# mutate ID PYTHON-EXPR: copy the lecture's claim ID into a one-claim file after `c` is modified.
mutate() {
  /usr/bin/python3 - "$claims" "$1" "$2" >"$tmp/m.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
c = next(c for c in doc["claims"] if c["id"] == sys.argv[2])
exec(sys.argv[3])
doc["claims"] = [c]
print(json.dumps(doc))
PY
}
# expect_status ID EXPR STATUS MESSAGE-PART
expect_status() {
  mutate "$1" "$2"
  "$bin/kappa-check" "$tmp/m.json" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ "$rc" = 1 ] || fail "$1 [$2]: exit $rc (expected 1)"
  grep -Eq "^$1 +$3 " "$tmp/out" || { fail "$1 [$2]: not $3"; cat "$tmp/out"; }
  grep -qF -- "$4" "$tmp/out" || fail "$1 [$2]: output lacks '$4'"
}

# a changed expected value
expect_status gd.rate_optimal_kappa100 'c["expect"]["equals"] = 0.98' FAIL "off by"
expect_status hb.alpha_optimal 'c["expect"]["equals"] = 1/17' FAIL "off by"
# a tolerance smaller than the real error (the measured rate is 0.3 % off, SE ratio ~1 %)
expect_status nesterov.measured_rate 'c["expect"]["rel_tol"] = 1e-4' FAIL "off by"
expect_status batch.se_10x_better 'c["expect"]["rel_tol"] = 1e-4' FAIL "off by"
# an inequality that does not hold
expect_status nesterov.less_overshoot 'c["expect"]["field"] = "overshoot_heavy_ball"; c["expect"]["less_than"] = {"field": "overshoot_nesterov"}' FAIL "<"
# an "erratum" whose stated value is right
expect_status mean.xbar4_value 'c["erratum"]["stated"] = 1.3' FAIL "stated value holds"
# an erratum whose correction is wrong too
expect_status mean.xbar4_value 'c["erratum"]["correct"] = 1.1' FAIL "does not hold either"
# a claim that diverges: a kappa-run at alpha = 2.01/L expected to agree with theory
expect_status gd.measured_rate 'c["compute"]["options"].update(alpha=0.0201, iters=5000)' ERROR "diverged unexpectedly"
# a computation that throws
expect_status mean.expectation 'c["compute"]["args"]["probs"] = [0.5, 0.5, 0.5]' ERROR "probs: sum to"
# an outcome that is not met
expect_status gd.converges_inside 'c["compute"]["options"]["alpha"] = 0.0201' FAIL "diverges"

# --without is refused (capabilities are no longer probed); --strict is accepted and changes nothing
"$bin/kappa-check" --without kappa-sweep "$claims" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" = 2 ] || fail "--without: exit $rc (expected 2)"
grep -q -- "--without kappa-sweep: removed" "$tmp/err" || fail "--without: message $(cat "$tmp/err")"
mutate mean.expectation 'pass'
"$bin/kappa-check" --strict "$tmp/m.json" >"$tmp/out" 2>&1; rc=$?
[ "$rc" = 0 ] || fail "--strict on a passing claim: exit $rc (expected 0)"
# a claim file that still says "requires": refused, naming the key
mutate mean.expectation 'c["requires"] = ["kappa-sweep"]'
"$bin/kappa-check" "$tmp/m.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" = 2 ] && grep -qF "at \$.claims[0].requires: 'requires' was removed" "$tmp/err" || fail "requires: exit $rc, $(cat "$tmp/err")"

# the claim language: a changed value, a failing row named, a part of all_of, string equality, an
# expression, a negative index, the nearest fields of a missing one, does_not_converge
expect_status hb.rate_is_spectral_radius 'c["expect"] = {"field": "eig.rows.-1.radius", "equals": {"expr": "matrix.radius_rule * 1.01"}, "rel_tol": 1e-12}' FAIL "off by"
expect_status hb.rate_is_spectral_radius 'c["expect"] = {"for_all": "eig.rows", "expect": {"field": "radius", "less_than": 0.5}}' FAIL "fails at eig.rows.0 (lambda = "
expect_status hb.rate_is_spectral_radius 'c["expect"] = {"all_of": [{"field": "matrix.radius_rule", "less_than": 1}, {"field": "eig.rows.0.regime", "equals": "complex"}]}' FAIL "part 2 fails"
expect_status hb.rate_is_spectral_radius 'c["expect"] = {"field": "eig.rows.0.regime", "equals": "no-such-regime"}' FAIL '"no-such-regime"'
expect_status hb.rate_is_spectral_radius 'c["expect"] = {"field": "eig.rows.0.radiuz", "equals": 1}' ERROR "nearest: radius"
expect_status gd.converges_inside 'c["expect"] = {"outcome": "does_not_converge"}' FAIL "converges"

# malformed files: exit 2, one line naming file, claim and path, nothing on stdout
# malformed ID EXPR NEEDLE
malformed() {
  mutate "$1" "$2"
  "$bin/kappa-check" "$tmp/m.json" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ "$rc" = 2 ] || fail "malformed [$2]: exit $rc (expected 2)"
  [ "$(wc -l <"$tmp/err")" = 1 ] || fail "malformed [$2]: stderr not one line"
  grep -qF -- "kappa-check: $tmp/m.json: $3" "$tmp/err" || { fail "malformed [$2]: stderr lacks '$3'"; cat "$tmp/err"; }
  [ -s "$tmp/out" ] && fail "malformed [$2]: stdout not empty"
}
malformed gd.rate_optimal 'c["expected"] = 1' "claim 'gd.rate_optimal' at \$.claims[0].expected: unknown key 'expected'"
malformed gd.rate_optimal 'del c["statement"]' "claim 'gd.rate_optimal' at \$.claims[0]: missing required key 'statement'"
malformed gd.rate_optimal 'c["expect"]["rel_tol"] = "tiny"' "claim 'gd.rate_optimal' at \$.claims[0].expect.rel_tol: expected a number, got string"
malformed gd.rate_optimal 'c["compute"]["options"]["method"] = ["gd"]' "claim 'gd.rate_optimal' at \$.claims[0].compute.options.method: expected a string, number, boolean, {\"file\": PATH} or {\"expr\": E}, got array"
malformed mean.xbar1 'c["compute"]["args"]["values"][3] = None' "claim 'mean.xbar1' at \$.claims[0].compute.args.values[3]: expected a number, got null"
malformed mean.xbar1 'c["compute"]["args"]["valuez"] = [1]' "claim 'mean.xbar1' at \$.claims[0].compute.args.valuez: unknown argument 'valuez'"
malformed mean.xbar1 'c["expect"]["outcome"] = "explodes"' "claim 'mean.xbar1' at \$.claims[0].expect: expected exactly one of"
printf '{"document": "x", "claims": [' >"$tmp/m.json"
"$bin/kappa-check" "$tmp/m.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" = 2 ] && grep -q "not valid JSON" "$tmp/err" || fail "truncated JSON: exit $rc, $(cat "$tmp/err")"
"$bin/kappa-check" "$tmp/missing.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" = 2 ] && grep -q "cannot open" "$tmp/err" || fail "missing file: exit $rc, $(cat "$tmp/err")"

# --only, --list
"$bin/kappa-check" "$claims" --only no.such.claim >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" = 2 ] && grep -q -- "--only no.such.claim: no such claim" "$tmp/err" || fail "--only unknown: exit $rc"
"$bin/kappa-check" "$claims" --only gd.rate_optimal --only mean.xbar4_value >"$tmp/out" 2>&1; rc=$?
[ "$rc" = 0 ] && grep -q "2 claims: 1 pass, 1 errata" "$tmp/out" || { fail "--only twice: exit $rc"; cat "$tmp/out"; }
"$bin/kappa-check" "$claims" --list >"$tmp/out" 2>&1; rc=$?
n=$(/usr/bin/python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['claims']))" "$claims")
[ "$rc" = 0 ] && [ "$(($(wc -l <"$tmp/out") - 1))" = "$n" ] || fail "--list: exit $rc, $(wc -l <"$tmp/out") lines for $n claims"
# --junit into a directory that does not exist: runtime error, no partial file
"$bin/kappa-check" "$claims" --only mean.xbar1 --junit "$tmp/nodir/j.xml" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" = 1 ] || fail "--junit into a missing directory: exit $rc (expected 1)"
# csv / jsonl formats have one row per claim
"$bin/kappa-check" "$claims" --only mean.xbar1 --only gd.rate_optimal --format csv >"$tmp/out" 2>&1
[ "$(wc -l <"$tmp/out")" = 3 ] || fail "csv: $(wc -l <"$tmp/out") lines (expected 3)"

finish "check_failures: all checks passed"
