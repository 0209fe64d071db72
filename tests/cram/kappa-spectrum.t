kappa-spectrum: the examples of its --help and of the docs, run as printed, with their recorded output (a long one, byte for byte, in golden/: see golden() in setup.sh; data: Debian's python3-sklearn).

  $ . "$TESTDIR/setup.sh"

  $ D=/usr/lib/python3/dist-packages/sklearn/datasets/data
  $ kappa-spectrum --data $D/breast_cancer.csv --skip-rows 1 --no-header --target last | tee target-last.txt   # kappa ~ 2.4e12
  tool                           kappa-spectrum
  version                        0.1.0
  parameters.data                /usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv
  parameters.model               least-squares
  parameters.target              last
  parameters.skip_rows           1
  parameters.header              false
  parameters.standardize         false
  parameters.intercept           true
  parameters.l2                  0
  parameters.tol                 1e-06
  parameters.measure             false
  problem.model                  least-squares
  problem.dim                    31
  problem.f_star                 0.02637750222
  problem.hessian                exact (X'X/n + l2)
  spectrum.kappa                 2.377292743e+12
  spectrum.lambda_min            7.006874446e-07
  spectrum.lambda_max            1665739.177
  spectrum.n                     31
  methods.gd.alpha               1.200668164e-06
  methods.gd.rate                1
  methods.gd.iterations          16421094800939
  methods.heavy-ball.alpha       2.401333214e-06
  methods.heavy-ball.beta        0.9999974057
  methods.heavy-ball.rate        0.9999987029
  methods.heavy-ball.iterations  10650704
  methods.nesterov.alpha         8.00445443e-07
  methods.nesterov.beta          0.9999985022
  methods.nesterov.rate          0.9999992511
  methods.nesterov.iterations    18447552
  methods.newton.alpha           1
  methods.newton.rate            0
  methods.newton.iterations      1
  convention                     heavy ball: v <- beta v - grad f(w), w <- w + alpha v; error |w - w*| shrinks by tol
  $ kappa-spectrum --data $D/breast_cancer.csv --skip-rows 1 --no-header --standardize --measure | golden kappa-spectrum.standardize-measure.out '/^\(spectrum\.kappa\|methods\..*\.\(iterations\|measured_iterations\)\) /p'   # kappa ~ 1.0e5
  spectrum.kappa                           99828.06847
  methods.gd.iterations                    689588
  methods.gd.measured_iterations           670247
  methods.heavy-ball.iterations            2183
  methods.heavy-ball.measured_iterations   3129
  methods.nesterov.iterations              3774
  methods.newton.iterations                1
  methods.adam.measured_iterations         39548
  $ kappa-spectrum --data $D/breast_cancer.csv --skip-rows 1 --no-header --standardize --model logistic --l2 0.01
  tool                           kappa-spectrum
  version                        0.1.0
  parameters.data                /usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv
  parameters.model               logistic
  parameters.target              last
  parameters.skip_rows           1
  parameters.header              false
  parameters.standardize         true
  parameters.intercept           true
  parameters.l2                  0.01
  parameters.tol                 1e-06
  parameters.measure             false
  problem.model                  logistic
  problem.dim                    31
  problem.f_star                 0.09959137548
  problem.hessian                local, at w*
  spectrum.kappa                 22.91499149
  spectrum.lambda_min            0.009708760338
  spectrum.lambda_max            0.2224761605
  spectrum.n                     31
  methods.gd.alpha               8.613823813
  methods.gd.rate                0.916370449
  methods.gd.iterations          159
  methods.heavy-ball.alpha       12.30255073
  methods.heavy-ball.beta        0.4282333831
  methods.heavy-ball.rate        0.6543954333
  methods.heavy-ball.iterations  33
  methods.nesterov.alpha         5.907221982
  methods.nesterov.beta          0.6135768113
  methods.nesterov.rate          0.7605176364
  methods.nesterov.iterations    51
  methods.newton.alpha           1
  methods.newton.rate            0
  methods.newton.iterations      1
  convention                     heavy ball: v <- beta v - grad f(w), w <- w + alpha v; error |w - w*| shrinks by tol
  $ kappa-spectrum --model sigmoid-fit --format json
  {
    "tool": "kappa-spectrum",
    "version": "0.1.0",
    "parameters": {
      "model": "sigmoid-fit",
      "l2": 0.0,
      "tol": 1e-06,
      "measure": false
    },
    "problem": {
      "model": "sigmoid-fit",
      "dim": 2,
      "f_star": 0.0,
      "hessian": "local, at w*"
    },
    "spectrum": {
      "kappa": 5.485923087311681,
      "lambda_min": 0.0024638001048498184,
      "lambda_max": 0.01351621787771656,
      "n": 2,
      "eigenvalues": [
        0.0024638001048498184,
        0.01351621787771656
      ]
    },
    "methods": {
      "gd": {
        "alpha": 125.15630471642321,
        "rate": 0.6916398833170607,
        "iterations": 38
      },
      "heavy-ball": {
        "alpha": 145.34109169085357,
        "beta": 0.16127662941283433,
        "rate": 0.40159261623296116,
        "iterations": 16
      },
      "nesterov": {
        "alpha": 92.99632205047132,
        "beta": 0.3525674269486378,
        "rate": 0.5213306485489186,
        "iterations": 22
      },
      "newton": {
        "alpha": 1.0,
        "rate": 0.0,
        "iterations": 1
      }
    },
    "convention": "heavy ball: v <- beta v - grad f(w), w <- w + alpha v; error |w - w*| shrinks by tol"
  }

The docs (docs/learning.md):

  $ kappa-spectrum --data $D/breast_cancer.csv --skip-rows 1 --no-header | tee default.txt | grep '^spectrum\.kappa '   # kappa = 2.4e12
  spectrum.kappa                 2.377292743e+12
  $ cmp default.txt target-last.txt   # the target is the last column by default: the --help example's bytes
  $ kappa-spectrum --data $D/breast_cancer.csv --skip-rows 1 --no-header --standardize --measure --tol 1e-3 \
  >   --adam-lr 0.01 --max-iter 400000 | grep -E '^(spectrum.kappa|methods.*(iterations|status))'   # 325454, 1964, 20169
  spectrum.kappa                           99828.06847
  methods.gd.iterations                    344794
  methods.gd.measured_iterations           325454
  methods.gd.measured_status               converged
  methods.heavy-ball.iterations            1092
  methods.heavy-ball.measured_iterations   1964
  methods.heavy-ball.measured_status       converged
  methods.nesterov.iterations              1887
  methods.newton.iterations                1
  methods.adam.measured_iterations         20169
  methods.adam.measured_status             converged
  $ kappa-spectrum --model sigmoid-fit | grep -E '^spectrum.lambda_(min|max)'   # 0.0025 and 0.0135
  spectrum.lambda_min            0.002463800105
  spectrum.lambda_max            0.01351621788
