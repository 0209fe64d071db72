#!/usr/bin/env bash
# Benchmarks for the theory tools (not run by ctest). Prints wall times, throughput, and ratios to
# peers measured in the same run:
#   (a) one kappa-rate query (process start dominates) vs one python3 process computing the same
#       closed form (python3 -c, math only) and one that imports numpy;
#   (b) kappa-eig over 10^6 eigenvalues writing CSV (-o FILE) vs numpy computing the same eigenvalues
#       (np.linalg.eigvals on the stacked 2x2 matrices) and writing them with np.savetxt, and with the
#       csv module (repr floats: round-trip text like kappa's).
# Usage: bench/theory_bench.sh [BUILD_BIN_DIR]   (default build/bin). Env: N (default 1000000),
# REPS (default 3, best of), QUERIES (default 200). Timings on a shared machine are noisy: best-of-REPS.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/bin}
N=${N:-1000000}
REPS=${REPS:-3}
QUERIES=${QUERIES:-200}
PY=/usr/bin/python3
[[ -x $BIN/kappa-rate && -x $BIN/kappa-eig ]] || { echo "build first: $BIN/kappa-rate, $BIN/kappa-eig missing" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

"$PY" - "$BIN" "$N" "$REPS" "$QUERIES" "$TMP" <<'PYEOF'
import os, subprocess, sys, time
import numpy as np
binv, N, REPS, Q, tmp = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

def per_call(cmd, n):
    best = float("inf")
    for _ in range(REPS):
        t = time.perf_counter()
        for _ in range(n):
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        best = min(best, (time.perf_counter() - t) / n)
    return best

print(f"== (a) one query, mean over {Q} runs, best of {REPS} ==")
kr = per_call([f"{binv}/kappa-rate", "--method", "heavy-ball", "--kappa", "100", "--format", "json"], Q)
py = per_call([sys.executable, "-c",
               "import math,json;k=100.0;s=math.sqrt(k);print(json.dumps({'rate':(s-1)/(s+1),'alpha':(2/(1+s))**2}))"], Q)
pn = per_call([sys.executable, "-c", "import numpy as np;print((np.sqrt(100.0)-1)/(np.sqrt(100.0)+1))"], max(10, Q // 10))
kn = per_call([f"{binv}/kappa-rate", "--method", "nesterov-lecture", "--kappa", "100", "--format", "json"], max(10, Q // 10))
print(f"kappa-rate heavy-ball (closed form)      {kr*1e3:8.2f} ms")
print(f"kappa-rate nesterov-lecture (numeric opt) {kn*1e3:8.2f} ms")
print(f"python3 -c (math, same closed form)      {py*1e3:8.2f} ms   ratio python/kappa-rate = {py/kr:5.1f}x")
print(f"python3 -c (import numpy)                {pn*1e3:8.2f} ms   ratio numpy/kappa-rate  = {pn/kr:5.1f}x")

print(f"\n== (b) kappa-eig, {N} eigenvalues -> CSV, best of {REPS} ==")
alpha, beta = 0.01, 0.9
out = os.path.join(tmp, "eig.csv")
cmd = [f"{binv}/kappa-eig", "--method", "heavy-ball", "--spectrum", f"linear:1:100:{N}",
       "--alpha", str(alpha), "--beta", str(beta), "--format", "csv", "-o", out]
best = float("inf")
for _ in range(REPS):
    t = time.perf_counter(); subprocess.run(cmd, check=True); best = min(best, time.perf_counter() - t)
size = os.path.getsize(out)
k_time, k_mbs = best, size / best / 1e6
print(f"kappa-eig                 {k_time:7.3f} s  {size/1e6:7.1f} MB  {k_mbs:7.1f} MB/s (whole process: spectrum, eigenvalues, fmt, fsync)")

# numpy: the same spectrum and matrices [[b, -l], [a b, 1 - a l]] (state (v, w)), batched eigvals.
def numpy_eigs():
    lam = np.linspace(1.0, 100.0, N)
    M = np.empty((N, 2, 2))
    M[:, 0, 0] = beta; M[:, 0, 1] = -lam; M[:, 1, 0] = alpha * beta; M[:, 1, 1] = 1 - alpha * lam
    ev = np.linalg.eigvals(M)
    order = np.argsort(-np.abs(ev), axis=1, kind="stable")
    ev = np.take_along_axis(ev, order, axis=1)
    return lam, ev, np.abs(ev[:, 0])

best_c = best_s = best_w = float("inf")
for _ in range(REPS):
    t = time.perf_counter(); lam, ev, rad = numpy_eigs(); tc = time.perf_counter() - t
    best_c = min(best_c, tc)
    t = time.perf_counter()
    cols = np.column_stack([lam, ev[:, 0].real, ev[:, 0].imag, ev[:, 1].real, ev[:, 1].imag, rad])
    np.savetxt(os.path.join(tmp, "np.csv"), cols, fmt="%.17g", delimiter=",",
               header="lambda,sigma1_re,sigma1_im,sigma2_re,sigma2_im,radius", comments="")
    best_s = min(best_s, time.perf_counter() - t)
    t = time.perf_counter()
    import csv
    with open(os.path.join(tmp, "py.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["lambda", "sigma1_re", "sigma1_im", "sigma2_re", "sigma2_im", "radius", "regime"])
        im = ev[:, 0].imag
        reg = np.where(im != 0, "complex", "real")
        w.writerows(zip(lam.tolist(), ev[:, 0].real.tolist(), im.tolist(), ev[:, 1].real.tolist(),
                        ev[:, 1].imag.tolist(), rad.tolist(), reg.tolist()))
    best_w = min(best_w, time.perf_counter() - t)
s_np = os.path.getsize(os.path.join(tmp, "np.csv")); s_py = os.path.getsize(os.path.join(tmp, "py.csv"))
print(f"numpy eigvals (compute only)        {best_c:7.3f} s")
print(f"numpy eigvals + np.savetxt(%.17g)   {best_c+best_s:7.3f} s  {s_np/1e6:7.1f} MB  {s_np/(best_c+best_s)/1e6:7.1f} MB/s"
      f"   time ratio numpy/kappa-eig = {(best_c+best_s)/k_time:5.1f}x")
print(f"numpy eigvals + csv module (repr)   {best_c+best_w:7.3f} s  {s_py/1e6:7.1f} MB  {s_py/(best_c+best_w)/1e6:7.1f} MB/s"
      f"   time ratio python-csv/kappa-eig = {(best_c+best_w)/k_time:5.1f}x")
# The two agree: kappa's CSV against numpy's eigenvalues (moduli; the sign of the imaginary part of
# the first listed root of a conjugate pair is a convention).
data = np.genfromtxt(out, delimiter=",", skip_header=1, usecols=(0, 1, 2, 3, 4, 5), max_rows=100000)
k1 = np.abs(data[:, 1] + 1j * data[:, 2]); n1 = np.abs(ev[:100000, 0])
print(f"check: max |radius_kappa - |sigma1|_numpy| over the first 1e5 rows = {np.max(np.abs(data[:, 5] - n1)):.2e}; "
      f"max | |sigma1| diff | = {np.max(np.abs(k1 - n1)):.2e}")
print(f"target >= 50 MB/s for kappa-eig CSV: {'met' if k_mbs >= 50 else 'NOT met'}")
PYEOF
