#!/usr/bin/env bash
# The claim hb.torch_final_iterate states torch's float64 value of the heavy ball after 100 steps;
# recompute it with torch.optim.SGD(lr, momentum) and compare with the claim file's number.
set -u
claims=${KAPPA_SRC:?}/experiments/claims/lecture.json
/usr/bin/python3 - "$claims" <<'PY'
import json, sys
try:
    import torch
except ImportError:
    print("SKIP: torch is not installed (python3-torch); the claim's value stays unverified here")
    sys.exit(0)
doc = json.load(open(sys.argv[1]))
c = next(c for c in doc["claims"] if c["id"] == "hb.torch_final_iterate")
a = c["compute"]["args"]
lam = torch.tensor(a["lambdas"], dtype=torch.float64)
w = torch.full((len(a["lambdas"]),), float(a.get("w0", 1.0)), dtype=torch.float64, requires_grad=True)
opt = torch.optim.SGD([w], lr=a["alpha"], momentum=a["beta"])
for _ in range(a["iterations"]):
    opt.zero_grad()
    (0.5 * (lam * w * w).sum()).backward()
    opt.step()
i = int(c["expect"]["field"].rsplit("_", 1)[1])
got, want = w.detach()[i].item(), c["expect"]["equals"]
print(f"torch {torch.__version__}: w[{i}] = {got!r}, claim file: {want!r}")
if abs(got - want) > 1e-14 * abs(want):
    print("FAIL: torch disagrees with the claim file")
    sys.exit(1)
PY
