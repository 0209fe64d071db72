#!/usr/bin/env bash
# Figure 9 — SGD with a constant step on the lecture's finite-sum quadric
#   f(w) = 1/(2N) Σᵢ (w − wᵢ)ᵀA(w − wᵢ),  g_B(w) = A (w − mean_{i∈batch} wᵢ),  w ← w − α g_B(w)
# converges linearly (rate max|1 − αλ|, as gradient descent) until the gradient noise holds it at a
# floor; the floor's size grows with α and shrinks with the batch size B (the variance of g_B is
# σ²/B, fig. 8): for small α, E|w − w*|² ∝ α/B.
# Settings chosen here: A = diag(1, 10), N = 1000 points wᵢ = w* + (zᵢ − z̄), zᵢ ~ N(0, I)
# (kappa-run --spread 1), w0 = (1, 1), batches with replacement.
#   Left: |w − w*| against iteration for B = 1, 10, 100, 1000 at α = 0.05 (seed 1), and the full
#   gradient (no noise: gradient descent, rate 0.95) for reference.
#   Right: the floor, |w − w*| after 2000 steps (root mean square over 50 seeds — the one statistic
#   this script computes, with awk), for α = 0.0125 … 0.1 and B = 1, 10, 100, against α/B.
# Theory (kappa-noise, lib/kappa/theory/noise.hpp): the exact expected error E|w_k − w*|² of the finite sum
# of seed 1 (gradient noise A S A / B from its own points) drawn as √E on the left, and the
# stationary floor √(E|w − w*|²) = √(Σᵢ α σᵢ²/(λᵢ(2 − αλᵢ))), σᵢ² = λᵢ² Sᵢᵢ/B, as lines on the right
# (seed 1's points; the runs' 50 point sets differ from it by about 1/√N = 3%).
source "$(dirname "$0")/lib.sh"
need kappa-run kappa-sweep kappa-noise
SPEC=(--lambda-min 1 --lambda-max 10) ALPHA=0.05 ITERS=2000 SEEDS=50
traces=$OUT/fig9_sgd_noise_floor.csv runs=$OUT/fig9_sgd_noise_floor_runs.csv floor=$OUT/fig9_sgd_noise_floor_rms.csv
expected=$OUT/fig9_sgd_noise_floor_expected.csv theory=$OUT/fig9_sgd_noise_floor_theory.csv

{
  echo "batch,iter,dist"
  "$BIN/kappa-run" --method gd "${SPEC[@]}" --alpha $ALPHA --iters 400 --tol 0 --every 5 --format csv |
    cols iter dist | sed 's/^/full,/'
  for b in 1 10 100 1000; do
    "$BIN/kappa-run" --method gd "${SPEC[@]}" --finite-sum 1000 --spread 1 --batch $b --seed 1 --alpha $ALPHA \
      --iters $ITERS --tol 0 --every 5 --format csv | cols iter dist | sed "s/^/$b,/"
  done
} > "$traces.tmp"; mv "$traces.tmp" "$traces"
{
  echo "alpha,batch,seed,dist"
  "$BIN/kappa-sweep" -j 2 --mode run --method gd "${SPEC[@]}" --finite-sum 1000 --spread 1 --iters $ITERS --tol 0 \
    --grid alpha=0.0125,0.025,0.05,0.1 --grid batch=1,10,100 --grid "seed=ilin:1:$SEEDS:$SEEDS" | cols alpha batch seed dist
} > "$runs.tmp"; mv "$runs.tmp" "$runs"
# Root mean square over the seeds of each (α, B) (rows come grouped, in grid order).
awk -F, 'NR == 1 { print "alpha,batch,dist_rms,runs"; next }
         ($1 "," $2) != k && n { printf "%s,%.6g,%d\n", k, sqrt(s / n), n; s = 0; n = 0 }
         { k = $1 "," $2; s += $4 * $4; n++ }
         END { printf "%s,%.6g,%d\n", k, sqrt(s / n), n }' "$runs" > "$floor.tmp"; mv "$floor.tmp" "$floor"

{
  echo "batch,iter,dist2"
  for b in 1 10 100 1000; do
    "$BIN/kappa-noise" --method gd "${SPEC[@]}" --finite-sum 1000 --spread 1 --batch $b --seed 1 --alpha $ALPHA \
      --iters $ITERS --every 5 --format csv | cols iter dist2 | sed "s/^/$b,/"
  done
} > "$expected.tmp"; mv "$expected.tmp" "$expected"
{
  echo "alpha,batch,floor_dist2"
  for b in 1 10 100; do
    for a in 0.01 0.0125 0.016 0.02 0.025 0.032 0.04 0.05 0.063 0.08 0.1 0.125; do
      "$BIN/kappa-noise" --method gd "${SPEC[@]}" --finite-sum 1000 --spread 1 --batch $b --seed 1 --alpha $a \
        --iters 0 --format json | summary parameters.alpha parameters.batch summary.noise_floor.dist2
    done
  done
} > "$theory.tmp"; mv "$theory.tmp" "$theory"

plot fig9_sgd_noise_floor 1300 560 <<GP
set datafile separator ","
set multiplot layout 1,2 title "SGD w ← w − α g_B(w) on f(w) = 1/(2·1000) Σᵢ (w − wᵢ)ᵀA(w − wᵢ), A = diag(1, 10), wᵢ spread 1 (kappa-run / kappa-sweep)"
set logscale y; set format y "10^{%T}"
set xlabel "iteration k"
set ylabel "|w_k − w*|  (distance to the minimiser)"
set yrange [1e-5:3]; set xrange [0:$ITERS]
set grid
set key top right box opaque font ",10"
set title "α = $ALPHA: linear decrease, then a noise floor that falls with B"
plot "< awk -F, '\$1 == \"full\"' $traces" using 2:3 with lines lw 3 lc rgb "#000000" title "full gradient (GD): rate max|1 − αλ| = 0.95", \
     "< awk -F, '\$1 == \"1\"' $traces" using 2:3 with points pt 7 ps 0.3 lc rgb "#d62728" title "B = 1", \
     "< awk -F, '\$1 == \"10\"' $traces" using 2:3 with points pt 7 ps 0.3 lc rgb "#ff7f0e" title "B = 10", \
     "< awk -F, '\$1 == \"100\"' $traces" using 2:3 with points pt 7 ps 0.3 lc rgb "#2ca02c" title "B = 100", \
     "< awk -F, '\$1 == \"1000\"' $traces" using 2:3 with points pt 7 ps 0.3 lc rgb "#1f77b4" title "B = 1000", \
     "< awk -F, '\$1 == \"1\"' $expected" using 2:(sqrt(\$3)) with lines lw 2 dt 2 lc rgb "#7f0000" title "theory √E|w_k − w*|² (B = 1 … 1000)", \
     "< awk -F, '\$1 == \"10\"' $expected" using 2:(sqrt(\$3)) with lines lw 2 dt 2 lc rgb "#7f0000" notitle, \
     "< awk -F, '\$1 == \"100\"' $expected" using 2:(sqrt(\$3)) with lines lw 2 dt 2 lc rgb "#7f0000" notitle, \
     "< awk -F, '\$1 == \"1000\"' $expected" using 2:(sqrt(\$3)) with lines lw 2 dt 2 lc rgb "#7f0000" notitle
set logscale x; set format x "10^{%T}"
set xrange [5e-5:0.2]; set yrange [0.003:1]
set xlabel "α / B  (step size over batch size)"
set ylabel "floor: RMS of |w − w*| after $ITERS steps over $SEEDS seeds"
set title "the floor: measured (points) and theory (lines), ∝ √(α/B) at small α"
set key bottom right
plot "$floor" using (\$1 / \$2):(\$2 == 1 ? \$3 : NaN) with points pt 7 ps 1.5 lc rgb "#d62728" title "B = 1 (α = 0.0125 … 0.1)", \
     "$floor" using (\$1 / \$2):(\$2 == 10 ? \$3 : NaN) with points pt 5 ps 1.5 lc rgb "#ff7f0e" title "B = 10", \
     "$floor" using (\$1 / \$2):(\$2 == 100 ? \$3 : NaN) with points pt 9 ps 1.5 lc rgb "#2ca02c" title "B = 100", \
     "$theory" using (\$1 / \$2):(\$2 == 1 ? sqrt(\$3) : NaN) with lines lw 2 lc rgb "#d62728" title "theory √(Σ α σ_i²/(λ_i(2 − αλ_i))), B = 1", \
     "$theory" using (\$1 / \$2):(\$2 == 10 ? sqrt(\$3) : NaN) with lines lw 2 lc rgb "#ff7f0e" title "theory, B = 10", \
     "$theory" using (\$1 / \$2):(\$2 == 100 ? sqrt(\$3) : NaN) with lines lw 2 lc rgb "#2ca02c" title "theory, B = 100"
unset multiplot
GP
wrote "$traces" "$runs" "$floor" "$expected" "$theory" "$OUT/fig9_sgd_noise_floor.svg" "$OUT/fig9_sgd_noise_floor.png"
