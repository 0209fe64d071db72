#!/usr/bin/env bash
# Nesterov's chain quadratic (n = 1000, kappa = 100) from w0 = 0: the lower bound
# ((sqrt(kappa)-1)/(sqrt(kappa)+1))^k = (9/11)^k on ||w_k - w*||/||w0 - w*|| for any method whose
# iterates stay in the span of the gradients, drawn against heavy ball (Polyak's optimum for [1, 100]),
# CG, Nesterov (1/L, 9/11) and GD (1/L). The Krylov tail bound is the exact finite-n version.
source "$(dirname "$0")/common.sh"
for m in heavy-ball cg nesterov gd; do
  "$bin/kappa-counterexample" --problem chain:1000:100 --method $m --iters 150 --format csv -o "$out/chain_$m.csv"
done

plot chain 900 600 <<'GP'
set datafile separator ','
set title "Chain quadratic (n = 1000, kappa = 100) from w_0 = 0: the first-order lower bound"
set xlabel 'iteration k'
set ylabel '||w_k - w*|| / ||w_0 - w*||'
set logscale y
set format y '10^{%L}'
set yrange [1e-14:2]
set grid
set key bottom left font ',11'
plot 'chain_gd.csv' every ::1 using 1:4 with lines lw 2 title 'GD, alpha = 1/L', \
     'chain_nesterov.csv' every ::1 using 1:4 with lines lw 2 title 'Nesterov, alpha = 1/L, beta = 9/11', \
     'chain_cg.csv' every ::1 using 1:4 with lines lw 2 title 'CG', \
     'chain_heavy-ball.csv' every ::1 using 1:4 with points pt 7 ps 0.6 title 'heavy ball (Polyak optimum)', \
     'chain_heavy-ball.csv' every ::1 using 1:6 with lines lw 2 dt 2 lc rgb 'black' title 'lower bound ((sqrt(kappa)-1)/(sqrt(kappa)+1))^k = (9/11)^k', \
     'chain_heavy-ball.csv' every ::1 using 1:7 with lines lw 1 lc rgb 'red' title 'Krylov tail bound (exact, n = 1000)'
GP
echo "chain: wrote $out/chain_*.csv, chain.svg, chain.png"
