#!/usr/bin/env bash
# Figure 1 — gradient descent's convergence rate against the step size on a quadric (the "V").
#   rate(α) = max_i |1 − αλ_i| = max(|1 − αλ₁|, |1 − αλₙ|), optimum α* = 2/(λ₁+λₙ), divergence for αλₙ > 2.
# Settings (the lecture gives no numbers; chosen here): λ₁ = 1, λₙ = 10 (κ = 10), α on a grid of
# 200 steps in (0, 0.25]. Per-eigenvalue factors |1 − αλ| = GD's rate on the one-eigenvalue quadric
# {λ} and the rate on {λ₁, λₙ} from kappa-sweep --mode theory (kappa-rate at every α), α* from
# kappa-rate without --alpha; measured rates (points) from kappa-sweep --mode run (kappa-run,
# 200 steps from w0 = (1, 1), rate fitted on the last half) on the same 2-D quadric.
source "$(dirname "$0")/lib.sh"
need kappa-rate kappa-run kappa-sweep
LMIN=1 LMAX=10 N=200 AMAX=0.25
spec=(--lambda-min $LMIN --lambda-max $LMAX)
data=$OUT/fig1_gd_rate.csv opt=$OUT/fig1_gd_rate_opt.csv meas=$OUT/fig1_gd_rate_measured.csv

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# The factor of one eigenvalue λ is GD's rate on the quadric with that eigenvalue alone; the rate
# on {λ₁, λₙ} is their maximum. Three sweeps over the same α grid (rows in grid order).
grid=(--grid "alpha=lin:$(awk -v m=$AMAX -v n=$N 'BEGIN { printf "%.6g", m / n }'):$AMAX:$N")
"$BIN/kappa-sweep" -j 2 --method gd --lambda-min $LMIN --lambda-max $LMIN "${grid[@]}" | cols alpha rate > "$tmp/r1"
"$BIN/kappa-sweep" -j 2 --method gd --lambda-min $LMAX --lambda-max $LMAX "${grid[@]}" | cols alpha rate > "$tmp/rn"
"$BIN/kappa-sweep" -j 2 --method gd "${spec[@]}" "${grid[@]}" | cols alpha rate > "$tmp/r"
{
  echo "alpha,radius_lambda_min,radius_lambda_max,rate"
  paste -d, "$tmp/r1" "$tmp/rn" "$tmp/r" | awk -F, -v OFS=, '$1 != $3 || $1 != $5 { print "fig1: grids differ" > "/dev/stderr"; exit 1 }
                                                          { print $1, $2, $4, $6 }'
} > "$data.tmp"; mv "$data.tmp" "$data"
"$BIN/kappa-rate" --method gd "${spec[@]}" --format csv | cols --header alpha rate kappa lambda_min lambda_max > "$opt"
# Measured: gradient descent run for 200 steps from w0 = (1, 1); the per-step contraction of
# |w − w*| fitted on the last half (kappa-run's measured_rate). Diverging runs stop at 1e10 growth.
"$BIN/kappa-sweep" -j 2 --mode run --method gd "${spec[@]}" --grid alpha=0.02,0.04,0.06,0.08,0.1,0.12,0.14,0.16,0.18,0.2,0.22,0.24 \
  --iters 200 | cols --header alpha measured_rate theory_rate status > "$meas.tmp"; mv "$meas.tmp" "$meas"

astar=$(field alpha < "$opt"); rstar=$(field rate < "$opt")
plot fig1_gd_rate <<GP
set datafile separator ","
set title "Gradient descent on f(w) = ½ wᵀAw, eigenvalues λ₁ = $LMIN, λₙ = $LMAX (κ = $((LMAX / LMIN)))"
set xlabel "step size α  (units of 1/λ; λ = eigenvalue of the Hessian A)"
set ylabel "rate(α) = max_i |1 − αλ_i|   (per-step error factor, dimensionless)"
set xrange [0:$AMAX]; set yrange [0:1.6]
set key top left box opaque
set grid
set object 1 rect from 2.0/$LMAX, graph 0 to graph 1, graph 1 fc rgb "#f4c7c3" fs solid 0.5 noborder behind
set label 1 "diverges: αλₙ > 2" at 2.0/$LMAX + 0.005, 1.5 tc rgb "#a02020"
set arrow 1 from $astar, 0 to $astar, 1.6 nohead dt 2 lc rgb "#404040"
set label 2 sprintf("α* = 2/(λ₁+λₙ) = %.4g\nrate(α*) = (κ−1)/(κ+1) = %.4g", $astar, $rstar) right at $astar - 0.004, 0.12
plot "$data" using 1:4 with lines lw 7 lc rgb "#f4a6a6" title "rate = max(|1 − αλ₁|, |1 − αλₙ|)", \
     "$data" using 1:2 with lines lw 2 lc rgb "#1f77b4" title "|1 − αλ₁|", \
     "$data" using 1:3 with lines lw 2 lc rgb "#2ca02c" title "|1 − αλₙ|", \
     "$meas" using 1:2 with points pt 6 ps 1.8 lw 2 lc rgb "black" title "measured: kappa-run, 200 steps (fitted rate)", \
     "$opt" using 1:2 with points pt 7 ps 1.6 lc rgb "#d62728" title "optimum α* (kappa-rate)", \
     1 with lines lc rgb "#808080" dt 3 notitle
GP
wrote "$data" "$opt" "$meas" "$OUT/fig1_gd_rate.svg" "$OUT/fig1_gd_rate.png"
