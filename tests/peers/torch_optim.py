#!/usr/bin/python3
"""kappa-run's trajectories against torch.optim 1.13 in float64, step by step.

The problem: a 3x3 symmetric positive definite A (written as a Matrix Market array file), an optimum
w* != 0 and a start w0 (files, one value per line), f = 1/2 (w-w*)'A(w-w*). The gradient handed to
torch is A(w - w*) summed column by column, the order of kappa's sparse product, so both sides see
the same bits; what remains are torch's fused multiply-adds inside its kernels (1 ulp per operation).
Pass: every coordinate of every one of the 200 iterates agrees to 1e-12 * max(1, |w|).
Centred RMSprop divides by sqrt(q - m^2): once the gradient stops varying that difference cancels
and amplifies 1-ulp differences (rho 0.9, lr 0.003 drifts to 4e-9 by step 200), so its case is
chosen where the variance stays away from cancellation over the 200 steps.
"""
import os
import subprocess
import sys
import tempfile

import numpy as np

try:
    import torch
except ImportError:
    print("SKIP: torch is not installed for /usr/bin/python3")
    sys.exit(0)

torch.set_num_threads(1)
BIN = os.environ.get("KAPPA_BIN", "build/bin")
STEPS = 200
TOL = 1e-12

rng = np.random.default_rng(7)
Q, _ = np.linalg.qr(rng.standard_normal((3, 3)))
A = Q @ np.diag([0.5, 2.0, 9.0]) @ Q.T
A = 0.5 * (A + A.T)
w_star = np.array([0.7, -1.3, 2.1])
w0 = np.array([1.5, 0.25, -0.8])

tmp = tempfile.mkdtemp()
mtx = os.path.join(tmp, "a.mtx")
with open(mtx, "w") as f:
    f.write("%%MatrixMarket matrix array real general\n3 3\n")
    for j in range(3):
        for i in range(3):
            f.write(repr(float(A[i, j])) + "\n")
for name, v in (("opt", w_star), ("w0", w0)):
    with open(os.path.join(tmp, name), "w") as f:
        f.write("".join(repr(float(x)) + "\n" for x in v))


def grad(w):
    e = w - w_star
    g = A[:, 0] * e[0]
    g = g + A[:, 1] * e[1]
    g = g + A[:, 2] * e[2]
    return g


def kappa_trace(args):
    cmd = [os.path.join(BIN, "kappa-run"), "--matrix", mtx, "--optimum", "file:" + os.path.join(tmp, "opt"),
           "--w0", "file:" + os.path.join(tmp, "w0"), "--iters", str(STEPS), "--tol", "0", "--format", "csv"] + args
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()
    head = out[0].split(",")
    cols = [head.index(c) for c in ("w0", "w1", "w2")]
    return np.array([[float(line.split(",")[c]) for c in cols] for line in out[1:]])


def torch_trace(make):
    p = torch.tensor(w0.copy(), dtype=torch.float64, requires_grad=True)
    opt = make([p])
    rows = [p.detach().numpy().copy()]
    for _ in range(STEPS):
        opt.zero_grad()
        p.grad = torch.from_numpy(grad(p.detach().numpy().copy()))
        opt.step()
        rows.append(p.detach().numpy().copy())
    return np.array(rows)


O = torch.optim
cases = [
    (["--method", "sgd", "--lr", "0.05"], lambda ps: O.SGD(ps, lr=0.05)),
    (["--method", "sgd", "--lr", "0.05", "--momentum", "0.8"], lambda ps: O.SGD(ps, lr=0.05, momentum=0.8)),
    (["--method", "sgd", "--lr", "0.05", "--momentum", "0.8", "--dampening", "0.3"],
     lambda ps: O.SGD(ps, lr=0.05, momentum=0.8, dampening=0.3)),
    (["--method", "sgd", "--lr", "0.05", "--momentum", "0.7", "--nesterov"],
     lambda ps: O.SGD(ps, lr=0.05, momentum=0.7, nesterov=True)),
    (["--method", "sgd", "--lr", "0.05", "--momentum", "0.7", "--weight-decay", "0.1"],
     lambda ps: O.SGD(ps, lr=0.05, momentum=0.7, weight_decay=0.1)),
    (["--method", "adagrad", "--lr", "0.3"], lambda ps: O.Adagrad(ps, lr=0.3)),
    (["--method", "adagrad", "--lr", "0.3", "--lr-decay", "0.01", "--initial-accumulator-value", "0.5",
      "--weight-decay", "0.05", "--eps", "1e-6"],
     lambda ps: O.Adagrad(ps, lr=0.3, lr_decay=0.01, initial_accumulator_value=0.5, weight_decay=0.05, eps=1e-6)),
    (["--method", "rmsprop"], lambda ps: O.RMSprop(ps)),
    (["--method", "rmsprop", "--lr", "0.003", "--rho", "0.95", "--centered", "--momentum", "0.5", "--weight-decay", "0.01"],
     lambda ps: O.RMSprop(ps, lr=0.003, alpha=0.95, centered=True, momentum=0.5, weight_decay=0.01)),
    (["--method", "rmsprop", "--lr", "0.01", "--centered"], lambda ps: O.RMSprop(ps, lr=0.01, centered=True)),
    (["--method", "adam", "--lr", "0.02"], lambda ps: O.Adam(ps, lr=0.02)),
    (["--method", "adam", "--lr", "0.02", "--betas", "0.8,0.99", "--amsgrad", "--weight-decay", "0.1", "--eps", "1e-6"],
     lambda ps: O.Adam(ps, lr=0.02, betas=(0.8, 0.99), amsgrad=True, weight_decay=0.1, eps=1e-6)),
    (["--method", "adamw", "--lr", "0.02"], lambda ps: O.AdamW(ps, lr=0.02)),
    (["--method", "adamw", "--lr", "0.02", "--amsgrad", "--weight-decay", "0.05"],
     lambda ps: O.AdamW(ps, lr=0.02, amsgrad=True, weight_decay=0.05)),
]

failed = 0
for args, make in cases:
    k = kappa_trace(args)
    t = torch_trace(make)
    assert k.shape == t.shape, (args, k.shape, t.shape)
    err = np.max(np.abs(k - t) / np.maximum(1.0, np.abs(t)))
    moved = np.max(np.abs(t[-1] - t[0]))
    ok = err <= TOL and moved > 1e-3  # and the run did something
    failed += not ok
    print(f"{'ok  ' if ok else 'FAIL'} max rel diff {err:.2e} over {STEPS} steps (moved {moved:.3g}): {' '.join(args)}")
sys.exit(1 if failed else 0)
