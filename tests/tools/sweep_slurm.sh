#!/usr/bin/env bash
# The Slurm recipe for real: a private single-node Slurm (munged, slurmctld, slurmd from Debian's
# slurm-wlm and munge, all state in a temp dir, ports picked at random) runs
# experiments/sweeps/slurm-submit.sh (a 3-task job array + the merge job after it); the merged file
# must equal the unsharded run byte for byte (about 8 s). scripts/install-deps.sh installs slurm-wlm
# and munge; the test skips (exit 0 with a message) only when they are missing or the daemons cannot
# start here (not root, no hostname resolution).
set -euo pipefail
B=${KAPPA_BIN:?}; SRC=${KAPPA_SRC:?}
for c in munged slurmctld slurmd sbatch squeue sinfo; do
  command -v $c >/dev/null || { echo "SKIP: $c not installed (apt-get install slurm-wlm munge)"; exit 0; }
done
[ "$(id -u)" = 0 ] || { echo "SKIP: the private Slurm runs its daemons as root"; exit 0; }
T=$(mktemp -d /tmp/kappa-slurm.XXXXXX)
chmod 755 "$T"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 0.5
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM  # still runs cleanup (EXIT), so no daemon outlives the test
host=$(hostname -s)
port=$((20000 + RANDOM % 20000))
mkdir -p "$T/state" "$T/spool" "$T/munge"
chmod 700 "$T/munge"
dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 status=none
chmod 600 "$T/munge/munge.key"
munged --force --socket="$T/munge/munge.socket" --key-file="$T/munge/munge.key" \
  --pid-file="$T/munge/munged.pid" --log-file="$T/munge/munged.log" --seed-file="$T/munge/seed" \
  || { echo "SKIP: munged does not start here: $(tail -1 "$T/munge/munged.log" 2>/dev/null)"; exit 0; }
pids+=("$(cat "$T/munge/munged.pid")")
cat > "$T/slurm.conf" <<CONF
ClusterName=kappatest
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$T/munge/munge.socket
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/builtin
ReturnToService=2
MpiDefault=none
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$T/slurm.conf"
slurmctld -D -i -f "$SLURM_CONF" >"$T/slurmctld.out" 2>&1 & pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$T/slurmd.out" 2>&1 & pids+=($!)
up=0
for _ in $(seq 1 100); do
  if sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed)'; then up=1; break; fi
  sleep 0.2
done
[ $up = 1 ] || { echo "SKIP: the private Slurm did not come up: $(tail -2 "$T/slurmctld.log" "$T/slurmd.log" 2>/dev/null | tr '\n' ' ')"; exit 0; }

A=(--method heavy-ball --spectrum geom:1:100:20 --grid beta=lin:0:0.9:5 --grid alpha=lin:0.001:0.03:7)
"$B/kappa-sweep" "${A[@]}" -o "$T/full.csv"
cd "$T"
ids=$(KAPPA_BIN=$B SBATCH_CPUS_PER_TASK=1 bash "$SRC/experiments/sweeps/slurm-submit.sh" -n 3 -o "$T/map.csv" -- "${A[@]}")
merge_id=${ids#* }
for _ in $(seq 1 300); do
  [ -z "$(squeue -h -j "${ids%% *},$merge_id" 2>/dev/null)" ] && break
  sleep 0.2
done
[ -f "$T/map.csv" ] || { echo "FAIL: no merged file; logs:"; cat "$T"/kappa-*.log "$T/slurmctld.log" 2>/dev/null | tail -20; exit 1; }
cmp "$T/full.csv" "$T/map.csv" || { echo "FAIL: Slurm shards merged differ from the unsharded run"; exit 1; }
cmp "$T/full.csv.sweep.json" "$T/map.csv.sweep.json" || { echo "FAIL: sidecars differ"; exit 1; }
echo "sweep_slurm: ok (job array ${ids%% *}, merge job $merge_id)"
