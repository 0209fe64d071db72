#!/usr/bin/env bash
# The written-out heavy ball and GD of kappa-counterexample against torch.optim.SGD in float64:
# torch's momentum buffer b = μb + g, p ← p − lr·b is the project's v = βv − ∇f, w ← w + αv with
# b = −v, lr = α, μ = β. On the LRP function (autograd through torch.where on the pieces) from the
# cycle's start 3.3, and on the chain quadratic. Skips (exit 0, with a message) only without torch.
set -euo pipefail
: "${KAPPA_BIN:?}"
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "failures_torch: SKIP: torch is not installed for /usr/bin/python3"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ce=$KAPPA_BIN/kappa-counterexample
"$ce" --problem lrp --method heavy-ball --x0 3.3 --iters 60 --format csv -o "$tmp/lrp_hb.csv"
"$ce" --problem lrp --method gd --x0 3.7 --iters 60 --format csv -o "$tmp/lrp_gd.csv"
"$ce" --problem chain:200:100 --method heavy-ball --iters 80 --format csv -o "$tmp/chain_hb.csv"
/usr/bin/python3 - "$tmp" <<'PY'
import csv, math, sys, torch
tmp = sys.argv[1]
torch.set_default_dtype(torch.float64)

def f_lrp(x):  # the paper's f, written out piecewise (f(0) = 0, continuous)
    return torch.where(x < 1, 12.5 * x * x, torch.where(x < 2, 0.5 * x * x + 24 * x - 12, 12.5 * x * x - 24 * x + 36)).sum()

def run(f, w0, lr, momentum, iters):
    p = torch.tensor(w0, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr, momentum=momentum)
    out = [p.detach().clone()]
    for _ in range(iters):
        opt.zero_grad()
        f(p).backward()
        opt.step()
        out.append(p.detach().clone())
    return out

def col(path, name):
    with open(path) as fh:
        return [float(r[name]) for r in csv.DictReader(fh)]

bad = 0
hb = run(f_lrp, [3.3], 1 / 9, 4 / 9, 60)
for k, (a, b) in enumerate(zip(col(f"{tmp}/lrp_hb.csv", "w1"), hb)):
    if abs(a - b.item()) > 1e-12 * max(1, abs(a)):
        print(f"lrp heavy ball k={k}: kappa {a} torch {b.item()}"); bad += 1
# the torch trajectory, like kappa's, ends on the period-3 cycle
tail = sorted(round(x.item(), 6) for x in hb[-3:])
if tail != [-1.802449, 0.646531, 2.115918]:
    print("torch heavy ball does not end on the cycle:", tail); bad += 1
gd = run(f_lrp, [3.7], 1 / 25, 0, 60)
for k, (a, b) in enumerate(zip(col(f"{tmp}/lrp_gd.csv", "w1"), gd)):
    if abs(a - b.item()) > 1e-12 * max(1, abs(a)):
        print(f"lrp gd k={k}: kappa {a} torch {b.item()}"); bad += 1

# chain: f = ½wᵀHw − bᵀw, H = I + c·tridiag(−1, 2, −1), b = c e1, c = (κ−1)/4
n, kappa = 200, 100.0
c = (kappa - 1) / 4
H = torch.eye(n) * (1 + 2 * c) - c * (torch.diag(torch.ones(n - 1), 1) + torch.diag(torch.ones(n - 1), -1))
bvec = torch.zeros(n); bvec[0] = c
wstar = torch.linalg.solve(H, bvec)
a_hb = 4 / (1 + math.sqrt(kappa)) ** 2
b_hb = ((math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)) ** 2
traj = run(lambda w: 0.5 * w @ H @ w - bvec @ w, [0.0] * n, a_hb, b_hb, 80)
for k, (d, w) in enumerate(zip(col(f"{tmp}/chain_hb.csv", "dist"), traj)):
    t = (w - wstar).norm().item()
    if abs(d - t) > 1e-10 * max(1e-300, abs(t)) + 1e-14:
        print(f"chain heavy ball k={k}: kappa {d} torch {t}"); bad += 1
print("failures_torch:", "ok" if bad == 0 else f"{bad} mismatches")
sys.exit(1 if bad else 0)
PY
