#!/usr/bin/env bash
# The two benchmark baselines, trained and exported exactly like the shipped models but into
# bench/out/models (never shipped to the page): the classic 784-512 MLP VAE and the keras-io
# example's convolutional VAE, both with a 2-D code. bench/benchmark.py measures them beside the
# shipped models.
#   bash bench/baselines.sh MNIST.npz [EPOCHS]      (default 30 epochs each)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:?usage: bash bench/baselines.sh MNIST.npz [EPOCHS]}
EPOCHS=${2:-30}
PY=${PYTHON:-.venv/bin/python}
for arch in mlp kerasio; do
  run=bench/out/runs/$arch-2d
  if [ -f "$run/metrics.json" ]; then
    echo "== $run is trained already (delete it to retrain)"
  else
    "$PY" -m train --data "$DATA" --arch "$arch" --latent-dim 2 --epochs "$EPOCHS" --out "$run"
  fi
  "$PY" -m train.export "$run" --out bench/out/models --name "$arch-2d" --classifier "" \
    --title "Baseline: $arch VAE, 2-D code"
done
