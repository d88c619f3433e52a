// KNeighborsClassifier and KNeighborsRegressor against scikit-learn (fixtures made by
// tests/reference/make_neighbors.py on iris, wine, digits and diabetes), the documented tie
// rule, save/load in both formats, and the bad inputs of DESIGN.md §8 plus the issue's.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/model/model_io.hpp"
#include "fitkit/neighbors/kneighbors_classifier.hpp"
#include "fitkit/neighbors/kneighbors_regressor.hpp"
#include "neighbors_support.hpp"
#include "support.hpp"

using fitkit::Index;
using fitkit::KNeighbors;
using fitkit::KNeighborsClassifier;
using fitkit::KNeighborsRegressor;
using fitkit::Labels;
using fitkit::Matrix;
using fitkit::NeighborsAlgorithm;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

struct Case {
  const char* name;
  const char* data;
  const char* target;
  Index limit;
  std::vector<std::pair<std::string, std::string>> params;
};

const std::vector<Case> kClassifierCases = {
    {"iris_uniform_kd", "iris.csv", "species", 0, {{"algorithm", "kd_tree"}}},
    {"iris_distance_brute",
     "iris.csv",
     "species",
     0,
     {{"algorithm", "brute"}, {"weights", "distance"}}},
    {"wine_uniform_auto", "wine.csv", "cultivar", 0, {}},
    {"wine_distance_k7_manhattan",
     "wine.csv",
     "cultivar",
     0,
     {{"n_neighbors", "7"}, {"weights", "distance"}, {"metric", "manhattan"}}},
    {"wine_uniform_chebyshev_brute",
     "wine.csv",
     "cultivar",
     0,
     {{"metric", "chebyshev"}, {"algorithm", "brute"}}},
    {"wine_distance_minkowski3",
     "wine.csv",
     "cultivar",
     0,
     {{"weights", "distance"}, {"metric", "minkowski"}, {"p", "3"}}},
    {"digits_uniform_auto", "digits.csv", "digit", 600, {}},
    {"digits_distance_k3_kd",
     "digits.csv",
     "digit",
     600,
     {{"n_neighbors", "3"}, {"weights", "distance"}, {"algorithm", "kd_tree"}}},
};

const std::vector<Case> kRegressorCases = {
    {"diabetes_uniform_kd", "diabetes.csv", "progression", 0, {{"algorithm", "kd_tree"}}},
    {"diabetes_distance_brute",
     "diabetes.csv",
     "progression",
     0,
     {{"algorithm", "brute"}, {"weights", "distance"}}},
    {"diabetes_distance_k9_manhattan",
     "diabetes.csv",
     "progression",
     0,
     {{"n_neighbors", "9"}, {"weights", "distance"}, {"metric", "manhattan"}}},
};

// Brute force's euclidean distances go through GEMM; every other search sums as scikit-learn.
Arithmetic arithmetic_of(const Case& c, bool brute) {
  const bool euclidean = std::none_of(c.params.begin(), c.params.end(),
                                      [](const auto& param) { return param.first == "metric"; });
  return brute && euclidean ? Arithmetic::blas : Arithmetic::exact;
}

template <class Model>
Model configured(const Case& c) {
  Model model;
  for (const auto& [name, value] : c.params) model.set_param(name, value);
  return model;
}

}  // namespace

TEST_CASE("kNN classifier: neighbours, predictions and probabilities as scikit-learn's",
          "[knn][reference]") {
  for (const Case& c : kClassifierCases) {
    INFO(c.name);
    const Split s = split(c.data, c.target, c.limit);
    KNeighborsClassifier model = configured<KNeighborsClassifier>(c);
    model.fit(s.X, arma::conv_to<Labels>::from(s.y));
    const std::string dir = std::string("neighbors/knn_") + c.name + "/";
    const bool brute = reference_scalar(dir + "fit_method.csv") == 1.0;
    CHECK((model.fit_method() == NeighborsAlgorithm::brute) == brute);
    const std::vector<Index> compared =
        check_neighbours(model.kneighbors(s.Q), dir, arithmetic_of(c, brute));
    CHECK(compared.size() * 4 >= s.Q.n_rows * 3);  // all but rounding ties through GEMM
    const Vector pred = reference_vector(dir + "pred.csv");
    const Matrix proba = reference_matrix(dir + "proba.csv");
    const Labels got = model.predict(s.Q);
    const Matrix got_proba = model.predict_proba(s.Q);
    for (const Index i : compared) {
      INFO("query " << i);
      CHECK(static_cast<double>(got(i)) == pred(i));
      CHECK(arma::abs(got_proba.row(i) - proba.row(i)).max() <= 1e-12);
    }
  }
}

TEST_CASE("kNN regressor: neighbours and predictions as scikit-learn's", "[knn][reference]") {
  for (const Case& c : kRegressorCases) {
    INFO(c.name);
    const Split s = split(c.data, c.target);
    KNeighborsRegressor model = configured<KNeighborsRegressor>(c);
    model.fit(s.X, s.y);
    const std::string dir = std::string("neighbors/knn_") + c.name + "/";
    const bool brute = reference_scalar(dir + "fit_method.csv") == 1.0;
    CHECK((model.fit_method() == NeighborsAlgorithm::brute) == brute);
    const std::vector<Index> compared =
        check_neighbours(model.kneighbors(s.Q), dir, arithmetic_of(c, brute));
    CHECK(compared.size() == s.Q.n_rows);
    const Vector pred = reference_vector(dir + "pred.csv");
    CHECK(relative_error(model.predict(s.Q), pred) <= 1e-12);
  }
}

TEST_CASE("kNN: on exact ties kd-tree and brute force find the same distances", "[knn]") {
  // An integer grid with repeated points: many exactly equal distances, computed exactly by
  // the kd-tree's sums and by brute force's GEMM alike. Which of the rows tied at the k-th
  // distance are kept is each search's own (scikit-learn's, test_neighbor_ties.cpp); the
  // distances, and the rows nearer than the k-th, are the same.
  arma::arma_rng::set_seed(11);
  Matrix X = arma::floor(arma::randu<Matrix>(120, 3) * 4);
  X = arma::join_cols(X, X.rows(0, 39));
  const Matrix Q = arma::floor(arma::randu<Matrix>(50, 3) * 5);
  const Vector y = arma::regspace<Vector>(0, X.n_rows - 1);
  KNeighborsRegressor kd({.n_neighbors = 8, .algorithm = NeighborsAlgorithm::kd_tree});
  KNeighborsRegressor brute({.n_neighbors = 8, .algorithm = NeighborsAlgorithm::brute});
  kd.fit(X, y);
  brute.fit(X, y);
  const KNeighbors a = kd.kneighbors(Q), b = brute.kneighbors(Q);
  CHECK(arma::approx_equal(a.distances, b.distances, "absdiff", 0.0));
  for (Index i = 0; i < Q.n_rows; ++i) {
    std::vector<arma::uword> nearer_a, nearer_b;
    for (Index r = 0; r < 8; ++r) {
      if (a.distances(i, r) < a.distances(i, 7)) nearer_a.push_back(a.indices(i, r));
      if (b.distances(i, r) < b.distances(i, 7)) nearer_b.push_back(b.indices(i, r));
    }
    std::sort(nearer_a.begin(), nearer_a.end());
    std::sort(nearer_b.begin(), nearer_b.end());
    CHECK(nearer_a == nearer_b);
  }
}

TEST_CASE("kNN: weights distance gives exact matches all the weight", "[knn]") {
  const Matrix X = {{0.0, 0.0}, {1.0, 0.0}, {0.0, 1.0}, {1.0, 1.0}, {0.0, 0.0}};
  const Labels y = {0, 1, 1, 1, 2};
  KNeighborsClassifier clf({.n_neighbors = 4, .weights = fitkit::NeighborsWeights::distance});
  clf.fit(X, y);
  // The query sits on rows 0 and 4 (classes 0 and 2): they share the vote, the others get none.
  const Matrix q = {{0.0, 0.0}};
  const Matrix proba = clf.predict_proba(q);
  CHECK(proba(0, 0) == 0.5);
  CHECK(proba(0, 1) == 0.0);
  CHECK(proba(0, 2) == 0.5);
  CHECK(clf.predict(q)(0) == 0);  // the tie goes to the lowest label
  KNeighborsRegressor reg({.n_neighbors = 3, .weights = fitkit::NeighborsWeights::distance});
  reg.fit(X, Vector{10.0, 1.0, 2.0, 3.0, 20.0});
  CHECK(reg.predict(q)(0) == 15.0);
  // Uniform: the plain vote, three classes 1 among four.
  KNeighborsClassifier uniform({.n_neighbors = 4});
  uniform.fit(X, y);
  CHECK(uniform.predict(Matrix{{0.9, 0.9}})(0) == 1);
}

TEST_CASE("kNN: save and load in both formats give the same predictions", "[knn]") {
  const Split s = split("wine.csv", "cultivar");
  KNeighborsClassifier clf({.n_neighbors = 6, .weights = fitkit::NeighborsWeights::distance});
  clf.fit(s.X, arma::conv_to<Labels>::from(s.y));
  KNeighborsRegressor reg({.n_neighbors = 4, .algorithm = NeighborsAlgorithm::brute});
  reg.fit(s.X, s.y);
  ScratchDir dir;
  for (const std::string name : {"m.bin", "m.json"}) {
    fitkit::save(clf, dir.file("c" + name));
    const auto c = fitkit::load<KNeighborsClassifier>(dir.file("c" + name));
    CHECK(arma::all(c.predict(s.Q) == clf.predict(s.Q)));
    CHECK(arma::approx_equal(c.predict_proba(s.Q), clf.predict_proba(s.Q), "absdiff", 0.0));
    CHECK(c.fit_method() == NeighborsAlgorithm::kd_tree);
    fitkit::save(reg, dir.file("r" + name));
    const auto r = fitkit::load<KNeighborsRegressor>(dir.file("r" + name));
    CHECK(arma::approx_equal(r.predict(s.Q), reg.predict(s.Q), "absdiff", 0.0));
    CHECK(r.fit_method() == NeighborsAlgorithm::brute);
  }
}

TEST_CASE("kNN: the same answers on one thread and on two", "[knn][determinism]") {
  arma::arma_rng::set_seed(12);
  const Matrix X = arma::randn<Matrix>(6000, 5), Q = arma::randn<Matrix>(4000, 5);
  const Vector y = arma::randn<Vector>(6000);
  for (const auto algorithm : {NeighborsAlgorithm::kd_tree, NeighborsAlgorithm::brute}) {
    KNeighborsRegressor reg({.n_neighbors = 5, .algorithm = algorithm});
    reg.fit(X, y);
    fitkit::set_num_threads(1);
    const KNeighbors one = reg.kneighbors(Q);
    fitkit::set_num_threads(2);
    const KNeighbors two = reg.kneighbors(Q);
    fitkit::set_num_threads(0);
    CHECK(arma::all(arma::vectorise(one.indices == two.indices)));
    CHECK(arma::approx_equal(one.distances, two.distances, "absdiff", 0.0));
  }
}

TEST_CASE("kNN: bad inputs are refused clearly", "[knn]") {
  const Split s = split("iris.csv", "species");
  const Labels y = arma::conv_to<Labels>::from(s.y);
  // More neighbours than training rows: at fit, in scikit-learn's words.
  KNeighborsClassifier many({.n_neighbors = 200});
  CHECK_THROWS_WITH(many.fit(s.X, y), Catch::Contains("Expected n_neighbors <= n_samples_fit") &&
                                          Catch::Contains("n_neighbors = 200"));
  CHECK_FALSE(many.is_fitted());
  KNeighborsRegressor big({.n_neighbors = 6});
  CHECK_THROWS_AS(big.fit(s.X.rows(0, 4), s.y.head(5)), fitkit::DataError);
  // n_neighbors <= 0, p < 1, leaf_size 0: refused by name.
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"n_neighbors", "0"}, {"n_neighbors", "-3"}, {"p", "0.5"}, {"leaf_size", "0"}}) {
    KNeighborsClassifier model;
    try {
      model.set_param(name, value);
      FAIL("accepted " << name << " = " << value);
    } catch (const fitkit::InvalidParameter& e) {
      CHECK(e.name() == name);
    }
  }
  KNeighborsClassifier bad_p({.p = 0.5});
  CHECK_THROWS_AS(bad_p.fit(s.X, y), fitkit::InvalidParameter);
  KNeighborsClassifier zero({.n_neighbors = 0});
  CHECK_THROWS_AS(zero.fit(s.X, y), fitkit::InvalidParameter);
  // Query-time k above the training rows, before fit, another width, NaN.
  KNeighborsClassifier clf;
  CHECK_THROWS_AS(clf.predict(s.Q), fitkit::NotFitted);
  clf.fit(s.X, y);
  CHECK_THROWS_WITH(clf.kneighbors(s.Q, 1000),
                    Catch::Contains("Expected n_neighbors <= n_samples_fit"));
  CHECK_THROWS_AS(clf.predict(s.Q.cols(0, 2)), fitkit::DimensionMismatch);
  Matrix nan = s.Q;
  nan(2, 1) = arma::datum::nan;
  CHECK_THROWS_AS(clf.predict_proba(nan), fitkit::DataError);
  // One class only.
  CHECK_THROWS_AS(KNeighborsClassifier().fit(s.X, Labels(s.X.n_rows, arma::fill::zeros)),
                  fitkit::DataError);
  // All training points identical: every query's neighbours are the first rows met (the heap
  // keeps the first of equal distances), at one distance.
  KNeighborsRegressor same({.n_neighbors = 3});
  same.fit(Matrix(10, 2, arma::fill::ones), arma::regspace<Vector>(0, 9));
  const KNeighbors k = same.kneighbors(Matrix{{0.0, 0.0}});
  CHECK(arma::all(arma::sort(arma::vectorise(k.indices)) == arma::uvec{0, 1, 2}));
  CHECK(same.predict(Matrix{{0.0, 0.0}})(0) == 1.0);
}
