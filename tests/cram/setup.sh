# Sourced first by every tests/cram/*.t: cram runs each file in an empty temporary directory; the
# documented commands are written as run from the repository's root, so link the parts they read
# (tests/data, experiments/claims) and give them a build/ to write into. The tools are on PATH (ctest
# puts the build's bin directory first).
ln -s "$TESTDIR/../../tests" tests
ln -s "$TESTDIR/../../experiments" experiments
mkdir -p build

# A pipeline fails when any of its commands fails: a tool's exit status still counts behind "| filter".
set -o pipefail

# CMD | golden NAME [SED-SCRIPT]: for an output too long to read in a .t file (a trajectory, a table
# of every row). The whole output must be the committed tests/cram/golden/NAME byte for byte; when it
# is not, a unified diff is printed and the status is 1. Then the lines SED-SCRIPT selects (sed -n)
# are printed: the part worth reading, and the numbers the docs state. After an intended change of
# output, KAPPA_GOLDEN_RECORD=1 writes NAME from the output first (review it with git diff).
golden() {
  local want=$TESTDIR/golden/$1 got
  got=$(mktemp golden.XXXXXX) || return 2
  cat > "$got"
  [ -z "${KAPPA_GOLDEN_RECORD:-}" ] || cp "$got" "$want"
  if ! cmp -s "$want" "$got"; then
    diff -u --label "golden/$1" --label output "$want" "$got"
    rm -f "$got"
    return 1
  fi
  [ $# -lt 2 ] || sed -n "$2" "$got"
  rm -f "$got"
}
