// DBSCAN against scikit-learn fixtures made by tests/reference/make_dbscan.py (labels and core
// samples identical, label for label, with every range search), predict against the nearest
// core sample computed from scikit-learn's fit, save/load in both formats, thread counts, and
// the bad inputs of DESIGN.md §8 and issue 9.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "core/parallel.hpp"
#include "fitkit/cluster/dbscan.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/model/model_io.hpp"
#include "support.hpp"

using fitkit::DBSCAN;
using fitkit::DBSCANAlgorithm;
using fitkit::DBSCANParams;
using fitkit::DistanceMetric;
using fitkit::Index;
using fitkit::Labels;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

struct Case {
  std::string name;
  std::string data;
  DBSCANParams params;
  bool weighted = false;
};

std::string trimmed_line(const std::string& path) {
  std::string text = read_file(path);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// Every case folder of tests/reference/dbscan (those with a labels.csv), sorted by name.
std::vector<Case> reference_cases() {
  std::vector<Case> cases;
  const std::filesystem::path root = source_path("tests/reference/dbscan");
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    if (!std::filesystem::exists(entry.path() / "labels.csv")) continue;
    Case c;
    c.name = entry.path().filename().string();
    c.data = trimmed_line((entry.path() / "data").string());
    const Vector p = reference_vector("dbscan/" + c.name + "/params.csv");
    c.params.eps = p(0);
    c.params.min_samples = static_cast<int>(p(1));
    c.params.metric = static_cast<DistanceMetric>(static_cast<int>(p(2)));
    c.params.p = p(3);
    c.weighted = c.name.find("weighted") != std::string::npos;
    cases.push_back(c);
  }
  std::sort(cases.begin(), cases.end(),
            [](const Case& a, const Case& b) { return a.name < b.name; });
  return cases;
}

Labels as_labels(const Vector& v) {
  return arma::conv_to<Labels>::from(v);
}

DBSCAN fit_case(const Case& c, DBSCANAlgorithm algorithm) {
  DBSCANParams params = c.params;
  params.algorithm = algorithm;
  DBSCAN model(params);
  const Matrix X = reference_matrix("dbscan/" + c.data + "/X.csv");
  if (c.weighted)
    model.fit(X, reference_vector("dbscan/" + c.data + "/w.csv"));
  else
    model.fit(X);
  return model;
}

Labels expected_core(const Case& c) {
  const Labels core = as_labels(reference_vector("dbscan/" + c.name + "/core_sample_indices.csv"));
  return core.n_elem == 1 && core(0) == -1 ? Labels() : core;
}

// n identical rows of `value` in d features.
Matrix identical_rows(Index n, Index d, double value) {
  return Matrix(n, d, arma::fill::value(value));
}

}  // namespace

TEST_CASE("DBSCAN gives scikit-learn's labels and core samples, label for label",
          "[dbscan][reference]") {
  const std::vector<Case> cases = reference_cases();
  REQUIRE(cases.size() >= 32);
  for (const DBSCANAlgorithm algorithm :
       {DBSCANAlgorithm::automatic, DBSCANAlgorithm::kd_tree, DBSCANAlgorithm::brute}) {
    for (const Case& c : cases) {
      INFO(c.name << " with algorithm " << fitkit::detail::enum_name(algorithm));
      const DBSCAN model = fit_case(c, algorithm);
      const Labels expected = as_labels(reference_vector("dbscan/" + c.name + "/labels.csv"));
      REQUIRE(model.labels().n_elem == expected.n_elem);
      CHECK(arma::accu(model.labels() != expected) == 0);
      const Labels core = expected_core(c);
      CHECK(model.core_sample_indices().n_elem == core.n_elem);
      if (model.core_sample_indices().n_elem == core.n_elem)
        CHECK(arma::all(arma::conv_to<Labels>::from(model.core_sample_indices()) == core));
      const Matrix X = reference_matrix("dbscan/" + c.data + "/X.csv");
      CHECK(arma::approx_equal(model.components(), Matrix(X.rows(model.core_sample_indices())),
                               "absdiff", 0.0));
    }
  }
}

TEST_CASE("DBSCAN predict gives the nearest core sample's cluster within eps",
          "[dbscan][reference]") {
  const Matrix Q = reference_matrix("dbscan/blobs3/queries.csv");
  int checked = 0;
  for (const Case& c : reference_cases()) {
    const std::string expected_path = "tests/reference/dbscan/" + c.name + "/predict.csv";
    if (!std::filesystem::exists(source_path(expected_path))) continue;
    for (const DBSCANAlgorithm algorithm :
         {DBSCANAlgorithm::automatic, DBSCANAlgorithm::kd_tree, DBSCANAlgorithm::brute}) {
      INFO(c.name << " with algorithm " << fitkit::detail::enum_name(algorithm));
      const DBSCAN model = fit_case(c, algorithm);
      const Labels expected = as_labels(reference_vector("dbscan/" + c.name + "/predict.csv"));
      const Labels predicted = model.predict(Q);
      CHECK(arma::accu(predicted != expected) == 0);
      // Some rows of every kind: in a cluster, and noise.
      CHECK(arma::any(expected >= 0));
      CHECK(arma::any(expected < 0));
      // On the training rows: core samples keep their cluster, noise stays noise.
      const Matrix X = reference_matrix("dbscan/" + c.data + "/X.csv");
      const Labels on_training = model.predict(X);
      const arma::uvec core = model.core_sample_indices();
      CHECK(arma::all(on_training(core) == model.labels()(core)));
      const arma::uvec noise = arma::find(model.labels() < 0);
      CHECK(arma::all(on_training(noise) == -1));
      ++checked;
    }
  }
  CHECK(checked >= 16);
}

TEST_CASE("DBSCAN save and load in both formats give the same model", "[dbscan]") {
  const std::vector<Case> cases = reference_cases();
  const auto it = std::find_if(cases.begin(), cases.end(),
                               [](const Case& c) { return c.name == "blobs3_weighted_e0.3_m5"; });
  REQUIRE(it != cases.end());
  const DBSCAN model = fit_case(*it, DBSCANAlgorithm::automatic);
  const Matrix Q = reference_matrix("dbscan/blobs3/queries.csv");
  ScratchDir dir;
  for (const std::string name : {"m.bin", "m.json"}) {
    fitkit::save(model, dir.file(name));
    const DBSCAN back = fitkit::load<DBSCAN>(dir.file(name));
    CHECK(back.get_params() == model.get_params());
    CHECK(arma::all(back.labels() == model.labels()));
    CHECK(arma::all(back.core_sample_indices() == model.core_sample_indices()));
    CHECK(arma::approx_equal(back.components(), model.components(), "absdiff", 0.0));
    CHECK(arma::all(back.predict(Q) == model.predict(Q)));
  }
}

TEST_CASE("DBSCAN gives the same labels on one thread and on two", "[dbscan][determinism]") {
  struct EveryKernelThreaded {
    EveryKernelThreaded() { fitkit::detail::set_min_nanoseconds_per_thread(0); }
    ~EveryKernelThreaded() {
      fitkit::detail::set_min_nanoseconds_per_thread(
          fitkit::detail::kDefaultMinNanosecondsPerThread);
    }
  } threaded;
  const int threads = fitkit::get_num_threads();
  for (const Case& c : reference_cases()) {
    if (c.data != "blobs3") continue;
    INFO(c.name);
    fitkit::set_num_threads(1);
    const DBSCAN one = fit_case(c, DBSCANAlgorithm::automatic);
    fitkit::set_num_threads(2);
    const DBSCAN two = fit_case(c, DBSCANAlgorithm::automatic);
    CHECK(arma::all(one.labels() == two.labels()));
    CHECK(arma::all(one.core_sample_indices() == two.core_sample_indices()));
  }
  fitkit::set_num_threads(threads);
}

TEST_CASE("DBSCAN: identical points, one point, far points", "[dbscan]") {
  for (const DBSCANAlgorithm algorithm :
       {DBSCANAlgorithm::automatic, DBSCANAlgorithm::kd_tree, DBSCANAlgorithm::brute}) {
    for (const Index d : {Index{1}, Index{2}, Index{3}, Index{5}}) {
      INFO("d = " << d << ", algorithm " << fitkit::detail::enum_name(algorithm));
      DBSCANParams params;
      params.algorithm = algorithm;
      // All points identical: one cluster, every point core.
      DBSCAN same(params);
      same.fit(identical_rows(20, d, 3.5));
      CHECK(arma::all(same.labels() == 0));
      CHECK(same.core_sample_indices().n_elem == 20);
      // Fewer identical points than min_samples: all noise, no core samples.
      DBSCAN few(params);
      few.fit(identical_rows(4, d, -1.0));
      CHECK(arma::all(few.labels() == -1));
      CHECK(few.core_sample_indices().is_empty());
      CHECK(few.components().n_rows == 0);
      CHECK(arma::all(few.predict(identical_rows(3, d, -1.0)) == -1));
      // A single point: noise, unless min_samples is 1.
      DBSCAN one(params);
      one.fit(identical_rows(1, d, 2.0));
      CHECK(one.labels().n_elem == 1);
      CHECK(one.labels()(0) == -1);
      params.min_samples = 1;
      DBSCAN alone(params);
      alone.fit(identical_rows(1, d, 2.0));
      CHECK(alone.labels()(0) == 0);
      CHECK(alone.predict(identical_rows(1, d, 2.0))(0) == 0);
      CHECK(alone.predict(identical_rows(1, d, 2.6))(0) == -1);  // farther than eps
      CHECK(alone.predict(identical_rows(1, d, 1e300))(0) == -1);
      // Points far apart, each its own cluster of one with min_samples = 1.
      Matrix apart(5, d, arma::fill::zeros);
      apart.col(0) = Vector{0.0, 1e6, -1e6, 1e-3 + 1e6, 5.0};
      alone.fit(apart);
      CHECK(arma::all(alone.labels() == Labels{0, 1, 2, 1, 3}));
    }
  }
}

TEST_CASE("DBSCAN refuses bad parameters and bad data", "[dbscan]") {
  const Matrix X = reference_matrix("dbscan/iris_std/X.csv");
  for (const double eps : {0.0, -0.5}) {
    DBSCAN model;
    CHECK_THROWS_AS(model.set_param("eps", std::to_string(eps)), fitkit::InvalidParameter);
    DBSCAN direct(DBSCANParams{.eps = eps});
    CHECK_THROWS_WITH(direct.fit(X), Catch::Matchers::Contains("eps"));
    CHECK_FALSE(direct.is_fitted());
  }
  DBSCAN no_samples(DBSCANParams{.min_samples = 0});
  CHECK_THROWS_WITH(no_samples.fit(X), Catch::Matchers::Contains("min_samples"));
  DBSCAN low_p(DBSCANParams{.metric = DistanceMetric::minkowski, .p = 0.5});
  CHECK_THROWS_AS(low_p.fit(X), fitkit::InvalidParameter);
  DBSCAN no_leaf;
  CHECK_THROWS_AS(no_leaf.set_param("leaf_size", "0"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(no_leaf.set_param("metric", "cosine"), fitkit::InvalidParameter);

  DBSCAN model;
  CHECK_THROWS_AS(model.predict(X), fitkit::NotFitted);
  CHECK_THROWS_AS(model.core_sample_indices(), fitkit::NotFitted);
  CHECK_THROWS_AS(model.fit(Matrix(0, 4)), fitkit::DataError);
  CHECK_THROWS_AS(model.fit(Matrix(10, 0)), fitkit::DataError);
  Matrix bad = X;
  bad(5, 2) = arma::datum::nan;
  CHECK_THROWS_AS(model.fit(bad), fitkit::DataError);
  bad(5, 2) = arma::datum::inf;
  CHECK_THROWS_AS(model.fit(bad), fitkit::DataError);
  Vector w(X.n_rows, arma::fill::ones);
  CHECK_THROWS_AS(model.fit(X, Vector(w.head(3))), fitkit::Error);
  w(0) = -1;
  CHECK_THROWS_AS(model.fit(X, w), fitkit::DataError);
  model.fit(X);
  CHECK_THROWS_AS(model.predict(Matrix(X.cols(0, 2))), fitkit::DimensionMismatch);
  bad = X;
  bad(0, 0) = arma::datum::nan;
  CHECK_THROWS_AS(model.predict(bad), fitkit::DataError);
}

TEST_CASE("DBSCAN: a weight of min_samples makes a core sample alone", "[dbscan]") {
  // Three points far apart; the middle one weighs 5.
  Matrix X(3, 2, arma::fill::zeros);
  X.col(0) = Vector{0.0, 10.0, 20.0};
  DBSCAN model;
  model.fit(X, Vector{1.0, 5.0, 4.75});
  CHECK(arma::all(model.labels() == Labels{-1, 0, -1}));
  CHECK(arma::all(model.core_sample_indices() == arma::uvec{1}));
}
