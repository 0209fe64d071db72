#!/usr/bin/env bash
# Queues a sharded kappa-sweep as a Slurm job array and its merge as a job that runs after every
# shard succeeded. Prints the two job ids.
#
#   experiments/sweeps/slurm-submit.sh -n 8 -o results/map.csv -- --method heavy-ball --kappa 1e4 \
#       --grid beta=lin:0:0.99:400 --grid alpha=lin:1e-5:2e-4:400
#
# Extra sbatch options (partition, time, account) go in SBATCH_* environment variables, e.g.
# SBATCH_PARTITION=short SBATCH_TIMELIMIT=01:00:00, which sbatch reads itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shards=4 out=""
while [[ $# -gt 0 ]]; do
  case $1 in
    -n) shards=$2; shift 2 ;;
    -o) out=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "slurm-submit.sh: $1: expected -n N, -o OUT, then -- and kappa-sweep's arguments" >&2; exit 2 ;;
  esac
done
[[ -n $out ]] || { echo "slurm-submit.sh: -o OUT is required" >&2; exit 2; }
bin=${KAPPA_BIN:+$KAPPA_BIN/}
jid=$(sbatch --parsable --array="1-$shards" --export=ALL "$here/slurm.sbatch" "$out" -- "$@")
files=$(for i in $(seq 1 "$shards"); do printf '%q ' "$out.shards/$i"; done)
mid=$(sbatch --parsable --dependency="afterok:$jid" --job-name=kappa-merge --output="kappa-merge-%j.log" \
  --export=ALL --wrap "${bin}kappa-merge -o $(printf '%q' "$out") $files")
echo "$jid $mid"
