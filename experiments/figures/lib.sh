# Shared by the figure scripts (source it): paths, tool checks, CSV column selection and a gnuplot
# wrapper that writes the same plot as SVG (slides) and PNG (docs/figures.md). No numbers are computed here:
# every value in results/ comes from a kappa tool; the scripts only choose settings, reshape rows
# and draw. Other topics (results/learning/, results/failures/) can source this file too and set OUT.
set -euo pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN=${KAPPA_BIN:-$ROOT/build/bin}
OUT=${FIG_OUT:-$ROOT/results/figures}
PY=${PYTHON:-/usr/bin/python3}
mkdir -p "$OUT"

# need TOOL...: stop with one clear line if a tool is not built.
need() {
  local t
  for t in "$@"; do
    [[ -x $BIN/$t ]] || { echo "$(basename "$0"): $BIN/$t is missing (build first: bash scripts/build.sh)" >&2; exit 1; }
  done
}

# cols [--header] COLUMN...: the named columns of the CSV on stdin, comma-separated, in that order
# --first prints only the first data row (awk, no Python start-up: it is called in loops). Understands the tools' quoting ("..." with ""
# inside) and re-quotes fields that need it. Without --header only the data rows are printed.
cols() {
  local header=0 first=0
  [[ ${1:-} == --header ]] && { header=1; shift; }
  [[ ${1:-} == --first ]] && { first=1; shift; }
  awk -v want="$*" -v header=$header -v first=$first '
    function split_csv(line, out,    n, i, c, q, cur) {
      n = 0; q = 0; cur = ""
      for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (q) { if (c == "\"") { if (substr(line, i + 1, 1) == "\"") { cur = cur c; i++ } else q = 0 } else cur = cur c }
        else if (c == "\"") q = 1
        else if (c == ",") { out[++n] = cur; cur = "" }
        else cur = cur c
      }
      out[++n] = cur
      return n
    }
    function quote(v) { if (v ~ /[",]/) { gsub(/"/, "\"\"", v); return "\"" v "\"" } return v }
    BEGIN { m = split(want, names, " ") }
    NR == 1 { n = split_csv($0, h)
              for (j = 1; j <= m; j++) { k[j] = 0; for (i = 1; i <= n; i++) if (h[i] == names[j]) k[j] = i
                if (!k[j]) { print "cols: no column " names[j] " in: " $0 > "/dev/stderr"; exit 1 } }
              if (header) { line = names[1]; for (j = 2; j <= m; j++) line = line "," names[j]; print line }
              next }
    /^#/ || done { next }   # read to the end even with --first: an early exit would SIGPIPE the writer
    { split_csv($0, r); line = quote(r[k[1]]); for (j = 2; j <= m; j++) line = line "," quote(r[k[j]]); print line; if (first) done = 1 }'
}

# field COLUMN: the value of COLUMN in the first data row of the CSV on stdin.
field() { cols --first "$1"; }

# plot NAME [WIDTH HEIGHT]: the gnuplot commands on stdin drawn into $OUT/NAME.svg and $OUT/NAME.png.
plot() {
  local name=$1 w=${2:-900} h=${3:-600} body
  body=$(cat)
  LC_ALL=C.UTF-8 gnuplot <<GP
set encoding utf8
set terminal svg size $w,$h font "DejaVu Sans,13" background rgb "white"
set output "$OUT/$name.svg"
$body
GP
  LC_ALL=C.UTF-8 gnuplot <<GP
set encoding utf8
set terminal pngcairo size $w,$h font "DejaVu Sans,11" background rgb "white"
set output "$OUT/$name.png"
$body
GP
}

# contours FILE 'F(x, y)' LEVELS XMIN:XMAX YMIN:YMAX: the level sets F = LEVELS (comma-separated)
# over that window, traced by gnuplot on a 200 x 200 grid into FILE (a gnuplot table: x y per line,
# one block per line of a level), to draw under a 2-D path with `plot FILE using 1:2 with lines`.
contours() {
  CONTOUR_WINDOW=("$4" "$5")
  LC_ALL=C.UTF-8 gnuplot <<GP
f(x, y) = $2
set contour base; unset surface; set cntrparam levels discrete $3
set isosamples 200, 200; set samples 200, 200
set xrange [$4]; set yrange [$5]
set table "$1"
splot f(x, y)
unset table
GP
}

# contour_panel XLABEL YLABEL: the gnuplot settings of a panel that draws a path over the last
# contours(), in its window (inside a plot's commands: $(contour_panel ...)).
contour_panel() {
  printf '%s\n' "set xrange [${CONTOUR_WINDOW[0]}]; set yrange [${CONTOUR_WINDOW[1]}]" \
    "set xlabel \"$1\"; set ylabel \"$2\"" 'set key bottom right box opaque font ",10"' "set grid"
}

# done_msg NAME FILE...: say what was written (relative to the project root).
wrote() { local f; for f in "$@"; do echo "  ${f#"$ROOT"/}"; done; }

# summary [--header] [--add NAME=VALUE] KEY...: fields of a kappa tool's JSON on stdin as one CSV row
# (KEY a dotted path: summary.measured_rate, parameters.optimizer.alpha).
summary() { "$PY" "$ROOT/experiments/figures/summary.py" "$@"; }

# Numbers of a CSV on stdin rounded to 7 significant digits (for values computed through a BLAS whose
# kernels differ between CPUs in the last digits: CSDP's), in the C locale so the decimal point stays.
round7() {
  LC_ALL=C awk -F, -v OFS=, '{ for (i = 1; i <= NF; i++) if ($i ~ /^-?[0-9]*[.][0-9]+([eE][-+]?[0-9]+)?$|^-?[0-9]+[eE][-+]?[0-9]+$/) $i = sprintf("%.7g", $i) } 1'
}
