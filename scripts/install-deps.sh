#!/usr/bin/env bash
# Installs the Debian 12 packages kappa needs that are not installed yet (run as root).
set -euo pipefail
packages=(
  cmake g++ make pkg-config
  libeigen3-dev libfmt-dev nlohmann-json3-dev libboost-program-options-dev doctest-dev
  gnuplot-nox python3 python3-numpy python3-scipy python3-torch python3-sklearn python3-jsonschema
  parallel locales clang clang-format libclang-rt-14-dev slurm-wlm munge
  python3-cram help2man jq
  libsdp-dev liblapack-dev libblas-dev python3-cvxopt
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A decimal-comma locale for the locale-independence run of the test suite.
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  sed -i 's/^# *\(de_DE.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^de_DE.UTF-8 UTF-8' /etc/locale.gen || echo 'de_DE.UTF-8 UTF-8' >> /etc/locale.gen
  locale-gen >/dev/null
fi
