#!/usr/bin/env bash
# Where quadratic theory stops: heavy ball at the quadratic-optimal alpha = 1/9, beta = 4/9 on Lessard,
# Recht & Packard's strongly convex f (mu = 1, L = 25) falls into a period-3 cycle from some starts;
# gradient descent (alpha = 1/L) and Nesterov (alpha = 1/L, beta = 2/3) converge from all of them.
# Starts use v0 = 0, i.e. w_{-1} = w_0.
source "$(dirname "$0")/common.sh"
ce=$bin/kappa-counterexample
"$ce" --problem lrp --cycle --x0 3.3 --format json -o "$out/lrp_cycle.json"
"$ce" --problem lrp --basin lin:-10:10:2001 --x0 3.3 --format csv -o "$out/lrp_basin.csv"
"$ce" --problem lrp --basin lin:-10:10:2001 --x0 3.3 --format json -o "$out/lrp_basin.json"
for m in heavy-ball gd nesterov; do
  "$ce" --problem lrp --method $m --scan lin:-10:10:2001 --format csv -o "$out/lrp_scan_$m.csv"
  "$ce" --problem lrp --method $m --scan lin:-10:10:2001 --format json -o "$out/lrp_scan_$m.json"
  "$ce" --problem lrp --method $m --x0 3.3 --iters 60 --format csv -o "$out/lrp_trace_$m.csv"
done
"$ce" --problem lrp --method heavy-ball --x0 2.5 --iters 60 --format csv -o "$out/lrp_trace_heavy-ball_2.5.csv"

plot lrp 1100 800 <<'GP'
set datafile separator ','
set multiplot layout 2,1 title "Lessard-Recht-Packard function (mu = 1, L = 25): heavy ball at alpha = 1/9, beta = 4/9 cycles"
set title 'iterates w_k from w_0 = 3.3 (v_0 = 0)'
set xlabel 'iteration k'
set ylabel 'w_k'
set key outside right top font ',10'
set grid
set yrange [-3:4]
plot 'lrp_trace_heavy-ball.csv' every ::1 using 1:2 with linespoints pt 7 ps 0.6 lw 2 title 'heavy ball (period-3 cycle)', \
     'lrp_trace_heavy-ball_2.5.csv' every ::1 using 1:2 with linespoints pt 6 ps 0.5 lw 1 title 'heavy ball from 2.5', \
     'lrp_trace_gd.csv' every ::1 using 1:2 with lines lw 2 title 'GD, alpha = 1/25', \
     'lrp_trace_nesterov.csv' every ::1 using 1:2 with lines lw 2 title 'Nesterov, 1/25, 2/3'
set title 'where heavy ball ends, by start w_0 (step 0.01): 1 = on the cycle, 0 = at the minimiser'
set xlabel 'start w_0'
set ylabel 'ends on cycle'
set yrange [-0.2:1.3]
set ytics (0, 1)
plot 'lrp_scan_heavy-ball.csv' every ::1 using 1:(strcol(2) eq 'cycle' ? 1 : 0) with impulses lw 1 title 'heavy ball', \
     'lrp_scan_gd.csv' every 5::1 using 1:(strcol(2) eq 'cycle' ? 1.1 : -0.1) with points pt 7 ps 0.2 title 'GD (all converged; every 5th start shown)', \
     'lrp_scan_nesterov.csv' every 5::1 using 1:(strcol(2) eq 'cycle' ? 1.2 : -0.15) with points pt 7 ps 0.2 title 'Nesterov (all converged; every 5th)'
unset multiplot
GP
echo "lrp: wrote $out/lrp_*.{json,csv}, lrp.svg, lrp.png"
