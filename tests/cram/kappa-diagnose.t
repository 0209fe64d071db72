kappa-diagnose: the examples of its --help, run as printed, with their recorded output (data: Debian's python3-sklearn).

  $ . "$TESTDIR/setup.sh"

  $ zcat /usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz > digits.csv
  $ kappa-train --data digits.csv --no-header --scale 0.0625 --lr 5 --format csv -o run.csv
  $ kappa-diagnose run.csv                       # exploding: decrease the learning rate
  verdict:  exploding
  evidence: the training loss rises from 2.319 to 2.347 (max 2.467)
  advice:   decrease the learning rate
  $ kappa-diagnose run.csv --format json
  {
    "tool": "kappa-diagnose",
    "version": "0.1.0",
    "parameters": {
      "log": "run.csv",
      "step_column": "epoch",
      "train_column": "train_loss",
      "held_column": "test_loss",
      "thresholds": {
        "explode_factor": 10.0,
        "slow_drop": 0.5,
        "tail_share": 0.15,
        "gap_ratio": 1.5,
        "gap_fraction": 0.1,
        "high_loss": null
      }
    },
    "verdict": "exploding",
    "summary": "the training loss rises from 2.319 to 2.347 (max 2.467)",
    "advice": [
      "decrease the learning rate"
    ],
    "evidence": {
      "rows": 21,
      "nonfinite_train_rows": 0,
      "first_nonfinite_step": null,
      "first_train_loss": 2.3185841548751958,
      "last_train_loss": 2.3473246111037347,
      "min_train_loss": 2.3185841548751958,
      "max_train_loss": 2.466801839013145,
      "relative_drop": -0.012395692504025575,
      "tail_share": -0.8107730373141353,
      "last_held_loss": 2.336408771631528,
      "min_held_loss": 2.318110250686096,
      "held_train_ratio": 0.9953496676937776
    }
  }
  $ printf 'epoch,loss,valid_loss\n1,2.3,2.3\n2,1.1,1.4\n3,0.4,1.5\n4,0.1,1.9\n' > torch_log.csv
  $ kappa-diagnose torch_log.csv --train-col loss --held-col valid_loss
  verdict:  overfitting
  evidence: valid_loss ends at 1.9, 19 times the training loss 0.1 (its minimum was 1.4)
  advice:   increase the regularization strength (weight decay, early stopping)
  advice:   decrease the model capacity
  advice:   check that the test data come from the same distribution as the training data
