#!/usr/bin/env bash
# Double descent: min-norm least squares on p random ReLU features, n_train = 100, train and test
# error against p (mean over 10 seeds), on synthetic data (d = 20, label noise 0.5) and on sklearn's
# diabetes data (442 x 10, standardised; test = the other 342 rows). The threshold p = n_train is marked.
source "$(dirname "$0")/common.sh"
sk=${SKLEARN_DATA:-/usr/lib/python3/dist-packages/sklearn/datasets/data}
[[ -r $sk/diabetes_data_raw.csv.gz ]] || { echo "ddescent.sh: $sk/diabetes_data_raw.csv.gz missing (python3-sklearn)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Decompress only (the tool reads plain numeric tables).
zcat "$sk/diabetes_data_raw.csv.gz" > "$tmp/diabetes_X.txt"
zcat "$sk/diabetes_target.csv.gz" > "$tmp/diabetes_y.txt"

dd=$bin/kappa-ddescent
"$dd" --n-train 100 --n-test 1000 --dim 20 --noise 0.5 --seeds 10 --format json -o "$out/ddescent_synthetic.json"
"$dd" --n-train 100 --n-test 1000 --dim 20 --noise 0.5 --seeds 10 --format csv -o "$out/ddescent_synthetic.csv"
# The data paths in the JSON context are the temp files; name them by their source instead.
(cd "$tmp" && "$dd" --data diabetes_X.txt --target diabetes_y.txt --n-train 100 --seeds 10 --format json -o "$out/ddescent_diabetes.json")
(cd "$tmp" && "$dd" --data diabetes_X.txt --target diabetes_y.txt --n-train 100 --seeds 10 --format csv -o "$out/ddescent_diabetes.csv")

plot ddescent 1100 480 <<'GP'
set datafile separator ','
set multiplot layout 1,2 title "Double descent: min-norm least squares on p random ReLU features (n_{train} = 100, mean of 10 seeds)"
set xlabel 'features p'
set ylabel 'mean squared error'
set logscale xy
set format y '10^{%L}'
set grid
set key top right font ',10'
set arrow 1 from 100, graph 0 to 100, graph 1 nohead dt 2 lc rgb 'black'
set label 1 'p = n_{train}' at 105, graph 0.95 font ',10'
set title 'synthetic: d = 20, label noise sd 0.5 (floor 0.25)'
set yrange [1e-3:1e3]
plot 'ddescent_synthetic.csv' every ::1 using 1:4 with linespoints pt 7 ps 0.5 lw 2 title 'test (mean)', \
     'ddescent_synthetic.csv' every ::1 using 1:5 with lines lw 1 dt 3 title 'test (median)', \
     'ddescent_synthetic.csv' every ::1 using 1:($3 > 1e-3 ? $3 : 1/0) with linespoints pt 6 ps 0.5 lw 2 title 'train (0 for p >= n)'
set title 'diabetes (sklearn, 10 features, standardised)'
set yrange [1e-3:1e4]
plot 'ddescent_diabetes.csv' every ::1 using 1:4 with linespoints pt 7 ps 0.5 lw 2 title 'test (mean)', \
     'ddescent_diabetes.csv' every ::1 using 1:5 with lines lw 1 dt 3 title 'test (median)', \
     'ddescent_diabetes.csv' every ::1 using 1:($3 > 1e-3 ? $3 : 1/0) with linespoints pt 6 ps 0.5 lw 2 title 'train (0 for p >= n)'
unset multiplot
GP
echo "ddescent: wrote $out/ddescent_*.{json,csv}, ddescent.svg, ddescent.png"
