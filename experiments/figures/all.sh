#!/usr/bin/env bash
# Regenerates the lecture's figures: every experiments/figures/figN_*.sh in order, each writing its
# CSV data and its SVG + PNG figure into results/figures/ (see docs/figures.md).
#   bash experiments/figures/all.sh            all figures
#   bash experiments/figures/all.sh 1 3        only figures 1 and 3
#   bash experiments/figures/all.sh --list     the files the figures write (for tests), nothing run
# Needs the built tools in build/bin (bash scripts/build.sh) or KAPPA_BIN; gnuplot; awk.
# Deterministic: every random number comes from a seed written in the scripts, so running it twice
# gives byte-identical CSV files. Figures of the learning-side topics live beside these, each topic
# in its own experiments/<topic>/ writing results/<topic>/ (results/learning/, results/failures/);
# they may source experiments/figures/lib.sh with OUT set to their directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${FIG_OUT:-$root/results/figures}

# The files each figure writes (data first, then the figure). Keep in step with the scripts.
declare -A FILES=(
  [1]="fig1_gd_rate.csv fig1_gd_rate_opt.csv fig1_gd_rate_measured.csv fig1_gd_rate.svg fig1_gd_rate.png"
  [2]="fig2_rates_vs_kappa.csv fig2_rates_vs_kappa_measured.csv fig2_rates_vs_kappa.svg fig2_rates_vs_kappa.png"
  [3]="fig3_heavy_ball_map.csv fig3_heavy_ball_map_opt.csv fig3_heavy_ball_map.svg fig3_heavy_ball_map.png"
  [4]="fig4_heavy_ball_sigma.csv fig4_heavy_ball_sigma_modes.csv fig4_heavy_ball_sigma_opt.csv fig4_heavy_ball_sigma.svg fig4_heavy_ball_sigma.png"
  [5]="fig5_trajectories.csv fig5_trajectories_summary.csv fig5_trajectories.svg fig5_trajectories.png"
  [6]="fig6_methods.csv fig6_methods_summary.csv fig6_methods.svg fig6_methods.png"
  [7]="fig7_steepest.csv fig7_steepest_ratio.csv fig7_steepest_bound.csv fig7_steepest.svg fig7_steepest.png"
  [8]="fig8_minibatch_noise.csv fig8_minibatch_noise_se.csv fig8_minibatch_noise.svg fig8_minibatch_noise.png"
  [9]="fig9_sgd_noise_floor.csv fig9_sgd_noise_floor_runs.csv fig9_sgd_noise_floor_rms.csv fig9_sgd_noise_floor_expected.csv fig9_sgd_noise_floor_theory.csv fig9_sgd_noise_floor.svg fig9_sgd_noise_floor.png"
  [10]="fig10_expected_error.csv fig10_expected_error_measured.csv fig10_expected_error.svg fig10_expected_error.png"
  [11]="fig11_batch_tradeoff.csv fig11_batch_tradeoff.svg fig11_batch_tradeoff.png"
  [12]="fig12_momentum_floor.csv fig12_momentum_floor.svg fig12_momentum_floor.png"
  [13]="fig13_pep_map.csv fig13_pep_map_opt.csv fig13_pep_map.svg fig13_pep_map.png"
  [14]="fig14_pep_steps.csv fig14_pep_steps.svg fig14_pep_steps.png"
)
# kappa-run methods a figure needs: while a method has not landed in the build, all.sh says so and
# leaves that figure's committed files as they are (instead of failing the main job).
declare -A NEEDS=(
  [2]="nesterov"
  [6]="nesterov cg newton bfgs lbfgs adam rmsprop adagrad"
  [7]="steepest"
)
bin=${KAPPA_BIN:-$root/build/bin}
missing_methods() {
  local m miss=()
  for m in ${NEEDS[$1]:-}; do
    "$bin/kappa-run" --method "$m" --kappa 2 --iters 1 --format csv > /dev/null 2>&1 || miss+=("$m")
  done
  echo "${miss[*]}"
}
figs=()
if [[ ${1:-} == --list ]]; then
  for n in $(printf '%s\n' "${!FILES[@]}" | sort -n); do for f in ${FILES[$n]}; do echo "$n $f"; done; done
  exit 0
fi
(($#)) && figs=("$@") || figs=($(printf '%s\n' "${!FILES[@]}" | sort -n))

start=$SECONDS skipped=()
for n in "${figs[@]}"; do
  script=$(ls "$here"/fig"$n"_*.sh 2>/dev/null | head -n 1)
  [[ -n $script ]] || { echo "all.sh: no script for figure $n (experiments/figures/fig${n}_*.sh)" >&2; exit 2; }
  t=$SECONDS
  echo "== figure $n: ${script#"$root"/}"
  miss=$(missing_methods "$n")
  if [[ -n $miss ]]; then
    echo "   SKIPPED: kappa-run in $bin has no method $miss yet; the committed files stay"; skipped+=("$n"); continue
  fi
  bash "$script" >/dev/null
  for f in ${FILES[$n]}; do
    [[ -s $out/$f ]] || { echo "all.sh: figure $n did not write $out/$f" >&2; exit 1; }
  done
  echo "   $((SECONDS - t)) s; wrote ${FILES[$n]// /, } in ${out#"$root"/}/"
done
((${#skipped[@]})) && echo "== skipped (tools not built yet): figure(s) ${skipped[*]}"
echo "== $((${#figs[@]} - ${#skipped[@]})) figure(s) in $((SECONDS - start)) s. Data (CSV) and figures (SVG for slides, PNG for docs/figures.md):"
echo "   ${out#"$root"/}/"
for d in learning failures; do
  [[ -d $root/results/$d ]] && echo "   (learning-side figures: results/$d/)"
done
exit 0
