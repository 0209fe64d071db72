kappa-counterexample: the examples of its --help and of the docs, run as printed, with their recorded output.

  $ . "$TESTDIR/setup.sh"

  $ kappa-counterexample --problem lrp --cycle --x0 3.3                # period 3: -1.80, 2.12, 0.65
  tool                kappa-counterexample
  version             0.1.0
  parameters.problem  lrp
  parameters.method   heavy-ball
  parameters.alpha    0.1111111111
  parameters.beta     0.4444444444
  parameters.mu       1
  parameters.L        25
  parameters.x0       3.3
  parameters.iters    60
  parameters.start    v0 = 0 (w_{-1} = w_0)
  cycle_found         true
  period              3
  points              [-1.8024489795918364,2.1159183673469384,0.646530612244898]
  map_residual        7.771561172e-16
  $ kappa-counterexample --problem lrp --basin lin:-10:10:2001         # starts that end on the cycle
            lo            hi
    -7.8801887    -7.6316384
    -6.7345177    -6.5714322
    -4.3736132    -4.0994104
    -3.3701484    -3.2180744
    -3.0568392    -2.8850492
    0.97013398     1.0382615
     2.7507112     2.9202499
     3.0612314     3.4633256
     5.3939521     5.5552439
     6.0463353     6.2379844
     7.8140742     7.8681743
  $ kappa-counterexample --problem lrp --method nesterov --scan lin:-10:10:2001 --format json | md5sum
  3f10af26f024f951fd21577031eae123  -
  $ kappa-counterexample --problem lrp --method nesterov --scan lin:-10:10:2001 --format json | tail -n 5   # all 2001 converged
    "starts": 2001,
    "converged": 2001,
    "cycle": 0,
    "other": 0
  }
  $ kappa-counterexample --problem chain:1000:100 --method cg --iters 100 --format csv | sed -n '1,3p;$p'
  k,w1,dist,rel_dist,f_gap,bound,tail_bound
  0,0,1.4230249470757712,1,10.125000000000002,1,1
  1,0.4900990099009901,1.2096350034147205,0.8500448329457935,4.0600247524752495,0.8181818181818182,0.8181818181818182
  100,0.818181818181818,3.5438712990363123e-09,2.490378897656538e-09,1.7763568394002505e-15,1.927446925622625e-09,1.927446925622613e-09

The docs (docs/failures.md) run the --cycle, --basin and --scan commands above as they are (with
other comments): the output recorded above is theirs.
