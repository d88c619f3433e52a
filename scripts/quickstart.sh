#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a trained model: installs what is missing,
# builds (release), trains LinearRegression on datasets/diabetes.csv, saves the model,
# reloads it, predicts and prints R².
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
fitkit_install_missing
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target fitkit-linear-regression fitkit-cli
bin=build/release/bin
mkdir -p build/quickstart
set -x
"$bin/fitkit-linear-regression" fit --data datasets/diabetes.csv --target progression \
  --model build/quickstart/lr.bin -v
"$bin/fitkit-linear-regression" predict --model build/quickstart/lr.bin \
  --data datasets/diabetes.csv --output build/quickstart/predictions.csv
head -3 build/quickstart/predictions.csv
"$bin/fitkit-linear-regression" score --model build/quickstart/lr.bin --data datasets/diabetes.csv
