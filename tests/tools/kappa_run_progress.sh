#!/bin/bash
# kappa-run's progress line: on a terminal stderr (a pseudo-terminal here) a long run shows
# "\rkappa-run: iteration ..." and clears it; stdout is the same bytes as without a terminal; with
# stderr not a terminal, or with --no-progress, nothing is written to stderr.
set -u
BIN=${KAPPA_BIN:-build/bin}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; fi; }

# A run well over the 0.5 s delay on this machine, whatever its speed: GD on a 100000-dimensional
# diagonal quadric, its iteration count doubled from 4000 until the run takes 1 s, twice the delay
# (4000 took 0.27 s on an idle 2-core machine, release build; 6.5 s under ASan). Fixed counts made
# the test pass or fail with the machine.
args_for() { ARGS=(--method gd --spectrum geom:1:100:100000 --alpha 0.0198 --iters "$1" --tol 0 --every 20 --format csv); }
iters=4000
while :; do
  args_for "$iters"
  t0=$(date +%s%N)
  "$BIN/kappa-run" "${ARGS[@]}" >"$T/plain.out" 2>"$T/plain.err"
  plain_rc=$?
  (( ($(date +%s%N) - t0) >= 1000000000 || iters >= 512000 )) && break
  iters=$((iters * 2))
done

# Runs "$@" with stderr on a pseudo-terminal, stdout to $T/pty.out; the terminal's bytes to $T/pty.err.
on_pty() {
  /usr/bin/python3 - "$T/pty.out" "$T/pty.err" "$@" <<'PY'
import os, pty, subprocess, sys
out_path, err_path, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
master, slave = pty.openpty()
with open(out_path, "wb") as out:
    p = subprocess.Popen(argv, stdout=out, stderr=slave, stdin=subprocess.DEVNULL)
os.close(slave)
got = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: the last writer closed the terminal
        break
    if not chunk:
        break
    got += chunk
rc = p.wait()
open(err_path, "wb").write(got)
sys.exit(rc)
PY
}

# The last run of the loop is the plain run: stderr not a terminal.
check "plain exit 0" "[ $plain_rc -eq 0 ]"
check "plain: stderr not a terminal, nothing on it" "[ ! -s $T/plain.err ]"

on_pty "$BIN/kappa-run" "${ARGS[@]}"
check "pty exit 0" "[ $? -eq 0 ]"
check "pty: stdout unchanged" "cmp -s $T/plain.out $T/pty.out"
check "pty: progress line shown" "grep -aq \$'\\rkappa-run: iteration [0-9]* / $iters ([0-9]*%)  dist / start ' $T/pty.err"
check "pty: no newline on stderr" "[ \$(tr -cd '\\n' <$T/pty.err | wc -c) -eq 0 ]"
check "pty: line cleared at the end" "/usr/bin/python3 -c \"import re,sys; e=open('$T/pty.err','rb').read(); assert re.search(rb'\\r {20,}\\r\\Z', e), e[-200:]\""

on_pty "$BIN/kappa-run" "${ARGS[@]}" --no-progress
check "pty --no-progress exit 0" "[ $? -eq 0 ]"
check "pty --no-progress: nothing on stderr" "[ ! -s $T/pty.err ]"
check "pty --no-progress: stdout unchanged" "cmp -s $T/plain.out $T/pty.out"

exit $fail
