#!/usr/bin/env bash
# Faults around kappa-sweep / kappa-merge and io::Sink: each case must end with exit 1 or 2 and
# exactly one line on stderr (never a signal), and leave no file lost or corrupted.
#   devices and links (as root: inside a private mount namespace, with the real /dev/null and a
#   small tmpfs bind-mounted over files of a temp dir; the real /dev is never named), a full disk,
#   ulimit -v with many threads, a closed stdout, two runs on one file, hostile sidecars, foreign
#   rows, an interrupted sweep over another sweep's complete file, a kill between the final renames,
#   symlinks and modes, -o DIRECTORY, a non-UTF-8 file name.
# Usage: KAPPA_BIN=build/bin bash tests/hardening/sweep_faults.sh
set -euo pipefail
B=${KAPPA_BIN:?}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
S="$B/kappa-sweep"
M="$B/kappa-merge"
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect CODE SUBSTRING cmd...: exit CODE, one line on stderr containing SUBSTRING
expect() {
  local code=$1 want=$2; shift 2
  set +e; "$@" >"$T/out" 2>"$T/err"; local st=$?; set -e
  [ $st -eq "$code" ] || fail "exit $st (want $code): $* -- $(head -c 300 "$T/err")"
  [ "$(wc -l < "$T/err")" -eq 1 ] || fail "not one line on stderr: $* -- $(cat "$T/err")"
  grep -qF -- "$want" "$T/err" || fail "message '$(cat "$T/err")' lacks '$want'"
}
HB=(--method heavy-ball --spectrum linear:1:100:30 --grid beta=lin:0:0.95:7 --grid alpha=lin:0.001:0.045:11)
"$S" "${HB[@]}" -o "$T/ref.csv"

# -o DIRECTORY: refused before any work, nothing left behind.
mkdir "$T/dir"
expect 2 "is a directory" "$S" "${HB[@]}" -o "$T/dir"
[ -z "$(ls -A "$T/dir")" ] && [ ! -e "$T/dir.part" ] && [ ! -e "$T/dir.sweep.json" ] && [ ! -e "$T/dir.part.sweep.json" ] || fail "-o DIR left files"

# A symlink: its target replaced, the link kept; the target's mode kept.
echo old > "$T/target.csv"; chmod 600 "$T/target.csv"; ln -s target.csv "$T/link.csv"
"$S" "${HB[@]}" -o "$T/link.csv"
[ -L "$T/link.csv" ] || fail "-o LINK replaced the link"
cmp -s "$T/target.csv" "$T/ref.csv" || fail "-o LINK: target not written"
[ "$(stat -c %a "$T/target.csv")" = 600 ] || fail "-o over a mode-600 file left $(stat -c %a "$T/target.csv")"
"$B/kappa-rate" --method gd --kappa 10 -o "$T/link.csv"
[ -L "$T/link.csv" ] && [ "$(stat -c %a "$T/target.csv")" = 600 ] || fail "kappa-rate -o LINK"

# /dev/stdout: written in place through the descriptor (the captured file gets the bytes).
"$S" "${HB[@]}" -o /dev/stdout > "$T/captured.csv"
cmp -s "$T/captured.csv" "$T/ref.csv" || fail "-o /dev/stdout > FILE: captured $(wc -c < "$T/captured.csv") bytes"
"$B/kappa-rate" --method gd --kappa 10 -o /dev/stdout > "$T/captured.txt"
[ -s "$T/captured.txt" ] || fail "kappa-rate -o /dev/stdout lost the output"

# Write errors: a full stdout, a closed stdout: exit 1, one line, no signal.
set +e; "$S" "${HB[@]}" -j 2 > /dev/full 2>"$T/err"; st=$?; set -e
[ $st -eq 1 ] && [ "$(wc -l < "$T/err")" -eq 1 ] || fail "stdout /dev/full: exit $st $(cat "$T/err")"
set +e; "$S" "${HB[@]}" -j 2 >&- 2>"$T/err"; st=$?; set -e
[ $st -eq 1 ] && grep -q "closed" "$T/err" || fail "closed stdout: exit $st $(cat "$T/err")"
set +e; "$B/kappa-run" --method gd --kappa 10 --iters 5 -s "$T/sum.json" >&- 2>"$T/err"; st=$?; set -e
[ $st -eq 1 ] && [ ! -e "$T/sum.json" ] && grep -q "closed" "$T/err" || fail "kappa-run -s FILE with stdout closed: exit $st $(cat "$T/err")"

# Thread creation under ulimit -v: exit 1, one line (not SIGABRT). Not in the sanitizer build:
# AddressSanitizer reserves terabytes of shadow memory at start, which no ulimit -v allows.
if grep -q __asan_init "$S"; then
  echo "skip: -j 4000 under ulimit -v (AddressSanitizer build)"
else
  set +e; (ulimit -v 400000; "$S" --mode run --method gd --kappa 10 --iters 5 --grid alpha=lin:0.01:0.1:2000 -j 4000 >/dev/null 2>"$T/err"); st=$?; set -e
  [ $st -le 2 ] && [ "$(wc -l < "$T/err")" -le 1 ] || fail "-j 4000 under ulimit -v: exit $st $(cat "$T/err")"
fi

# Two runs on one file: the second refuses with one line while the first holds the lock.
K=(--grid method=heavy-ball,nesterov --grid kappa=geom:2:1e5:150 --grid tol=1e-4,1e-8 --numeric -j 1)
"$S" "${K[@]}" -o "$T/k.csv" & pid=$!
for _ in $(seq 1 500); do [ -s "$T/k.csv.part" ] && break; sleep 0.02; done
if kill -0 $pid 2>/dev/null; then
  expect 1 "another run is writing" "$S" "${K[@]}" -o "$T/k.csv" --resume
  expect 1 "another run is writing" "$S" "${K[@]}" -o "$T/k.csv"
fi
wait $pid
"$S" "${K[@]}" | cmp -s - "$T/k.csv" || fail "the locked run's file differs from a clean run"

# An interrupted sweep B over the complete file of sweep A leaves A's file and sidecar intact.
cp "$T/ref.csv" "$T/a.csv.keep"; "$S" "${HB[@]}" -o "$T/a.csv"; cp "$T/a.csv.sweep.json" "$T/a.side.keep"
"$S" "${K[@]}" -o "$T/a.csv" & pid=$!
for _ in $(seq 1 500); do [ -s "$T/a.csv.part" ] && break; sleep 0.02; done
kill -INT $pid; wait $pid || true
cmp -s "$T/a.csv" "$T/a.csv.keep" && cmp -s "$T/a.csv.sweep.json" "$T/a.side.keep" || fail "interrupted sweep B changed A's file or sidecar"

# Killed between the final renames (FILE is B's, FILE.part.sweep.json describes it): merge reads
# the right sidecar, --resume completes the rename.
"$S" "${HB[@]}" -o "$T/c.csv"
mv "$T/c.csv.sweep.json" "$T/c.csv.part.sweep.json"; echo '{"stale": true}' > "$T/c.csv.sweep.json"
"$M" "$T/c.csv" | cmp -s - "$T/ref.csv" || fail "merge after a kill between renames"
"$S" "${HB[@]}" -o "$T/c.csv" --resume 2>/dev/null
[ ! -e "$T/c.csv.part.sweep.json" ] && grep -q '"complete": true' "$T/c.csv.sweep.json" || fail "resume did not complete the rename"

# Hostile sidecars: exit 2, one line naming the file and the field.
for i in 1 2 3; do "$S" "${HB[@]}" --shard $i/3 -o "$T/s$i.csv"; done
side() { python3 - "$T/s1.csv.sweep.json" "$1" <<'PY'
import json, sys
p, edit = sys.argv[1], sys.argv[2]
j = json.load(open(p + ".orig" if __import__("os").path.exists(p + ".orig") else p))
exec(edit)
open(p, "w").write(json.dumps(j) if isinstance(j, dict) else j)
PY
}
cp "$T/s1.csv.sweep.json" "$T/s1.csv.sweep.json.orig"
side 'j["shard"]["index"] = 0';      expect 2 "field shard" "$M" "$T/s1.csv" "$T/s2.csv" "$T/s3.csv"
side 'j["shard"]["index"] = 3; j["shard"]["count"] = 2'; expect 2 "field shard" "$M" "$T/s1.csv" "$T/s2.csv" "$T/s3.csv"
side 'j["shard"]["count"] = "3"';   expect 2 "field shard.count" "$M" "$T/s1.csv" "$T/s2.csv" "$T/s3.csv"
side 'del j["sweep"]["points"]';    expect 2 "field sweep.points is missing" "$M" "$T/s1.csv" "$T/s2.csv" "$T/s3.csv"
side 'j["sweep"]["points"] = 10**30'; expect 2 "s1.csv.sweep.json" "$M" "$T/s1.csv" "$T/s2.csv" "$T/s3.csv"
side 'j["sweep_id"] = "0000000000000000"'; expect 2 "field sweep_id" "$M" "$T/s1.csv" "$T/s2.csv" "$T/s3.csv"
side 'j["sweep"]["grids"][0]["spec"] = "lin:0:1:0"'; expect 2 "field sweep.grids[].spec" "$M" "$T/s1.csv" "$T/s2.csv" "$T/s3.csv"
side 'j = "[" * 100000';            expect 2 "s1.csv.sweep.json" "$M" "$T/s1.csv" "$T/s2.csv" "$T/s3.csv"
side 'j = "{\"tool\": \"kappa-sweep\", "'; expect 2 "not valid JSON" "$M" "$T/s1.csv" "$T/s2.csv" "$T/s3.csv"
grep -q json.exception "$T/err" && fail "raw library message: $(cat "$T/err")"
cp "$T/s1.csv.sweep.json.orig" "$T/s1.csv.sweep.json"
# A shard CSV of another sweep with the sidecar left in place: rows checked against the grid.
"$S" --method heavy-ball --spectrum linear:1:100:30 --grid beta=lin:0:0.95:7 --grid alpha=lin:0.001:0.046:11 --shard 2/3 -o "$T/o2.csv"
cp "$T/s2.csv" "$T/s2.keep"; cp "$T/o2.csv" "$T/s2.csv"
expect 2 "is not point" "$M" "$T/s1.csv" "$T/s2.csv" "$T/s3.csv"
cp "$T/s2.keep" "$T/s2.csv"
# Rows of an unsharded file are counted too.
cp "$T/ref.csv" "$T/u.csv"; cp "$T/ref.csv.sweep.json" "$T/u.csv.sweep.json"; sed -i '$d' "$T/u.csv"
expect 2 "76 rows, expected 77" "$M" "$T/u.csv"
# An output that is an input.
expect 2 "is also an input" "$M" -o "$T/s1.csv" "$T/s1.csv" "$T/s2.csv" "$T/s3.csv"

# A non-UTF-8 file name in a fixed option: valid JSON out.
printf '1\n2\n' > "$T/$(printf 'sp\xe9c.txt')"
"$S" --method gd --spectrum "file:$T/$(printf 'sp\xe9c.txt')" --grid alpha=0.01,0.02 --format jsonl -o "$T/$(printf 'n\xe9.jsonl')"
"$S" --method gd --grid spectrum="file:$T/$(printf 'sp\xe9c.txt'),linear:1:10:5" --format jsonl | python3 -c "import json,sys; [json.loads(l) for l in sys.stdin.buffer.read().decode().splitlines()]" || fail "non-UTF-8 grid value: invalid JSON"
python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]; json.load(open(sys.argv[1]+'.sweep.json', encoding='utf-8'))" "$T/$(printf 'n\xe9.jsonl')" || fail "non-UTF-8 name: invalid JSON"

# As root, in a private mount namespace: a device bind-mounted over a file of $T (the real
# /dev/null, so nothing can be destroyed), and a 64 KiB tmpfs as a full disk.
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
  KAPPA_BIN="$B" T="$T" unshare -m bash -euo pipefail -c '
    mount --make-rprivate / 2>/dev/null || true
    fail() { echo "FAIL (namespace): $*" >&2; exit 1; }
    S="$KAPPA_BIN/kappa-sweep"
    HB=(--method heavy-ball --spectrum linear:1:100:30 --grid beta=lin:0:0.95:7 --grid alpha=lin:0.001:0.045:11)
    : > "$T/fakenull"; mount --bind /dev/null "$T/fakenull"
    "$S" "${HB[@]}" -o "$T/fakenull"
    [ -c "$T/fakenull" ] || fail "-o DEVICE: the device was replaced"
    [ ! -e "$T/fakenull.sweep.json" ] && [ ! -e "$T/fakenull.part" ] || fail "-o DEVICE: sidecar or part beside a device"
    ln -s "$T/fakenull" "$T/nulllink"; "$KAPPA_BIN/kappa-rate" --method gd --kappa 10 -o "$T/nulllink"
    [ -L "$T/nulllink" ] && [ -c "$T/fakenull" ] || fail "-o LINK-TO-DEVICE"
    set +e; "$S" "${HB[@]}" --shard 1/2 -o "$T/fakenull" 2>"$T/nserr"; st=$?; set -e
    [ $st -eq 2 ] || fail "--shard to a device: exit $st"
    mkdir "$T/small"; mount -t tmpfs -o size=64k tmpfs "$T/small"
    "$S" "${HB[@]}" -o "$T/small/keep.csv"; cp "$T/small/keep.csv" "$T/keep.ref"
    set +e; "$S" --method gd --grid kappa=geom:2:1e6:20000 -j 2 -o "$T/small/keep.csv" 2>"$T/nserr"; st=$?; set -e
    [ $st -eq 1 ] && [ "$(wc -l < "$T/nserr")" -eq 1 ] && grep -q "No space left" "$T/nserr" || fail "full disk: exit $st $(cat "$T/nserr")"
    cmp -s "$T/small/keep.csv" "$T/keep.ref" || fail "full disk: the previous FILE changed"
    umount "$T/small"; umount "$T/fakenull"
  '
else
  echo "note: not root or no unshare -m: device and full-disk cases skipped" >&2
fi
echo "sweep_faults: ok"
