#!/usr/bin/env bash
# The lecture's claim file passes: kappa-check exits 0, every claim is pass / erratum, the JUnit XML and the JSON report agree with the table, and the errata the issue names
# are among the confirmed ones. This is the CI check of experiments/claims/lecture.json.
set -u
bin=${KAPPA_BIN:?}
claims=${KAPPA_SRC:?}/experiments/claims/lecture.json
source "$(dirname "$0")/lib.bash"   # tmp, fail, finish

start=$(date +%s)
"$bin/kappa-check" "$claims" -j 2 --junit "$tmp/junit.xml" >"$tmp/table" 2>"$tmp/err"
rc=$?
end=$(date +%s)
cat "$tmp/table"
[ "$rc" = 0 ] || fail "kappa-check exit $rc (expected 0)"
[ -s "$tmp/err" ] && fail "stderr not empty: $(head -3 "$tmp/err")"
[ $((end - start)) -lt 60 ] || fail "the lecture check took $((end - start)) s (budget 60 s)"
grep -Eq '^[^ ]+ +(FAIL|ERROR) ' "$tmp/table" && fail "a claim failed or errored"

"$bin/kappa-check" "$claims" -j 2 --format json -o "$tmp/report.json" || fail "json run failed"
/usr/bin/python3 - "$tmp/report.json" "$tmp/junit.xml" <<'PY' || failures=$((failures + 1))  # it printed its FAIL: lines
import json, sys, xml.etree.ElementTree as ET
r = json.load(open(sys.argv[1]))
s = r["summary"]
bad = []
if s["fail"] or s["error"]:
    bad.append(f"summary {s}")
if s["total"] != len(r["claims"]) or s["total"] < 70:
    bad.append(f"{s['total']} claims reported")
for c in r["claims"]:
    if c["status"] not in ("pass", "erratum"):
        bad.append(f"{c['id']} is {c['status']}")
    if c["status"] == "erratum" and "erratum" not in c:
        bad.append(f"{c['id']} reported as erratum but is not one")
    if "erratum" in c and c["status"] == "pass":
        bad.append(f"{c['id']} is an erratum reported as a plain pass")
errata = {e["id"] for e in r["errata"]}
# the errata named when the claims were first written, plus ones found while encoding the lecture
for must in ["mean.xbar4_value", "mean.variance_of_sample_mean", "learning.maximize", "nesterov.slide_lookahead",
             "adam.is_rmsprop_plus_momentum", "bfgs.slide_sign_formula", "secant.slide_formula", "epilog.newton_sign",
             "bfgs.unknowns", "hb.slide_matrix_state"]:
    if must not in errata:
        bad.append(f"erratum {must} not confirmed")
t = ET.parse(sys.argv[2]).getroot()
cases = t.findall(".//testcase")
if len(cases) != s["total"]:
    bad.append(f"junit has {len(cases)} testcases, report {s['total']}")
if t.findall(".//failure") or t.findall(".//error"):
    bad.append("junit has failures")
if t.findall(".//skipped"):
    bad.append("junit has skipped testcases")
if s["pass"] != 67 or s["erratum"] != 18:
    bad.append(f"expected 67 pass and 18 errata, got {s}")
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
finish "check_lecture: all checks passed"
