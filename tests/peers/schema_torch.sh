#!/bin/bash
# kappa's method schemas (kappa-run --list-methods) against torch.optim's signatures.
exec /usr/bin/python3 "$(dirname "$0")/schema_torch.py"
