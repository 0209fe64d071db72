#!/usr/bin/env bash
# The main job: install what is missing, build, and run the lecture's worked examples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
bash experiments/main.sh
