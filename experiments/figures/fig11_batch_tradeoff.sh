#!/usr/bin/env bash
# Figure 11 — the lecture's batch-size trade-off, exactly: the gradient evaluations (samples drawn,
# B per step) to reach E|w_k − w*|² ≤ ε, against the batch size B.
# SGD on f(w) = ½ wᵀAw, A = diag(1, 10), w0 = (1, 1), isotropic per-sample gradient noise of
# variance 1 (so σ² = 1/B per coordinate), ε = 10⁻³; the step α is FIXED per line (not tuned per B):
# α = 0.02, 0.05, 0.1. kappa-noise computes E|w_k − w*|² exactly (second-moment recurrence) and the
# first k with E ≤ ε. A small B cannot reach ε at all (its floor α Σ σ²/(λ(2 − αλ)) is above it);
# just above that B the steps fall fast, then they approach the noiseless count and every further
# doubling of B doubles the cost: larger batches stop paying.
source "$(dirname "$0")/lib.sh"
need kappa-noise
EPS=1e-3
data=$OUT/fig11_batch_tradeoff.csv
{
  echo "alpha,batch,steps_to_eps,gradient_evaluations_to_eps,floor_dist2"
  for a in 0.02 0.05 0.1; do
    for b in 1 2 4 8 12 16 24 32 48 64 96 128 256 512 1024 2048 4096 8192; do
      "$BIN/kappa-noise" --method gd --lambda-min 1 --lambda-max 10 --alpha $a --noise-variance 1 --batch $b \
        --eps $EPS --iters 0 --format json |
        summary parameters.alpha parameters.batch summary.steps_to_eps summary.gradient_evaluations_to_eps summary.noise_floor.dist2
    done
  done
} > "$data.tmp"; mv "$data.tmp" "$data"

plot fig11_batch_tradeoff 1300 560 <<GP
set datafile separator ","
set datafile missing ""
set multiplot layout 1,2 title "SGD, A = diag(1, 10), per-sample gradient-noise variance 1, batch B: reaching E|w − w*|² ≤ $EPS\n(exact expectation, kappa-noise --eps; α fixed per line; no point where the floor is above ε)"
set logscale xy; set format x "%g"
set xrange [1:10000]
set xlabel "batch size B"
set grid
set key top right box opaque
set ylabel "steps k to reach E|w_k − w*|² ≤ ε"
set title "steps: fall with B until the noiseless count, then stop paying"
plot "$data" using 2:(\$1 == 0.02 ? \$3 : NaN) with linespoints pt 7 lw 2 lc rgb "#2ca02c" title "α = 0.02", \
     "$data" using 2:(\$1 == 0.05 ? \$3 : NaN) with linespoints pt 5 lw 2 lc rgb "#ff7f0e" title "α = 0.05", \
     "$data" using 2:(\$1 == 0.1 ? \$3 : NaN) with linespoints pt 9 lw 2 lc rgb "#d62728" title "α = 0.1"
set format y "10^{%T}"
set key top left
set ylabel "gradient evaluations B · k"
set title "samples drawn: least at the smallest B whose floor is below ε, then ∝ B"
plot "$data" using 2:(\$1 == 0.02 ? \$4 : NaN) with linespoints pt 7 lw 2 lc rgb "#2ca02c" title "α = 0.02", \
     "$data" using 2:(\$1 == 0.05 ? \$4 : NaN) with linespoints pt 5 lw 2 lc rgb "#ff7f0e" title "α = 0.05", \
     "$data" using 2:(\$1 == 0.1 ? \$4 : NaN) with linespoints pt 9 lw 2 lc rgb "#d62728" title "α = 0.1"
unset multiplot
GP
wrote "$data" "$OUT/fig11_batch_tradeoff.svg" "$OUT/fig11_batch_tradeoff.png"
