#!/usr/bin/env bash
# Vanishing and exploding gradients: log10 of the weight gradient's norm against the layer, for each
# activation x initialisation (depth 30, width 64, batch 32, mean over 5 seeds), and the summary of
# each configuration (measured gain per layer vs d*sigma_w^2*E[phi'^2], Jacobian singular values).
source "$(dirname "$0")/common.sh"
L=30 D=64
: > "$out/gradflow_summary.jsonl"
for act in linear sigmoid tanh relu; do
  for init in naive small xavier he; do
    "$bin/kappa-gradflow" --depth $L --width $D --activation $act --init $init --seeds 5 --jacobian-inputs 0 \
      --format csv -o "$out/gradflow_${act}_${init}.csv"
    "$bin/kappa-gradflow" --depth $L --width $D --activation $act --init $init --seeds 5 --summary --format jsonl \
      >> "$out/gradflow_summary.jsonl"
  done
done

# panel PNG-NAME COLUMN FIRST-ROW YLABEL TITLE: one 2x2 figure, one panel per activation.
panel() {
  plot "$1" 1150 850 <<GP
set datafile separator ','
set multiplot layout 2,2 title "$5  (depth $L, width $D, batch 32, mean of 5 seeds)"
set xlabel 'layer l (0 = input, $L = output)'
set ylabel "$4"
set key outside right top vertical font ',10'
set grid
do for [act in "linear sigmoid tanh relu"] {
  set title act
  plot for [init in "naive small xavier he"] sprintf('gradflow_%s_%s.csv', act, init) \
       every ::$3 using 1:$2 with linespoints pt 7 ps 0.5 lw 2 title init
}
unset multiplot
GP
}
# The gradient reaching layer l (backward only: slope = log10(gain)/2 per layer).
panel gradflow 3 1 'log_{10} ||dloss/dh_l||_F' 'Gradient reaching each layer'
# The weight gradient dloss/dW_l = D_l h_{l-1}^T mixes the forward and backward passes.
panel gradflow_weights 4 2 'log_{10} ||dloss/dW_l||_F' 'Weight gradient of each layer'
echo "gradflow: wrote $out/gradflow_*.csv, gradflow_summary.jsonl, gradflow{,_weights}.{svg,png}"
