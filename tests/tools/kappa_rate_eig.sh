#!/usr/bin/env bash
# Runs the built kappa-rate and kappa-eig: exit codes and one-line messages for every bad input,
# --help, every --format parsed by Python's json / csv modules, atomic -o, the stable JSON keys, and
# one kappa-eig row against numpy.linalg.eigvals of the matrix written from the update rule.
set -uo pipefail
BIN=${KAPPA_BIN:?KAPPA_BIN not set}
PY=/usr/bin/python3
source "$(dirname "$0")/lib.bash"   # tmp, fail, finish

# bad CODE NEEDLE TOOL ARGS...: exit CODE, nothing on stdout, exactly one stderr line "TOOL: ..."
# that contains NEEDLE (the offending value and what was expected).
bad() {
  local code=$1 needle=$2 tool=$3
  shift 3
  "$BIN/$tool" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  local nlines
  nlines=$(wc -l <"$tmp/err")
  [[ $rc == "$code" ]] || fail "$tool $*: exit $rc, expected $code"
  [[ -s $tmp/out ]] && fail "$tool $*: stdout not empty: $(head -c 200 "$tmp/out")"
  [[ $nlines == 1 ]] || fail "$tool $*: $nlines stderr lines: $(cat "$tmp/err")"
  grep -qF -- "$tool: " "$tmp/err" || fail "$tool $*: stderr does not start with '$tool: ': $(cat "$tmp/err")"
  grep -qF -- "$needle" "$tmp/err" || fail "$tool $*: stderr lacks '$needle': $(cat "$tmp/err")"
}

printf '1\n# comment\n2\nabc\n' >"$tmp/badtoken.txt"
printf '# only a comment\n\n' >"$tmp/empty.txt"
printf '1\r\n-4\r\n' >"$tmp/neg.txt"

for tool in kappa-rate kappa-eig; do
  P=(--method heavy-ball --alpha 0.01 --beta 0.5)
  bad 2 "--kappa 0.5: must be >= 1" $tool "${P[@]}" --kappa 0.5
  bad 2 "--kappa abc: expected a number" $tool "${P[@]}" --kappa abc
  bad 2 "--kappa nan: expected a finite number" $tool "${P[@]}" --kappa nan
  bad 2 "--kappa inf: expected a finite number" $tool "${P[@]}" --kappa inf
  bad 2 "--kappa: empty value: expected a number" $tool "${P[@]}" --kappa ''
  bad 2 "--lambda-min 0: must be > 0" $tool "${P[@]}" --lambda-min 0 --lambda-max 1
  bad 2 "--lambda-min -1: must be > 0" $tool "${P[@]}" --lambda-min -1 --lambda-max 1
  bad 2 "--lambda-max 1: must be >= --lambda-min 2" $tool "${P[@]}" --lambda-min 2 --lambda-max 1
  bad 2 "--lambda-min: needs --lambda-max too" $tool "${P[@]}" --lambda-min 2
  bad 2 "give only one of them" $tool "${P[@]}" --kappa 10 --spectrum linear:1:2:3
  bad 2 "--spectrum linear:1:10:0: N = 0: must be at least 1" $tool "${P[@]}" --spectrum linear:1:10:0
  bad 2 "--spectrum geom:0:10:5: lower end 0: must be a finite number > 0" $tool "${P[@]}" --spectrum geom:0:10:5
  bad 2 "--spectrum linear:10:1:5: upper end 1 is below lower end 10: expected A <= B" $tool "${P[@]}" --spectrum linear:10:1:5
  bad 2 "--spectrum linear:1:inf:5: B = inf: expected a finite number" $tool "${P[@]}" --spectrum linear:1:inf:5
  bad 2 "--spectrum cluster:1:2:4:2: FRAC = 2: must be in [0, 1]" $tool "${P[@]}" --spectrum cluster:1:2:4:2
  bad 2 "--spectrum uniform:1:2:4:x: SEED = x: expected a seed" $tool "${P[@]}" --spectrum uniform:1:2:4:x
  bad 2 "unknown kind 'lin'" $tool "${P[@]}" --spectrum lin:1:2:3
  bad 2 "--spectrum file:$tmp/missing.txt: cannot open: No such file or directory" $tool "${P[@]}" --spectrum "file:$tmp/missing.txt"
  bad 2 "spectrum file $tmp/empty.txt: no eigenvalues (empty file?)" $tool "${P[@]}" --spectrum "file:$tmp/empty.txt"
  bad 2 "spectrum file $tmp/badtoken.txt line 4: abc: expected a number" $tool "${P[@]}" --spectrum "file:$tmp/badtoken.txt"
  bad 2 "spectrum file $tmp/neg.txt line 2: -4: must be a finite number > 0" $tool "${P[@]}" --spectrum "file:$tmp/neg.txt"
  bad 2 "no spectrum: give --kappa K" $tool "${P[@]}"
  bad 2 "--method foo: unknown method" $tool --method foo --kappa 10
  bad 2 "--method: required" $tool --kappa 10
  bad 2 "--alpha -1: must be > 0" $tool --method heavy-ball --kappa 10 --alpha -1 --beta 0.5
  bad 2 "--alpha 0: must be > 0" $tool --method gd --kappa 10 --alpha 0
  bad 2 "--beta 1: must be in [0, 1)" $tool --method heavy-ball --kappa 10 --alpha 0.1 --beta 1
  bad 2 "--beta -0.1: must be in [0, 1)" $tool --method nesterov --kappa 10 --alpha 0.1 --beta -0.1
  bad 2 "--beta 0.5: method gd has no momentum parameter" $tool --method gd --kappa 10 --alpha 0.1 --beta 0.5
  bad 2 "--alpha 0.1: method heavy-ball needs --beta too" $tool --method heavy-ball --kappa 10 --alpha 0.1
  bad 2 "--alpha and --lr: give only one (synonyms)" $tool --method gd --kappa 10 --alpha 0.1 --lr 0.1
  bad 2 "--tuning fast: expected tuned or textbook" $tool --method nesterov --kappa 10 --tuning fast
  bad 2 "--format xml: expected table, json, jsonl or csv" $tool --method gd --kappa 10 --format xml
  bad 2 "unrecognised option '--bogus'" $tool --method gd --kappa 10 --bogus
  bad 1 "-o /nonexistent-dir/x: cannot create a temporary file beside it" $tool --method gd --kappa 10 -o /nonexistent-dir/x
done
bad 2 "--tol 2: must be in (0, 1)" kappa-rate --method gd --kappa 10 --tol 2
bad 2 "--tol 0: must be in (0, 1)" kappa-rate --method gd --kappa 10 --tol 0

# --help: exit 0, options and examples from the lecture.
for tool in kappa-rate kappa-eig; do
  "$BIN/$tool" --help >"$tmp/help" 2>"$tmp/err" || fail "$tool --help: non-zero exit"
  [[ -s $tmp/err ]] && fail "$tool --help wrote to stderr"
  grep -q '^Examples:' "$tmp/help" || fail "$tool --help: no Examples section"
  [[ $(grep -c "^  $tool " "$tmp/help") -ge 2 ]] || fail "$tool --help: fewer than two examples"
  grep -q -- '--kappa 100' "$tmp/help" || fail "$tool --help: no kappa = 100 example"
  for opt in --method --alpha --beta --kappa --spectrum --format --output; do
    grep -q -- "$opt" "$tmp/help" || fail "$tool --help: $opt not listed"
  done
done

# Every --format parses; the stable keys and their values (expected values computed in Python from
# the formulas, not copied from the tool).
"$BIN/kappa-rate" --method gd --kappa 100 --format json >"$tmp/gd.json" || fail "kappa-rate gd json"
"$BIN/kappa-rate" --method heavy-ball --kappa 100 --format json >"$tmp/hb.json" || fail "kappa-rate hb json"
"$BIN/kappa-rate" --method heavy-ball --kappa 100 --alpha 0.03 --beta 0.6 --format jsonl >"$tmp/hb.jsonl" || fail "jsonl"
"$BIN/kappa-rate" --method nesterov --spectrum geom:1:1000:50 --format csv >"$tmp/nv.csv" || fail "kappa-rate csv"
"$BIN/kappa-rate" --method gd --kappa 100 --alpha 0.0202 --format table >"$tmp/gd.table" || fail "kappa-rate table"
"$BIN/kappa-eig" --method heavy-ball --spectrum linear:1:100:25 --alpha 0.02 --beta 0.5 --format json >"$tmp/eig.json" || fail "eig json"
"$BIN/kappa-eig" --method heavy-ball --spectrum linear:1:100:25 --alpha 0.02 --beta 0.5 --format jsonl >"$tmp/eig.jsonl" || fail "eig jsonl"
"$BIN/kappa-eig" --method heavy-ball --spectrum linear:1:100:25 --alpha 0.02 --beta 0.5 --format csv >"$tmp/eig.csv" || fail "eig csv"
"$BIN/kappa-eig" --method gd --kappa 100 --alpha 0.01 --format csv >"$tmp/eig-gd.csv" || fail "eig gd csv"
"$BIN/kappa-eig" --method heavy-ball --spectrum linear:1:100:25 --alpha 0.02 --beta 0.5 >"$tmp/eig.table" || fail "eig table"
"$BIN/kappa-eig" --method nesterov-lecture --kappa 100 --alpha 0.01 --beta 0.9 --show-matrix --format csv >"$tmp/eig-m.csv" || fail "eig matrix"

"$PY" - "$tmp" <<'EOF' || fail "format/keys checks (see the Python traceback above)"
import csv, json, math, sys
import numpy as np
d = sys.argv[1]
def close(a, b, rel=1e-14):
    assert abs(a - b) <= rel * max(abs(a), abs(b)), (a, b)

gd = json.load(open(f"{d}/gd.json"))
for k in ["tool", "version", "parameters", "method", "rate", "alpha", "beta", "kappa", "lambda_min",
          "lambda_max", "converges", "iterations"]:
    assert k in gd, k
assert gd["tool"] == "kappa-rate" and gd["method"] == "gd" and gd["beta"] is None
close(gd["rate"], 99 / 101); close(gd["alpha"], 2 / 101)
assert gd["converges"] is True and gd["kappa"] == 100 and gd["lambda_min"] == 1 and gd["lambda_max"] == 100
assert gd["iterations"] == math.ceil(math.log(1e-6) / math.log(99 / 101)), gd["iterations"]
assert gd["parameters"]["kappa"] == 100 and gd["parameters"]["method"] == "gd"

hb = json.load(open(f"{d}/hb.json"))
close(hb["rate"], 9 / 11); close(hb["alpha"], 4 / 121); close(hb["beta"], 81 / 121)
assert hb["params_source"] == "closed_form"
assert hb["regime_lambda_min"] == "critical" and hb["regime_lambda_max"] == "critical", hb

lines = open(f"{d}/hb.jsonl").read().splitlines()
assert len(lines) == 1
hl = json.loads(lines[0])
# heavy ball at alpha = 0.03, beta = 0.6 on {1, 100}: lambda = 100 has alpha*lambda = 3 > (1+sqrt(.6))^2,
# real roots of s^2 - (1 + b - a l) s + b; the rate is the larger modulus over both modes.
r = max(max(abs(np.roots([1, -(1 + 0.6 - 0.03 * l), 0.6]))) for l in (1, 100))
close(hl["rate"], r, 1e-12)
assert hl["converges"] == (r < 1)

rows = list(csv.DictReader(open(f"{d}/nv.csv")))
assert len(rows) == 1 and rows[0]["method"] == "nesterov"
q = math.sqrt(3 * 1000 + 1)
close(float(rows[0]["rate_formula"]), 1 - 2 / q)
close(float(rows[0]["rate"]), 1 - 2 / q, 1e-12)

table = open(f"{d}/gd.table").read()
assert "rate" in table and "converges" in table

cols = ["lambda", "sigma1_re", "sigma1_im", "sigma2_re", "sigma2_im", "radius", "regime"]
ej = json.load(open(f"{d}/eig.json"))
assert ej["tool"] == "kappa-eig" and len(ej["rows"]) == 25
assert all(list(r.keys()) == cols for r in ej["rows"])
assert "rate" in ej and "convention" in ej
el = open(f"{d}/eig.jsonl").read().splitlines()
assert len(el) == 26 and json.loads(el[0])["tool"] == "kappa-eig"
assert [json.loads(l) for l in el[1:]] == ej["rows"]
ec = list(csv.DictReader(open(f"{d}/eig.csv")))
assert len(ec) == 25 and list(ec[0].keys()) == cols
for a, b in zip(ec, ej["rows"]):
    for c in cols[:-1]:
        assert float(a[c]) == b[c], (c, a[c], b[c])   # csv and json carry the same doubles exactly
    assert a["regime"] == b["regime"]
close(ej["rate"], max(r["radius"] for r in ej["rows"]))

# One row against numpy.linalg.eigvals of the heavy-ball matrix written from the update rule
# v <- b v - l w, w <- w + a v  =>  [[b, -l], [a b, 1 - a l]].
a, b = 0.02, 0.5
for row in ej["rows"]:
    l = row["lambda"]
    ev = np.linalg.eigvals(np.array([[b, -l], [a * b, 1 - a * l]]))
    ev = sorted(ev, key=lambda z: (-abs(z), -z.imag))
    got = sorted([complex(row["sigma1_re"], row["sigma1_im"]), complex(row["sigma2_re"], row["sigma2_im"])],
                 key=lambda z: (-abs(z), -z.imag))
    for x, y in zip(ev, got):
        assert abs(x - y) <= 1e-12, (l, ev, got)
    close(row["radius"], max(abs(z) for z in ev), 1e-12)
    disc = (1 + b - a * l) ** 2 - 4 * b
    want = "complex" if disc < -1e-12 else ("real" if disc > 1e-12 else "critical")
    assert row["regime"] == want, (l, row["regime"], want)
assert {r["regime"] for r in ej["rows"]} == {"complex", "real"}

gdrows = list(csv.DictReader(open(f"{d}/eig-gd.csv")))
assert [float(r["sigma1_re"]) for r in gdrows] == [1 - 0.01 * 1, 1 - 0.01 * 100]
assert all(r["sigma2_re"] == "" and r["regime"] == "real" for r in gdrows)   # gd: no second eigenvalue

m = list(csv.DictReader(open(f"{d}/eig-m.csv")))
for r in m:   # nesterov-lecture: v <- b v - l (w + a v)  =>  [[b - a l, -l], [a (b - a l), 1 - a l]]
    l, a, b = float(r["lambda"]), 0.01, 0.9
    want = [b - a * l, -l, a * (b - a * l), 1 - a * l]
    got = [float(r[k]) for k in ("m11", "m12", "m21", "m22")]
    assert all(abs(x - y) <= 1e-15 * (1 + abs(x)) for x, y in zip(want, got)), (want, got)
EOF
grep -q "critical" "$tmp/eig.table" && fail "eig table: unexpected critical row"
[[ $(wc -l <"$tmp/eig.table") == 26 ]] || fail "eig table: expected a header and 25 rows"

# -o: atomic. A good run writes the file; a failing run (bad input, or a run killed mid-write)
# leaves the previous file byte-identical and no temp file beside it.
"$BIN/kappa-rate" --method gd --kappa 100 --format json -o "$tmp/out.json" >"$tmp/stdout" || fail "-o run"
[[ -s $tmp/stdout ]] && fail "-o: something went to stdout"
cp "$tmp/out.json" "$tmp/before.json"
bad 2 "--kappa 0: must be >= 1" kappa-rate --method gd --kappa 0 --format json -o "$tmp/out.json"
cmp -s "$tmp/out.json" "$tmp/before.json" || fail "-o: a failing run changed the file"
"$BIN/kappa-eig" --method heavy-ball --spectrum linear:1:100:30000000 --alpha 0.01 --beta 0.5 --format csv \
  -o "$tmp/out.json" 2>/dev/null &
pid=$!
sleep 1
kill -TERM "$pid" 2>/dev/null
wait "$pid"
rc=$?
[[ $rc == 143 ]] || fail "killed kappa-eig: exit $rc, expected 143 (SIGTERM) — did it finish within 1 s?"
cmp -s "$tmp/out.json" "$tmp/before.json" || fail "-o: a killed run changed the file"
ls "$tmp" | grep -q '\.tmp\.' && fail "-o: temp file left behind: $(ls "$tmp")"
# -o onto a directory is refused before anything is written: one line, no temp file.
mkdir "$tmp/adir"
bad 2 "-o $tmp/adir: is a directory" kappa-rate --method gd --kappa 100 -o "$tmp/adir"
ls "$tmp" | grep -q '\.tmp\.' && fail "-o: temp file left behind after -o DIR"

finish "kappa_rate_eig: all checks passed"
