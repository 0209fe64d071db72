#!/usr/bin/env bash
# Runs every line of tests/hardening/bad_input.txt and checks: the exit code (2 usage / bad input,
# 1 runtime), exactly one line on stderr containing the expected text, nothing on stdout, and no
# crash (no signal, no sanitizer report).
set -u
bin=${KAPPA_BIN:?}
table=${KAPPA_SRC:?}/tests/hardening/bad_input.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/empty.txt"
printf '1\nabc\n' > "$tmp/text.txt"
printf '\x7fELF\x02\x01\x01\x00\x00' > "$tmp/binary.bin"
printf -- '-2\n3\n' > "$tmp/negative.txt"
fail=0 n=0
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  IFS='|' read -r code needle cmd <<<"$line"
  code=$(echo $code); needle=$(echo "$needle" | sed 's/^ *//; s/ *$//'); cmd=$(echo "$cmd" | sed 's/^ *//')
  needle=${needle//@TMP@/$tmp}; cmd=${cmd//@TMP@/$tmp}; cmd=${cmd//@DATA@/${KAPPA_TEST_DATA:-}}
  read -r -a argv <<<"$cmd"
  tool=${argv[0]}
  "$bin/$tool" "${argv[@]:1}" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  n=$((n + 1))
  lines=$(wc -l <"$tmp/err")
  problem=""
  [ "$rc" = "$code" ] || problem+=" exit $rc (expected $code);"
  [ "$lines" = 1 ] || problem+=" $lines stderr lines (expected 1);"
  grep -qF -- "$needle" "$tmp/err" || problem+=" stderr lacks '$needle';"
  grep -qF -- "$tool: " "$tmp/err" || problem+=" stderr not prefixed by '$tool: ';"
  [ -s "$tmp/out" ] && problem+=" stdout not empty;"
  if [ -n "$problem" ]; then
    echo "FAIL: $cmd:$problem"
    sed 's/^/  stderr: /' "$tmp/err" | head -5
    fail=$((fail + 1))
  fi
done <"$table"
echo "$((n - fail)) passed, $fail failed"
[ "$fail" = 0 ]
