#!/usr/bin/python3
"""kappa's method schemas against torch.optim's own signatures (inspect.signature of the installed
torch, not values typed from its docs): for every method torch has, every parameter kappa names
after a torch argument has that argument's default, and every torch argument that changes the update
on a full-batch float64 problem is one of kappa's parameters. The schemas are read from
`kappa-run --list-methods --format json`.
"""
import inspect
import json
import math
import os
import subprocess
import sys

try:
    import torch
except ImportError:
    print("SKIP: torch is not installed for /usr/bin/python3")
    sys.exit(0)

BIN = os.environ.get("KAPPA_BIN", "build/bin")
TORCH = {"sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop,
         "adam": torch.optim.Adam, "adamw": torch.optim.AdamW, "lbfgs": torch.optim.LBFGS}
# torch arguments with no role in kappa's single-tensor float64 updates (implementation choices,
# sign conventions, torch's own stopping rules) or replaced by kappa's run loop and options.
IGNORED = {"params", "foreach", "maximize", "capturable", "differentiable", "fused",
           "max_iter", "max_eval", "tolerance_grad", "tolerance_change", "line_search_fn"}

out = subprocess.run([f"{BIN}/kappa-run", "--list-methods", "--format", "json"], check=True,
                     capture_output=True, text=True).stdout
rows = json.loads(out)["rows"]
failures = 0
for method, cls in TORCH.items():
    ours = [r for r in rows if r["method"] == method]
    signature = inspect.signature(cls.__init__).parameters
    named = set()
    for r in ours:
        if r["torch"] is None:
            continue
        name, index = r["torch"], None
        if "[" in name:  # betas[0]
            name, index = name[:-3], int(name[-2])
        named.add(name)
        if name not in signature:
            print(f"FAIL {method}.{r['parameter']}: torch.optim.{cls.__name__} has no argument {name}")
            failures += 1
            continue
        default = signature[name].default
        if index is not None:
            default = default[index]
        required = default is inspect.Parameter.empty or str(default) == "<required parameter>"
        if required or r["default"] == "required":
            ok = required and r["default"] == "required"
        elif isinstance(default, bool):
            ok = r["default"] == ("true" if default else "false")
        else:
            ok = math.isclose(float(r["default"]), float(default), rel_tol=0, abs_tol=0)
        print(f"{'ok  ' if ok else 'FAIL'} {method}.{r['parameter']} (torch {r['torch']}): kappa {r['default']}, torch {default}")
        failures += not ok
    for arg in signature:
        if arg in ("self",) or arg in IGNORED or arg in named:
            continue
        print(f"FAIL {method}: torch.optim.{cls.__name__}'s argument {arg} is none of kappa's parameters")
        failures += 1
if failures:
    sys.exit(f"{failures} disagreement(s) between kappa's schemas and torch.optim")
print("kappa's schemas agree with torch.optim's signatures")
