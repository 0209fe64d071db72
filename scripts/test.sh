#!/usr/bin/env bash
# The test command: install what is missing, build, run every test. CI runs exactly this.
#   1. the suite (ctest) on the release build, -Werror;
#   2. the libFuzzer targets, 30 s each, from the committed corpora (fuzz/run.sh);
#   3. the suite again built with AddressSanitizer + UndefinedBehaviorSanitizer, under the
#      decimal-comma locale de_DE.UTF-8 (output must not depend on the locale).
# KAPPA_QUICK=1 stops after step 1 (for a quick local check).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
jobs=$(nproc)
ctest --test-dir build --output-on-failure -j"$jobs" --timeout 600
[ "${KAPPA_QUICK:-0}" = 1 ] && exit 0

echo "== fuzzing (libFuzzer, ASan+UBSan)"
bash fuzz/run.sh "${KAPPA_FUZZ_SECONDS:-30}"

echo "== the suite again with ASan + UBSan under LC_ALL=de_DE.UTF-8"
# -Werror stays on the release build: with -fsanitize, g++ 12 reports false maybe-uninitialized
# warnings inside libstdc++ (std::regex, std::function), so the sanitizer build only warns.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Release -DKAPPA_WERROR=OFF -DKAPPA_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 \
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" --timeout 900
