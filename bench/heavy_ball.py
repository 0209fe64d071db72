#!/usr/bin/python3
"""Heavy-ball step on a diagonal quadric, n = 1e7, in one run: kappa's step as kappa-run's loop takes
it (update and ‖w − w*‖ in one fused pass; bench/heavy_ball_bench) on 1 and 2 threads, against numpy
in place and torch.optim.SGD(momentum) with torch.set_num_threads(1) and (2). Each peer takes the best
of REPS steps per round, the rounds interleave the peers (the machine is shared: load moves), and the
best over ROUNDS is reported with the ratios. numpy and torch run in float64, as kappa.

Bytes per coordinate and step: kappa 40 (read λ, w, v; write w, v); torch's gradient λ∘w (24 + 8
write-allocate) and SGD's buf.mul_(β).add_(g), p.add_(buf, −lr) (16 + 24 + 24): 11 doubles.

Usage: bench/heavy_ball.py [BENCH_BINARY] [n] [reps] [rounds]
  (cmake -S . -B build -DKAPPA_BENCH=ON && cmake --build build --target heavy_ball_bench;
   BENCH_BINARY defaults to build/bin/heavy_ball_bench)
"""
import json
import os
import subprocess
import sys
import time

# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, where the environment sets them for old OpenBLAS builds, slow a
# current numpy: unset both together for this benchmark only (the element-wise ufuncs timed here do not
# call BLAS; the BLAS in use is printed below).
for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
    os.environ.pop(var, None)

import numpy as np  # noqa: E402

binary = sys.argv[1] if len(sys.argv) > 1 else "build/bin/heavy_ball_bench"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 10
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
if os.path.isdir(binary):
    binary = os.path.join(binary, "heavy_ball_bench")

alpha, beta = 4.0 / (1 + 1000 ** 0.5) ** 2, 0.8
lam = np.geomspace(1.0, 1000.0, n)


def best(step):
    t = 1e30
    for _ in range(reps):
        t0 = time.perf_counter()
        step()
        t = min(t, time.perf_counter() - t0)
    return t


# numpy in place: g = λw; v = βv − g; w += αv (5 passes, no temporaries).
w = np.ones(n); v = np.zeros(n); g = np.empty(n); tmp = np.empty(n)
def np_inplace():
    np.multiply(lam, w, out=g)
    np.multiply(v, beta, out=v)
    np.subtract(v, g, out=v)
    np.multiply(v, alpha, out=tmp)
    np.add(w, tmp, out=w)

torch = None
try:
    import torch
    lam_t = torch.from_numpy(lam)
    p = torch.ones(n, dtype=torch.float64, requires_grad=True)
    p.grad = torch.zeros(n, dtype=torch.float64)
    opt = torch.optim.SGD([p], lr=alpha, momentum=beta)
    def torch_step():
        with torch.no_grad():
            torch.mul(lam_t, p, out=p.grad)  # the gradient λ∘w
        opt.step()
except ImportError:
    print("torch not installed: skipping the torch peer", file=sys.stderr)

times = {}
def record(name, t):
    times[name] = min(times.get(name, 1e30), t)

for _ in range(rounds):
    for threads in (1, 2):
        out = subprocess.run([binary, str(n), str(reps), str(threads)], check=True, capture_output=True, text=True).stdout
        k = json.loads(out)
        record(f"kappa {threads}", k["kappa_heavy_ball_s"])
        record("triad", k["triad_s"])
    record("numpy in-place", best(np_inplace))
    if torch is not None:
        for threads in (1, 2):
            torch.set_num_threads(threads)
            record(f"torch {threads}", best(torch_step))

try:
    from threadpoolctl import threadpool_info
    blas = ", ".join(f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture')})" for i in threadpool_info()) or "none loaded"
except ImportError:
    blas = "threadpoolctl not installed"
print(f"n = {n}, best of {reps} steps x {rounds} interleaved rounds; load average {os.getloadavg()[0]:.2f} "
      f"on {os.cpu_count()} cores (shared machine: timings are noisy); numpy {np.__version__} (BLAS: {blas})"
      + (f", torch {torch.__version__}" if torch is not None else ""))
for name in ["triad", "kappa 1", "kappa 2", "numpy in-place", "torch 1", "torch 2"]:
    if name in times:
        gb = {"triad": 32, "kappa 1": 40, "kappa 2": 40}.get(name)
        print(f"{name:16s} {times[name]*1e3:8.2f} ms/step" + (f"  {gb * n / times[name] / 1e9:6.2f} GB/s" if gb else ""))
def ratio(a, b):
    return times[b] / times[a] if a in times and b in times else float("nan")
print(f"ratio kappa 1 thread vs torch 1 thread:   {ratio('kappa 1', 'torch 1'):.2f}x   (target >= 2.15)")
print(f"ratio kappa 1 thread vs numpy in place:   {ratio('kappa 1', 'numpy in-place'):.2f}x   (target >= 2.4)")
print(f"ratio kappa 2 threads vs torch 2 threads: {ratio('kappa 2', 'torch 2'):.2f}x   (target >= 2.4)")
print("RESULT " + json.dumps({"load": os.getloadavg()[0], "ms": {k: round(t * 1e3, 3) for k, t in times.items()},
                              "kappa1_torch1": ratio('kappa 1', 'torch 1'), "kappa1_numpy": ratio('kappa 1', 'numpy in-place'),
                              "kappa2_torch2": ratio('kappa 2', 'torch 2')}))
