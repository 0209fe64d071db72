kappa-noise: the examples of its --help and of the docs (docs/noise.md), run as printed, with their
recorded output (a long one, byte for byte, in golden/: see golden() in setup.sh).

  $ . "$TESTDIR/setup.sh"

The --help examples:

  $ kappa-noise --method gd --lambda-min 1 --lambda-max 10 --alpha 0.05 --noise-variance 1 --batch 10 --iters 200 --every 20
          iter         dist2  dist2_deterministic   dist2_noise         f_gap
             0             2                    2             0           5.5
            20    0.13108007           0.12851216  0.0025679175   0.067040037
            40   0.019370463          0.016515374  0.0028550888   0.011185232
            60  0.0050144202         0.0021224264  0.0028919938  0.0040072101
            80  0.0031694941        0.00027275759  0.0028967365  0.0030847471
           100  0.0029323987        3.5052666e-05   0.002897346  0.0029661993
           120   0.002901929        4.5046937e-06  0.0028974243  0.0029509645
           140  0.0028980133        5.7890791e-07  0.0028974344  0.0029490067
           160  0.0028975101        7.4396703e-08  0.0028974357  0.0029487551
           180  0.0028974454        9.5608808e-09  0.0028974359  0.0029487227
           200  0.0028974371        1.2286894e-09  0.0028974359  0.0029487186
  rate                  0.95
  noise_floor.dist2     0.002897435897
  noise_floor.f_gap     0.002948717949
  noise_dominates_step  57
  $ kappa-noise --method heavy-ball --lambda-min 1 --lambda-max 10 --alpha 0.01 --beta 0.9 --noise-variance 1 --eps 1e-3 --format json | golden kappa-noise.heavy-ball-json.out '/"iter":0,/p;/"summary"/,$p'
      {"iter":0,"dist2":2,"dist2_deterministic":2,"dist2_noise":0,"f_gap":5.5},
    "summary": {
      "rate": 0.9486832980505138,
      "noise_floor": {
        "dist2": 0.055267061256507176,
        "f_gap": 0.05074163873636171
      },
      "noise_dominates_step": 23,
      "steps_to_eps": null,
      "gradient_evaluations_to_eps": null
    }
  }
  $ kappa-noise --method gd --lambda-min 1 --lambda-max 10 --alpha 0.05 --finite-sum 1000 --seed 1 --batch 10 --iters 500 --every 50
          iter         dist2  dist2_deterministic   dist2_noise         f_gap
             0             2                    2             0           5.5
            50    0.04507333         0.0059205292   0.039152801    0.18702471
           100   0.039203247        3.5052666e-05   0.039168194    0.18408967
           150   0.039168492        2.0753033e-07   0.039168285    0.18407229
           200   0.039168287        1.2286894e-09   0.039168286    0.18407219
           250   0.039168286        7.2744916e-12   0.039168286    0.18407219
           300   0.039168286         4.306884e-14   0.039168286    0.18407219
           350   0.039168286        2.5499032e-16   0.039168286    0.18407219
           400   0.039168286        1.5096777e-18   0.039168286    0.18407219
           450   0.039168286        8.9380908e-21   0.039168286    0.18407219
           500   0.039168286        5.2918227e-23   0.039168286    0.18407219
  rate                  0.95
  noise_floor.dist2     0.03916828551
  noise_floor.f_gap     0.1840721877
  noise_dominates_step  32
  $ kappa-noise --method sgd --lr 0.05 --momentum 0.9 --dampening 0.5 --kappa 10 --noise-variance 0.1 --iters 100 --every 10
          iter         dist2  dist2_deterministic   dist2_noise         f_gap
             0             2                    2             0           5.5
            10    0.40895926           0.39711314   0.011846119     1.9742606
            20    0.13266438           0.12030412   0.012360261   0.074986066
            30   0.068849198          0.055240943   0.013608255     0.2821288
            40    0.04007115          0.026322879    0.01374827   0.080702281
            50   0.014790893        0.00091077466   0.013880118   0.016004049
            60   0.018147807          0.004247963   0.013899844   0.026716444
            70   0.014295216        0.00037936805   0.013915848   0.014589352
            80   0.014185202        0.00026681671   0.013918386   0.013443347
            90   0.014043837         0.0001237259   0.013920111   0.013549541
           100   0.013948906        2.8350241e-05   0.013920556   0.013023076
  rate                  0.9486832981
  noise_floor.dist2     0.01392080963
  noise_floor.f_gap     0.01298153157
  noise_dominates_step  32
  $ kappa-noise --method gd --lambda-min 1 --lambda-max 10 --alpha 0.05 --noise-variance 1 --batch 10 --iters 200 --every 40 --eps 0.01
          iter         dist2  dist2_deterministic   dist2_noise         f_gap
             0             2                    2             0           5.5
            40   0.019370463          0.016515374  0.0028550888   0.011185232
            80  0.0031694941        0.00027275759  0.0028967365  0.0030847471
           120   0.002901929        4.5046937e-06  0.0028974243  0.0029509645
           160  0.0028975101        7.4396703e-08  0.0028974357  0.0029487551
           200  0.0028974371        1.2286894e-09  0.0028974359  0.0029487186
  rate                         0.95
  noise_floor.dist2            0.002897435897
  noise_floor.f_gap            0.002948717949
  noise_dominates_step         57
  steps_to_eps                 49
  gradient_evaluations_to_eps  490
