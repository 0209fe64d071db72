#!/usr/bin/env bash
# cmake --install into a temporary prefix: every tool in bin/ and runnable from there, a man page per
# tool (renders, has the tool's options and its examples), bash completion per tool that completes
# the tool's own options and --format's values.
set -uo pipefail
BIN=${KAPPA_BIN:?KAPPA_BIN not set}
build=$(dirname "$BIN")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

prefix=$TMP/prefix
cmake --install "$build" --prefix "$prefix" >"$TMP/install.log" 2>&1 || { cat "$TMP/install.log" >&2; fail "cmake --install"; exit 1; }
tools=$(cd "$BIN" && ls kappa-*)
[[ -n $tools ]] || fail "no tools in $BIN"
for t in $tools; do
  [[ -x $prefix/bin/$t ]] || fail "$t not installed in bin/"
  "$prefix/bin/$t" --version | grep -q "^$t " || fail "$prefix/bin/$t --version"
  page=$prefix/share/man/man1/$t.1
  if [[ ! -s $page ]]; then fail "no man page $page"; continue; fi
  text=$(MANWIDTH=200 man -l "$page" 2>/dev/null) || fail "man -l $page does not render"
  grep -q "^NAME" <<<"$text" || fail "$t.1: no NAME section"
  grep -q -- "--output" <<<"$text" || fail "$t.1: --output missing"
  # every example of --help appears, unfilled, in the page's EXAMPLES section
  first=$("$BIN/$t" --help | sed -n '/^Examples:/{n;p;q}' | sed 's/^ *//; s/ \{2,\}.*//')
  grep -qF -- "$first" <<<"$text" || fail "$t.1: the first example '$first' is not in the page"
  comp=$prefix/share/bash-completion/completions/$t
  if [[ ! -s $comp ]]; then fail "no completion $comp"; continue; fi
  opt=$("$BIN/$t" --help | grep -E '^  --' | head -n 1 | grep -oE -- '--[a-z0-9-]+' | head -n 1)
  got=$(bash -c 'source "$1"; COMP_WORDS=("$2" "${3:0:4}"); COMP_CWORD=1; _kappa_complete; printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" "$t" "$opt")
  grep -qx -- "$opt" <<<"$got" || fail "$t: completing '${opt:0:4}' does not offer $opt (got: $(echo $got))"
done
got=$(bash -c 'source "$1"; COMP_WORDS=(kappa-rate --format j); COMP_CWORD=2; _kappa_complete; printf "%s\n" "${COMPREPLY[@]}"' _ "$prefix/share/bash-completion/completions/kappa-rate")
[[ $got == $'json\njsonl' ]] || fail "kappa-rate --format j completes to '$got', expected json and jsonl"
got=$(bash -c 'source "$1"; complete -p kappa-run' _ "$prefix/share/bash-completion/completions/kappa-run")
[[ $got == *_kappa_complete* ]] || fail "the completion file does not register kappa-run"
[[ -s $prefix/share/doc/kappa/LICENSE ]] || fail "LICENSE not installed"
((failures == 0)) && echo "install: $(wc -w <<<"$tools") tools, man pages and completion in $prefix"
exit $((failures > 0))
