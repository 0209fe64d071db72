kappa-pep: the examples of its --help and of the docs, run as printed, with their recorded output.

  $ . "$TESTDIR/setup.sh"

The --help examples. CSDP works through the machine's BLAS, whose kernels differ between CPUs in the
last digits, so the recorded numbers are cut to six decimals (the tests hold the solver to 1e-7).
The first output stands here in full; the others, whose parameter echo, solver report and notes
have the same lines, are compared byte for byte with golden/kappa-pep.*.out (see golden() in
setup.sh) and show their parameters and worst case:

  $ kappa-pep --method gd --mu 0 --L 3 --steps 4 --alpha 0.3333333333333333 --measure f_gap | sed -E 's/([0-9][.][0-9]{6})[0-9]+/\1/g'   # Drori and Teboulle's tight bound
  tool                       kappa-pep
  version                    0.1.0
  parameters.method          gd
  parameters.alpha           0.333333
  parameters.beta            -
  parameters.params_source   given
  parameters.mu              0
  parameters.L               3
  parameters.steps           4
  parameters.initial         dist
  parameters.measure         f_gap
  parameters.function        false
  method                     gd
  alpha                      0.333333
  beta                       -
  params_source              given
  mu                         0
  L                          3
  kappa                      -
  steps                      4
  initial                    dist
  measure                    f_gap
  worst_case                 0.166666
  bound                      0.166666
  per_step_factor            0.799339
  quadratic_worst_case       0.064957
  quadratic_per_step_factor  0.710523
  quadratic_lambda           0.333333
  quadratic_rate             1
  ratio_to_quadratic         2.565784
  below_start                true
  status                     optimal
  solver                     csdp
  solver_code                0
  solver_message             problem solved to optimality
  primal_objective           0.166666
  dual_objective             0.166666
  gap                        1.706442e-09
  relative_gap               1.279832e-09
  gram_size                  6
  variables                  26
  inequalities               31
  convention                 x_{-1} = x_0; heavy-ball x+ = x - alpha grad f(x) + beta (x - x_prev) (the lecture's v <- beta v - grad f, w <- w + alpha v, v_0 = 0); nesterov y = x + beta (x - x_prev), x+ = y - alpha grad f(y); x* = 0, f* = 0
  per_step_note              per_step_factor = worst_case^(1/(2N)): every measure is quadratic in x_0 - x*, so this is the per-step contraction of the distance, comparable to kappa-rate's rate
  $ kappa-pep --method heavy-ball --mu 2 --L 50 --steps 10 --format json | sed -E 's/([0-9][.][0-9]{6})[0-9]+/\1/g' | golden kappa-pep.heavy-ball-polyak.out '/^  "\(alpha\|beta\|params_source\|worst_case\|per_step_factor\|below_start\)"/p'   # Polyak's parameters
    "alpha": 0.055555,
    "beta": 0.444444,
    "params_source": "closed_form",
    "worst_case": 25.179293,
    "per_step_factor": 1.175038,
    "below_start": false,
  $ kappa-pep --method heavy-ball --mu 0.1 --L 1 --steps 2 --alpha 0.5 --beta 0.689202437604511  --initial f_gap --measure f_gap | sed -E 's/([0-9][.][0-9]{6})[0-9]+/\1/g' | golden kappa-pep.heavy-ball-pepit.out '/^\(worst_case\|quadratic_worst_case\|ratio_to_quadratic\|status\) /p'   # PEPit: 0.753493
  worst_case                 0.753493
  quadratic_worst_case       0.753493
  ratio_to_quadratic         0.999999
  status                     optimal
  $ kappa-pep --method nesterov --tuning textbook --mu 0.1 --L 1 --steps 2 --initial f_gap_dist  --measure f_gap | sed -E 's/([0-9][.][0-9]{6})[0-9]+/\1/g' | golden kappa-pep.nesterov-textbook.out '/^\(worst_case\|quadratic_worst_case\|ratio_to_quadratic\|status\) /p'   # PEPit: 0.347602
  worst_case                 0.347602
  quadratic_worst_case       0.291271
  ratio_to_quadratic         1.193394
  status                     optimal
  $ kappa-pep --method gd --mu 1 --L 10 --steps 3 --function --format json | sed -E 's/([0-9][.][0-9]{6})[0-9]+/\1/g' | golden kappa-pep.gd-function.out '/"worst_case"/p;/"worst_function"/,$p'   # the worst function
    "worst_case": 0.299984,
    "worst_function": {
      "dimension": 5,
      "points": [
        [
          -0.180226,
          -0.101072,
          0.034538,
          -0.204607,
          0.956161
        ],
        [
          -0.184348,
          -0.093197,
          0.096006,
          0.144478,
          -0.772437
        ],
        [
          -0.186424,
          -0.065669,
          0.315781,
          0.482890,
          0.275966
        ],
        [
          -0.190553,
          -0.019002,
          0.453929,
          0.046679,
          -0.234695
        ]
      ],
      "gradients": [
        [
          0.022670,
          -0.043312,
          -0.338073,
          -1.919972,
          9.507297
        ],
        [
          0.011418,
          -0.151406,
          -1.208759,
          -1.861264,
          -5.766224
        ],
        [
          0.022708,
          -0.256666,
          -0.759814,
          2.399159,
          2.808645
        ],
        [
          0.033429,
          -0.289466,
          1.344493,
          -0.795043,
          -1.230788
        ]
      ],
      "values": [
        4.735985,
        2.040546,
        0.853155,
        0.346051
      ],
      "note": "row k: x_k and the gradient there (the last row x_N); x* = 0, f* = 0"
    }
  }
