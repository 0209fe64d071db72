#!/usr/bin/env bash
# Figure 2 — optimal rates against the condition number κ, and the iterations to reach ε = 1e-6.
#   gd          (κ−1)/(κ+1)           at α* = 2/(λ₁+λₙ)                        iterations O(κ)
#   heavy-ball  (√κ−1)/(√κ+1)         at α* = 4/(√λ₁+√λₙ)², β* = ((√κ−1)/(√κ+1))²   O(√κ)
#   nesterov    1 − 2/√(3κ+1)         tuned for quadratics (kappa-rate --tuning tuned) O(√κ)
# iterations k = ⌈log ε / log rate⌉ (kappa-rate --tol). Settings (chosen here): spectrum {1, κ},
# κ = 10^(i/10), i = 1..40 (1.26 … 10⁴); measured points: kappa-run at the same optimal
# parameters on the 2-D quadric diag(1, κ) for κ = 10, 100, 1000, 10⁴.
source "$(dirname "$0")/lib.sh"
need kappa-rate
METHODS=(gd heavy-ball nesterov)
data=$OUT/fig2_rates_vs_kappa.csv

{
  echo "method,kappa,alpha,beta,rate,iterations"
  for m in "${METHODS[@]}"; do
    for i in $(seq 1 40); do
      k=$(awk -v i=$i 'BEGIN { printf "%.6g", 10 ^ (i / 10) }')   # the grid, not a result
      "$BIN/kappa-rate" --method "$m" --kappa "$k" --tol 1e-6 --format csv | cols method kappa alpha beta rate iterations
    done
  done
} > "$data.tmp" && mv "$data.tmp" "$data"

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
     "$data" using (strcol(1) eq "nesterov" ? \$2 : NaN):5 with lines lw 3 lc rgb "#2ca02c" title "Nesterov (tuned): 1 − 2/√(3κ+1)"
set logscale y; set format y "10^{%T}"
set yrange [1:*]
set key top left box opaque
set ylabel "iterations to shrink the error by ε = 1e-6:  ⌈log ε / log rate⌉"
plot "$data" using (strcol(1) eq "gd" ? \$2 : NaN):6 with lines lw 3 lc rgb "#d62728" title "GD: O(κ)", \
     "$data" using (strcol(1) eq "heavy-ball" ? \$2 : NaN):6 with lines lw 3 lc rgb "#1f77b4" title "heavy ball: O(√κ)", \
     "$data" using (strcol(1) eq "nesterov" ? \$2 : NaN):6 with lines lw 3 lc rgb "#2ca02c" title "Nesterov (tuned): O(√κ)"
unset multiplot
GP
wrote "$data" "$OUT/fig2_rates_vs_kappa.svg" "$OUT/fig2_rates_vs_kappa.png"
