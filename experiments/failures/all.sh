#!/usr/bin/env bash
# All figures of the "why learning fails" topic into results/failures/: gradient flow,
# the LRP heavy-ball cycle, the chain lower bound, double descent. Needs build/bin (scripts/build.sh)
# or KAPPA_BIN, gnuplot, zcat and python3-sklearn's data files. Deterministic: seeds are fixed here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
start=$SECONDS
for s in gradflow lrp chain ddescent; do
  bash "$here/$s.sh"
done
echo "failures: all figures in $((SECONDS - start)) s"
