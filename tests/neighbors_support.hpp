#pragma once
// What the neighbour tests share: the bundled data sets split as make_neighbors.py splits
// them, and neighbour lists compared with scikit-learn's.

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "fitkit/io/csv.hpp"
#include "fitkit/neighbors/neighbors_base.hpp"
#include "support.hpp"

namespace fitkit::test {

// A bundled data set split as make_neighbors.py splits it: rows i % 3 != 0 train, the others
// are queries; the first `limit` rows only when limit > 0.
struct Split {
  fitkit::Matrix X, Q;
  fitkit::Vector y, yq;
};

inline Split split(const std::string& name, const std::string& target, fitkit::Index limit = 0) {
  fitkit::io::CsvOptions options;
  options.target = target;
  const fitkit::Dataset data = fitkit::io::read_csv(source_path("datasets/" + name), options);
  const fitkit::Index n = limit > 0 ? limit : data.X.n_rows;
  std::vector<arma::uword> train, test;
  for (fitkit::Index i = 0; i < n; ++i) (i % 3 == 0 ? test : train).push_back(i);
  const arma::uvec tr(train), te(test);
  return {data.X.rows(tr), data.X.rows(te), data.y(tr), data.y(te)};
}

// Wine, standardised with the population deviation as make_neighbors.py does (numpy's std),
// then split: the mean and deviation are those of all rows, as the script standardises first.
inline Split standardised_wine() {
  Split s = split("wine.csv", "cultivar");
  const fitkit::Matrix all = arma::join_cols(s.X, s.Q);
  const arma::rowvec mean = arma::mean(all, 0);
  const arma::rowvec sd = arma::stddev(all, 1, 0);
  s.X = (s.X.each_row() - mean).each_row() / sd;
  s.Q = (s.Q.each_row() - mean).each_row() / sd;
  return s;
}

// How a search computed its distances: by the same sums as scikit-learn's (exact), or through
// GEMM (brute force's euclidean distances), whose rounding depends on the BLAS kernel.
enum class Arithmetic { exact, blas };

// Neighbour lists against scikit-learn's, position by position: the same rows in the same
// order, ties included. Distances to 1e-12 relative to the largest. Through GEMM (to 1e-9),
// distances that are equal or nearly so may be rounded apart, or together, otherwise under
// another BLAS kernel: a run of them is compared as a set, and a query whose k-th and
// (k+1)-th neighbours are such a pair (rounding_tie) is left out where the run reaches the
// k-th place. (Brute force's order of exact ties is checked in test_neighbor_ties.cpp, on
// integer data that every kernel computes exactly.) Returns the queries compared in full.
inline std::vector<Index> check_neighbours(const KNeighbors& got, const std::string& dir,
                                           Arithmetic arithmetic) {
  const Matrix want_indices = reference_matrix(dir + "indices.csv");
  const Matrix want = reference_matrix(dir + "distances.csv");
  const Vector rounding_tie = reference_vector(dir + "rounding_tie.csv");
  REQUIRE(got.indices.n_rows == want.n_rows);
  REQUIRE(got.indices.n_cols == want.n_cols);
  const double scale = want.max();
  const bool blas = arithmetic == Arithmetic::blas;
  const double tolerance = (blas ? 1e-9 : 1e-12) * scale;
  CHECK(arma::abs(got.distances - want).max() <= tolerance);
  const Index k = want.n_cols;
  std::vector<Index> compared;
  for (Index i = 0; i < want.n_rows; ++i) {
    INFO("query " << i);
    if (!blas) {
      CHECK(
          arma::all(arma::conv_to<arma::rowvec>::from(got.indices.row(i)) == want_indices.row(i)));
      compared.push_back(i);
      continue;
    }
    if (rounding_tie(i) == 0) compared.push_back(i);
    for (Index a = 0; a < k;) {
      Index b = a + 1;
      while (b < k && want(i, b) - want(i, b - 1) <= tolerance) ++b;
      std::vector<double> mine, theirs;
      for (Index r = a; r < b; ++r) {
        mine.push_back(static_cast<double>(got.indices(i, r)));
        theirs.push_back(want_indices(i, r));
      }
      std::sort(mine.begin(), mine.end());
      std::sort(theirs.begin(), theirs.end());
      INFO("places " << a << " to " << b - 1);
      if (b < k || rounding_tie(i) == 0) CHECK(mine == theirs);
      a = b;
    }
  }
  return compared;
}

}  // namespace fitkit::test
