// Equal distances come out in scikit-learn's order: KDTree queries and NearestNeighbors'
// kneighbors, kneighbors of the training rows and radius_neighbors, by kd-tree and by brute
// force, against fixtures of scikit-learn on integer grids with every point repeated
// (tests/reference/make_neighbors.py, ties/).

#include <omp.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fitkit/core/threads.hpp"
#include "fitkit/neighbors/kd_tree.hpp"
#include "fitkit/neighbors/nearest_neighbors.hpp"
#include "support.hpp"

using fitkit::DistanceMetric;
using fitkit::Index;
using fitkit::KDTree;
using fitkit::KNeighbors;
using fitkit::Matrix;
using fitkit::NearestNeighbors;
using fitkit::NeighborsAlgorithm;
using fitkit::RadiusNeighbors;
using namespace fitkit::test;

namespace {

// Sets an environment variable (or leaves it alone for nullptr) and puts it back after.
class ScopedEnvironment {
 public:
  ScopedEnvironment(const char* name, const char* value) : name_(name) {
    if (value == nullptr) return;
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value, 1);
    set_ = true;
  }
  ~ScopedEnvironment() {
    if (!set_) return;
    if (old_)
      setenv(name_, old_->c_str(), 1);
    else
      unsetenv(name_);
  }
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
  bool set_ = false;
};

struct TieMetric {
  const char* name;
  DistanceMetric metric;
  double p;
};

const TieMetric kTieMetrics[] = {{"euclidean", DistanceMetric::euclidean, 2.0},
                                 {"manhattan", DistanceMetric::manhattan, 1.0},
                                 {"chebyshev", DistanceMetric::chebyshev, 2.0},
                                 {"minkowski3", DistanceMetric::minkowski, 3.0},
                                 {"minkowski1.5", DistanceMetric::minkowski, 1.5}};

double direct_distance(const Matrix& Q, Index q, const Matrix& X, Index x, const TieMetric& m) {
  const arma::rowvec diff = arma::abs(Q.row(q) - X.row(x));
  switch (m.metric) {
    case DistanceMetric::euclidean:
      return std::sqrt(arma::accu(diff % diff));
    case DistanceMetric::manhattan:
      return arma::accu(diff);
    case DistanceMetric::chebyshev:
      return diff.max();
    case DistanceMetric::minkowski:
      return std::pow(arma::accu(arma::pow(diff, m.p)), 1.0 / m.p);
  }
  return 0;
}

void check_indices(const arma::Mat<arma::uword>& got, const std::string& file) {
  const Matrix want = reference_matrix(file);
  REQUIRE(got.n_rows == want.n_rows);
  REQUIRE(got.n_cols == want.n_cols);
  for (Index i = 0; i < want.n_rows; ++i) {
    INFO(file << " row " << i);
    CHECK(arma::all(arma::conv_to<arma::rowvec>::from(got.row(i)) == want.row(i)));
  }
}

void check_radius(const RadiusNeighbors& got, const std::string& dir, const Matrix& Q,
                  const Matrix& X, const TieMetric& m) {
  const fitkit::Vector counts = reference_vector(dir + "radius_counts.csv");
  const fitkit::Vector indices = reference_vector(dir + "radius_indices.csv");
  REQUIRE(got.indices.size() == counts.n_elem);
  Index at = 0;
  for (Index i = 0; i < counts.n_elem; ++i) {
    INFO(dir << " radius query " << i);
    const auto n = static_cast<Index>(counts(i));
    REQUIRE(got.indices[i].n_elem == n);
    for (Index r = 0; r < n; ++r) {
      CHECK(static_cast<double>(got.indices[i](r)) == indices(at + r));
      CHECK(std::abs(got.distances[i](r) - direct_distance(Q, i, X, got.indices[i](r), m)) <=
            1e-12);
    }
    at += n;
  }
}

}  // namespace

TEST_CASE("kd-tree: equal distances in scikit-learn's order", "[kd_tree][reference]") {
  const Matrix X = reference_matrix("neighbors/ties/X.csv");
  const Matrix Q = reference_matrix("neighbors/ties/Q.csv");
  for (const TieMetric& m : kTieMetrics)
    for (const Index leaf_size : {1, 3, 40}) {
      const std::string dir = std::string("neighbors/ties_kd_tree_") + m.name + "_leaf" +
                              std::to_string(leaf_size) + "/";
      INFO(dir);
      const KDTree tree(X, {.metric = m.metric, .p = m.p, .leaf_size = leaf_size});
      arma::Mat<arma::uword> indices;
      Matrix distances;
      tree.query(Q, 9, indices, distances);
      check_indices(indices, dir + "indices.csv");
      CHECK(arma::abs(distances - reference_matrix(dir + "distances.csv")).max() <= 1e-12);
      // Radius queries: the same rows (their order is NearestNeighbors' business, below).
      const fitkit::Vector counts = reference_vector(dir + "radius_counts.csv");
      const fitkit::Vector want = reference_vector(dir + "radius_indices.csv");
      Index at = 0;
      for (Index i = 0; i < Q.n_rows; ++i) {
        const arma::rowvec q = Q.row(i);
        std::vector<double> seen;
        tree.for_each_within(q.memptr(), 1.5,
                             [&](Index j, double) { seen.push_back(static_cast<double>(j)); });
        const auto n = static_cast<Index>(counts(i));
        std::vector<double> expected(want.begin() + at, want.begin() + at + n);
        std::sort(seen.begin(), seen.end());
        std::sort(expected.begin(), expected.end());
        CHECK(seen == expected);
        at += n;
      }
    }
}

TEST_CASE("NearestNeighbors: equal distances in scikit-learn's order, kd-tree and brute force",
          "[nearest_neighbors][reference]") {
  const Matrix X = reference_matrix("neighbors/ties/X_estimators.csv");
  const Matrix Q = reference_matrix("neighbors/ties/Q_estimators.csv");
  for (const TieMetric& m : kTieMetrics)
    for (const auto& [algorithm, name] : {std::pair{NeighborsAlgorithm::kd_tree, "kd_tree"},
                                          std::pair{NeighborsAlgorithm::brute, "brute"}}) {
      const std::string dir = std::string("neighbors/ties_nn_") + name + "_" + m.name + "/";
      INFO(dir);
      NearestNeighbors nn(
          {.n_neighbors = 12, .algorithm = algorithm, .metric = m.metric, .p = m.p});
      nn.fit(X);
      check_radius(nn.radius_neighbors(Q, 1.5), dir, Q, X, m);
      // The order does not depend on how fitkit shares the queries among its threads; brute
      // force's follows the threads scikit-learn would use (OMP_NUM_THREADS, at most the
      // cores), as scikit-learn's own does.
      const bool brute = algorithm == NeighborsAlgorithm::brute;
      std::vector<std::string> sklearn_threads{""};
      if (brute) {
        sklearn_threads = {"1"};
        if (omp_get_num_procs() >= 2) sklearn_threads.push_back("2");
      }
      for (const std::string& emulated : sklearn_threads) {
        const std::string suffix = brute ? "_threads" + emulated : "";
        ScopedEnvironment omp("OMP_NUM_THREADS", brute ? emulated.c_str() : nullptr);
        for (const int threads : {1, 2}) {
          INFO("scikit-learn threads " << emulated << ", fitkit threads " << threads);
          fitkit::set_num_threads(threads);
          const KNeighbors k = nn.kneighbors(Q);
          check_indices(k.indices, dir + "indices" + suffix + ".csv");
          CHECK(arma::abs(k.distances - reference_matrix(dir + "distances.csv")).max() <= 1e-12);
          check_indices(nn.kneighbors().indices, dir + "self_indices" + suffix + ".csv");
        }
        fitkit::set_num_threads(0);
      }
    }
}

TEST_CASE("NearestNeighbors: duplicates crowd a row out of its own list", "[nearest_neighbors]") {
  // Three copies of one point: with one neighbour, a copy's two nearest may both be other
  // copies, and kneighbors() then drops its first neighbour instead of the row itself.
  NearestNeighbors nn({.n_neighbors = 1});
  nn.fit(Matrix(fitkit::Vector{0.0, 0.0, 0.0, 5.0}));
  const KNeighbors self = nn.kneighbors();
  check_indices(self.indices, "neighbors/ties_crowded/self_indices.csv");
  CHECK(self.distances(0, 0) == 0.0);
  CHECK(self.distances(3, 0) == 5.0);
}
