#!/usr/bin/env bash
# The main job: the lecture's worked examples through the kappa tools, every figure regenerated into
# results/, and the lecture's numerical claims checked. Needs build/bin (scripts/build.sh).
#   bash experiments/main.sh            everything
#   bash experiments/main.sh examples   only the worked examples (seconds)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin
run() { printf '\n$ %s\n' "$*"; "$bin/$@"; }
start=$SECONDS

echo "== Gradient descent on a quadric with kappa = 100: rate (kappa-1)/(kappa+1) = 99/101 at alpha* = 2/101"
run kappa-rate --method gd --kappa 100
echo
echo "== Heavy ball, kappa = 100: rate (sqrt(kappa)-1)/(sqrt(kappa)+1) = 9/11 at alpha* = 4/121, beta* = 81/121"
run kappa-rate --method heavy-ball --kappa 100 --numeric
echo
echo "== The heavy-ball iteration matrix at the optimum: both extreme modes critically damped"
run kappa-eig --method heavy-ball --spectrum linear:1:100:12
echo
echo "== Nesterov (lookahead w + alpha*beta*v), tuned for quadratics: rate 1 - 2/sqrt(3 kappa + 1)"
run kappa-rate --method nesterov --kappa 100
echo
echo "== The lecture's Nesterov slide (lookahead w + alpha*v, no beta) at its own numerical optimum"
run kappa-rate --method nesterov-lecture --kappa 100
echo
echo "== Damped Newton: rate |1 - alpha|"
run kappa-rate --method newton --kappa 100 --alpha 0.5
echo
echo "== Measured against predicted: heavy ball at its optimum on kappa = 100, 40 eigenvalues"
run kappa-run --method heavy-ball --spectrum linear:1:100:40 --iters 400 --format json --every 1000000
[ "${1:-}" = examples ] && exit 0

echo
echo "== The lecture's figures (results/figures/)"
bash experiments/figures/all.sh
echo
echo "== Learning: data, the sigmoid plateau, diagnosed training runs (results/learning/)"
bash experiments/learning/run.sh
echo
echo "== Why learning fails: gradient flow, a non-quadratic counterexample, double descent (results/failures/)"
bash experiments/failures/all.sh
echo
echo "== The lecture's numerical claims and errata (experiments/claims/)"
"$bin/kappa-check" -j2 experiments/claims/*.json   # the lecture's claims and failures.json
echo
echo "main job done in $((SECONDS - start)) s. Figures and data:"
for d in results/figures results/learning results/failures; do
  printf '  %-20s %s figures (PNG + SVG), %s data files\n' "$d/" "$(ls $d/*.png 2>/dev/null | wc -l)" "$(ls $d/*.csv $d/*.json $d/*.jsonl 2>/dev/null | wc -l)"
done
