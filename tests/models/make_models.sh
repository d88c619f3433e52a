#!/usr/bin/env bash
# Writes tests/models/<version>/: a model file of every registered estimator in both formats,
# fitted by its program on a bundled data set, with what it computed then (predictions,
# probabilities, decision values or transformed features), and manifest.csv listing them.
# tests/test_released_models.cpp loads every folder's models and must get the same outputs.
#
#   scripts/... build first; then: tests/models/make_models.sh 0.2.0 [build/release/bin]
#
# Run once per release into a new folder; never regenerate a released one.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=${1:?usage: make_models.sh VERSION [BIN_DIR]}
bin=${2:-build/release/bin}
out=tests/models/$version
[ -e "$out" ] && { echo "$out exists: a released folder is never regenerated" >&2; exit 1; }
mkdir -p "$out"
echo "model,data,output,method" >"$out/manifest.csv"

# program, data set, fit options (defaults where they converge on the raw data)
models=(
  "fitkit-agglomerative-clustering iris.csv --target species --n-clusters 3"
  "fitkit-dbscan iris.csv --target species --eps 0.5"
  "fitkit-decision-tree-classifier iris.csv --max-depth 4"
  "fitkit-decision-tree-regressor diabetes.csv --max-depth 5"
  "fitkit-elastic-net diabetes.csv"
  "fitkit-extra-trees-classifier iris.csv --n-estimators 10 --seed 0"
  "fitkit-extra-trees-regressor diabetes.csv --n-estimators 10 --max-depth 6 --seed 0"
  "fitkit-gaussian-mixture iris.csv --target species --n-components 3 --seed 0"
  "fitkit-hist-gradient-boosting-classifier iris.csv --max-iter 20 --seed 0"
  "fitkit-hist-gradient-boosting-regressor diabetes.csv --max-iter 20 --seed 0"
  "fitkit-kmeans iris.csv --target species --n-clusters 3 --seed 0"
  "fitkit-kneighbors-classifier iris.csv"
  "fitkit-kneighbors-regressor diabetes.csv --weights distance"
  "fitkit-lasso diabetes.csv"
  "fitkit-linear-regression diabetes.csv"
  "fitkit-linear-svc iris.csv"
  "fitkit-linear-svr diabetes.csv --loss squared_epsilon_insensitive --C 10"
  "fitkit-logistic-regression iris.csv --max-iter 1000"
  "fitkit-minibatch-kmeans iris.csv --target species --n-clusters 3 --seed 0"
  "fitkit-nearest-neighbors wine.csv --target cultivar --n-neighbors 3"
  "fitkit-nu-svc iris.csv --probability true --seed 0"
  "fitkit-nu-svr diabetes.csv --C 1000 --nu 0.3"
  "fitkit-one-class-svm wine.csv --target cultivar --nu 0.2 --gamma 0.001"
  "fitkit-normalizer diabetes.csv --target progression --norm l1"
  "fitkit-pca wine.csv --target cultivar --n-components 0.999 --whiten"
  "fitkit-polynomial-features diabetes.csv --target progression"
  "fitkit-max-abs-scaler diabetes.csv --target progression"
  "fitkit-min-max-scaler diabetes.csv --target progression --feature-range -1,2"
  "fitkit-robust-scaler diabetes.csv --target progression --quantile-range 10,90"
  "fitkit-simple-imputer diabetes.csv --target progression --strategy median"
  "fitkit-standard-scaler diabetes.csv --target progression"
  "fitkit-random-forest-classifier iris.csv --n-estimators 10 --seed 0"
  "fitkit-random-forest-regressor diabetes.csv --n-estimators 10 --max-depth 6 --seed 0"
  "fitkit-ridge diabetes.csv"
  "fitkit-ridge-cv diabetes.csv"
  "fitkit-sgd-classifier iris.csv --loss log_loss --seed 1"
  "fitkit-sgd-regressor diabetes.csv --eta0 1e-6 --seed 1"
  "fitkit-svc iris.csv"
  "fitkit-svr diabetes.csv --C 1000 --epsilon 5"
  "fitkit-truncated-svd wine.csv --target cultivar --n-components 3 --seed 0"
  "fitkit-one-hot-encoder iris.csv --target species --drop if_binary"
  "fitkit-ordinal-encoder wine.csv --target cultivar"
  "fitkit-kbins-discretizer wine.csv --target cultivar --n-bins 4 --strategy kmeans"
)
registered=$("$bin/fitkit" list | wc -l)
[ "${#models[@]}" -eq "$registered" ] ||
  { echo "make_models.sh lists ${#models[@]} of $registered programs: add the new ones" >&2; exit 1; }

# Pipelines (a program's --scale, --impute, --one-hot): file name, program, data set, options.
pipelines=(
  "scaled-svc fitkit-svc iris.csv --scale standard --C 10"
  "imputed-scaled-ridge fitkit-ridge diabetes.csv --impute median --scale robust --alpha 2"
  "one-hot-scaled-ridge fitkit-ridge diabetes.csv --one-hot sex --scale standard --alpha 1"
)

make_model() {  # name program data options...
  local name=$1 program=$2 data=$3
  shift 3
  local options="$*"
  for ext in bin json; do
    # shellcheck disable=SC2086
    "$bin/$program" fit --data "datasets/$data" --model "$out/$name.$ext" -q $options
  done
  verbs=$("$bin/$program" --help)
  write() {  # what, verb, extra option
    "$bin/$program" "$2" --model "$out/$name.bin" --data "datasets/$data" \
      --output "$out/$name.$1.csv" ${3:+$3}
    for ext in bin json; do echo "$name.$ext,$data,$name.$1.csv,$1" >>"$out/manifest.csv"; done
  }
  grep -q '^  transform ' <<<"$verbs" && write transform transform
  if grep -q '^  predict ' <<<"$verbs"; then
    write predict predict
    # --proba and --decision where the model has them (the tags decide, as in the program).
    for extra in proba decision; do
      if "$bin/$program" predict --model "$out/$name.bin" --data "datasets/$data" "--$extra" \
        --output /dev/null 2>/dev/null; then
        write "$extra" predict "--$extra"
      fi
    done
  fi
}

for line in "${models[@]}"; do
  read -r program data options <<<"$line"
  # shellcheck disable=SC2086
  make_model "${program#fitkit-}" "$program" "$data" $options
done
for line in "${pipelines[@]}"; do
  # shellcheck disable=SC2086
  make_model $line
done
echo "wrote $out" >&2
