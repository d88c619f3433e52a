// StandardScaler, MinMaxScaler, MaxAbsScaler, RobustScaler, Normalizer and SimpleImputer
// against scikit-learn (fixtures made by tests/reference/make_preprocessing.py on iris, wine,
// diabetes and a generated set with NaN and a constant column), inverse_transform, save/load in
// both formats, and the bad inputs of DESIGN.md §8 plus the (a constant column,
// parameters out of range).

#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "bundled_data.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/decomposition/pca.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/model/model_io.hpp"
#include "fitkit/preprocessing/normalizer.hpp"
#include "fitkit/preprocessing/scalers.hpp"
#include "fitkit/preprocessing/simple_imputer.hpp"
#include "matrix_checks.hpp"
#include "support.hpp"

using fitkit::Index;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

const std::vector<std::pair<std::string, Matrix>>& data_sets() {
  static const std::vector<std::pair<std::string, Matrix>> sets = {
      {"iris", bundled("iris").X},
      {"wine", bundled("wine").X},
      {"diabetes", bundled("diabetes").X},
      {"generated", reference_matrix("preprocessing/generated/X.csv")}};
  return sets;
}

struct Case {
  std::string prefix;  // the fixture's name before the data set's
  std::string suffix;  // and after it
  std::vector<std::pair<std::string, std::string>> params;
  bool weighted = false;
};

template <class Scaler>
Scaler fitted(const Case& c, const Matrix& X) {
  Scaler scaler;
  for (const auto& [name, value] : c.params) scaler.set_param(name, value);
  if constexpr (std::is_same_v<Scaler, fitkit::StandardScaler>) {
    if (c.weighted) {
      Vector w(X.n_rows);
      for (Index i = 0; i < X.n_rows; ++i)
        w(i) = i % 7 == 0 ? 0.0 : 1.0 + static_cast<double>(i % 4);
      scaler.fit(X, w);
      return scaler;
    }
  }
  scaler.fit(X);
  return scaler;
}

template <class Scaler>
void check_cases(
    const std::vector<Case>& cases,
    const std::vector<std::pair<std::string, std::function<Vector(const Scaler&)>>>& attributes) {
  for (const auto& [data, X] : data_sets())
    for (const Case& c : cases) {
      const std::string dir = "preprocessing/" + c.prefix + "_" + data + c.suffix + "/";
      INFO(dir);
      const Scaler scaler = fitted<Scaler>(c, X);
      check_close(scaler.transform(every_ninth(X)), reference_matrix(dir + "transform.csv"),
                  "transform");
      check_close(scaler.transform(every_ninth(1.5 * X + 1.0)),
                  reference_matrix(dir + "shifted.csv"), "shifted");
      for (const auto& [name, get] : attributes)
        check_close(Matrix(get(scaler)), Matrix(reference_vector(dir + name + ".csv")), name);
      // inverse_transform undoes transform, NaN kept.
      const Matrix back = scaler.inverse_transform(scaler.transform(X));
      check_close(back, X, "inverse_transform");
    }
}

}  // namespace

TEST_CASE("StandardScaler agrees with scikit-learn", "[preprocessing][reference]") {
  check_cases<fitkit::StandardScaler>(
      {{"standard", "", {}},
       {"standard", "_no_mean", {{"with_mean", "false"}}},
       {"standard", "_weighted", {}, true}},
      {{"mean", [](const fitkit::StandardScaler& s) { return s.mean(); }},
       {"var", [](const fitkit::StandardScaler& s) { return s.var(); }},
       {"scale", [](const fitkit::StandardScaler& s) { return s.scale(); }},
       {"n_samples_seen", [](const fitkit::StandardScaler& s) { return s.n_samples_seen(); }}});
}

TEST_CASE("MinMaxScaler agrees with scikit-learn", "[preprocessing][reference]") {
  check_cases<fitkit::MinMaxScaler>(
      {{"minmax", "", {}},
       {"minmax", "_range_clip", {{"feature_range", "-1,3"}, {"clip", "true"}}}},
      {{"data_min", [](const fitkit::MinMaxScaler& s) { return s.data_min(); }},
       {"data_max", [](const fitkit::MinMaxScaler& s) { return s.data_max(); }},
       // scikit-learn's scale_ is the multiplier: 1 / fitkit's divisor.
       {"scale", [](const fitkit::MinMaxScaler& s) { return Vector(1.0 / s.scale()); }}});
}

TEST_CASE("MaxAbsScaler agrees with scikit-learn", "[preprocessing][reference]") {
  check_cases<fitkit::MaxAbsScaler>(
      {{"maxabs", "", {}}}, {{"max_abs", [](const fitkit::MaxAbsScaler& s) { return s.max_abs(); }},
                             {"scale", [](const fitkit::MaxAbsScaler& s) { return s.scale(); }}});
}

TEST_CASE("RobustScaler agrees with scikit-learn", "[preprocessing][reference]") {
  check_cases<fitkit::RobustScaler>(
      {{"robust", "", {}},
       {"robust", "_q10_90_unit", {{"quantile_range", "10,90"}, {"unit_variance", "true"}}},
       {"robust", "_no_centering", {{"with_centering", "false"}}}},
      {{"scale", [](const fitkit::RobustScaler& s) { return s.scale(); }}});
  // center_ only where scikit-learn has it (with_centering).
  for (const auto& [data, X] : data_sets()) {
    const fitkit::RobustScaler scaler = fitted<fitkit::RobustScaler>({"robust", "", {}}, X);
    check_close(Matrix(scaler.center()),
                Matrix(reference_vector("preprocessing/robust_" + data + "/center.csv")), "center");
  }
}

TEST_CASE("Normalizer agrees with scikit-learn", "[preprocessing][reference]") {
  for (const auto& [data, X] : data_sets())
    for (const auto& [norm, name] :
         {std::pair{fitkit::Norm::l1, "l1"}, std::pair{fitkit::Norm::l2, "l2"},
          std::pair{fitkit::Norm::max, "max"}}) {
      const std::string dir = "preprocessing/normalizer_" + data + "_" + name + "/";
      INFO(dir);
      Matrix finite = X;
      finite.replace(arma::datum::nan, 0.0);
      fitkit::Normalizer normalizer({.norm = norm});
      normalizer.fit(finite);
      check_close(normalizer.transform(every_ninth(finite)),
                  reference_matrix(dir + "transform.csv"), "transform");
      check_close(normalizer.transform(every_ninth(1.5 * finite + 1.0)),
                  reference_matrix(dir + "shifted.csv"), "shifted");
    }
  // A row of zeros stays zeros.
  fitkit::Normalizer normalizer;
  const Matrix zeros(2, 3, arma::fill::zeros);
  CHECK(arma::all(arma::vectorise(normalizer.fit_transform(zeros)) == 0.0));
}

TEST_CASE("SimpleImputer agrees with scikit-learn", "[preprocessing][reference]") {
  const Matrix X = reference_matrix("preprocessing/imputer/X.csv");
  const std::vector<std::pair<std::string, fitkit::SimpleImputerParams>> cases = {
      {"mean", {.strategy = fitkit::ImputeStrategy::mean}},
      {"median", {.strategy = fitkit::ImputeStrategy::median}},
      {"most_frequent", {.strategy = fitkit::ImputeStrategy::most_frequent}},
      {"constant", {.strategy = fitkit::ImputeStrategy::constant, .fill_value = -7.5}},
      {"median_keep_empty",
       {.strategy = fitkit::ImputeStrategy::median, .keep_empty_features = true}}};
  for (const auto& [name, params] : cases) {
    const std::string dir = "preprocessing/imputer_" + name + "/";
    INFO(dir);
    fitkit::SimpleImputer imputer(params);
    imputer.fit(X);
    check_close(Matrix(imputer.statistics()), Matrix(reference_vector(dir + "statistics.csv")),
                "statistics");
    check_close(imputer.transform(every_ninth(X)), reference_matrix(dir + "transform.csv"),
                "transform");
    check_close(imputer.transform(every_ninth(1.5 * X + 1.0)),
                reference_matrix(dir + "shifted.csv"), "shifted");
    // The column of NaN only is dropped, unless kept or filled with a constant.
    const bool kept = name == "constant" || name == "median_keep_empty";
    CHECK(imputer.feature_names_out().size() == X.n_cols - (kept ? 0 : 1));
  }
}

namespace {

// Two components, two oversamples, two power iterations normalised by `normalizer`.
fitkit::PCAParams narrow_randomized(fitkit::PowerIterationNormalizer normalizer) {
  return {.n_components = std::int64_t{2},
          .svd_solver = fitkit::PcaSolver::randomized,
          .iterated_power = std::int64_t{2},
          .n_oversamples = 2,
          .power_iteration_normalizer = normalizer,
          .seed = 4};
}

}  // namespace

TEST_CASE("PCA agrees with scikit-learn's full and randomized SVD solvers",
          "[preprocessing][reference]") {
  using fitkit::PcaSolver;
  using fitkit::PowerIterationNormalizer;
  const std::vector<std::pair<std::string, fitkit::PCAParams>> cases = {
      {"", {}},
      {"_2", {.n_components = std::int64_t{2}}},
      {"_95", {.n_components = 0.95}},
      {"_3_whiten", {.n_components = std::int64_t{3}, .whiten = true}},
      {"_randomized_2", {.n_components = std::int64_t{2}, .svd_solver = PcaSolver::randomized}},
      {"_randomized_3_qr",
       {.n_components = std::int64_t{3},
        .svd_solver = PcaSolver::randomized,
        .iterated_power = std::int64_t{3},
        .power_iteration_normalizer = PowerIterationNormalizer::qr,
        .seed = 7}},
      {"_randomized_3_none_whiten",
       {.n_components = std::int64_t{3},
        .whiten = true,
        .svd_solver = PcaSolver::randomized,
        .iterated_power = std::int64_t{1},
        .n_oversamples = 2,
        .seed = 3}},
      {"_randomized",
       {.n_components = std::int64_t{3}, .svd_solver = PcaSolver::randomized, .seed = 1}}};
  std::vector<std::pair<std::string, Matrix>> sets;
  for (const auto& [data, X] : data_sets())
    if (data != "generated") sets.emplace_back(data, X);  // NaN: not PCA's
  // Wider than tall: the randomized solver works on the transpose, as scikit-learn's.
  sets.emplace_back("wide", Matrix(sets.back().second.head_rows(8)));
  // digits (64 columns): two vectors and two power iterations are multiplied by X itself, each
  // normaliser in turn; 20 vectors and 4 iterations by X'X, which costs less.
  sets.emplace_back("digits", bundled("digits").X);
  const std::vector<std::pair<std::string, fitkit::PCAParams>> digits_cases = {
      {"_randomized_2_lu", narrow_randomized(PowerIterationNormalizer::lu)},
      {"_randomized_2_qr", narrow_randomized(PowerIterationNormalizer::qr)},
      {"_randomized_2_none", narrow_randomized(PowerIterationNormalizer::none)},
      {"_randomized_10",
       {.n_components = std::int64_t{10}, .svd_solver = PcaSolver::randomized, .seed = 5}}};
  for (const auto& [data, X] : sets) {
    for (const auto& [suffix, params] : data == "digits" ? digits_cases : cases) {
      if ((data == "wide") != (suffix == "_randomized")) continue;  // the wide set's one case
      const std::string dir = "preprocessing/pca_" + data + suffix + "/";
      INFO(dir);
      fitkit::PCA pca(params);
      pca.fit(X);
      check_close(pca.components(), reference_matrix(dir + "components.csv"), "components");
      for (const auto& [name, values] :
           {std::pair{"explained_variance", pca.explained_variance()},
            std::pair{"explained_variance_ratio", pca.explained_variance_ratio()},
            std::pair{"singular_values", pca.singular_values()}, std::pair{"mean", pca.mean()}}) {
        const Vector expected = reference_vector(dir + name + ".csv");
        INFO(name);
        CHECK(arma::abs(values - expected).max() <= 1e-10 * arma::abs(expected).max());
      }
      const double noise = reference_scalar(dir + "noise_variance.csv");
      CHECK(std::abs(pca.noise_variance() - noise) <=
            1e-10 * arma::abs(pca.explained_variance()).max());
      const Matrix Z = pca.transform(every_ninth(X));
      check_close(Z, reference_matrix(dir + "transform.csv"), "transform");
      check_close(pca.transform(every_ninth(1.5 * X + 1.0)), reference_matrix(dir + "shifted.csv"),
                  "shifted");
      check_close(pca.inverse_transform(Z.head_rows(std::min<Index>(20, Z.n_rows))),
                  reference_matrix(dir + "inverse.csv"), "inverse");
    }
  }
}

TEST_CASE("Randomized PCA keeps its digits on data far from the origin", "[preprocessing]") {
  // iris moved by 1e7: a product by X itself would lose 7 digits to the mean, so the randomized
  // solver works on centred data. With 12 vectors for 4 columns its range is exact, so it must
  // give the full solver's answer, through X'X (default iterations) and through products by
  // the data (none).
  const Matrix X = bundled("iris").X + 1e7;
  fitkit::PCA full({.n_components = std::int64_t{2}});
  full.fit(X);
  for (const std::int64_t iterations : {std::int64_t{4}, std::int64_t{0}}) {
    INFO(iterations << " power iterations");
    fitkit::PCA randomized({.n_components = std::int64_t{2},
                            .svd_solver = fitkit::PcaSolver::randomized,
                            .iterated_power = iterations});
    randomized.fit(X);
    CHECK(arma::abs(randomized.components() - full.components()).max() <= 1e-10);
    CHECK(arma::abs(randomized.explained_variance() - full.explained_variance()).max() <=
          1e-10 * full.explained_variance()(0));
    CHECK(std::abs(randomized.noise_variance() - full.noise_variance()) <=
          1e-10 * full.explained_variance()(0));
  }
}

TEST_CASE("Scalers: save and load give the same transform in both formats", "[preprocessing]") {
  const Matrix X = reference_matrix("preprocessing/generated/X.csv");
  std::vector<std::unique_ptr<fitkit::Estimator>> scalers;
  scalers.push_back(std::make_unique<fitkit::StandardScaler>());
  scalers.push_back(std::make_unique<fitkit::MinMaxScaler>(
      fitkit::MinMaxScalerParams{.feature_range = {-2.0, 2.0}, .clip = true}));
  scalers.push_back(std::make_unique<fitkit::MaxAbsScaler>());
  scalers.push_back(std::make_unique<fitkit::RobustScaler>(
      fitkit::RobustScalerParams{.quantile_range = {5.0, 95.0}, .unit_variance = true}));
  scalers.push_back(std::make_unique<fitkit::SimpleImputer>(
      fitkit::SimpleImputerParams{.strategy = fitkit::ImputeStrategy::most_frequent}));
  scalers.push_back(std::make_unique<fitkit::Normalizer>());
  scalers.push_back(std::make_unique<fitkit::PCA>(
      fitkit::PCAParams{.n_components = std::int64_t{3}, .whiten = true}));
  // NaN where the transformer takes it; filled in for Normalizer and PCA.
  const Matrix filled = fitkit::SimpleImputer().fit_transform(X);
  ScratchDir dir;
  for (auto& scaler : scalers) {
    INFO(scaler->type_name());
    const Matrix& data = scaler->tags().allow_nan ? X : filled;
    scaler->fit(data, Vector());
    const Matrix expected = scaler->transform(1.5 * data);
    for (const std::string name : {"m.bin", "m.json"}) {
      fitkit::save(*scaler, dir.file(name));
      const auto back = fitkit::load_any(dir.file(name));
      CHECK(back->type_name() == scaler->type_name());
      const Matrix got = back->transform(1.5 * data);
      CHECK(arma::approx_equal(got.elem(arma::find_finite(got)).eval(),
                               expected.elem(arma::find_finite(expected)).eval(), "absdiff", 0.0));
      CHECK(arma::find_nonfinite(got).eval().n_elem ==
            arma::find_nonfinite(expected).eval().n_elem);
    }
  }
}

TEST_CASE("Scalers: a constant column is scaled by 1, bad inputs are refused clearly",
          "[preprocessing]") {
  using fitkit::DataError;
  using fitkit::InvalidParameter;
  Matrix X = {{1.0, 5.0}, {2.0, 5.0}, {4.0, 5.0}};
  fitkit::StandardScaler standard;
  standard.fit(X);
  CHECK(standard.scale()(1) == 1.0);
  CHECK(arma::all(standard.transform(X).col(1) == 0.0));
  fitkit::MinMaxScaler minmax;
  minmax.fit(X);
  CHECK(arma::all(minmax.transform(X).col(1) == 0.0));  // as scikit-learn: the range's low end
  // A column with no values, infinity, no rows: refused at fit, naming the problem.
  Matrix all_nan = X;
  all_nan.col(0).fill(arma::datum::nan);
  CHECK_THROWS_WITH(fitkit::StandardScaler().fit(all_nan),
                    Catch::Contains("column 0") && Catch::Contains("all NaN"));
  CHECK_THROWS_AS(fitkit::RobustScaler().fit(all_nan), DataError);
  Matrix inf = X;
  inf(1, 1) = arma::datum::inf;
  CHECK_THROWS_AS(fitkit::MaxAbsScaler().fit(inf), DataError);
  CHECK_THROWS_AS(fitkit::MinMaxScaler().fit(Matrix(0, 2)), DataError);
  // Weights: one per row, non-negative.
  CHECK_THROWS_AS(fitkit::StandardScaler().fit(X, Vector{1.0, 2.0}), fitkit::DimensionMismatch);
  CHECK_THROWS_AS(fitkit::StandardScaler().fit(X, Vector{1.0, -1.0, 1.0}), DataError);
  // Parameters out of range, by name.
  for (const auto& [params, name] : std::vector<std::pair<fitkit::MinMaxScalerParams, std::string>>{
           {{.feature_range = {1.0, 0.0}}, "feature_range"},
           {{.feature_range = {0.0, 1.0, 2.0}}, "feature_range"}}) {
    try {
      fitkit::MinMaxScaler(params).fit(X);
      FAIL("accepted a bad " << name);
    } catch (const InvalidParameter& e) {
      CHECK(e.name() == name);
    }
  }
  CHECK_THROWS_AS(fitkit::RobustScaler({.quantile_range = {80.0, 20.0}}).fit(X), InvalidParameter);
  CHECK_THROWS_AS(fitkit::RobustScaler({.quantile_range = {-1.0, 50.0}}).fit(X), InvalidParameter);
  // Before fit, another width, infinity at transform.
  CHECK_THROWS_AS(fitkit::StandardScaler().transform(X), fitkit::NotFitted);
  CHECK_THROWS_AS(standard.transform(Matrix(2, 3, arma::fill::ones)), fitkit::DimensionMismatch);
  CHECK_THROWS_AS(standard.transform(inf), DataError);
  // NaN is a missing value: left out of fit, kept by transform.
  Matrix gaps = {{1.0, arma::datum::nan}, {3.0, 2.0}, {arma::datum::nan, 4.0}};
  standard.fit(gaps);
  CHECK(standard.mean()(0) == 2.0);
  CHECK(standard.mean()(1) == 3.0);
  CHECK(std::isnan(standard.transform(gaps)(0, 1)));
  // Normalizer takes no NaN; SimpleImputer no infinity and no infinite fill_value.
  CHECK_THROWS_AS(fitkit::Normalizer().fit(gaps), DataError);
  CHECK_THROWS_AS(fitkit::SimpleImputer().fit(inf), DataError);
  // PCA: n_components beyond min(n_samples, n_features) or a fraction outside (0, 1), one row,
  // NaN, another width at inverse_transform.
  CHECK_THROWS_AS(fitkit::PCA({.n_components = std::int64_t{3}}).fit(X), InvalidParameter);
  CHECK_THROWS_AS(fitkit::PCA({.n_components = std::int64_t{0}}).fit(X), InvalidParameter);
  CHECK_THROWS_AS(fitkit::PCA({.n_components = 1.5}).fit(X), InvalidParameter);
  CHECK_THROWS_AS(fitkit::PCA().fit(X.rows(0, 0)), DataError);
  CHECK_THROWS_AS(fitkit::PCA().fit(gaps), DataError);
  fitkit::PCA pca({.n_components = std::int64_t{1}});
  pca.fit(X);
  CHECK_THROWS_AS(pca.inverse_transform(X), fitkit::DimensionMismatch);
  // The randomized solver keeps a count of components, not a fraction of the variance.
  fitkit::PCA fraction({.n_components = 0.9, .svd_solver = fitkit::PcaSolver::randomized});
  CHECK_THROWS_AS(fraction.fit(X), fitkit::InvalidParameter);
  CHECK_THROWS_AS(pca.set_param("power_iteration_normalizer", "SVD"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(pca.set_param("n_oversamples", "0"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(fitkit::SimpleImputer({.strategy = fitkit::ImputeStrategy::constant,
                                         .fill_value = arma::datum::inf})
                      .fit(gaps),
                  InvalidParameter);
}
