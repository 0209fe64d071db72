# Sourced by parallel.sh and slurm-submit.sh: their command line, [OPTION VALUE]... -o OUT -- SWEEP_ARGS.
#
# sweep_options SCRIPT 'OPTION:VARIABLE:VALUE...' ARGS...: each OPTION in ARGS (-n, -o, ...) sets its
# VARIABLE to the argument after it; what follows -- is kappa-sweep's, in the array sweep_args. Any
# other argument, or no -o (the variable out), exits 2 with one line naming SCRIPT and the options
# it takes (their VALUE words). Sets bin: KAPPA_BIN/ when KAPPA_BIN is set, else empty (PATH's tools).
sweep_options() {
  local script=$1 spec opt var expected=""
  declare -A var_of=()
  for spec in $2; do
    IFS=: read -r opt var _ <<< "$spec"
    var_of[$opt]=$var
    expected+="${expected:+, }$opt ${spec##*:}"
  done
  shift 2
  while [[ $# -gt 0 && $1 != -- ]]; do
    if [[ -z ${var_of[$1]:-} || $# -lt 2 ]]; then
      echo "$script: $1: expected $expected, then -- and kappa-sweep's arguments" >&2
      exit 2
    fi
    printf -v "${var_of[$1]}" '%s' "$2"
    shift 2
  done
  [[ ${1:-} == -- ]] && shift
  sweep_args=("$@")
  [[ -n $out ]] || { echo "$script: -o OUT is required" >&2; exit 2; }
  bin=${KAPPA_BIN:+$KAPPA_BIN/}
}
