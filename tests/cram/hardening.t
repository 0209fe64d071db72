Hardening (docs/hardening.md): bad input gives exit 2 and one line naming it; a diverged run is a result (exit 0).

  $ . "$TESTDIR/setup.sh"

  $ kappa-run --method heavy-ball --kappa 10 --alpha 0.1 --beta 1
  kappa-run: --beta 1: must be in [0, 1)
  [2]
  $ kappa-sweep --method gd --grid kappa=lin:1:100:1000000000
  kappa-sweep: --grid kappa=lin:1:100:1000000000: N = 1000000000: too many points: they would need 38147 MiB; at most 4194304 points per axis
  [2]
  $ printf '%%%%MatrixMarket matrix coordinate real general\n2000000000 2000000000 1\n1 1 1\n' > huge.mtx
  $ kappa-run --method gd --matrix huge.mtx
  kappa-run: --matrix huge.mtx: line 2: 2000000000x2000000000 with 1 entries: too large: would need 129700 MiB, more than the [0-9]+ MiB allowed \(half of this machine.s memory\) (re)
  [2]
  $ kappa-run --method gd --kappa 10 --alpha 0.25 --format json | jq .summary.status
  kappa-run: diverged at iteration 58: |w - w*| = 16341541651.970224 grew by more than 1e+10 times its start 1.4142135623730951
  "diverged"
