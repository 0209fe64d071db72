#!/bin/bash
# kappa-run vs torch.optim (float64) step by step for sgd, adagrad, rmsprop, adam, adamw.
exec /usr/bin/python3 "$(dirname "$0")/torch_optim.py"
