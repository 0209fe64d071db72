#!/usr/bin/env bash
# Runs tests/hardening/sweep_faults.sh (kappa-sweep / kappa-merge / io::Sink under faults and
# hostile files; device and full-disk cases in a private mount namespace when root).
set -euo pipefail
exec bash "$(cd "$(dirname "$0")/.." && pwd)/hardening/sweep_faults.sh"
