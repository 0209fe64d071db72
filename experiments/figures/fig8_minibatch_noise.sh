#!/usr/bin/env bash
# Figure 8 — minibatch gradient noise: the standard error of the gradient estimate against the batch
# size B on the lecture's finite-sum quadric f(w) = 1/(2N) Σᵢ (w − wᵢ)ᵀA(w − wᵢ), N = 1000, against
# the σ/√B line; and the cost side (B gradient terms per estimate).
#   g_B(w) = A (w − mean_{i∈batch} wᵢ),  ∇f(w) = A (w − w̄);  with A = 1 (one dimension, chosen so
#   that the error is read off directly): one gradient step with α = 1 from any w lands on
#   w₁ = mean_{i∈batch} wᵢ, so |w₁ − w*| = |g_B(w₀) − ∇f(w₀)| (w* = w̄): the estimate's error.
# Settings chosen here: N = 1000 points wᵢ = w* + (zᵢ − z̄), zᵢ ~ N(0, 1) (kappa-run --spread 1),
# batches drawn with replacement (kappa-run's rule; so no finite-population correction even at
# B = N), B = 1, 2, 4, …, 512, 1000, 250 seeds per B (each seed draws new points and batches).
# Measured: |w₁ − w*| of every run (kappa-sweep --mode run, 1 step); the standard error at each B
# is their root mean square over the seeds — the one statistic this script computes (awk), as is
# the line σ̂/√B with σ̂ the B = 1 value.
source "$(dirname "$0")/lib.sh"
need kappa-sweep
SEEDS=250 BATCHES=1,2,4,8,16,32,64,128,256,512,1000
data=$OUT/fig8_minibatch_noise.csv se=$OUT/fig8_minibatch_noise_se.csv

{
  echo "batch,seed,error"
  "$BIN/kappa-sweep" -j 2 --mode run --method gd --kappa 1 --finite-sum 1000 --spread 1 --w0 ones \
    --alpha 1 --iters 1 --tol 0 --grid "batch=$BATCHES" --grid "seed=ilin:1:$SEEDS:$SEEDS" | cols batch seed dist
} > "$data.tmp"; mv "$data.tmp" "$data"
# Root mean square over seeds per batch size (rows come grouped by batch, in grid order).
awk -F, 'NR == 1 { print "batch,se_rms,runs"; next }
         $1 != b && n { printf "%s,%.6g,%d\n", b, sqrt(s / n), n; s = 0; n = 0 }
         { b = $1; s += $3 * $3; n++ }
         END { printf "%s,%.6g,%d\n", b, sqrt(s / n), n }' "$data" > "$se.tmp"; mv "$se.tmp" "$se"

sigma=$(awk -F, '$1 == 1 { print $2 }' "$se")
plot fig8_minibatch_noise 1000 620 <<GP
set datafile separator ","
set title "Minibatch gradient noise on f(w) = 1/(2·1000) Σᵢ (w − wᵢ)², wᵢ spread 1 ($SEEDS seeds per B; kappa-sweep --mode run)"
set logscale xy; set format x "%g"; set format y "10^{%T}"
set xrange [0.8:1300]; set yrange [0.005:6]
set xlabel "batch size B  (gradient terms per estimate)"
set ylabel "error of the gradient estimate |g_B − ∇f|   (units of ∇f)"
set y2label "computations per estimate  (single-term gradients)"
set logscale y2; set y2range [0.8:3000]; set y2tics; set format y2 "10^{%T}"
set grid
set key bottom left box opaque font ",10"
plot "$data" using (\$1 * (1 + 0.1 * sin(7 * \$2))):3 with points pt 7 ps 0.25 lc rgb "#b0c4de" title "|g_B − ∇f| of each run (jittered in B)", \
     "$se" using 1:2 with points pt 7 ps 1.6 lc rgb "#1f77b4" title "standard error: RMS over seeds", \
     $sigma / sqrt(x) with lines lw 2 lc rgb "#d62728" title sprintf("σ̂/√B, σ̂ = %.4g (the B = 1 value)", $sigma), \
     x axes x1y2 with lines lw 2 dt 2 lc rgb "#404040" title "cost: B gradient terms (right axis)"
GP
wrote "$data" "$se" "$OUT/fig8_minibatch_noise.svg" "$OUT/fig8_minibatch_noise.png"
