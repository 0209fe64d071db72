#!/usr/bin/env bash
# The test command: install what is missing, build, run every test. CI runs exactly this.
#   1. the release build (g++, -Werror) and the suite (ctest) on it;
#   2. the sanitizer build: clang with AddressSanitizer + UndefinedBehaviorSanitizer and libFuzzer
#      coverage (the unit tests' own files: AddressSanitizer only, docs/hardening.md), compiled once
#      for both of
#   3. the suite again, under the decimal-comma locale de_DE.UTF-8 (output must not depend on it),
#      all but the regeneration of results/, which step 1 runs, under de_DE too;
#   4. the libFuzzer targets: each replays its committed corpus, then explores for
#      KAPPA_FUZZ_SECONDS (default 20) seconds (fuzz/run.sh; 30 before 2026-12-03, cut to keep the
#      command under 15 minutes: the replay of every committed input, the regression check, is whole).
# KAPPA_QUICK=1 stops after step 1 (for a quick local check). A timing per phase is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
phases=()
start=$SECONDS
phase() {  # phase NAME COMMAND...: runs it, records its wall time
  local name=$1 t0=$SECONDS; shift
  echo "== $name"
  "$@"
  phases+=("$(printf '%-28s %5d s' "$name" $((SECONDS - t0)))")
}
report() {
  echo "== timing"
  printf '%s\n' "${phases[@]}"
  printf '%-28s %5d s\n' "total" $((SECONDS - start))
}
trap report EXIT

phase "install dependencies" bash scripts/install-deps.sh
phase "release build (g++)" bash scripts/build.sh
phase "suite (release)" ctest --test-dir build --output-on-failure -j"$jobs" --timeout 600
[ "${KAPPA_QUICK:-0}" = 1 ] && exit 0

# -Werror stays on the release build; the sanitizer build only warns (clang's warning set differs).
sanitize_build() {
  CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Release -DKAPPA_WERROR=OFF \
    -DKAPPA_SANITIZE=ON -DKAPPA_FUZZ=ON >/dev/null
  cmake --build build-asan -j"$jobs"
}
phase "sanitizer build (clang)" sanitize_build
# All but tool.results_regenerate, which reruns the whole main job (a third of this suite's time):
# the release suite ran it, under de_DE too (tests/tools/results_regenerate.sh), and the tools it
# calls are each run under the sanitizers here by their own tests and docs.
phase "suite (ASan+UBSan, de_DE)" env LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" --timeout 900 -E '^tool\.results_regenerate$'
phase "fuzzing (libFuzzer)" env KAPPA_FUZZ_BUILD=build-asan bash fuzz/run.sh "${KAPPA_FUZZ_SECONDS:-20}"
