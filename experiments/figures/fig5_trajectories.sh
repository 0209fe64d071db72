#!/usr/bin/env bash
# Figure 5 — 2-D trajectories on an ill-conditioned quadric f(w) = ½ (λ₁w₁² + λ₂w₂²): plain gradient
# descent with α = 1e-3 and α = 5e-3 (β = 0), and heavy ball with α = 1e-3, β = 0.9 (the lecture's
# settings, after distill.pub/2017/momentum), contour lines of f underneath.
#   gd:         w ← w − α∇f(w)                        per-coordinate factor 1 − αλ_i
#   heavy ball: v ← βv − ∇f(w), w ← w + αv            per-mode eigenvalues σ₁σ₂ = β, σ₁+σ₂ = 1+β−αλ
# Settings chosen here (the lecture gives only α, β): λ₁ = 2, λ₂ = 350 (κ = 175), w0 = (−1.5, 0.5),
# 200 steps. Then α = 5e-3 gives 1 − αλ₂ = −0.75 (the zig-zag across the valley) while α = 1e-3
# crawls along it (1 − αλ₁ = 0.998); momentum at α = 1e-3 reaches 0.97 per step. The contour lines
# are f's level sets drawn by gnuplot from the same formula (levels f = 0.02 … 46 = f(w0)); every
# trajectory point is kappa-run's trace.
source "$(dirname "$0")/lib.sh"
need kappa-run
L1=2 L2=350 ITERS=200
data=$OUT/fig5_trajectories.csv sum=$OUT/fig5_trajectories_summary.csv
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf -- '-1.5\n0.5\n' > "$tmp/w0"      # the start point, one coordinate per line
runs=("gd-a1e-3|gd|--alpha 0.001" "gd-a5e-3|gd|--alpha 0.005" "hb-a1e-3-b0.9|heavy-ball|--alpha 0.001 --beta 0.9")
echo "run,iter,w0,w1,f_gap,dist" > "$data.tmp"
echo "run,method,alpha,beta,status,dist,measured_rate,theory_rate" > "$sum.tmp"
for r in "${runs[@]}"; do
  IFS='|' read -r name method opts <<< "$r"
  # shellcheck disable=SC2086  # opts holds several options
  "$BIN/kappa-run" --method "$method" --lambda-min $L1 --lambda-max $L2 $opts --w0 "file:$tmp/w0" \
    --iters $ITERS --format csv -s "$tmp/s.json" | cols iter w0 w1 f_gap dist | sed "s/^/$name,/" >> "$data.tmp"
  summary --add "run=$name" parameters.optimizer.method parameters.optimizer.alpha summary.status summary.dist \
    summary.measured_rate summary.theory_rate < "$tmp/s.json" |
    awk -F, -v OFS=, -v b="$([[ $method == heavy-ball ]] && echo 0.9)" '{ print $7, $1, $2, b, $3, $4, $5, $6 }' >> "$sum.tmp"
done
mv "$data.tmp" "$data"; mv "$sum.tmp" "$sum"

# Contour lines of f (gnuplot, from the formula in the title) into a table, then the three panels.
contours "$tmp/contours.dat" "0.5 * ($L1 * x**2 + $L2 * y**2)" "0.02, 0.1, 0.5, 2, 10, 46" -1.7:0.5 -0.7:0.7
plot fig5_trajectories 1500 560 <<GP
set datafile separator ","
set multiplot layout 1,3 title "f(w) = ½ (λ₁w₁² + λ₂w₂²), λ₁ = $L1, λ₂ = $L2 (κ = 175), w₀ = (−1.5, 0.5), $ITERS steps (kappa-run)"
$(contour_panel "w₁  (flat direction, λ₁ = $L1)" "w₂  (steep direction, λ₂ = $L2)")
array titles[3] = ["SGD: α = 1e-3, β = 0", "SGD: α = 5e-3, β = 0", "SGD + momentum: α = 1e-3, β = 0.9"]
do for [i = 1:3] {
  name = word("gd-a1e-3 gd-a5e-3 hb-a1e-3-b0.9", i)
  set title titles[i] noenhanced
  set datafile separator whitespace
  plot "$tmp/contours.dat" using 1:2 with lines lc rgb "#c0c0c0" title "level sets f = 0.02, 0.1, 0.5, 2, 10, 46", \
       "< awk -F, -v r=" . name . " '\$1 == r { print \$3, \$4 }' $data" using 1:2 with linespoints pt 7 ps 0.5 lw 1.5 lc rgb (i == 3 ? "#1f77b4" : "#d62728") title "iterates w_k", \
       "< awk -F, -v r=" . name . " '\$1 == r && \$2 == 0 { print \$3, \$4 }' $data" using 1:2 with points pt 5 ps 1.5 lc rgb "black" title "w₀", \
       "+" using (0):(0) every ::0::0 with points pt 3 ps 2.5 lw 2 lc rgb "#2ca02c" title "w* = 0"
}
unset multiplot
GP
wrote "$data" "$sum" "$OUT/fig5_trajectories.svg" "$OUT/fig5_trajectories.png"
