#!/usr/bin/env bash
# Figure 3 — heavy ball's convergence rate over (α, β) for one spectrum, with the optimum and the
# boundary between real and complex eigenvalues of the per-mode iteration matrix.
#   rate(α, β) = max_i max(|σ₁(λ_i)|, |σ₂(λ_i)|),  σ₁σ₂ = β, σ₁+σ₂ = 1 + β − αλ_i
#   complex pair (|σ| = √β) for (1−√β)² < αλ < (1+√β)²; optimum α* = 4/(√λ₁+√λₙ)², β* = ((√κ−1)/(√κ+1))².
# Settings (chosen here, the lecture gives none): eigenvalues 1 and 100 (κ = 100; heavy ball's rate
# is a maximum over modes that sits at the two ends); α on NA points in (0, 0.042], β on NB points
# in [0, 0.99] (NA × NB = 120 × 60 keeps the CSV near 0.4 MB). Rates and regimes from
# kappa-sweep --mode theory (kappa-rate at every point: rate, regime_lambda_min/max columns),
# the optimum from kappa-rate without --alpha/--beta.
source "$(dirname "$0")/lib.sh"
need kappa-rate kappa-sweep
NA=${NA:-120} NB=${NB:-60} AMAX=0.042 BMAX=0.99
spec=(--kappa 100)
data=$OUT/fig3_heavy_ball_map.csv opt=$OUT/fig3_heavy_ball_map_opt.csv

{
  echo "alpha,beta,rate,converges,regime_lambda_min,regime_lambda_max"
  "$BIN/kappa-sweep" -j 2 --method heavy-ball "${spec[@]}" \
    --grid "alpha=lin:$(awk -v m=$AMAX -v n=$NA 'BEGIN { printf "%.6g", m / n }'):$AMAX:$NA" --grid "beta=lin:0:$BMAX:$NB" |
    cols alpha beta rate converges regime_lambda_min regime_lambda_max
} > "$data.tmp"; mv "$data.tmp" "$data"
"$BIN/kappa-rate" --method heavy-ball "${spec[@]}" --format csv | cols --header alpha beta rate kappa > "$opt"

# gnuplot's grid input wants a blank line between scan lines: a reshaped copy, only for drawing.
grid=$(mktemp); trap 'rm -f "$grid" "$grid".*' EXIT
awk -F, 'NR > 1 { if (NR > 2 && $1 != last) print ""; print; last = $1 }' "$data" > "$grid"
astar=$(field alpha < "$opt"); bstar=$(field beta < "$opt"); rstar=$(field rate < "$opt")
# Contour lines of the regime indicators (1 = the mode's eigenvalues are a complex pair) and of the rate.
LC_ALL=C.UTF-8 gnuplot <<GP
set datafile separator ","
set contour base; unset surface; set cntrparam linear
set table "$grid.c1" separator comma; set cntrparam levels discrete 0.5
splot "$grid" using 1:2:(strcol(5) eq "complex" ? 1 : 0) with lines
set table "$grid.cn" separator comma
splot "$grid" using 1:2:(strcol(6) eq "complex" ? 1 : 0) with lines
set table "$grid.cr" separator comma; set cntrparam levels discrete 0.85, 0.9, 0.95, 0.99
splot "$grid" using 1:2:(\$3 < 1 ? \$3 : 1) with lines
unset table
GP
for c in c1 cn cr; do   # gnuplot writes contour tables space-separated: to CSV for the plot below
  awk '/^#/ { next } NF < 2 { print ""; next } { print $1 "," $2 }' "$grid.$c" > "$grid.$c.csv"
done

plot fig3_heavy_ball_map 950 720 <<GP
set datafile separator ","
set title "Heavy ball  v ← βv − ∇f(w), w ← w + αv  on eigenvalues λ₁ = 1, λₙ = 100 (κ = 100)"
set xlabel "step size α  (units of 1/λ)"
set ylabel "momentum β  (dimensionless)"
set cblabel "rate(α, β) = max_i max(|σ₁(λ_i)|, |σ₂(λ_i)|)   (white: ≥ 1, diverges)"
set xrange [0:$AMAX]; set yrange [0:$BMAX]
set cbrange [0.8:1]
set palette defined (0 "#440154", 0.25 "#3b528b", 0.5 "#21918c", 0.75 "#5ec962", 1 "#fde725")
set key below box font ",10" maxrows 2
set bmargin 7
set tics out
set label 1 "both modes complex:\nrate = √β" at 0.021, 0.78 front tc rgb "white"
plot "$data" using 1:2:(\$3 < 1 ? \$3 : NaN) with image notitle, \
     "$grid.cr.csv" using 1:2 with lines lw 1 lc rgb "#303030" dt 3 title "rate = 0.85, 0.9, 0.95, 0.99", \
     "$grid.c1.csv" using 1:2 with lines lw 3 lc rgb "#ffffff" title "λ₁: real ↔ complex pair, αλ₁ = (1−√β)²", \
     "$grid.cn.csv" using 1:2 with lines lw 3 lc rgb "#000000" dt 2 title "λₙ: real ↔ complex pair, αλₙ = (1∓√β)²", \
     "$opt" using 1:2 with points pt 7 ps 2 lc rgb "#ff00ff" title sprintf("optimum α* = %.4g, β* = %.4g, rate %.4g", $astar, $bstar, $rstar)
GP
wrote "$data" "$opt" "$OUT/fig3_heavy_ball_map.svg" "$OUT/fig3_heavy_ball_map.png"
