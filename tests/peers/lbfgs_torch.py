"""torch.optim.LBFGS on a quadric f(w) = ½ (w − w*)ᵀA(w − w*), float64, for tests/unit/optim/test_line_search_methods.cpp.

Input file (text, whitespace separated): n, then A (n×n, row major), w* (n), w0 (n).
  lbfgs_torch.py trace FILE M1,M2,.. ITERS  for each history size, one LBFGS iteration per step() call (max_iter=1),
      tolerance_grad=0, tolerance_change=0 (so no torch stopping rule fires), strong_wolfe;
      prints one line per iteration: the iterate w (%.17g).
  lbfgs_torch.py defaults FILE HISTORY      torch's defaults (tolerance_grad=1e-7, tolerance_change=1e-9),
      max_iter=10000 in one step() call; prints: n_iter ‖g‖∞ f−f* ‖w−w*‖ and the rule that stopped it.
Exit 3 when torch is missing (the caller skips).
"""
import sys

try:
    import torch
except ImportError:
    sys.exit(3)
import numpy as np

mode, path, histories = sys.argv[1], sys.argv[2], [int(m) for m in sys.argv[3].split(",")]
with open(path) as fh:
    vals = np.array(fh.read().split(), dtype=np.float64)
n = int(vals[0])
A = torch.tensor(vals[1:1 + n * n].reshape(n, n), dtype=torch.float64)
w_star = torch.tensor(vals[1 + n * n:1 + n * n + n], dtype=torch.float64)
w0 = vals[1 + n * n + n:1 + n * n + 2 * n]


def f_of(v):
    e = v - w_star
    return 0.5 * e.dot(A.mv(e))


def closure():
    opt.zero_grad()
    loss = f_of(w)
    loss.backward()
    return loss


if mode == "trace":
    iters = int(sys.argv[4])
    for history in histories:
        w = torch.tensor(w0, dtype=torch.float64).requires_grad_(True)
        opt = torch.optim.LBFGS([w], lr=1, max_iter=1, tolerance_grad=0.0, tolerance_change=0.0,
                                history_size=history, line_search_fn="strong_wolfe")
        for _ in range(iters):
            opt.step(closure)
            print(" ".join("%.17g" % x for x in w.detach().tolist()))
else:
    history = histories[0]
    w = torch.tensor(w0, dtype=torch.float64).requires_grad_(True)
    opt = torch.optim.LBFGS([w], lr=1, max_iter=10000, max_eval=100000, history_size=history,
                            line_search_fn="strong_wolfe")
    opt.step(closure)
    st = opt.state[w]
    with torch.no_grad():
        g = A.mv(w - w_star)
        f = f_of(w).item()
        # torch's stopping tests at its last iteration, in its order: ‖g‖∞ ≤ tolerance_grad,
        # max|t·d| ≤ tolerance_change, |f − f_prev| < tolerance_change (and gᵀd > −tolerance_change
        # before a line search).
        rule = ("tolerance_grad" if g.abs().max().item() <= 1e-7 else
                "tolerance_change on |t*d|" if (st["d"] * st["t"]).abs().max().item() <= 1e-9 else
                "tolerance_change on |f - f_prev|" if abs(f - st["prev_loss"]) < 1e-9 else
                "tolerance_change on g'd" if g.dot(st["d"]).item() > -1e-9 else "max_iter/max_eval")
        print("%d %.6g %.6g %.6g %s" % (st["n_iter"], g.abs().max().item(), f, (w - w_star).norm().item(), rule))
