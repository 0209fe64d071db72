#!/usr/bin/env bash
# The lecture's worked examples through the kappa tools (build/bin must exist: scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin
run() { printf '\n$ %s\n' "$*"; "$bin/$@"; }

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
