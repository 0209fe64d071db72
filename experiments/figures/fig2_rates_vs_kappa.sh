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

W=1200 H=560
plot fig2_rates_vs_kappa $W $H <<GP
set datafile separator ","
set multiplot layout 1,2 title "Optimal rates on f(w) = ½ wᵀAw with eigenvalues 1 and κ (kappa-rate; ε = 1e-6)"
set logscale x; set format x "10^{%T}"
set xlabel "condition number κ = λₙ/λ₁  (dimensionless)"
set grid
set key bottom right box opaque
set ylabel "optimal rate (per-step error factor)"
set yrange [0:1]
plot "$data" using (strcol(1) eq "gd" ? \$2 : NaN):5 with lines lw 3 lc rgb "#d62728" title "GD: (κ−1)/(κ+1)", \
     "$data" using (strcol(1) eq "heavy-ball" ? \$2 : NaN):5 with lines lw 3 lc rgb "#1f77b4" title "heavy ball: (√κ−1)/(√κ+1)", \
     "$data" using (strcol(1) eq "nesterov" ? \$2 : NaN):5 with lines lw 3 lc rgb "#2ca02c" title "Nesterov (tuned): 1 − 2/√(3κ+1)", \
     "$meas" using (strcol(1) eq "gd" ? \$2 : NaN):5 with points pt 6 ps 2 lw 2 lc rgb "#d62728" title "measured (kappa-run, fitted rate)", \
     "$meas" using (strcol(1) eq "heavy-ball" ? \$2 : NaN):5 with points pt 6 ps 2 lw 2 lc rgb "#1f77b4" notitle, \
     "$meas" using (strcol(1) eq "nesterov" ? \$2 : NaN):5 with points pt 6 ps 2 lw 2 lc rgb "#2ca02c" notitle
set logscale y; set format y "10^{%T}"
set yrange [1:*]
set key top left box opaque
set ylabel "iterations to shrink the error by ε = 1e-6:  ⌈log ε / log rate⌉"
plot "$data" using (strcol(1) eq "gd" ? \$2 : NaN):6 with lines lw 3 lc rgb "#d62728" title "GD: O(κ)", \
     "$data" using (strcol(1) eq "heavy-ball" ? \$2 : NaN):6 with lines lw 3 lc rgb "#1f77b4" title "heavy ball: O(√κ)", \
     "$data" using (strcol(1) eq "nesterov" ? \$2 : NaN):6 with lines lw 3 lc rgb "#2ca02c" title "Nesterov (tuned): O(√κ)", \
     "$meas" using (strcol(1) eq "gd" ? \$2 : NaN):3 with points pt 6 ps 2 lw 2 lc rgb "#d62728" title "measured: iterations to |w−w*| ≤ 1e-6 |w₀−w*|", \
     "$meas" using (strcol(1) eq "heavy-ball" ? \$2 : NaN):3 with points pt 6 ps 2 lw 2 lc rgb "#1f77b4" notitle, \
     "$meas" using (strcol(1) eq "nesterov" ? \$2 : NaN):3 with points pt 6 ps 2 lw 2 lc rgb "#2ca02c" notitle
unset multiplot
GP
wrote "$data" "$meas" "$OUT/fig2_rates_vs_kappa.svg" "$OUT/fig2_rates_vs_kappa.png"
