#!/usr/bin/env bash
# Figure 13 — heavy ball's (α, β) plane at the lecture's κ = 25 (eigenvalues / curvatures in
# [μ, L] = [2, 50]): where the quadratic theory converges (rate max_λ ρ(T(λ)) < 1, kappa's per-mode
# map) and where the exact worst case over every L-smooth μ-strongly convex function after N = 10
# steps stays below its start (kappa-pep: |x_N − x*|² ≤ 1 for every f with |x_0 − x*|² ≤ 1).
# Polyak's point α* = 1/18, β* = 4/9 (optimal on quadratics) is marked.
# Settings (chosen here): α on NA points in (0, 4/L], β on NB points in [0, 0.98]; N = STEPS.
# Driver: one kappa-pep process per point, JOBS at a time (kappa-sweep --mode pep will replace it;
# the solves within one process are serialised, so parallel work is across processes).
#   bash fig13_pep_map.sh [--data-only | --plot-only]      NA=25 NB=25 STEPS=10 JOBS=2 by default
# 625 SDPs, about 30 s on 2 free cores (NA=50 NB=50: about 2 minutes). The CSV's numbers are rounded
# to 7 significant digits (round7 in lib.sh): CSDP's BLAS is not bit-reproducible across CPUs.
source "$(dirname "$0")/lib.sh"
need kappa-pep kappa-rate
NA=${NA:-25} NB=${NB:-25} STEPS=${STEPS:-10} JOBS=${JOBS:-2}
MU=2 L=50 AMAX=0.08 BMAX=0.98
data=$OUT/fig13_pep_map.csv opt=$OUT/fig13_pep_map_opt.csv
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

if [[ ${1:-} != --plot-only ]]; then   # --plot-only: redraw from the committed CSV files
# The grid, one "i j alpha beta" line per point, the numbers in shortest round-trip form (as the
# tools print them, so the failed rows below sort and match like the others).
"$PY" -c "
na, nb, am, bm = $NA, $NB, $AMAX, $BMAX
for i in range(1, na + 1):
    for j in range(nb):
        print(i, j, repr(am * i / na), repr(bm * j / (nb - 1) if nb > 1 else 0.0))" > "$work/points"
export BIN MU L STEPS work
# shellcheck disable=SC2016
xargs -P "$JOBS" -L 1 bash -c '
  "$BIN/kappa-pep" --method heavy-ball --mu $MU --L $L --steps $STEPS --alpha "$2" --beta "$3" --format csv \
    > "$work/p$0_$1.csv" 2> "$work/p$0_$1.err" || rm -f "$work/p$0_$1.csv"' < "$work/points"

# Points kappa-pep could not solve (CSDP stops when the worst case exceeds about 1e8) are rows
# with status "failed" and empty values; the figure draws them as "beyond 1e8".
header=""
for f in "$work"/p*.csv; do [[ -s $f ]] && { header=$f; break; }; done
[[ -n $header ]] || { echo "fig13_pep_map.sh: no point solved" >&2; exit 1; }
{
  head -n 1 "$header" | cols --header alpha beta worst_case quadratic_worst_case quadratic_rate per_step_factor status | head -n 1
  {
    while read -r i j a b; do
      if [[ -s $work/p${i}_$j.csv ]]; then
        { head -n 1 "$header"; tail -n 1 "$work/p${i}_$j.csv"; } |
          cols alpha beta worst_case quadratic_worst_case quadratic_rate per_step_factor status
      else
        # the quadratic rate without the solver: kappa-rate on the ends of [mu, L] (heavy ball's
        # spectral radius over [mu, L] is largest at an end)
        q=$("$BIN/kappa-rate" --method heavy-ball --lambda-min $MU --lambda-max $L --alpha "$a" --beta "$b" --format csv | field rate)
        echo "$a,$b,,,$q,,failed"
      fi
    done < "$work/points"
  } | sort -t, -k1,1g -k2,2g
} | round7 > "$data.tmp"
nfail=$(grep -c ',failed$' "$data.tmp" || true)
((nfail)) && echo "fig13_pep_map.sh: $nfail point(s) not solved by CSDP (status failed), e.g. $(cat "$work"/*.err | grep -m 1 'CSDP: return code')" >&2
mv "$data.tmp" "$data"
"$BIN/kappa-pep" --method heavy-ball --mu $MU --L $L --steps "$STEPS" --format csv |
  cols --header alpha beta worst_case quadratic_worst_case quadratic_rate | round7 > "$opt"
fi
[[ ${1:-} == --data-only ]] && { wrote "$data" "$opt"; exit 0; }

grid=$(mktemp); trap 'rm -rf "$work" "$grid" "$grid".*' EXIT
# (a failed point drawn as 1e9: beyond the solver's reach)
awk -F, -v OFS=, 'NR > 1 { if (NR > 2 && $1 != last) print ""; if ($7 == "failed") { $3 = 1e9; $4 = ""; $6 = "" }
                           print; last = $1 }' "$data" > "$grid"
LC_ALL=C.UTF-8 gnuplot <<GP
set datafile separator ","
set contour base; unset surface; set cntrparam linear
set table "$grid.q" separator comma; set cntrparam levels discrete 1
splot "$grid" using 1:2:5 with lines
set table "$grid.p" separator comma; set cntrparam levels discrete 0
splot "$grid" using 1:2:(log10(\$3)) with lines
unset table
GP
for c in q p; do awk '/^#/ { next } NF < 2 { print ""; next } { print $1 "," $2 }' "$grid.$c" > "$grid.$c.csv"; done
astar=$(field alpha < "$opt"); bstar=$(field beta < "$opt"); wstar=$(field worst_case < "$opt"); qstar=$(field quadratic_worst_case < "$opt")
plot fig13_pep_map 950 720 <<GP
set datafile separator ","
set title "Heavy ball: worst |x_N − x*|² over all L-smooth μ-strongly convex f\n(μ = $MU, L = $L, κ = 25; N = $STEPS steps from |x_0 − x*|² ≤ 1)"
set xlabel "step size α"
set ylabel "momentum β"
set cblabel "log₁₀ worst case (kappa-pep; top colour: ≥ 10⁴)"
set xrange [0:$AMAX]; set yrange [0:$BMAX]
set cbrange [-4:4]
set palette defined (0 "#2166ac", 0.5 "#f7f7f7", 1 "#b2182b")
set key below box font ",10" maxrows 3
set bmargin 8
set tics out
plot "$grid" using 1:2:(log10(\$3)) with image notitle, \
     "$grid.q.csv" using 1:2 with lines lw 3 lc rgb "#000000" dt 2 title "quadratic theory: rate max_λ ρ(T(λ)) = 1 (converges below/left)", \
     "$grid.p.csv" using 1:2 with lines lw 3 lc rgb "#1a9850" title "worst case over the class = 1 after N = $STEPS (stays below its start inside)", \
     "$opt" using 1:2 with points pt 7 ps 2 lc rgb "#ff00ff" title sprintf("Polyak α* = %.4g, β* = %.4g: worst case %.3g (quadratics: %.3g)", $astar, $bstar, $wstar, $qstar)
GP
wrote "$data" "$opt" "$OUT/fig13_pep_map.svg" "$OUT/fig13_pep_map.png"
