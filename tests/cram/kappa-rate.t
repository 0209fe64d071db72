kappa-rate: the examples of its --help and of the docs, run as printed, with their recorded output.

  $ . "$TESTDIR/setup.sh"

The --help examples:

  $ kappa-rate --method gd --kappa 100                         # 99/101 at alpha* = 2/101
  tool                kappa-rate
  version             0.1.0
  parameters.kappa    100
  parameters.method   gd
  parameters.tol      1e-06
  parameters.numeric  false
  method              gd
  alpha               0.0198019802
  beta                -
  params_source       closed_form
  rate                0.9801980198
  rate_formula        0.9801980198
  converges           true
  iterations          691
  tol                 1e-06
  kappa               100
  lambda_min          1
  lambda_max          100
  n                   2
  $ kappa-rate --method heavy-ball --kappa 100 --format json   # 9/11 at alpha* = 4/121, beta* = 81/121
  {
    "tool": "kappa-rate",
    "version": "0.1.0",
    "parameters": {
      "kappa": 100.0,
      "method": "heavy-ball",
      "tol": 1e-06,
      "numeric": false
    },
    "method": "heavy-ball",
    "alpha": 0.03305785123966942,
    "beta": 0.6694214876033059,
    "params_source": "closed_form",
    "rate": 0.8181818181818183,
    "rate_formula": 0.8181818181818182,
    "converges": true,
    "iterations": 69,
    "tol": 1e-06,
    "kappa": 100.0,
    "lambda_min": 1.0,
    "lambda_max": 100.0,
    "n": 2,
    "regime_lambda_min": "critical",
    "regime_lambda_max": "critical",
    "convention": "state (v, w) with the lecture's velocity: v <- beta*v - grad f, w <- w + alpha*v; torch.optim.SGD's momentum buffer is -v"
  }
  $ kappa-rate --method heavy-ball --kappa 100 --alpha 0.03 --beta 0.6
  tool                kappa-rate
  version             0.1.0
  parameters.kappa    100
  parameters.method   heavy-ball
  parameters.alpha    0.03
  parameters.beta     0.6
  parameters.tol      1e-06
  parameters.numeric  false
  method              heavy-ball
  alpha               0.03
  beta                0.6
  params_source       given
  rate                0.912377392
  converges           true
  iterations          151
  tol                 1e-06
  kappa               100
  lambda_min          1
  lambda_max          100
  n                   2
  regime_lambda_min   real
  regime_lambda_max   complex
  convention          state (v, w) with the lecture's velocity: v <- beta*v - grad f, w <- w + alpha*v; torch.optim.SGD's momentum buffer is -v
  $ kappa-rate --method nesterov --spectrum geom:1:1000:50 --tuning textbook --numeric
  tool                 kappa-rate
  version              0.1.0
  parameters.spectrum  geom:1:1000:50
  parameters.method    nesterov
  parameters.tuning    textbook
  parameters.tol       1e-06
  parameters.numeric   true
  method               nesterov
  alpha                0.001
  beta                 0.9386931399
  params_source        textbook
  rate                 0.9683772234
  rate_formula         0.9683772234
  converges            true
  iterations           430
  tol                  1e-06
  kappa                1000
  lambda_min           1
  lambda_max           1000
  n                    50
  regime_lambda_min    critical
  regime_lambda_max    critical
  convention           state (v, w) with the lecture's velocity: v <- beta*v - grad f, w <- w + alpha*v; torch.optim.SGD's momentum buffer is -v
  numeric.alpha        0.001332889037
  numeric.beta         0.9295543761
  numeric.rate         0.9634912471

The docs (docs/theory.md, experiments/main.sh):

  $ kappa-rate --method gd --kappa 100 --format csv
  tool,version,parameters.kappa,parameters.method,parameters.tol,parameters.numeric,method,alpha,beta,params_source,rate,rate_formula,converges,iterations,tol,kappa,lambda_min,lambda_max,n
  kappa-rate,0.1.0,100,gd,1e-06,false,gd,0.019801980198019802,,closed_form,0.9801980198019802,0.9801980198019802,true,691,1e-06,100,1,100,2
  $ kappa-rate --method heavy-ball --kappa 100 --alpha 0.001 --beta 0.9 | grep -E '^(rate|iterations|regime)'
  rate                0.9888732142
  iterations          1235
  regime_lambda_min   real
  regime_lambda_max   complex
  $ kappa-rate --method gd --lambda-min 1 --lambda-max 4 --alpha 0.5   # rate 1: on the boundary
  tool                   kappa-rate
  version                0.1.0
  parameters.lambda_max  4
  parameters.lambda_min  1
  parameters.method      gd
  parameters.alpha       0.5
  parameters.tol         1e-06
  parameters.numeric     false
  method                 gd
  alpha                  0.5
  beta                   -
  params_source          given
  rate                   1
  converges              false
  iterations             -
  tol                    1e-06
  kappa                  4
  lambda_min             1
  lambda_max             4
  n                      2

experiments/main.sh's worked examples. Heavy ball's numerical optimum is its closed form (the whole
output, byte for byte, in golden/: see golden() in setup.sh):

  $ kappa-rate --method heavy-ball --kappa 100 --numeric | golden kappa-rate.heavy-ball-numeric.out '/^\(alpha\|beta\|rate\|numeric\.[a-z]*\) /p'
  alpha               0.03305785124
  beta                0.6694214876
  rate                0.8181818182
  numeric.alpha       0.03305785124
  numeric.beta        0.6694214876
  numeric.rate        0.8181818182
  $ kappa-rate --method nesterov --kappa 100 | tee nesterov.txt
  tool                kappa-rate
  version             0.1.0
  parameters.kappa    100
  parameters.method   nesterov
  parameters.tol      1e-06
  parameters.numeric  false
  method              nesterov
  alpha               0.01328903654
  beta                0.7932747263
  params_source       closed_form
  rate                0.8847219165
  rate_formula        0.8847219165
  converges           true
  iterations          113
  tol                 1e-06
  kappa               100
  lambda_min          1
  lambda_max          100
  n                   2
  regime_lambda_min   critical
  regime_lambda_max   real
  convention          state (v, w) with the lecture's velocity: v <- beta*v - grad f, w <- w + alpha*v; torch.optim.SGD's momentum buffer is -v

The lecture's slide (lookahead w + alpha*v) against Nesterov's method: its own numerical optimum, a
slower rate, no closed form (diff exits 1, the outputs differ):

  $ kappa-rate --method nesterov-lecture --kappa 100 | diff -U0 --label nesterov --label nesterov-lecture nesterov.txt -   # 0.8925 (numerical optimum)
  --- nesterov
  +++ nesterov-lecture
  @@ -4 +4 @@
  -parameters.method   nesterov
  +parameters.method   nesterov-lecture
  @@ -7,6 +7,5 @@
  -method              nesterov
  -alpha               0.01328903654
  -beta                0.7932747263
  -params_source       closed_form
  -rate                0.8847219165
  -rate_formula        0.8847219165
  +method              nesterov-lecture
  +alpha               0.01155622831
  +beta                0.8081126584
  +params_source       numeric
  +rate                0.8925001009
  @@ -14 +13 @@
  -iterations          113
  +iterations          122
  [1]
  $ kappa-rate --method newton --kappa 100 --alpha 0.5                 # rate 0.5, 20 iterations
  tool                kappa-rate
  version             0.1.0
  parameters.kappa    100
  parameters.method   newton
  parameters.alpha    0.5
  parameters.tol      1e-06
  parameters.numeric  false
  method              newton
  alpha               0.5
  beta                -
  params_source       given
  rate                0.5
  converges           true
  iterations          20
  tol                 1e-06
  kappa               100
  lambda_min          1
  lambda_max          100
  n                   2
  $ kappa-rate --method heavy-ball --kappa 10 --alpha 0.1 --beta 1
  kappa-rate: --beta 1: must be in [0, 1)
  [2]

Added with the noise options, kappa-pep and the claim files:

  $ kappa-rate --method heavy-ball --lambda-min 1 --lambda-max 10 --alpha 0.01 --beta 0.8 --noise-variance 2 --batch 8 --format json
  {
    "tool": "kappa-rate",
    "version": "0.1.0",
    "parameters": {
      "lambda_max": 10.0,
      "lambda_min": 1.0,
      "method": "heavy-ball",
      "alpha": 0.01,
      "beta": 0.8,
      "tol": 1e-06,
      "numeric": false
    },
    "method": "heavy-ball",
    "alpha": 0.01,
    "beta": 0.8,
    "params_source": "given",
    "rate": 0.9270156211871643,
    "converges": true,
    "iterations": 183,
    "tol": 1e-06,
    "kappa": 10.0,
    "lambda_min": 1.0,
    "lambda_max": 10.0,
    "n": 2,
    "regime_lambda_min": "real",
    "regime_lambda_max": "complex",
    "convention": "state (v, w) with the lecture's velocity: v <- beta*v - grad f, w <- w + alpha*v; torch.optim.SGD's momentum buffer is -v",
    "noise_floor": {
      "dist2": 0.006910266613609228,
      "f_gap": 0.006347990449661759,
      "noise_variance": 2.0,
      "batch": 8,
      "gradient_noise_variance": 0.25
    }
  }
