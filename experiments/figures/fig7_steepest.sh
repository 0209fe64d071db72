#!/usr/bin/env bash
# Figure 7 — steepest descent with exact line search on a 2-D quadric: the zig-zag path and its
# per-step decrease of f − f* against the bound (Kantorovich)
#   (f(w_{k+1}) − f*) / (f(w_k) − f*) ≤ ((κ − 1)/(κ + 1))²,
# attained at every step from a start w₀ ∝ (1/λ₁, ±1/λₙ) and not from a generic start.
#   steepest: g = ∇f(w), α_k = gᵀg / gᵀAg (exact minimiser along −g), w ← w − α_k g
# Settings chosen here: A = diag(1, 10) (κ = 10), starts w₀ = (10, 1) (the worst case), (3, 1) and
# (1, 1), 25 steps. In two dimensions the iterates alternate between two directions, so the ratio is
# the same at every step; it depends on the start and reaches the bound only from (1/λ₁, ±1/λₙ). Path and f − f* from kappa-run's trace; the per-step ratio
# (f_{k+1} − f*)/(f_k − f*) is the one quantity this script computes (awk, from consecutive rows);
# the bound is kappa-rate's gd rate (κ−1)/(κ+1), squared in the plot.
source "$(dirname "$0")/lib.sh"
need kappa-run kappa-rate
SPEC=(--lambda-min 1 --lambda-max 10) ITERS=25
traces=$OUT/fig7_steepest.csv ratios=$OUT/fig7_steepest_ratio.csv bound=$OUT/fig7_steepest_bound.csv
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '10\n1\n' > "$tmp/worst"; printf '3\n1\n' > "$tmp/w3"; printf '1\n1\n' > "$tmp/w1"
echo "start,iter,w0,w1,f_gap" > "$traces.tmp"
for s in worst w3 w1; do
  "$BIN/kappa-run" --method steepest "${SPEC[@]}" --w0 "file:$tmp/$s" --iters $ITERS --tol 0 --format csv |
    cols iter w0 w1 f_gap | sed "s/^/$s,/" >> "$traces.tmp"
done
mv "$traces.tmp" "$traces"
awk -F, 'NR == 1 { print "start,iter,f_gap_ratio"; next }
         $1 == s && p > 0 && $5 > 0 { printf "%s,%d,%.17g\n", $1, $2, $5 / p }
         { s = $1; p = $5 }' "$traces" > "$ratios.tmp"; mv "$ratios.tmp" "$ratios"
"$BIN/kappa-rate" --method gd "${SPEC[@]}" --format csv | cols --header kappa rate > "$bound"
r=$(field rate < "$bound")

contours "$tmp/contours.dat" "0.5 * (x**2 + 10 * y**2)" "0.05, 0.3, 1, 3, 10, 25, 55" -1:11 -1.5:1.5
plot fig7_steepest 1300 560 <<GP
set datafile separator ","
set multiplot layout 1,2 title "Steepest descent with exact line search on f(w) = ½ (w₁² + 10 w₂²), κ = 10 (kappa-run --method steepest)"
$(contour_panel "w₁" "w₂")
set title "the zig-zag (consecutive steps are orthogonal; axes not to scale)"
set datafile separator whitespace
plot "$tmp/contours.dat" using 1:2 with lines lc rgb "#c8c8c8" title "level sets of f", \
     "< awk -F, '\$1 == \"worst\" { print \$3, \$4 }' $traces" using 1:2 with linespoints pt 7 ps 0.6 lw 1.5 lc rgb "#d62728" title "w₀ = (10, 1) ∝ (1/λ₁, 1/λₙ)", \
     "< awk -F, '\$1 == \"w3\" { print \$3, \$4 }' $traces" using 1:2 with linespoints pt 7 ps 0.6 lw 1.5 lc rgb "#ff7f0e" title "w₀ = (3, 1)", \
     "< awk -F, '\$1 == \"w1\" { print \$3, \$4 }' $traces" using 1:2 with linespoints pt 7 ps 0.6 lw 1.5 lc rgb "#1f77b4" title "w₀ = (1, 1)"
set datafile separator ","
set title "per-step decrease of f − f*"
set xrange [0:$ITERS]; set yrange [0:1]
set xlabel "step k"; set ylabel "(f(w_{k}) − f*) / (f(w_{k−1}) − f*)"
set key center right
plot ($r)**2 with lines lw 3 lc rgb "#000000" title sprintf("bound ((κ−1)/(κ+1))² = %.4g", ($r)**2), \
     "< awk -F, '\$1 == \"worst\"' $ratios" using 2:3 with points pt 7 ps 1.2 lc rgb "#d62728" title "measured, w₀ = (10, 1): worst case", \
     "< awk -F, '\$1 == \"w3\"' $ratios" using 2:3 with points pt 9 ps 1.2 lc rgb "#ff7f0e" title "measured, w₀ = (3, 1)", \
     "< awk -F, '\$1 == \"w1\"' $ratios" using 2:3 with points pt 5 ps 1.0 lc rgb "#1f77b4" title "measured, w₀ = (1, 1)"
unset multiplot
GP
wrote "$traces" "$ratios" "$bound" "$OUT/fig7_steepest.svg" "$OUT/fig7_steepest.png"
