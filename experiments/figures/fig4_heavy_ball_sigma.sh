#!/usr/bin/env bash
# Figure 4 — the eigenvalues σ₁, σ₂ of heavy ball's per-mode iteration matrix
#   T(λ) = [[β, −λ], [αβ, 1 − αλ]]  on (v, w),  σ₁ + σ₂ = 1 + β − αλ,  σ₁σ₂ = β,
# in the complex plane as λ runs from 0 upwards, and |σ| against λ. Real for αλ < (1−√β)², a complex
# pair on the circle |σ| = √β for (1−√β)² < αλ < (1+√β)², real and negative beyond; |σ| = 1 at
# αλ = 2(1+β) (divergence; λ ≈ 101 here).
# Settings (chosen here): (α*, β*) optimal for eigenvalues 1 and 100 (kappa-rate), λ running over
# N log-spaced values in [0.01, 110] and the ends 1, 100 (kappa-eig); the points are the modes of the spectrum
# linear:1:100:12 itself, which at the optimum all sit on the circle (the two ends at its real
# crossings ±√β*, critically damped).
source "$(dirname "$0")/lib.sh"
need kappa-rate kappa-eig
N=${N:-600}
run=$OUT/fig4_heavy_ball_sigma.csv modes=$OUT/fig4_heavy_ball_sigma_modes.csv opt=$OUT/fig4_heavy_ball_sigma_opt.csv

"$BIN/kappa-rate" --method heavy-ball --kappa 100 --format csv | cols --header alpha beta rate kappa > "$opt"
a=$(field alpha < "$opt"); b=$(field beta < "$opt"); r=$(field rate < "$opt")
# The λ run: N log-spaced values plus the spectrum's ends 1 and 100 (where, at the optimum, the pair
# turns from real to complex and back: without them the curve would cut the corners there).
lams=$(mktemp); trap 'rm -f "$lams"' EXIT
{ "$BIN/kappa-eig" --method gd --spectrum "geom:0.01:110:$N" --alpha 1 --format csv | cols lambda; echo 1; echo 100; } |
  sort -g -u > "$lams"
"$BIN/kappa-eig" --method heavy-ball --spectrum "file:$lams" --alpha "$a" --beta "$b" --format csv -o "$run"
"$BIN/kappa-eig" --method heavy-ball --spectrum linear:1:100:12 --alpha "$a" --beta "$b" --format csv -o "$modes"

plot fig4_heavy_ball_sigma 1250 600 <<GP
set datafile separator ","
set multiplot layout 1,2 title sprintf("Heavy ball at α* = %.4g, β* = %.4g (optimal for λ ∈ [1, 100]); λ runs over [0.01, 110] (kappa-eig)", $a, $b)
set size ratio -1
set xrange [-1.6:1.1]; set yrange [-1.1:1.1]
set xlabel "Re σ"; set ylabel "Im σ"
set grid
set object 1 circle at 0,0 size 1 fs empty border lc rgb "#a0a0a0" dt 2
set object 2 circle at 0,0 size $r fs empty border lc rgb "#d62728" lw 1
set label 1 "|σ| = 1" at 0.55, -0.95 tc rgb "#808080"
set label 2 sprintf("|σ| = √β* = %.4g", $r) at -0.35, 0.05 tc rgb "#d62728"
set cblabel "λ (log scale)"; set logscale cb; set cbrange [0.01:110]; set format cb "10^{%T}"
set palette defined (0 "#440154", 0.33 "#3b528b", 0.66 "#21918c", 1 "#fde725")
set key bottom left box opaque font ",10"
plot "$run" using 2:3:1 with lines lw 3 lc palette title "σ₁(λ)", \
     "$run" using 4:5:1 with lines lw 3 dt 2 lc palette title "σ₂(λ)", \
     "$modes" using 2:3 with points pt 7 ps 1.2 lc rgb "black" title "modes of linear:1:100:12", \
     "$modes" using 4:5 with points pt 7 ps 1.2 lc rgb "black" notitle
unset object 1; unset object 2; unset label 1; unset label 2
set size noratio
set logscale x; set format x "10^{%T}"
set xrange [0.01:110]; set yrange [0:1.6]
unset colorbox
set xlabel "Hessian eigenvalue λ  (log scale)"
set ylabel "|σ|_{max}(λ) = max(|σ₁|, |σ₂|)  (per-step factor)"
set key at graph 0.98, graph 0.3 right box opaque
set arrow 1 from 1, 0 to 1, 1.6 nohead dt 3 lc rgb "#606060"
set arrow 2 from 100, 0 to 100, 1.6 nohead dt 3 lc rgb "#606060"
set label 3 "λ₁" at 1.1, 0.05; set label 4 "λₙ" at 60, 0.05
set label 5 "diverges: |σ| > 1" at 0.5, 1.45 tc rgb "#a02020"
set object 3 rect from graph 0, first 1 to graph 1, graph 1 fc rgb "#f4c7c3" fs solid 0.4 noborder behind
plot "$run" using 1:(strcol(7) eq "real" ? \$6 : NaN) with lines lw 3 lc rgb "#1f77b4" title "real pair: |σ| = (|T| + √(T² − 4β))/2", \
     "$run" using 1:(strcol(7) ne "real" ? \$6 : NaN) with lines lw 3 lc rgb "#d62728" title "complex pair: |σ| = √β (critical at the ends)", \
     "$modes" using 1:6 with points pt 7 ps 1.2 lc rgb "black" title "modes of linear:1:100:12"
unset multiplot
GP
wrote "$opt" "$run" "$modes" "$OUT/fig4_heavy_ball_sigma.svg" "$OUT/fig4_heavy_ball_sigma.png"
