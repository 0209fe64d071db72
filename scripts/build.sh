#!/usr/bin/env bash
# Configures and builds kappa into build/ (tools in build/bin/). Extra arguments go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DKAPPA_WERROR=ON "$@" >/dev/null
cmake --build build -j"$(nproc)"
