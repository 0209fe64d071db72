#!/usr/bin/env bash
# Nothing lost, nothing locale-dependent:
#  - a failing run with -o FILE leaves the previous FILE intact and no temp file beside it;
#  - a full disk (/dev/full, as stdout and as -o) is reported with exit 1;
#  - `tool | head` ends quietly (SIGPIPE, no message);
#  - output is byte-identical under LC_ALL=C and the decimal-comma locale de_DE.UTF-8.
set -euo pipefail
bin=${KAPPA_BIN:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$bin/kappa-rate" --method gd --kappa 100 --format json -o "$tmp/r.json"
cp "$tmp/r.json" "$tmp/before.json"
if "$bin/kappa-rate" --method gd --kappa nope --format json -o "$tmp/r.json" 2>/dev/null; then fail "bad run succeeded"; fi
cmp -s "$tmp/r.json" "$tmp/before.json" || fail "-o FILE changed by a failed run"
[ -z "$(ls "$tmp" | grep tmp || true)" ] || fail "temp file left behind: $(ls "$tmp")"

set +e
"$bin/kappa-eig" --method gd --spectrum linear:1:10:1000 > /dev/full 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 1 ] || fail "stdout to /dev/full: exit $rc"
grep -q "No space left on device" "$tmp/err" || fail "no message for /dev/full: $(cat "$tmp/err")"
set +e
"$bin/kappa-eig" --method gd --spectrum linear:1:10:1000 -o /dev/full 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 1 ] || fail "-o /dev/full: exit $rc"
[ -c /dev/full ] || fail "/dev/full is no longer a device"

set +o pipefail
"$bin/kappa-eig" --method heavy-ball --spectrum linear:1:10:1000000 --alpha 0.1 --beta 0.5 2>"$tmp/err" | head -n 3 >/dev/null
set -o pipefail
[ ! -s "$tmp/err" ] || fail "message on a closed pipe: $(cat "$tmp/err")"

if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  for fmt in table json jsonl csv; do
    LC_ALL=C "$bin/kappa-rate" --method heavy-ball --spectrum geom:0.5:1e3:7 --numeric --format $fmt > "$tmp/c.$fmt"
    LC_ALL=de_DE.UTF-8 "$bin/kappa-rate" --method heavy-ball --spectrum geom:0.5:1e3:7 --numeric --format $fmt > "$tmp/de.$fmt"
    cmp -s "$tmp/c.$fmt" "$tmp/de.$fmt" || fail "kappa-rate --format $fmt differs under de_DE.UTF-8"
    LC_ALL=de_DE.UTF-8 "$bin/kappa-eig" --method nesterov --spectrum geom:0.5:1e3:7 --format $fmt > "$tmp/de.eig"
    LC_ALL=C "$bin/kappa-eig" --method nesterov --spectrum geom:0.5:1e3:7 --format $fmt > "$tmp/c.eig"
    cmp -s "$tmp/c.eig" "$tmp/de.eig" || fail "kappa-eig --format $fmt differs under de_DE.UTF-8"
  done
  grep -q '0\.5' "$tmp/de.csv" || fail "no decimal point in de_DE output"
else
  echo "SKIP locale comparison: de_DE.UTF-8 not generated (scripts/install-deps.sh generates it)"
fi
echo "1 passed, 0 failed"
