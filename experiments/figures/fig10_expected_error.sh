#!/usr/bin/env bash
# Figure 10 — the exact expected error curve beside the measured mean over sampling paths.
# One finite-sum problem (figure 9's: A = diag(1, 10), N = 1000 points of seed 1, spread 1), batch
# B = 10, w0 = (1, 1); 40 sampling paths (kappa-run --sample-seed 1 … 40, the same points) for
#   SGD         α = 0.05
#   heavy ball  α = 0.01, β = 0.8 (the same effective step α/(1 − β) = 0.05)
# Theory (kappa-noise): E|w_k − w*|² from the second-moment recurrence M' = T M Tᵀ + σ² c cᵀ per
# eigen-mode, the deterministic part plus the accumulated noise, with the problem's own noise
# covariance A S A / B. Measured: the mean of |w_k − w*|² over the 40 paths (the one statistic this
# script computes, with awk), every 10 steps.
source "$(dirname "$0")/lib.sh"
need kappa-run kappa-noise
FS=(--lambda-min 1 --lambda-max 10 --finite-sum 1000 --spread 1 --seed 1 --batch 10) ITERS=600 EVERY=10 PATHS=40
curve=$OUT/fig10_expected_error.csv measured=$OUT/fig10_expected_error_measured.csv
METHODS=("sgd:--method gd --alpha 0.05" "heavy-ball:--method heavy-ball --alpha 0.01 --beta 0.8")
{
  echo "method,iter,dist2,dist2_deterministic,dist2_noise"
  for m in "${METHODS[@]}"; do
    "$BIN/kappa-noise" ${m#*:} "${FS[@]}" --iters $ITERS --every $EVERY --format csv |
      cols iter dist2 dist2_deterministic dist2_noise | sed "s/^/${m%%:*},/"
  done
} > "$curve.tmp"; mv "$curve.tmp" "$curve"
{
  echo "method,iter,dist2_mean,paths"
  for m in "${METHODS[@]}"; do
    for s in $(seq 1 $PATHS); do
      "$BIN/kappa-run" ${m#*:} "${FS[@]}" --sample-seed "$s" --iters $ITERS --tol 0 --every $EVERY --format csv | cols iter dist
    done | awk -F, -v m="${m%%:*}" '{ s[$1] += $2 * $2; n[$1]++; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
                END { for (i = 1; i <= k; i++) printf "%s,%s,%.6g,%d\n", m, order[i], s[order[i]] / n[order[i]], n[order[i]] }'
  done
} > "$measured.tmp"; mv "$measured.tmp" "$measured"

plot fig10_expected_error 1000 620 <<GP
set datafile separator ","
set title "E|w_k − w*|²: exact theory (lines) and the mean over $PATHS sampling paths (points)\nfinite sum N = 1000, A = diag(1, 10), B = 10 (kappa-noise / kappa-run --sample-seed)"
set logscale y; set format y "10^{%T}"
set xlabel "iteration k"; set ylabel "E|w_k − w*|²"
set xrange [0:$ITERS]; set yrange [1e-3:3]
set grid
set key top right box opaque
plot "< awk -F, '\$1 == \"sgd\"' $curve" using 2:3 with lines lw 2 lc rgb "#d62728" title "SGD α = 0.05: theory", \
     "< awk -F, '\$1 == \"sgd\"' $curve" using 2:4 with lines lw 1 dt 2 lc rgb "#d62728" title "   its deterministic part", \
     "< awk -F, '\$1 == \"sgd\"' $curve" using 2:5 with lines lw 1 dt 3 lc rgb "#d62728" title "   its accumulated noise", \
     "< awk -F, '\$1 == \"sgd\"' $measured" using 2:3 with points pt 7 ps 0.8 lc rgb "#d62728" title "SGD: mean over paths", \
     "< awk -F, '\$1 == \"heavy-ball\"' $curve" using 2:3 with lines lw 2 lc rgb "#1f77b4" title "heavy ball α = 0.01, β = 0.8: theory", \
     "< awk -F, '\$1 == \"heavy-ball\"' $measured" using 2:3 with points pt 5 ps 0.8 lc rgb "#1f77b4" title "heavy ball: mean over paths"
GP
wrote "$curve" "$measured" "$OUT/fig10_expected_error.svg" "$OUT/fig10_expected_error.png"
