#!/usr/bin/env bash
# Writes OUT_DIR/TOOL.1 for every TOOL given, from its --help and --version, with Debian's help2man.
# The NAME line is the first sentence of the comment that opens tools/TOOL.cpp ("// kappa-rate: the
# convergence rate of ..."), else the first sentence of the --help description.
#   cmake/kappa-man.sh OUT_DIR SOURCE_DIR build/bin/kappa-rate build/bin/kappa-eig ...
set -euo pipefail
out=$1 src=$2
shift 2
mkdir -p "$out"
for tool in "$@"; do
  name=$(basename "$tool")
  about=""
  if [[ -r $src/tools/$name.cpp ]]; then
    about=$(awk -v n="$name" 'NR == 1 && index($0, "// " n ": ") != 1 { exit }
                             /^\/\// && !/^\/\/ *$/ { sub(/^\/\/ ?/, ""); printf "%s ", $0; next } { exit }' \
              "$src/tools/$name.cpp" | sed -E "s/^$name: //; s/\\. .*//; s/\\.? *\$//")
  fi
  if [[ -z $about ]]; then
    about=$("$tool" --help | awk 'NR > 2 && NF { printf "%s ", $0; seen = 1; next } seen { exit }' |
            sed -E 's/\. .*//; s/\.? *$//')
  fi
  # help2man writes the NAME line byte by byte: keep it ASCII (en dash, kappa, sqrt spelled out).
  about=$(printf '%s' "$about" | sed 's/–/-/g; s/κ/kappa/g; s/√/sqrt/g' | iconv -f UTF-8 -t ASCII//TRANSLIT)
  LC_ALL=C.UTF-8 help2man --no-info --no-discard-stderr --section=1 --source="kappa" --manual="kappa manual" \
    --name="$about" --output="$out/$name.1.tmp" "$tool"
  # The examples are commands: no filling (help2man would reflow them into one paragraph).
  awk '/^\.SH EXAMPLES$/ { ex = 1; print; next }
       ex && /^\.(SH|SS) / { print ".fi"; ex = 0 }
       ex && /^\.(IP|PP)$/ { print; print ".nf"; next }
       { print } END { if (ex) print ".fi" }' "$out/$name.1.tmp" >"$out/$name.1"
  rm -f "$out/$name.1.tmp"
done
