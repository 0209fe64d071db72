#!/usr/bin/env bash
# Figure 14 — the exact worst case of |x_N − x*|² over L-smooth μ-strongly convex functions
# (|x_0 − x*|² ≤ 1) against N, for heavy ball at Polyak's parameters, Nesterov (tuned for
# quadratics: α = 4/(3L+μ)) and gd (α = 2/(μ+L)), all at their quadratic-optimal parameters for
# [μ, L] = [2, 50] (κ = 25), beside the worst quadratic of the same class (kappa's theory).
# Every value from kappa-pep (CSDP); N = 1..NMAX (NMAX = 20 by default: CSDP's time grows like N^6,
# N = 20 takes about 2 s).
source "$(dirname "$0")/lib.sh"
need kappa-pep
NMAX=${NMAX:-20} MU=2 L=50
data=$OUT/fig14_pep_steps.csv
{
  echo "method,steps,alpha,beta,worst_case,quadratic_worst_case,per_step_factor,quadratic_rate,status"
  for m in heavy-ball nesterov gd; do
    for n in $(seq 1 "$NMAX"); do
      "$BIN/kappa-pep" --method $m --mu $MU --L $L --steps "$n" --format csv |
        cols method steps alpha beta worst_case quadratic_worst_case per_step_factor quadratic_rate status
    done
  done
} | round7 > "$data.tmp"; mv "$data.tmp" "$data"   # round7: CSDP's BLAS differs between CPUs
[[ ${1:-} == --data-only ]] && { wrote "$data"; exit 0; }

plot fig14_pep_steps 950 650 <<GP
set datafile separator ","
set title "Worst case of |x_N − x*|² over all L-smooth μ-strongly convex f\n(μ = $MU, L = $L, κ = 25; |x_0 − x*|² ≤ 1)"
set xlabel "steps N"
set ylabel "worst case |x_N − x*|²"
set logscale y
set format y "10^{%T}"
set key below box font ",10" maxrows 4
set bmargin 9
set grid
set tics out
set xrange [0:$NMAX + 0.5]
plot "$data" using (strcol(1) eq "heavy-ball" ? \$2 : NaN):5 with linespoints pt 7 lc rgb "#d7191c" title "heavy ball (Polyak α* = 1/18, β* = 4/9)", \
     "$data" using (strcol(1) eq "heavy-ball" ? \$2 : NaN):6 with lines dt 2 lw 2 lc rgb "#d7191c" title "  same, worst quadratic", \
     "$data" using (strcol(1) eq "nesterov" ? \$2 : NaN):5 with linespoints pt 5 lc rgb "#2b83ba" title "Nesterov (α = 4/(3L+μ), tuned)", \
     "$data" using (strcol(1) eq "nesterov" ? \$2 : NaN):6 with lines dt 2 lw 2 lc rgb "#2b83ba" title "  same, worst quadratic", \
     "$data" using (strcol(1) eq "gd" ? \$2 : NaN):5 with linespoints pt 9 lc rgb "#1a9641" title "gd (α = 2/(μ+L))", \
     "$data" using (strcol(1) eq "gd" ? \$2 : NaN):6 with lines dt 2 lw 2 lc rgb "#1a9641" title "  same, worst quadratic", \
     1 with lines lw 1 lc rgb "#808080" title "start: |x_0 − x*|² = 1"
GP
wrote "$data" "$OUT/fig14_pep_steps.svg" "$OUT/fig14_pep_steps.png"
