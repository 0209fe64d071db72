#!/usr/bin/env bash
# kappa-sweep / kappa-merge write the bytes they wrote before the sweep engine moved into the
# library: SHA-256 of each command's output (the version string replaced by V) against
# tests/tools/golden/sweep.sha256, recorded from the tool as it was before the move.
# KAPPA_GOLDEN_RECORD=1 rewrites the file (only for a deliberate output change).
set -euo pipefail
B=${KAPPA_BIN:?}
G="$(cd "$(dirname "$0")" && pwd)/golden/sweep.sha256"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
S="$B/kappa-sweep"
norm() { sed -e 's/"version": *"[^"]*"/"version":"V"/g'; }
h() {  # h NAME CMD...: one line "NAME sha256" of the command's normalised stdout; fails if the command fails
  local name=$1; shift
  "$@" > "$T/o" || { echo "FAIL: exit $? from $*" >&2; exit 1; }
  echo "$name $(norm < "$T/o" | sha256sum | cut -c1-64)"
}
f() { echo "$1 $(norm < "$2" | sha256sum | cut -c1-64)"; }
cases() {
  HB=(--method heavy-ball --spectrum linear:1:100:30 --grid beta=lin:0:0.95:7 --grid alpha=lin:0.001:0.045:11)
  h hb_csv "$S" "${HB[@]}" -j 2
  h hb_jsonl "$S" "${HB[@]}" -j 2 --format jsonl
  h hb_json "$S" "${HB[@]}" -j 1 --format json
  h hb_table "$S" "${HB[@]}" -j 1 --format table
  h hb_ends "$S" "${HB[@]}" --ends-only
  h general "$S" --grid method=gd,heavy-ball,nesterov --grid kappa=geom:1.5:1e4:9 --tol 1e-8
  h opt "$S" --method gd --kappa 100 --grid alpha=opt,0.01 --grid tol=1e-4,1e-6 --format jsonl
  h numeric "$S" --grid method=heavy-ball,nesterov-lecture --grid kappa=2,50 --numeric
  h run "$S" --mode run --method heavy-ball --kappa 50 --grid alpha=lin:0.01:0.05:5 --grid beta=0,0.6 --iters 150 --format jsonl
  h run_methods "$S" --mode run --kappa 20 --grid method=gd,heavy-ball,nesterov,adam,lbfgs,cg --iters 80
  h both "$S" --mode both --method heavy-ball --kappa 30 --alpha 0.02 --grid beta=0.3,0.6 --grid iters=ilin:50:150:3 --grid w0=ones,randn:3
  h both_opt "$S" --mode both --method gd --kappa 30 --grid alpha=opt,0.02 --iters 60 --format jsonl
  "$S" "${HB[@]}" --shard 2/3 -o "$T/s2.csv"
  f shard_data "$T/s2.csv"
  f shard_sidecar "$T/s2.csv.sweep.json"
  for i in 1 3; do "$S" "${HB[@]}" --shard $i/3 -o "$T/s$i.csv"; done
  "$B/kappa-merge" -o "$T/m.csv" "$T/s1.csv" "$T/s2.csv" "$T/s3.csv"
  f merged_data "$T/m.csv"
  f merged_sidecar "$T/m.csv.sweep.json"
  "$S" --mode run --method gd --kappa 10 --grid alpha=0.05,0.1 --iters 50 --format jsonl -o "$T/r.jsonl"
  h heavy_ball_opt "$S" --method heavy-ball --kappa 100 --grid alpha=opt --grid beta=opt --format jsonl
  h run_opt_both "$S" --mode both --method heavy-ball --kappa 30 --grid alpha=opt --grid beta=opt --iters 60
  f run_file "$T/r.jsonl"
  f run_file_sidecar "$T/r.jsonl.sweep.json"
}
if [ "${KAPPA_GOLDEN_RECORD:-0}" = 1 ]; then cases > "$T/now"; mv "$T/now" "$G"; echo "recorded $G"; exit 0; fi
cases > "$T/now"
diff "$G" "$T/now" || { echo "FAIL: sweep outputs differ from the recorded bytes (above: < recorded, > now)" >&2; exit 1; }
echo "sweep_golden: $(wc -l < "$G") outputs identical"
