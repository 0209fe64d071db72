# Shared by experiments/failures/*.sh: where the tools are, where results go, and a gnuplot helper that
# renders one plot body to SVG and PNG. Sourced, not run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=${KAPPA_BIN:-$root/build/bin}
out=${FAILURES_OUT:-$root/results/failures}
mkdir -p "$out"
for t in kappa-gradflow kappa-counterexample kappa-ddescent; do
  [[ -x $bin/$t ]] || { echo "${0##*/}: $bin/$t missing (build first: scripts/build.sh)" >&2; exit 1; }
done
command -v gnuplot >/dev/null || { echo "${0##*/}: gnuplot missing (apt-get install gnuplot-nox)" >&2; exit 1; }

# plot NAME WIDTH HEIGHT <<'GP' ... GP : the body (everything after `set terminal/output`) on stdin.
plot() {
  local name=$1 w=$2 h=$3 body
  body=$(cat)
  (cd "$out" && gnuplot <<GP
set terminal svg size $w,$h dynamic enhanced font 'Helvetica,13' background rgb 'white'
set output '$name.svg'
reset
$body
set terminal pngcairo size $w,$h enhanced font 'Helvetica,11' background rgb 'white'
set output '$name.png'
reset
$body
GP
  )
}
