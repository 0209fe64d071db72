#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a bounded time from its
# committed seed corpus (copied, so the repository is not modified). Prints the executions per target.
#   bash fuzz/run.sh [SECONDS_PER_TARGET]     (default 30)
# Each target first replays its committed corpus (a crash there is a regression and fails the
# script), then explores. A new crash leaves its input in build-fuzz/crashes/<target>/ and is
# printed; it fails the script only with KAPPA_FUZZ_STRICT=1. Turn it into a regression test
# (copy it into fuzz/corpus/<target>/ and add a test).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
out=build-fuzz
mkdir -p "$out"
cxx="clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Ilib -I/usr/include/eigen3 -DKAPPA_VERSION=\"fuzz\""
libs="-lfmt -lboost_program_options"

# target name -> sources it needs
declare -A sources=(
  [spectrum_spec]="lib/src/spectrum.cpp lib/src/io/spec.cpp lib/src/io/parse.cpp"
)
[ -f fuzz/targets.sh ] && source fuzz/targets.sh   # further targets: sources[name]="..."

status=0
for target in $(printf '%s\n' "${!sources[@]}" | sort); do
  bin="$out/fuzz_$target"
  if [ ! -x "$bin" ] || [ -n "$(find fuzz/fuzz_$target.cpp ${sources[$target]} lib/kappa -newer "$bin" 2>/dev/null | head -1)" ]; then
    $cxx "fuzz/fuzz_$target.cpp" ${sources[$target]} -o "$bin" $libs
  fi
  corpus="$out/corpus/$target"
  rm -rf "$corpus"; mkdir -p "$corpus" "$out/crashes/$target"
  cp -r "fuzz/corpus/$target/." "$corpus/"
  log="$out/$target.log"
  # 1. The committed corpus (seeds and every crash found so far) replayed: a regression fails the run.
  if ! "$bin" -runs=0 -rss_limit_mb=2048 "fuzz/corpus/$target" >"$log.replay" 2>&1; then
    echo "fuzz $target: REGRESSION: a committed corpus input crashes (see $log.replay)"
    tail -n 30 "$log.replay"
    status=1
    continue
  fi
  # 2. Exploration for a bounded time. A new crash is printed loudly and kept in $out/crashes/; it
  #    fails the run only with KAPPA_FUZZ_STRICT=1, so that CI's verdict does not depend on what a
  #    random search happens to reach in 30 s. Turn every find into a corpus file + a test.
  if "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$out/crashes/$target/" "$corpus" >"$log" 2>&1; then
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz $target: ok, corpus replayed, $execs executions in ${seconds}s"
  else
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz $target: NEW CRASH after $execs executions (input in $out/crashes/$target/, log $log):"
    grep -m3 -E "ERROR|what\(\)|SUMMARY" "$log" || tail -n 5 "$log"
    [ "${KAPPA_FUZZ_STRICT:-0}" = 1 ] && status=1
  fi
done
exit $status
