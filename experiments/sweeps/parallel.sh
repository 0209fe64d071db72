#!/usr/bin/env bash
# Runs a kappa-sweep in N shards under GNU Parallel (local slots, or hosts with --sshloginfile) and
# merges them into the file the unsharded sweep writes, byte for byte.
#
#   experiments/sweeps/parallel.sh [-n SHARDS] [-j SLOTS] [-S SSHLOGINFILE] -o OUT -- SWEEP_ARGS...
#
#   experiments/sweeps/parallel.sh -n 8 -j 2 -o results/hb-map.csv -- \
#       --method heavy-ball --spectrum linear:1:100:100 --grid beta=lin:0:0.99:200 --grid alpha=lin:0.0005:0.04:200
#
# Shard I is `kappa-sweep SWEEP_ARGS --shard I/N -o OUT.shards/I --resume -j 1`: rerunning the script
# after a crash (or a lost host) finishes the shards that are incomplete and skips the complete ones.
# Across hosts (-S FILE, one `[ncores/]host` a line) OUT's directory must be on a filesystem every
# host sees, at the same path, and kappa-sweep on every host's PATH (or KAPPA_BIN set to its dir).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
shards=4 slots=$(nproc) sshlogin="" out=""
sweep_options parallel.sh "-n:shards:N -j:slots:SLOTS -S:sshlogin:FILE -o:out:OUT" "$@"
command -v parallel >/dev/null || { echo "parallel.sh: GNU parallel is not installed (apt-get install parallel)" >&2; exit 1; }
dir="$out.shards"
mkdir -p "$dir"
remote=()
[[ -n $sshlogin ]] && remote=(--sshloginfile "$sshlogin" --workdir "$PWD")
# -q quotes every argument for the (remote) shell; --halt stops the other shards on the first failure.
parallel -q --will-cite --halt now,fail=1 -j "$slots" "${remote[@]}" \
  "${bin}kappa-sweep" "${sweep_args[@]}" --shard "{}/$shards" -o "$dir/{}" --resume -j 1 ::: $(seq 1 "$shards")
files=()
for i in $(seq 1 "$shards"); do files+=("$dir/$i"); done
"${bin}kappa-merge" -o "$out" "${files[@]}"
echo "parallel.sh: $shards shards merged into $out" >&2
