#!/usr/bin/env bash
# Figure 12 — heavy ball's noise floor against β at a fixed effective step α/(1 − β) = 0.05.
# The lecture's heavy ball v ← βv − g, w ← w + αv with the noise in g: the floor per mode is
#   E e² = α σ²(1 + β) / (λ(1 − β)(2(1 + β) − αλ)),
# which with α = s(1 − β) is SGD's floor at step s, s σ²/(λ(2 − sλ)), times
#   (1 + β)(2 − sλ) / (2(1 + β) − s(1 − β)λ)  → 1 for small sλ, and 1 − sλ/2 as β → 1.
# So "momentum averages the noise" buys nothing at a fixed effective step when sλ is small, and
# lowers the floor of the stiff modes (sλ near 1) by up to a factor 1 − sλ/2.
# Problem: figure 9's finite sum (A = diag(1, 10), N = 1000 points of seed 1, B = 10); theory from
# kappa-run's theory_noise_floor (the problem's own noise A S A / B), measured floors from
# kappa-run's measured_noise_floor (mean of |w − w*|² over the last 10000 of 20000 steps, one
# sampling path --sample-seed 1, standard error from 20 batch means).
source "$(dirname "$0")/lib.sh"
need kappa-run
FS=(--lambda-min 1 --lambda-max 10 --finite-sum 1000 --spread 1 --seed 1 --batch 10 --sample-seed 1)
S=0.05
data=$OUT/fig12_momentum_floor.csv
{
  echo "beta,alpha,theory_dist2,measured_dist2,measured_dist2_standard_error"
  "$BIN/kappa-run" --method gd --alpha $S "${FS[@]}" --iters 20000 --tol 0 --format json |
    summary parameters.optimizer.alpha summary.theory_noise_floor.dist2 summary.measured_noise_floor.dist2 summary.measured_noise_floor.dist2_standard_error |
    sed "s/^/sgd,/"
  for b in 0 0.2 0.4 0.5 0.6 0.7 0.8 0.85 0.9 0.95; do
    a=$(awk -v s=$S -v b=$b 'BEGIN { printf "%.10g", s * (1 - b) }')   # the setting α = s(1 − β)
    "$BIN/kappa-run" --method heavy-ball --alpha "$a" --beta $b "${FS[@]}" --iters 20000 --tol 0 --format json |
      summary parameters.optimizer.beta parameters.optimizer.alpha summary.theory_noise_floor.dist2 summary.measured_noise_floor.dist2 summary.measured_noise_floor.dist2_standard_error
  done
} > "$data.tmp"; mv "$data.tmp" "$data"
sgd=$(awk -F, '$1 == "sgd" { print $3 }' "$data")

plot fig12_momentum_floor 1000 620 <<GP
set datafile separator ","
set title "heavy ball at a fixed effective step α/(1 − β) = $S: stationary E|w − w*|²\nfinite sum N = 1000, A = diag(1, 10), B = 10 (kappa-run: theory and measured noise floors)"
set xlabel "momentum β  (α = $S (1 − β))"; set ylabel "E|w − w*|²  (noise floor)"
set xrange [-0.02:1]; set yrange [0:*]
set grid
set key bottom left box opaque
plot "< awk -F, '\$1 != \"sgd\"' $data" using 1:3 with linespoints lw 2 pt 7 lc rgb "#1f77b4" title "heavy ball: theory", \
     "< awk -F, '\$1 != \"sgd\"' $data" using 1:4:5 with yerrorbars pt 5 ps 1 lc rgb "#d62728" title "heavy ball: measured (± 1 s.e., one path of 20000 steps)", \
     $sgd with lines lw 2 dt 2 lc rgb "#000000" title "SGD at step $S: theory"
GP
wrote "$data" "$OUT/fig12_momentum_floor.svg" "$OUT/fig12_momentum_floor.png"
