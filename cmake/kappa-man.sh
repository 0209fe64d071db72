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
  # The tool's --help and --version are written to files first and everything reads the files: no
  # tool ever writes into a pipe, so none can die of SIGPIPE (the sanitizer-built tools did, twice,
  # which failed the build with status 141 under pipefail).
  help_file=$out/.$name.help.txt version_file=$out/.$name.version.txt
  "$tool" --help >"$help_file"
  "$tool" --version >"$version_file"
  if [[ -z $about ]]; then
    about=$(awk 'NR > 2 && NF { printf "%s ", $0; seen = 1; next } seen { exit }' "$help_file" |
            sed -E 's/\. .*//; s/\.? *$//')
  fi
  # help2man writes the NAME line byte by byte: keep it ASCII (en dash, kappa, sqrt spelled out).
  about=$(printf '%s' "$about" | sed 's/–/-/g; s/κ/kappa/g; s/√/sqrt/g' | iconv -f UTF-8 -t ASCII//TRANSLIT)
  # help2man reflows what it reads; the examples are commands (some continued with a backslash), so
  # it reads the help without them, through a wrapper, and gets them verbatim as an EXAMPLES section.
  wrapper=$out/.$name.help
  printf '#!/bin/sh\nif [ "$1" = --help ]; then sed "/^Examples:$/,\\$d" "%s"; else cat "%s"; fi\n' \
    "$help_file" "$version_file" >"$wrapper"
  chmod +x "$wrapper"
  {
    echo "[EXAMPLES]"
    echo ".nf"
    sed '1,/^Examples:$/d' "$help_file" | sed 's/\\/\\e/g; s/^\([.'"'"']\)/\\&\1/'
    echo ".fi"
  } >"$out/.$name.examples"
  LC_ALL=C.UTF-8 help2man --no-info --no-discard-stderr --section=1 --source="kappa" --manual="kappa manual" \
    --name="$about" --include="$out/.$name.examples" --output="$out/$name.1.tmp" "$wrapper"
  # the wrapper's name in the page is the tool's
  sed "s/\.$name\.help/$name/g" "$out/$name.1.tmp" >"$out/$name.1"
  rm -f "$out/$name.1.tmp" "$wrapper" "$out/.$name.examples" "$help_file" "$version_file"
done
