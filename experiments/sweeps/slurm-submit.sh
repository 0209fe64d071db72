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
source "$here/lib.sh"
shards=4 out=""
sweep_options slurm-submit.sh "-n:shards:N -o:out:OUT" "$@"
jid=$(sbatch --parsable --array="1-$shards" --export=ALL "$here/slurm.sbatch" "$out" -- "${sweep_args[@]}")
files=$(for i in $(seq 1 "$shards"); do printf '%q ' "$out.shards/$i"; done)
mid=$(sbatch --parsable --dependency="afterok:$jid" --job-name=kappa-merge --output="kappa-merge-%j.log" \
  --export=ALL --wrap "${bin}kappa-merge -o $(printf '%q' "$out") $files")
echo "$jid $mid"
