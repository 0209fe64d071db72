#!/usr/bin/env python3
"""The peer of kappa-pep's solver in bench/pep_bench.sh: the same performance estimation problem
formulated straightforwardly in cvxopt (solvers.sdp), built here independently of kappa's code.
  pep_bench.py METHOD ALPHA BETA MU L N REPS
Prints the median solve time (formulation + cvxopt) and the worst case. Needs python3-cvxopt."""
import sys
import time

import numpy as np
from cvxopt import matrix, solvers


def build(method, alpha, beta, mu, L, N):
    d = N + 2  # basis x0, g_0..g_N (x* = 0, g* = 0, f* = 0)
    e = np.eye(d)
    x, xp, P = e[0].copy(), e[0].copy(), []
    for k in range(N):
        q = x + beta * (x - xp) if method == "nesterov" else x
        P.append(q)
        nxt = q - alpha * e[1 + k] + (beta * (x - xp) if method == "heavy-ball" else 0)
        xp, x = x, nxt
    P.append(x)
    pts = P + [np.zeros(d)]
    grads = [e[1 + k] for k in range(N + 1)] + [np.zeros(d)]
    ng = d * d  # G as a full symmetric d x d variable vector (column-major), plus the values
    nv = ng + N + 1

    def quad(u, v):  # <u, v> = sum_ab u_a v_b G_ab as a row over the variables
        r = np.zeros(nv)
        r[:ng] = np.outer(u, v).reshape(-1, order="F")
        return r

    def val(i):
        r = np.zeros(nv)
        if i <= N:
            r[ng + i] = 1
        return r

    rows = []  # inequality rows r(x) >= 0
    c = mu / (2 * (1 - mu / L))
    for i in range(N + 2):
        for j in range(N + 2):
            if i == j:
                continue
            dx, dg = pts[i] - pts[j], grads[i] - grads[j]
            w = dx - dg / L
            rows.append(val(i) - val(j) - quad(grads[j], dx) - quad(dg, dg) / (2 * L) - c * quad(w, w))
    init = quad(e[0], e[0])
    perf = quad(pts[N], pts[N])
    # symmetry of G: G_ab = G_ba as equalities
    A = []
    for a in range(d):
        for b in range(a + 1, d):
            r = np.zeros(nv)
            r[a + d * b] = 1
            r[b + d * a] = -1
            A.append(r)
    Gl = np.vstack([-np.array(rows), init[None, :]])
    hl = np.concatenate([np.zeros(len(rows)), [1.0]])
    Gs = np.zeros((d * d, nv))
    Gs[:, :ng] = -np.eye(ng)  # -vec(G) + s = 0, s PSD
    return -perf, Gl, hl, Gs, np.array(A)


def solve(method, alpha, beta, mu, L, N):
    c, Gl, hl, Gs, A = build(method, alpha, beta, mu, L, N)
    solvers.options.update({"show_progress": False, "abstol": 1e-10, "reltol": 1e-10, "feastol": 1e-10})
    sol = solvers.sdp(matrix(c), Gl=matrix(Gl), hl=matrix(hl), Gs=[matrix(Gs)], hs=[matrix(np.zeros((N + 2, N + 2)))],
                      A=matrix(A), b=matrix(np.zeros(A.shape[0])))
    return -sol["primal objective"], sol["status"]


def main():
    method, alpha, beta, mu, L, N, reps = sys.argv[1], *map(float, sys.argv[2:6]), int(sys.argv[6]), int(sys.argv[7])
    t = []
    for _ in range(reps):
        a = time.perf_counter()
        value, status = solve(method, alpha, beta, mu, L, N)
        t.append(time.perf_counter() - a)
    t.sort()
    print(f"solve_ms_median={1e3 * t[len(t) // 2]:.3f} solve_ms_min={1e3 * t[0]:.3f} worst_case={value:.10g} status={status}")


if __name__ == "__main__":
    main()
