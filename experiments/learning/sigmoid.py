#!/usr/bin/python3
"""The sigmoid fitting problem (kappa's --model sigmoid-fit built-in data): loss surface, GD trajectories
for a small and a large learning rate, and the plateau length against the starting point.

f(w, b) = 1/(2n) sum_i (sigma(w x_i + b) - y_i)^2,  x_i = 41 points on [-4, 4],  y_i = sigma(2 x_i + 1).
Same formulas as lib/src/problems/data.cpp (SigmoidFitProblem); kappa-spectrum --model sigmoid-fit gives
its Hessian at the optimum (2, 1): lambda = 0.00246, 0.01352, so GD is stable there for lr < 148.
Deterministic and the same bits on every machine: no randomness, and no transcendental function from
numpy or libm (numpy's exp/tanh take CPU-dependent SIMD paths, AVX512F or AVX2 or none, that differ in
the last bit, and 1500 GD steps carry that into the printed digits); exp is computed below with
+ - * / only, which IEEE 754 rounds the same everywhere.
"""
import sys
import numpy as np

out = sys.argv[1]
LN2_HI, LN2_LO = 6.93147180369123816490e-01, 1.90821492927058770002e-10  # fdlibm's split of ln 2
# 1/j! for the Taylor series of e^r on |r| <= ln(2)/2: the j = 14 term is below 2^-60 there.
INV_FACT = [1.0]
for j in range(1, 15):
    INV_FACT.append(INV_FACT[-1] / j)


def exp(z):
    """e^z for an array z (|z| < 700) with + - * / and exact scalings only: z = k ln2 + r, e^z = 2^k e^r."""
    z = np.asarray(z, dtype=float)
    k = np.rint(z / LN2_HI)
    r = (z - k * LN2_HI) - k * LN2_LO
    p = np.full_like(r, INV_FACT[-1])
    for c in reversed(INV_FACT[:-1]):
        p = p * r + c
    return np.ldexp(p, k.astype(int))


x = np.linspace(-4.0, 4.0, 41)
y = 1.0 / (1.0 + exp(-(2.0 * x + 1.0)))


def sig(z):
    e = exp(-np.abs(z))  # overflow-free: 1/(1+e^-z) for z >= 0, e^z/(1+e^z) below
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def f(w, b):
    return 0.5 * np.mean((sig(w * x + b) - y) ** 2)


def grad(w, b):
    s = sig(w * x + b)
    t = (s - y) * s * (1 - s)
    return np.mean(t * x), np.mean(t)


# Loss surface on a grid (gnuplot pm3d/contour input: blank line between w rows).
with open(f"{out}/sigmoid_surface.dat", "w") as fh:
    fh.write("# w b f\n")
    for w in np.linspace(-4, 6, 51):
        for b in np.linspace(-10, 10, 51):
            fh.write(f"{w:.6g} {b:.6g} {f(w, b):.10g}\n")
        fh.write("\n")

start = (-1.0, -7.0)
PLATEAU = 1e-4  # |grad f| below this while f > FAR counts as "on the plateau"
FAR = 1e-3      # f(start) is 0.05..0.2; f* = 0
summary = []
for name, lr, iters in (("small", 5.0, 1500), ("large", 120.0, 1500)):
    w, b = start
    on_plateau = 0
    with open(f"{out}/sigmoid_traj_{name}.dat", "w") as fh:
        fh.write(f"# lr={lr} start={start}\n# k w b f grad_norm\n")
        for k in range(iters + 1):
            gw, gb = grad(w, b)
            gn = float(np.sqrt(gw * gw + gb * gb))
            on_plateau += gn < PLATEAU and f(w, b) > FAR
            fh.write(f"{k} {w:.10g} {b:.10g} {f(w, b):.10g} {gn:.6g}\n")
            w, b = w - lr * gw, b - lr * gb
    summary.append(f"trajectory {name}: lr {lr}, {iters} steps from {start}: final (w, b) = ({w:.4f}, {b:.4f}), "
                   f"f = {f(w, b):.3g}, {on_plateau} steps with |grad| < {PLATEAU} and f > {FAR}")

# Plateau length against the starting bias b0 (w0 = 0: sigma(b0) is the same flat guess for every x).
LR, CAP = 20.0, 200000
with open(f"{out}/sigmoid_plateau.dat", "w") as fh:
    fh.write(f"# GD lr={LR} from (w0, b0) = (0, b0); steps with |grad f| < {PLATEAU} and f > {FAR}; steps until f < 1e-6\n")
    fh.write("# b0 plateau_steps steps_to_fit\n")
    for b0 in np.arange(0.0, -13.0, -1.0):
        w, b = 0.0, b0
        plateau, done = 0, CAP
        for k in range(CAP):
            if f(w, b) < 1e-6:
                done = k
                break
            gw, gb = grad(w, b)
            plateau += np.sqrt(gw * gw + gb * gb) < PLATEAU and f(w, b) > FAR
            w, b = w - LR * gw, b - LR * gb
        fh.write(f"{b0:g} {plateau} {done}\n")
        summary.append(f"plateau: b0 = {b0:g}: {plateau} steps with |grad| < {PLATEAU} and f > {FAR}, {done} steps to f < 1e-6")
print("\n".join(summary))
