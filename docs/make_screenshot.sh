#!/usr/bin/env bash
# Makes docs/report.png, the picture of `fitkit report` in docs/cli.md: the commands of that
# section (a logistic regression, strongly regularised, fitted on iris's training rows and
# reported on its test rows), then the page rendered by Debian's headless Chromium, installed
# here when missing. Chromium is only for this picture: neither the build nor the tests need it.
#
#   docs/make_screenshot.sh BUILD_DIR      (e.g. build/release)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin_dir=$(cd "${1:?usage: docs/make_screenshot.sh BUILD_DIR}" && pwd)/bin
[ -x "$bin_dir/fitkit" ] || bin_dir=$(dirname "$bin_dir")
export PATH="$bin_dir:$PATH"

if ! command -v chromium >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium \
    fonts-dejavu-core
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fitkit split --data "$root/datasets/iris.csv" --test-size 0.2 --stratify --seed 1 \
  --train iris_train.csv --test iris_test.csv
fitkit-logistic-regression fit --data iris_train.csv --model iris_lr.bin --C 0.05
fitkit report --model iris_lr.bin --data iris_test.csv --output report.html

chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
  --user-data-dir="$work/profile" --screenshot="$work/report.png" --window-size=1200,1600 \
  "file://$work/report.html"
cp "$work/report.png" "$root/docs/report.png"
echo "wrote $root/docs/report.png ($(stat -c %s "$root/docs/report.png") bytes)"
