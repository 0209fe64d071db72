#!/usr/bin/env bash
# Writes a bash completion script for the given kappa tools to stdout: each tool's long options
# (taken from its --help), the values of --format, and file names elsewhere.
#   cmake/kappa-completion.sh build/bin/kappa-rate build/bin/kappa-eig ... > kappa.bash
set -euo pipefail
names=()
cat <<'HEAD'
# bash completion for the kappa tools; generated from each tool's --help by cmake/kappa-completion.sh.
_kappa_complete() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} opts=""
  case $prev in
    --format) COMPREPLY=($(compgen -W "table json jsonl csv" -- "$cur")); return ;;
  esac
  case ${COMP_WORDS[0]##*/} in
HEAD
for tool in "$@"; do
  name=$(basename "$tool")
  names+=("$name")
  # The option column of Boost's table: "  -o [ --output ] FILE   description" -> --output
  opts=$("$tool" --help | grep -E '^  -' | sed -E 's/^  (.*[^ ])  +.*/\1/' | grep -oE -- '--[a-z0-9][a-z0-9-]*' |
         sort -u | tr '\n' ' ')
  printf '    %s) opts="%s" ;;\n' "$name" "${opts% }"
done
cat <<'TAIL'
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
TAIL
printf 'complete -o filenames -F _kappa_complete %s\n' "${names[*]}"
