# Sourced by the tests/tools/*.sh that run every check and report each failure before they fail
# (after their own `set` line): their common prologue and epilogue. Not a test itself, hence not
# a .sh (ctest runs every tests/tools/*.sh). Defines:
#   tmp              a temporary directory, removed when the script exits
#   fail MESSAGE     prints "FAIL: MESSAGE" on stderr and counts it; the script goes on
#   failures         the count (a check that prints its own FAIL: lines adds 1 to it)
#   finish [MESSAGE] the script's last line: after any failure "N failure(s)" on stderr and exit 1,
#                    else MESSAGE on stdout and exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
finish() {
  if ((failures)); then
    echo "$failures failure(s)" >&2
    exit 1
  fi
  [[ $# == 0 ]] || echo "$*"
  exit 0
}
