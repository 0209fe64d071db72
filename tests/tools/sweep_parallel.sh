#!/usr/bin/env bash
# The GNU Parallel recipe for real (local slots): 4 shards on 2 slots, merged == the unsharded run;
# a rerun after deleting one shard redoes only that one. Skips (exit 0, with a message) only when
# GNU parallel is missing; scripts/install-deps.sh installs it.
set -euo pipefail
B=${KAPPA_BIN:?}; SRC=${KAPPA_SRC:?}
command -v parallel >/dev/null || { echo "SKIP: GNU parallel not installed"; exit 0; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
A=(--method nesterov --spectrum geom:1:1000:40 --grid beta=lin:0:0.95:9 --grid alpha=geom:1e-4:2e-3:13 --format jsonl)
"$B/kappa-sweep" "${A[@]}" -o "$T/full.jsonl"
KAPPA_BIN=$B bash "$SRC/experiments/sweeps/parallel.sh" -n 4 -j 2 -o "$T/par.jsonl" -- "${A[@]}" 2>/dev/null
cmp "$T/full.jsonl" "$T/par.jsonl" || { echo "FAIL: GNU parallel shards merged differ from the unsharded run"; exit 1; }
cmp "$T/full.jsonl.sweep.json" "$T/par.jsonl.sweep.json" || { echo "FAIL: sidecars differ"; exit 1; }
before=$(stat -c %Y "$T/par.jsonl.shards/1")
rm "$T/par.jsonl.shards/3" "$T/par.jsonl"
sleep 1
KAPPA_BIN=$B bash "$SRC/experiments/sweeps/parallel.sh" -n 4 -j 2 -o "$T/par.jsonl" -- "${A[@]}" 2>/dev/null
cmp "$T/full.jsonl" "$T/par.jsonl" || { echo "FAIL: rerun after a lost shard differs"; exit 1; }
[ "$(stat -c %Y "$T/par.jsonl.shards/1")" = "$before" ] || { echo "FAIL: a complete shard was recomputed"; exit 1; }
echo "sweep_parallel: ok"
