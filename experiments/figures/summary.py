#!/usr/bin/env python3
"""summary.py [--header] [--add NAME=VALUE ...] KEY... < JSON: one CSV row of the named fields of a
kappa tool's JSON output (kappa-run --format json or its -s FILE), KEY a dotted path such as
summary.measured_rate or parameters.optimizer.alpha. Reshaping only: the values are printed as the
tool wrote them (shortest round-trip doubles), no arithmetic. --add appends a constant column.
"""
import json
import sys


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)          # Python's repr is the shortest round-trip form, as the tools write
    if isinstance(v, (list, dict)):
        return '"' + json.dumps(v, separators=(",", ":")).replace('"', '""') + '"'
    s = str(v)
    return '"' + s.replace('"', '""') + '"' if ("," in s or '"' in s) else s


def main(argv):
    header, adds, keys = False, [], []
    it = iter(argv)
    for a in it:
        if a == "--header":
            header = True
        elif a == "--add":
            adds.append(next(it).split("=", 1))
        else:
            keys.append(a)
    doc = json.load(sys.stdin)
    row = []
    for k in keys:
        v = doc
        for part in k.split("."):
            if not isinstance(v, dict) or part not in v:
                sys.exit(f"summary.py: no key {k} in the JSON")
            v = v[part]
        row.append(fmt(v))
    if header:
        print(",".join([k.split(".")[-1] for k in keys] + [n for n, _ in adds]))
    print(",".join(row + [v for _, v in adds]))


if __name__ == "__main__":
    main(sys.argv[1:])
