// The kd-tree against a brute-force search written here (every metric, leaf sizes, exact ties
// and duplicates, skewed data) and against scikit-learn's KDTree (fixtures made by
// tests/reference/make_neighbors.py): k-nearest lists, radius visits and counts.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/neighbors/kd_tree.hpp"
#include "support.hpp"

using fitkit::DistanceMetric;
using fitkit::Index;
using fitkit::KDTree;
using fitkit::KDTreeOptions;
using fitkit::Matrix;
using namespace fitkit::test;

namespace {

double distance(const Matrix& A, Index a, const Matrix& B, Index b, DistanceMetric metric,
                double p) {
  double acc = 0;
  for (Index j = 0; j < A.n_cols; ++j) {
    const double diff = std::abs(A(a, j) - B(b, j));
    switch (metric) {
      case DistanceMetric::euclidean:
        acc += diff * diff;
        break;
      case DistanceMetric::manhattan:
        acc += diff;
        break;
      case DistanceMetric::chebyshev:
        acc = std::max(acc, diff);
        break;
      case DistanceMetric::minkowski:
        acc += std::pow(diff, p);
        break;
    }
  }
  if (metric == DistanceMetric::euclidean) return std::sqrt(acc);
  if (metric == DistanceMetric::minkowski) return std::pow(acc, 1.0 / p);
  return acc;
}

struct Brute {
  arma::Mat<arma::uword> indices;
  Matrix distances;
};

// Every point, sorted by distance, ties by index.
Brute brute_force(const Matrix& X, const Matrix& Q, Index k, DistanceMetric metric, double p) {
  Brute out{arma::Mat<arma::uword>(Q.n_rows, k), Matrix(Q.n_rows, k)};
  for (Index q = 0; q < Q.n_rows; ++q) {
    std::vector<std::pair<double, Index>> all;
    for (Index i = 0; i < X.n_rows; ++i) all.emplace_back(distance(Q, q, X, i, metric, p), i);
    std::sort(all.begin(), all.end());
    for (Index r = 0; r < k; ++r) {
      out.indices(q, r) = all[r].second;
      out.distances(q, r) = all[r].first;
    }
  }
  return out;
}

Matrix random_matrix(Index n, Index d, unsigned seed) {
  arma::arma_rng::set_seed(seed);
  return arma::randn<Matrix>(n, d);
}

const std::pair<DistanceMetric, double> kMetrics[] = {{DistanceMetric::euclidean, 2.0},
                                                      {DistanceMetric::manhattan, 1.0},
                                                      {DistanceMetric::chebyshev, 2.0},
                                                      {DistanceMetric::minkowski, 3.0},
                                                      {DistanceMetric::minkowski, 1.5}};

void check_against_brute(const Matrix& X, const Matrix& Q, Index k, Index leaf_size) {
  for (const auto& [metric, p] : kMetrics) {
    INFO("metric " << static_cast<int>(metric) << " p " << p << " k " << k << " leaf "
                   << leaf_size);
    const KDTree tree(X, {.metric = metric, .p = p, .leaf_size = leaf_size});
    arma::Mat<arma::uword> indices;
    Matrix distances;
    tree.query(Q, k, indices, distances);
    const Brute expected = brute_force(X, Q, k, metric, p);
    REQUIRE(indices.n_rows == Q.n_rows);
    REQUIRE(indices.n_cols == k);
    // The distance of the k-th neighbour decides which points qualify; where two points lie
    // at the same distance by one computation and one ulp apart by the other, the lists may
    // differ in order, so the test data have no near ties (random normal data) or exact
    // ones (integer grids, where every computation is exact).
    CHECK(arma::all(arma::vectorise(indices == expected.indices)));
    CHECK(arma::abs(distances - expected.distances).max() <=
          1e-12 * (1 + expected.distances.max()));

    // Radius visits and counts just past the distance of the 3rd neighbour of each query
    // (a radius equal to a distance is decided by the rounding of its square).
    for (Index q = 0; q < Q.n_rows; ++q) {
      const Matrix query = Q.row(q);
      const double radius = expected.distances(q, std::min<Index>(2, k - 1)) * (1 + 1e-9);
      std::vector<Index> seen;
      bool distances_right = true;
      tree.for_each_within(query.memptr(), radius, [&](Index i, double d) {
        seen.push_back(i);
        if (std::abs(d - distance(Q, q, X, i, metric, p)) > 1e-12 * (1 + d))
          distances_right = false;
      });
      std::sort(seen.begin(), seen.end());
      std::vector<Index> want;
      for (Index i = 0; i < X.n_rows; ++i)
        if (distance(Q, q, X, i, metric, p) <= radius) want.push_back(i);
      CHECK(seen.size() >= std::min<std::size_t>(3, k));
      CHECK(seen == want);
      CHECK(distances_right);
      CHECK(tree.count_within(query.memptr(), radius) == seen.size());
      CHECK(tree.count_within(query.memptr(), radius, 2) == std::min<std::size_t>(2, seen.size()));
    }
  }
}

}  // namespace

TEST_CASE("kd-tree: k nearest and radius queries equal brute force on random data", "[kd_tree]") {
  const Matrix X = random_matrix(900, 3, 1);
  const Matrix Q = random_matrix(60, 3, 2) * 1.3;
  for (Index leaf_size : {1, 5, 40, 2000})
    for (Index k : {1, 4, 17}) check_against_brute(X, Q, k, leaf_size);
  // Higher dimension, a query set that is the training set.
  const Matrix Y = random_matrix(400, 9, 3);
  check_against_brute(Y, Y.rows(0, 49), 6, 10);
}

TEST_CASE("kd-tree: all points equal", "[kd_tree]") {
  // No feature has any spread: every split is at the median row all the same, and every
  // query finds k of the points, all at one distance.
  const Matrix same(100, 4, arma::fill::ones);
  const KDTree tree(same, {.leaf_size = 5});
  arma::Mat<arma::uword> indices;
  Matrix distances;
  tree.query(Matrix(3, 4, arma::fill::zeros), 10, indices, distances);
  CHECK(arma::all(arma::vectorise(distances) == 2.0));
  for (Index q = 0; q < 3; ++q) CHECK(arma::unique(indices.row(q)).eval().n_elem == 10);
  const arma::rowvec one(4, arma::fill::ones);
  CHECK(tree.count_within(one.memptr(), 0.0) == 100);
}

TEST_CASE("kd-tree: skewed data builds a deep tree without trouble", "[kd_tree]") {
  // Powers of two along one axis: splits at midpoints would peel one point at a time; median
  // splits do not care, and the bounds still hold at every scale.
  Matrix X(300, 2, arma::fill::zeros);
  for (Index i = 0; i < X.n_rows; ++i) X(i, 0) = std::ldexp(1.0, static_cast<int>(i));
  X.col(1) = arma::linspace(0, 1, X.n_rows);
  check_against_brute(X, X.rows(0, 20), 3, 1);
}

TEST_CASE("kd-tree: agrees with scikit-learn's KDTree", "[kd_tree][reference]") {
  const Matrix X = reference_matrix("neighbors/kd_tree/X.csv");
  const Matrix Q = reference_matrix("neighbors/kd_tree/Q.csv");
  const std::pair<const char*, KDTreeOptions> cases[] = {
      {"euclidean", {.metric = DistanceMetric::euclidean}},
      {"manhattan", {.metric = DistanceMetric::manhattan}},
      {"chebyshev", {.metric = DistanceMetric::chebyshev}},
      {"minkowski", {.metric = DistanceMetric::minkowski, .p = 3.0}}};
  for (const auto& [name, options] : cases) {
    INFO(name);
    const std::string dir = std::string("neighbors/kd_tree_") + name + "/";
    const KDTree tree(X, options);
    arma::Mat<arma::uword> indices;
    Matrix distances;
    tree.query(Q, 7, indices, distances);
    const Matrix expected_indices = reference_matrix(dir + "indices.csv");
    const Matrix expected_distances = reference_matrix(dir + "distances.csv");
    CHECK(arma::all(arma::vectorise(arma::conv_to<Matrix>::from(indices) == expected_indices)));
    CHECK(arma::abs(distances - expected_distances).max() <= 1e-13 * expected_distances.max());
    const double radius = reference_scalar(dir + "radius.csv");
    const arma::vec counts = reference_vector(dir + "counts.csv");
    for (Index q = 0; q < Q.n_rows; ++q) {
      const Matrix query = Q.row(q);
      CHECK(tree.count_within(query.memptr(), radius) == static_cast<Index>(counts(q)));
    }
  }
}

TEST_CASE("kd-tree: the same answers on one thread and on two", "[kd_tree][determinism]") {
  const Matrix X = random_matrix(5000, 4, 5);
  const Matrix Q = random_matrix(3000, 4, 6);
  const KDTree tree(X);
  arma::Mat<arma::uword> one, two;
  Matrix d1, d2;
  fitkit::set_num_threads(1);
  tree.query(Q, 5, one, d1);
  fitkit::set_num_threads(2);
  tree.query(Q, 5, two, d2);
  fitkit::set_num_threads(0);
  CHECK(arma::all(arma::vectorise(one == two)));
  CHECK(arma::approx_equal(d1, d2, "absdiff", 0.0));
}

TEST_CASE("kd-tree: bad inputs are refused clearly", "[kd_tree]") {
  const Matrix X = random_matrix(10, 2, 7);
  CHECK_THROWS_AS(KDTree(Matrix(0, 2)), fitkit::DataError);
  CHECK_THROWS_AS(KDTree(Matrix(3, 0)), fitkit::DataError);
  CHECK_THROWS_AS(KDTree(X, {.metric = DistanceMetric::minkowski, .p = 0.5}),
                  fitkit::InvalidParameter);
  CHECK_THROWS_AS(KDTree(X, {.leaf_size = 0}), fitkit::InvalidParameter);
  const KDTree tree(X);
  arma::Mat<arma::uword> indices;
  Matrix distances;
  CHECK_THROWS_WITH(tree.query(X, 11, indices, distances),
                    Catch::Contains("Expected n_neighbors <= n_samples_fit"));
  CHECK_THROWS_AS(tree.query(X, 0, indices, distances), fitkit::InvalidParameter);
  CHECK_THROWS_AS(tree.query(Matrix(2, 3, arma::fill::zeros), 1, indices, distances),
                  fitkit::DimensionMismatch);
  tree.query(X, 10, indices, distances);  // k = n is fine
  CHECK(indices.n_cols == 10);
  // A negative radius finds nothing; radius 0 finds the point itself.
  const Matrix q = X.row(3);
  CHECK(tree.count_within(q.memptr(), -1.0) == 0);
  CHECK(tree.count_within(q.memptr(), 0.0) == 1);
}
