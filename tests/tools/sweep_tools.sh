#!/usr/bin/env bash
# kappa-sweep / kappa-merge: shards merged == unsharded (bytes), -j independence, fast path == the
# general kappa-rate path, theory points == kappa-rate, killed + resumed == uninterrupted, bad specs.
set -euo pipefail
B=${KAPPA_BIN:?}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
S="$B/kappa-sweep"
M="$B/kappa-merge"
HB=(--method heavy-ball --spectrum linear:1:100:30 --grid beta=lin:0:0.95:7 --grid alpha=lin:0.001:0.045:11)

# Unsharded reference, then 3 shards merged (csv and jsonl): byte-identical data and sidecar.
for fmt in csv jsonl; do
  "$S" "${HB[@]}" --format $fmt -j 2 -o "$T/full.$fmt"
  [ -f "$T/full.$fmt.sweep.json" ] || fail "no sidecar"
  [ ! -e "$T/full.$fmt.part" ] || fail "part file left behind"
  for i in 3 1 2; do "$S" "${HB[@]}" --format $fmt --shard $i/3 -j 1 -o "$T/s$i.$fmt"; done
  "$M" -o "$T/merged.$fmt" "$T/s2.$fmt" "$T/s1.$fmt" "$T/s3.$fmt"
  cmp "$T/full.$fmt" "$T/merged.$fmt" || fail "$fmt: merged shards differ from the unsharded run"
  cmp "$T/full.$fmt.sweep.json" "$T/merged.$fmt.sweep.json" || fail "$fmt: merged sidecar differs"
done
[ "$(wc -l < "$T/full.csv")" -eq 78 ] || fail "expected header + 77 rows"

# -j 1 == -j 2 == the general path through kappa-rate's option parsing (stdout).
a=$("$S" "${HB[@]}" -j 1 | md5sum); b=$("$S" "${HB[@]}" -j 2 | md5sum); c=$("$S" "${HB[@]}" -j 2 --general | md5sum)
[ "$a" = "$b" ] || fail "-j 1 and -j 2 differ"
[ "$a" = "$c" ] || fail "fast path and general path differ"
# A general sweep (kappa and method swept) with -j 1 vs -j 2.
G=(--grid method=gd,heavy-ball,nesterov --grid kappa=geom:1.5:1e4:9 --tol 1e-8)
[ "$("$S" "${G[@]}" -j 1 | md5sum)" = "$("$S" "${G[@]}" -j 2 | md5sum)" ] || fail "general sweep depends on -j"
# Options parsed once and composed per point == every point parsed in full (--general).
[ "$("$S" "${G[@]}" | md5sum)" = "$("$S" "${G[@]}" --general | md5sum)" ] || fail "composed options differ from a full parse"
O=(--method heavy-ball --kappa 100 --grid alpha=opt,0.01 --grid beta=opt,0.5 --grid tol=1e-4,1e-6)
[ "$("$S" "${O[@]}" | md5sum)" = "$("$S" "${O[@]}" --general | md5sum)" ] || fail "opt points: composed vs full parse"

# Theory points equal kappa-rate's value (read from kappa-rate's JSON, compared as text of the double).
python3 - "$B" "$T/full.csv" <<'PY' || fail "theory points differ from kappa-rate"
import csv, json, subprocess, sys
b, path = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(path)))
for r in [rows[0], rows[5], rows[33], rows[-1]]:
    out = subprocess.run([b + "/kappa-rate", "--method", "heavy-ball", "--spectrum", "linear:1:100:30",
                          "--alpha", r["alpha"], "--beta", r["beta"], "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    rec = json.loads(out)
    assert float(r["rate"]) == rec["rate"], (r, rec["rate"])
    assert r["iterations"] == ("" if rec["iterations"] is None else str(rec["iterations"])), (r, rec)
    assert r["converges"] == str(rec["converges"]).lower()
print("4 points equal")
PY
python3 - "$B" <<'PY' || fail "general sweep points differ from kappa-rate"
import csv, io, json, subprocess, sys
b = sys.argv[1]
out = subprocess.run([b + "/kappa-sweep", "--grid", "method=gd,nesterov", "--grid", "kappa=geom:2:1e6:4"],
                     check=True, capture_output=True, text=True).stdout
for r in csv.DictReader(io.StringIO(out)):
    rec = json.loads(subprocess.run([b + "/kappa-rate", "--method", r["method"], "--kappa", r["kappa"], "--format", "json"],
                                    check=True, capture_output=True, text=True).stdout)
    assert float(r["rate"]) == rec["rate"] and float(r["alpha"]) == rec["alpha"], (r, rec)
PY

# Killed half-way (SIGINT, SIGTERM: graceful; SIGKILL: may leave a partial row) and resumed ==
# uninterrupted. The numeric optimum at 600 points takes a few seconds, so the kill lands mid-run.
K=(--grid method=heavy-ball,nesterov --grid kappa=geom:2:1e5:150 --grid tol=1e-4,1e-8 --numeric -j 2)
"$S" "${K[@]}" -o "$T/ref.csv"
for sig in INT TERM KILL; do
  rm -f "$T/r.csv"*
  "$S" "${K[@]}" -o "$T/r.csv" & pid=$!
  for _ in $(seq 1 500); do [ -s "$T/r.csv.part" ] && [ "$(wc -l < "$T/r.csv.part")" -gt 5 ] && break; sleep 0.02; done
  kill -$sig $pid 2>/dev/null || true
  wait $pid && st=0 || st=$?
  if [ $st -ne 0 ]; then
    [ ! -e "$T/r.csv" ] || fail "$sig: FILE exists after an interrupted run"
    [ -s "$T/r.csv.part" ] || fail "$sig: nothing kept in FILE.part"
    if [ $sig != KILL ]; then
      [ "$(tail -c1 "$T/r.csv.part" | od -An -c | tr -d ' ')" = '\n' ] || fail "$sig: partial row left"
    fi
    n=$(($(wc -l < "$T/r.csv.part") - 1)); [ $n -lt 600 ] || fail "$sig: kill came too late ($n rows)"
  else
    echo "note: run finished before SIG$sig arrived; resume is then a no-op" >&2
  fi
  "$S" "${K[@]}" -o "$T/r.csv" --resume 2>/dev/null
  cmp "$T/ref.csv" "$T/r.csv" || fail "$sig: resumed run differs from the uninterrupted one"
  cmp "$T/ref.csv.sweep.json" "$T/r.csv.sweep.json" || fail "$sig: resumed sidecar differs"
done
# Resume of a complete file: nothing to do; of a different sweep: refused.
"$S" "${K[@]}" -o "$T/r.csv" --resume 2>&1 | grep -q "nothing to resume" || fail "resume of a complete file"
cp "$T/ref.csv" "$T/x.csv"; cp "$T/ref.csv.sweep.json" "$T/x.csv.sweep.json"; mv "$T/x.csv" "$T/x.csv.part"
set +e; msg=$("$S" --grid method=gd --grid kappa=2,3 -o "$T/x.csv" --resume 2>&1 >/dev/null); st=$?; set -e
[ $st -eq 2 ] && [[ "$msg" == *"different sweep"* ]] || fail "resume of a different sweep: $st $msg"

# kappa-merge refusals: missing shard, shard of another sweep, incomplete shard.
expect2() {  # expect2 SUBSTRING cmd...: exit 2, one line containing SUBSTRING, nothing on stdout
  local want=$1; shift
  set +e; "$@" >"$T/out" 2>"$T/err"; local st=$?; set -e
  [ $st -eq 2 ] || fail "exit $st (want 2): $*"
  [ ! -s "$T/out" ] || fail "stdout not empty: $*"
  [ "$(wc -l < "$T/err")" -eq 1 ] || fail "not one line on stderr: $(cat "$T/err")"
  grep -qF -- "$want" "$T/err" || fail "message '$(cat "$T/err")' lacks '$want'"
}
expect2 "missing shard 2/3" "$M" "$T/s1.csv" "$T/s3.csv"
"$S" --method heavy-ball --spectrum linear:1:100:30 --grid beta=lin:0:0.95:7 --grid alpha=lin:0.001:0.046:11 --shard 2/3 -o "$T/other.csv"
expect2 "a different sweep" "$M" "$T/s1.csv" "$T/other.csv" "$T/s3.csv"
expect2 "is also" "$M" "$T/s1.csv" "$T/s1.csv" "$T/s3.csv"
mv "$T/s2.csv" "$T/s2.csv.part"
expect2 "incomplete shard" "$M" "$T/s1.csv" "$T/s2.csv" "$T/s3.csv"

# Bad grid specs and options: exit 2, one line.
expect2 "empty range" "$S" --method gd --kappa 10 --grid alpha=lin:0.1:0.1:5
expect2 "zero points" "$S" --method gd --kappa 10 --grid alpha=lin:0:0.1:0
expect2 "zero points" "$S" --method gd --kappa 10 --grid alpha=
expect2 "unknown parameter gamma" "$S" --method gd --kappa 10 --grid gamma=1,2
expect2 "--shard 0/4: expected I/N" "$S" --method gd --kappa 10 --grid alpha=0.1,0.2 --shard 0/4 -o "$T/b.csv"
expect2 "--shard 5/4: expected I/N" "$S" --method gd --kappa 10 --grid alpha=0.1,0.2 --shard 5/4 -o "$T/b.csv"
expect2 "--beta 1: must be in [0, 1)" "$S" --method heavy-ball --kappa 10 --grid alpha=0.1 --grid beta=0.5,1
expect2 "--beta 1: must be in [0, 1)" "$S" --method heavy-ball --kappa 10 --grid alpha=0.1 --grid beta=0.5,1 --general
expect2 "--mode fast" "$S" --mode fast --method gd --kappa 10 --grid alpha=0.1
expect2 "needs -o" "$S" --method gd --kappa 10 --grid alpha=0.1 --shard 1/2
expect2 "no --grid" "$S" --method gd --kappa 10
expect2 "--ends-only: not valid for nesterov-lecture" "$S" --method nesterov-lecture --kappa 10 --grid alpha=0.1 --grid beta=0.5 --ends-only
[ ! -e "$T/b.csv" ] && [ ! -e "$T/b.csv.part" ] || fail "output written on bad input"

# --ends-only agrees with the full spectrum for heavy ball on this grid, and opt resolves the optimum.
diff <("$S" "${HB[@]}" | cut -d, -f1-4) <("$S" "${HB[@]}" --ends-only | cut -d, -f1-4) >/dev/null || fail "ends-only differs"
"$S" --method heavy-ball --kappa 100 --grid alpha=opt --grid beta=opt --format jsonl | tail -1 | grep -q '"alpha_value":0.03305785123966942' || fail "opt"
echo "sweep_tools: ok"

# --mode run / both: rows equal kappa-run's summary at the same options; -j independent.
R=(--mode run --method heavy-ball --kappa 50 --grid alpha=lin:0.01:0.05:5 --grid beta=0,0.6 --iters 150)
[ "$("$S" "${R[@]}" -j 1 | md5sum)" = "$("$S" "${R[@]}" -j 2 | md5sum)" ] || fail "run sweep depends on -j"
"$S" "${R[@]}" --format jsonl > "$T/run.jsonl"
[ "$("$S" "${R[@]}" --format jsonl --general | md5sum)" = "$(md5sum < "$T/run.jsonl")" ] || fail "run: composed options differ from a full parse"
R2=(--mode both --method heavy-ball --kappa 30 --alpha 0.02 --grid beta=0.3,0.6 --grid iters=ilin:50:150:3 --grid w0=ones,randn:3)
[ "$("$S" "${R2[@]}" | md5sum)" = "$("$S" "${R2[@]}" --general | md5sum)" ] || fail "both: composed options differ from a full parse"
python3 - "$B" "$T/run.jsonl" <<'PY' || fail "run points differ from kappa-run"
import json, subprocess, sys
b, path = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in open(path)][1:]
assert len(rows) == 10
for r in rows[::3]:
    out = subprocess.run([b + "/kappa-run", "--method", "heavy-ball", "--kappa", "50", "--alpha", str(r["alpha"]),
                          "--beta", str(r["beta"]), "--iters", "150", "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    s = json.loads(out)["summary"]
    for k in ("status", "iterations", "measured_rate", "theory_rate", "rate_rel_error"):
        assert r[k] == s[k], (k, r[k], s[k])
PY
expect2 "unknown parameter gamma (kappa-run" "$S" --mode run --method gd --kappa 10 --grid gamma=1,2
"$S" --mode both --method gd --kappa 10 --grid alpha=0.05,0.1 --iters 50 | head -1 | grep -q ',rate,.*,run_status,run_iterations,run_measured_rate,run_theory_rate,' || fail "both: columns"
echo "sweep_tools (run): ok"
