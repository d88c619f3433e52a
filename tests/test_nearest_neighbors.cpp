// NearestNeighbors against scikit-learn (fixtures made by tests/reference/make_neighbors.py on
// standardised wine): kneighbors of queries and of the training rows themselves,
// radius_neighbors, the transform table, save/load, bad inputs.

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "fitkit/core/error.hpp"
#include "fitkit/model/model_io.hpp"
#include "fitkit/neighbors/nearest_neighbors.hpp"
#include "neighbors_support.hpp"
#include "support.hpp"

using fitkit::Index;
using fitkit::KNeighbors;
using fitkit::Matrix;
using fitkit::NearestNeighbors;
using fitkit::NeighborsAlgorithm;
using fitkit::RadiusNeighbors;
using fitkit::Vector;
using namespace fitkit::test;

TEST_CASE("NearestNeighbors: kneighbors and radius_neighbors as scikit-learn's",
          "[nearest_neighbors][reference]") {
  const Split s = standardised_wine();
  for (const auto algorithm : {NeighborsAlgorithm::kd_tree, NeighborsAlgorithm::brute}) {
    const bool brute = algorithm == NeighborsAlgorithm::brute;
    const std::string dir = std::string("neighbors/nn_wine_") + (brute ? "brute" : "kd_tree") + "/";
    INFO(dir);
    NearestNeighbors nn({.n_neighbors = 4, .radius = 2.5, .algorithm = algorithm});
    nn.fit(s.X);
    CHECK(nn.fit_method() == algorithm);
    CHECK(nn.n_samples_fit() == s.X.n_rows);
    check_neighbours(nn.kneighbors(s.Q), dir, brute ? Arithmetic::blas : Arithmetic::exact);

    // The training rows, each without itself.
    const KNeighbors self = nn.kneighbors();
    const Matrix self_indices = reference_matrix(dir + "self_indices.csv");
    const Matrix self_distances = reference_matrix(dir + "self_distances.csv");
    CHECK(arma::all(arma::vectorise(arma::conv_to<Matrix>::from(self.indices) == self_indices)));
    CHECK(arma::abs(self.distances - self_distances).max() <= 1e-9 * self_distances.max());

    // Within the radius: the same rows at the same distances, sorted by distance.
    const RadiusNeighbors within = nn.radius_neighbors(s.Q);
    const Vector counts = reference_vector(dir + "radius_counts.csv");
    const Vector indices = reference_vector(dir + "radius_indices.csv");
    const Vector distances = reference_vector(dir + "radius_distances.csv");
    REQUIRE(within.indices.size() == s.Q.n_rows);
    Index at = 0;
    for (Index i = 0; i < s.Q.n_rows; ++i) {
      INFO("query " << i);
      REQUIRE(within.indices[i].n_elem == static_cast<Index>(counts(i)));
      for (Index r = 0; r < within.indices[i].n_elem; ++r, ++at) {
        CHECK(static_cast<double>(within.indices[i](r)) == indices(at));
        CHECK(std::abs(within.distances[i](r) - distances(at)) <= 1e-9 * (1 + distances(at)));
      }
    }
    CHECK(arma::accu(counts) > 3 * s.Q.n_rows);  // the radius finds something
    // Another radius at query time; radius 0 finds only exact matches (none here).
    const RadiusNeighbors wider = nn.radius_neighbors(s.Q, 3.0);
    for (Index i = 0; i < s.Q.n_rows; ++i)
      CHECK(wider.indices[i].n_elem >= within.indices[i].n_elem);
    const RadiusNeighbors none = nn.radius_neighbors(s.Q, 0.0);
    for (Index i = 0; i < s.Q.n_rows; ++i) CHECK(none.indices[i].n_elem == 0);
  }
}

TEST_CASE("NearestNeighbors: transform is the kneighbors table", "[nearest_neighbors]") {
  const Split s = standardised_wine();
  NearestNeighbors nn({.n_neighbors = 3});
  nn.fit(s.X);
  const Matrix table = nn.transform(s.Q);
  const KNeighbors k = nn.kneighbors(s.Q);
  REQUIRE(table.n_cols == 6);
  CHECK(
      arma::approx_equal(table.cols(0, 2), arma::conv_to<Matrix>::from(k.indices), "absdiff", 0.0));
  CHECK(arma::approx_equal(table.cols(3, 5), k.distances, "absdiff", 0.0));
  CHECK(nn.feature_names_out() == std::vector<std::string>{"neighbor_0", "neighbor_1", "neighbor_2",
                                                           "distance_0", "distance_1",
                                                           "distance_2"});
  // A row of the training set finds itself first, at distance 0.
  const Matrix first = nn.transform(s.X.rows(0, 0));
  CHECK(first(0, 0) == 0.0);
  CHECK(first(0, 3) == 0.0);
}

TEST_CASE("NearestNeighbors: save and load in both formats", "[nearest_neighbors]") {
  const Split s = standardised_wine();
  NearestNeighbors nn({.n_neighbors = 4, .metric = fitkit::DistanceMetric::manhattan});
  nn.fit(s.X);
  ScratchDir dir;
  for (const std::string name : {"m.bin", "m.json"}) {
    fitkit::save(nn, dir.file(name));
    const auto back = fitkit::load<NearestNeighbors>(dir.file(name));
    CHECK(arma::approx_equal(back.transform(s.Q), nn.transform(s.Q), "absdiff", 0.0));
    CHECK(arma::approx_equal(back.fit_X(), s.X, "absdiff", 0.0));
  }
}

TEST_CASE("NearestNeighbors: bad inputs are refused clearly", "[nearest_neighbors]") {
  const Split s = standardised_wine();
  NearestNeighbors nn;
  CHECK_THROWS_AS(nn.kneighbors(s.Q), fitkit::NotFitted);
  CHECK_THROWS_AS(nn.kneighbors(), fitkit::NotFitted);
  CHECK_THROWS_AS(nn.fit(Matrix(0, 3)), fitkit::DataError);
  CHECK_THROWS_WITH(NearestNeighbors({.n_neighbors = 9}).fit(s.X.rows(0, 4)),
                    Catch::Contains("Expected n_neighbors <= n_samples_fit"));
  nn.fit(s.X);
  CHECK_THROWS_AS(nn.radius_neighbors(s.Q, -1.0), fitkit::InvalidParameter);
  CHECK_THROWS_AS(nn.kneighbors(s.X.n_rows), fitkit::InvalidParameter);  // k + 1 > n
  CHECK_THROWS_AS(nn.kneighbors(s.Q.cols(0, 3)), fitkit::DimensionMismatch);
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"n_neighbors", "0"},
                                                        {"radius", "-0.5"},
                                                        {"p", "0.99"},
                                                        {"metric", "cosine"},
                                                        {"algorithm", "ball_tree"}}) {
    NearestNeighbors model;
    CHECK_THROWS_AS(model.set_param(name, value), fitkit::InvalidParameter);
  }
}
