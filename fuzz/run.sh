#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time from its committed seed corpus (copied, so the
# repository is not modified). Prints the executions per target.
#   bash fuzz/run.sh [SECONDS_PER_TARGET]     (default 30)
# The targets are fuzz/fuzz_*.cpp, built by CMake with clang, ASan + UBSan and -DKAPPA_FUZZ=ON into
# $KAPPA_FUZZ_BUILD (default build-asan, the sanitizer build scripts/test.sh runs the suite in), so
# the library is compiled once for the sanitizer suite and every fuzz target. Configured and built
# here when missing.
# Each target first replays its committed corpus (a crash there is a regression and fails the
# script), then explores. A new crash leaves its input in $KAPPA_FUZZ_BUILD/crashes/<target>/ and is
# printed; it fails the script only with KAPPA_FUZZ_STRICT=1. Turn it into a regression test
# (copy it into fuzz/corpus/<target>/ and add a test).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
build=${KAPPA_FUZZ_BUILD:-build-asan}
if [ ! -f "$build/CMakeCache.txt" ]; then
  CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DKAPPA_WERROR=OFF \
    -DKAPPA_SANITIZE=ON -DKAPPA_FUZZ=ON >/dev/null
fi
targets=$(cd fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//' | sort)
# shellcheck disable=SC2086
cmake --build "$build" -j"$(nproc)" --target $targets

# One target: replay, then explore. Returns non-zero on a regression (or a new crash when strict).
fuzz_one() {
  local name=$1 target bin corpus log execs
  target=${name#fuzz_}
  bin="$build/fuzz/$name"
  corpus="$build/fuzz-corpus/$target"
  rm -rf "$corpus"; mkdir -p "$corpus" "$build/crashes/$target"
  cp -r "fuzz/corpus/$target/." "$corpus/"
  log="$build/fuzz-$target.log"
  # 1. The committed corpus (seeds and every crash found so far) replayed: a regression fails the run.
  if ! "$bin" -runs=0 -rss_limit_mb=2048 "fuzz/corpus/$target" >"$log.replay" 2>&1; then
    echo "fuzz $target: REGRESSION: a committed corpus input crashes (see $log.replay)"
    tail -n 30 "$log.replay"
    return 1
  fi
  # 2. Exploration for a bounded time. A new crash is printed loudly and kept in crashes/; it fails
  #    the run only with KAPPA_FUZZ_STRICT=1, so that CI's verdict does not depend on what a random
  #    search happens to reach in its seconds. Turn every find into a corpus file + a test.
  if "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$build/crashes/$target/" "$corpus" >"$log" 2>&1; then
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz $target: ok, corpus replayed, $execs executions in ${seconds}s"
  else
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz $target: NEW CRASH after $execs executions (input in $build/crashes/$target/, log $log):"
    grep -m3 -E "ERROR|what\(\)|SUMMARY" "$log" || tail -n 5 "$log"
    [ "${KAPPA_FUZZ_STRICT:-0}" = 1 ] && return 1
  fi
  return 0
}
export -f fuzz_one
export build seconds

# The targets run $(nproc) at a time, each for its full time; each prints its lines when it ends.
status=0
for name in $targets; do echo "$name"; done | xargs -P "$(nproc)" -I{} bash -c 'out=$(fuzz_one {} 2>&1); rc=$?; echo "$out"; exit $rc' || status=1
exit $status
