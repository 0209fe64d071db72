#!/bin/bash
# Every C++ file of the repository follows .clang-format (clang-format 14, Debian 12's): a change
# that is not formatted fails here with clang-format's own report of the first lines that differ.
# To fix: clang-format -i FILE.
set -u
cd "${KAPPA_SRC:?}"
if ! command -v clang-format >/dev/null; then
  echo "FAIL: clang-format not found (scripts/install-deps.sh installs Debian's clang-format)"
  exit 1
fi
mapfile -t files < <(find lib tools tests bench fuzz -name '*.cpp' -o -name '*.hpp' | sort)
(( ${#files[@]} > 100 )) || { echo "FAIL: only ${#files[@]} C++ files found under $PWD"; exit 1; }
clang-format --dry-run --Werror "${files[@]}" 2>&1 | head -40
rc=${PIPESTATUS[0]}
echo "format: ${#files[@]} files, clang-format $(clang-format --version | grep -o '[0-9][0-9.]*' | head -1), exit $rc"
exit "$rc"
