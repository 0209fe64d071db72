#!/usr/bin/python3
"""Heavy-ball step on a diagonal quadric, n = 1e7: kappa's fused step vs STREAM triad (both from
bench/heavy_ball_bench, same run) vs torch.optim.SGD(momentum) and numpy (in-place and plain), all
single-threaded, best of REPS steps each. The machine is shared: timings are noisy, ratios less so.

Usage: bench/heavy_ball.py build-bench/bin/heavy_ball_bench [n] [reps]
  (configure with cmake -S . -B build-bench -DKAPPA_BENCH=ON && cmake --build build-bench --target heavy_ball_bench)
"""
import json
import os
import subprocess
import sys
import time

import numpy as np

binary = sys.argv[1] if len(sys.argv) > 1 else "build-bench/bin/heavy_ball_bench"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 20
if os.path.isdir(binary):
    binary = os.path.join(binary, "heavy_ball_bench")

kappa = json.loads(subprocess.run([binary, str(n), str(reps)], check=True, capture_output=True, text=True).stdout)

alpha, beta = 4.0 / (1 + 1000 ** 0.5) ** 2, 0.8
lam = np.geomspace(1.0, 1000.0, n)


def best(step):
    t = 1e30
    for _ in range(reps):
        t0 = time.perf_counter()
        step()
        t = min(t, time.perf_counter() - t0)
    return t


# numpy in place: g = λw; v = βv − g; w += αv (4 passes + a temporary-free α·v via out=).
w = np.ones(n); v = np.zeros(n); g = np.empty(n); tmp = np.empty(n)
def np_inplace():
    np.multiply(lam, w, out=g)
    np.multiply(v, beta, out=v)
    np.subtract(v, g, out=v)
    np.multiply(v, alpha, out=tmp)
    np.add(w, tmp, out=w)
t_np_inplace = best(np_inplace)

# numpy plain: v = βv − λw; w = w + αv (temporaries for every operation).
state = {"w": np.ones(n), "v": np.zeros(n)}
def np_plain():
    state["v"] = beta * state["v"] - lam * state["w"]
    state["w"] = state["w"] + alpha * state["v"]
t_np_plain = best(np_plain)

t_torch = None
try:
    import torch
    torch.set_num_threads(1)
    lam_t = torch.from_numpy(lam)
    p = torch.ones(n, dtype=torch.float64, requires_grad=True)
    p.grad = torch.zeros(n, dtype=torch.float64)
    opt = torch.optim.SGD([p], lr=alpha, momentum=beta)
    def torch_step():
        with torch.no_grad():
            torch.mul(lam_t, p, out=p.grad)  # the gradient λ∘w
        opt.step()
    t_torch = best(torch_step)
except ImportError:
    print("torch not installed: skipping the torch peer", file=sys.stderr)

k = kappa["kappa_heavy_ball_s"]
print(f"n = {n}, best of {reps} steps, 1 thread; shared machine: timings are noisy")
print(f"STREAM triad (32 B/elem)        {kappa['triad_s']*1e3:8.2f} ms  {kappa['triad_gbs']:6.2f} GB/s")
print(f"kappa heavy-ball fused (40 B)   {k*1e3:8.2f} ms  {kappa['kappa_heavy_ball_gbs']:6.2f} GB/s  "
      f"= {100*kappa['bandwidth_ratio']:.0f}% of triad bandwidth")
rows = [("numpy in-place", t_np_inplace), ("numpy plain", t_np_plain)]
if t_torch is not None:
    rows.insert(0, ("torch.optim.SGD(momentum)", t_torch))
for name, t in rows:
    print(f"{name:31s} {t*1e3:8.2f} ms  kappa is {t/k:.2f}x faster per step")
