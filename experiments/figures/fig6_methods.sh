#!/usr/bin/env bash
# Figure 6 — error against iteration for ten optimizers on the same ill-conditioned quadric,
# axis-aligned (A = diag(λ)) and rotated (A = Q diag(λ) Qᵀ, Q a seeded random orthogonal matrix),
# side by side; theory rates as lines where they exist (|w₀ − w*|·rateᵏ: gd, heavy-ball, nesterov).
# The rotation changes nothing for methods that are invariant to it (gd, heavy ball, nesterov,
# cg, newton, bfgs, lbfgs) and a lot for the diagonal preconditioners (adam, rmsprop, adagrad:
# the lecture's "Adam ≈ diagonal Hessian approximation" only helps in the eigenbasis).
# Settings chosen here: spectrum geom:1:100:20 (n = 20, κ = 100), w0 = ones, w* = 0, rotation seed 1,
# 400 iterations, stop at |w − w*| ≤ 1e-10 |w₀ − w*|. gd, heavy-ball, nesterov at their optimal
# parameters (kappa-run without --alpha, as kappa-rate); newton α = 1; cg, bfgs, lbfgs with their
# line searches (defaults); adam lr 0.05, rmsprop lr 0.01, adagrad lr 0.5 (torch's other defaults;
# the learning rates are this figure's choice: one value each, not tuned per problem).
source "$(dirname "$0")/lib.sh"
need kappa-run
SPEC=(--spectrum geom:1:100:20) ITERS=400
METHODS=(${METHODS:-gd heavy-ball nesterov cg newton bfgs lbfgs adam rmsprop adagrad})
opts() {   # the per-method options (the figure's choices above)
  case $1 in
    newton) echo "--alpha 1" ;; adam) echo "--lr 0.05" ;; rmsprop) echo "--lr 0.01" ;; adagrad) echo "--lr 0.5" ;;
  esac
}
traces=$OUT/fig6_methods.csv sums=$OUT/fig6_methods_summary.csv
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "problem,method,iter,dist" > "$traces.tmp"
echo "problem,method,status,iterations,dist0,dist,measured_rate,theory_rate" > "$sums.tmp"
for problem in aligned rotated; do
  rot=(); [[ $problem == rotated ]] && rot=(--rotate 1)
  for m in "${METHODS[@]}"; do
    # shellcheck disable=SC2046  # opts prints several words
    "$BIN/kappa-run" --method "$m" "${SPEC[@]}" "${rot[@]}" $(opts "$m") --iters $ITERS --format csv -s "$tmp/s.json" |
      cols iter dist | sed "s/^/$problem,$m,/" >> "$traces.tmp"
    summary --add "problem=$problem" parameters.optimizer.method summary.status summary.iterations summary.dist0 \
      summary.dist summary.measured_rate summary.theory_rate < "$tmp/s.json" |
      awk -F, -v OFS=, '{ print $8, $1, $2, $3, $4, $5, $6, $7 }' >> "$sums.tmp"
  done
done
mv "$traces.tmp" "$traces"; mv "$sums.tmp" "$sums"

plot fig6_methods 1500 700 <<GP
set datafile separator ","
set multiplot layout 1,2 title "|w_k − w*| on f(w) = ½ (w − w*)ᵀA(w − w*), spectrum geom:1:100:20 (n = 20, κ = 100), w₀ = ones (kappa-run)"
set logscale y; set format y "10^{%T}"
set xrange [0:$ITERS]; set yrange [1e-10:30]
set xlabel "iteration k"
set ylabel "|w_k − w*|  (distance to the minimiser)"
set grid
set key outside right top font ",9" spacing 0.9
array M[10] = ["gd", "heavy-ball", "nesterov", "cg", "newton", "bfgs", "lbfgs", "adam", "rmsprop", "adagrad"]
array C[10] = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#000000", "#8c564b", "#e377c2", "#ff7f0e", "#17becf", "#bcbd22"]
do for [panel in "aligned rotated"] {
  set title (panel eq "aligned" ? "axis-aligned: A = diag(λ)" : "rotated: A = Q diag(λ) Qᵀ (--rotate 1)")
  # theory rates of gd, heavy-ball, nesterov from kappa-run's summary (theory_rate, dist0)
  stats "$sums" using (strcol(1) eq panel && strcol(2) eq "gd" ? \$8 : NaN) name "GD" nooutput
  stats "$sums" using (strcol(1) eq panel && strcol(2) eq "heavy-ball" ? \$8 : NaN) name "HB" nooutput
  stats "$sums" using (strcol(1) eq panel && strcol(2) eq "nesterov" ? \$8 : NaN) name "NE" nooutput
  stats "$sums" using (strcol(1) eq panel ? \$5 : NaN) name "D0" nooutput
  plot for [i = 1:10] "$traces" using (strcol(1) eq panel && strcol(2) eq M[i] ? \$3 : NaN):4 \
         with points pt 7 ps 0.35 lc rgb C[i] title M[i], \
       D0_max * GD_max**x with lines lw 1.5 dt 2 lc rgb C[1] title sprintf("theory gd: |w₀−w*|·%.4gᵏ", GD_max), \
       D0_max * HB_max**x with lines lw 1.5 dt 2 lc rgb C[2] title sprintf("theory heavy ball: %.4gᵏ", HB_max), \
       D0_max * NE_max**x with lines lw 1.5 dt 2 lc rgb C[3] title sprintf("theory nesterov: %.4gᵏ", NE_max)
}
unset multiplot
GP
wrote "$traces" "$sums" "$OUT/fig6_methods.svg" "$OUT/fig6_methods.png"
