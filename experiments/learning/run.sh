#!/usr/bin/env bash
# The learning experiments: breast_cancer standardization, the sigmoid plateau, and the four
# training-procedure cases on digits labelled by kappa-diagnose. Writes results/learning/ (data, SVG, PNG).
# Needs build/bin (scripts/build.sh), python3-sklearn's data, /usr/bin/python3 with numpy, gnuplot.
# Deterministic: regenerating gives identical data files. About 10 s on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=build/bin
out=results/learning
sk=/usr/lib/python3/dist-packages/sklearn/datasets/data
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== 1. breast_cancer least squares: kappa and iterations to shrink |w - w*| by 1e-3, raw vs standardized"
for scaling in raw standardized; do
  flag=""; [[ $scaling == standardized ]] && flag="--standardize"
  "$bin/kappa-spectrum" --data "$sk/breast_cancer.csv" --skip-rows 1 --no-header $flag --measure --tol 1e-3 \
    --adam-lr 0.01 --max-iter 400000 --format json -o "$out/breast_cancer_$scaling.json"
done
/usr/bin/python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
rows = ["# method scaling kappa predicted measured(cap 400000 if not converged) status"]
for s in ("raw", "standardized"):
    j = json.load(open(f"{out}/breast_cancer_{s}.json"))
    k = j["spectrum"]["kappa"]
    for m in ("gd", "heavy-ball", "adam"):
        e = j["methods"][m]
        pred = e.get("iterations")
        meas = e["measured_iterations"] if e["measured_iterations"] is not None else 400000
        rows.append(f"{m} {s} {k:.6g} {pred if pred is not None else 'nan'} {meas} {e['measured_status']}")
open(f"{out}/breast_cancer_iterations.dat", "w").write("\n".join(rows) + "\n")
# One line per method for the bar chart: measured raw, measured standardized, predicted raw, predicted std.
J = {s: json.load(open(f"{out}/breast_cancer_{s}.json")) for s in ("raw", "standardized")}
bars = ["# method raw_measured std_measured raw_predicted std_predicted (measured capped at 400000)"]
for m in ("gd", "heavy-ball", "adam"):
    v = []
    for key in ("measured_iterations", "iterations"):
        for s in ("raw", "standardized"):
            x = J[s]["methods"][m].get(key, None)
            v.append(str(x) if x is not None else ("400000" if key == "measured_iterations" else "nan"))
    bars.append(f"{m} {v[0]} {v[1]} {v[2]} {v[3]}")
open(f"{out}/breast_cancer_bars.dat", "w").write("\n".join(bars) + "\n")
print("\n".join(rows))
PY

echo "== 2. the sigmoid fitting problem"
/usr/bin/python3 experiments/learning/sigmoid.py "$out" | tee "$out/sigmoid_summary.txt"

echo "== 3. four training procedures on digits (MLP 64-H-10, tanh, xavier, registry sgd), each diagnosed"
zcat "$sk/digits.csv.gz" > "$tmp/digits.csv"
common=(--data "$tmp/digits.csv" --no-header --scale 0.0625 --activation tanh --init xavier --seed 1 --format csv)
"$bin/kappa-train" "${common[@]}" --hidden 32 --lr 10 --epochs 30 -o "$tmp/too_large_lr.csv"
"$bin/kappa-train" "${common[@]}" --hidden 32 --lr 0.002 --epochs 30 -o "$tmp/too_small_lr.csv"
"$bin/kappa-train" "${common[@]}" --hidden 128 --lr 0.1 --epochs 150 --max-train 60 -o "$tmp/overfitting.csv"
"$bin/kappa-train" "${common[@]}" --hidden 32 --lr 0.1 --epochs 30 --weight-decay 1e-4 -o "$tmp/healthy.csv"
for run in too_large_lr too_small_lr overfitting healthy; do
  # The log without the data path (a temp file) so that the committed data are identical on every run.
  cp "$tmp/$run.csv" "$out/digits_$run.csv"
  "$bin/kappa-diagnose" "$out/digits_$run.csv" --format json -o "$out/digits_$run.diagnosis.json"
  printf '%-14s ' "$run"; "$bin/kappa-diagnose" "$out/digits_$run.csv" | head -2 | tr '\n' ' '; echo
done

echo "== figures"
verdict() { "$bin/kappa-diagnose" "$out/digits_$1.csv" | sed -n 's/^verdict: *//p'; }
gnuplot -e "out='$out'; v1='$(verdict too_large_lr)'; v2='$(verdict too_small_lr)'; v3='$(verdict overfitting)'; v4='$(verdict healthy)'" \
  experiments/learning/figures.gp
echo "wrote $out"
