#!/usr/bin/env bash
# Figure 2 — optimal rates against the condition number κ, and the iterations to reach ε = 1e-6.
#   gd          (κ−1)/(κ+1)           at α* = 2/(λ₁+λₙ)                        iterations O(κ)
#   heavy-ball  (√κ−1)/(√κ+1)         at α* = 4/(√λ₁+√λₙ)², β* = ((√κ−1)/(√κ+1))²   O(√κ)
#   nesterov    1 − 2/√(3κ+1)         tuned for quadratics (kappa-rate --tuning tuned) O(√κ)
# iterations k = ⌈log ε / log rate⌉ (kappa-rate --tol, through kappa-sweep --mode theory). Settings
# (chosen here): spectrum {1, κ}, κ on 40 log-spaced points 10^0.1 … 10⁴; measured points:
# kappa-run (kappa-sweep --mode run) at the same optimal
# parameters on the 2-D quadric diag(1, κ) for κ = 10, 100, 1000, 10⁴, from w0 = (1, 1), stopped at
# |w − w*| ≤ 1e-6 |w0 − w*|. Heavy ball at its optimum is critically damped at both ends (error
# ~ k·r^k, not r^k), so it needs more steps than ⌈log ε / log rate⌉; kappa-run fits k·r^k there.
source "$(dirname "$0")/lib.sh"
need kappa-sweep
METHODS=(gd heavy-ball nesterov)
MEASURED=("${METHODS[@]}")
data=$OUT/fig2_rates_vs_kappa.csv meas=$OUT/fig2_rates_vs_kappa_measured.csv

methods=$(IFS=,; echo "${METHODS[*]}")
{
  echo "method,kappa,alpha,beta,rate,iterations"
  "$BIN/kappa-sweep" -j 2 --grid "method=$methods" --grid kappa=geom:1.2589254117941673:10000:40 --tol 1e-6 |
    cols method kappa alpha beta rate iterations
} > "$data.tmp"; mv "$data.tmp" "$data"

# Measured: each method run at the same optimal parameters from w0 = (1, 1) until
# |w − w*| ≤ 1e-6 |w0 − w*|; iterations taken and the fitted per-step rate (kappa-run).
"$BIN/kappa-sweep" -j 2 --mode run --grid "method=$(IFS=,; echo "${MEASURED[*]}")" --grid kappa=10,100,1000,10000 \
  --tol 1e-6 --stop dist --iters 200000 --every 200000 |
  cols --header method kappa iterations status measured_rate rate_model theory_rate > "$meas.tmp"; mv "$meas.tmp" "$meas"

# Each panel: a theory line per method (the data) and its measured points, one colour per method.
W=1200 H=560
plot fig2_rates_vs_kappa $W $H <<GP
set datafile separator ","
array M[3] = ["gd", "heavy-ball", "nesterov"]
array C[3] = ["#d62728", "#1f77b4", "#2ca02c"]
array RATE[3] = ["GD: (κ−1)/(κ+1)", "heavy ball: (√κ−1)/(√κ+1)", "Nesterov (tuned): 1 − 2/√(3κ+1)"]
array ORDER[3] = ["GD: O(κ)", "heavy ball: O(√κ)", "Nesterov (tuned): O(√κ)"]
kappa_of(i) = (strcol(1) eq M[i] ? column(2) : NaN)   # a row of method i: its kappa; else not drawn
set multiplot layout 1,2 title "Optimal rates on f(w) = ½ wᵀAw with eigenvalues 1 and κ (kappa-rate; ε = 1e-6)"
set logscale x; set format x "10^{%T}"
set xlabel "condition number κ = λₙ/λ₁  (dimensionless)"
set grid
set key bottom right box opaque
set ylabel "optimal rate (per-step error factor)"
set yrange [0:1]
plot for [i = 1:3] "$data" using (kappa_of(i)):5 with lines lw 3 lc rgb C[i] title RATE[i], \
     "$meas" using (kappa_of(1)):5 with points pt 6 ps 2 lw 2 lc rgb C[1] title "measured (kappa-run, fitted rate)", \
     for [i = 2:3] "$meas" using (kappa_of(i)):5 with points pt 6 ps 2 lw 2 lc rgb C[i] notitle
set logscale y; set format y "10^{%T}"
set yrange [1:*]
set key top left box opaque
set ylabel "iterations to shrink the error by ε = 1e-6:  ⌈log ε / log rate⌉"
plot for [i = 1:3] "$data" using (kappa_of(i)):6 with lines lw 3 lc rgb C[i] title ORDER[i], \
     "$meas" using (kappa_of(1)):3 with points pt 6 ps 2 lw 2 lc rgb C[1] title "measured: iterations to |w−w*| ≤ 1e-6 |w₀−w*|", \
     for [i = 2:3] "$meas" using (kappa_of(i)):3 with points pt 6 ps 2 lw 2 lc rgb C[i] notitle
unset multiplot
GP
wrote "$data" "$meas" "$OUT/fig2_rates_vs_kappa.svg" "$OUT/fig2_rates_vs_kappa.png"
