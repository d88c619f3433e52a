// The shared distance kernels (core/pairwise.hpp) against a plain loop over the rows.

#include <catch2/catch.hpp>

#include "fitkit/core/error.hpp"
#include "fitkit/core/pairwise.hpp"
#include "fitkit/core/random.hpp"

using fitkit::Index;
using fitkit::Matrix;
using fitkit::Vector;

namespace {

Matrix direct_distances(const Matrix& A, const Matrix& B) {
  Matrix D(A.n_rows, B.n_rows);
  for (Index i = 0; i < A.n_rows; ++i)
    for (Index j = 0; j < B.n_rows; ++j) D(i, j) = arma::accu(arma::square(A.row(i) - B.row(j)));
  return D;
}

}  // namespace

TEST_CASE("row norms and pairwise squared distances agree with the direct sums",
          "[pairwise][reference]") {
  arma::arma_rng::set_seed(7);
  const Matrix A = arma::randn(57, 13) * 3.0 + 1.0;
  const Matrix B = arma::randn(11, 13);
  const Vector norms = fitkit::row_norms_squared(A);
  for (Index i = 0; i < A.n_rows; ++i)
    CHECK(norms(i) == Approx(arma::accu(arma::square(A.row(i)))).epsilon(1e-14));

  const Matrix D = fitkit::pairwise_squared_distances(A, B);
  const Matrix expected = direct_distances(A, B);
  REQUIRE(D.n_rows == A.n_rows);
  REQUIRE(D.n_cols == B.n_rows);
  // The expansion loses digits against the norms, not against the distance: bound by those.
  const double scale = norms.max() + fitkit::row_norms_squared(B).max();
  CHECK(arma::abs(D - expected).max() <= 1e-13 * scale);
  CHECK(D.min() >= 0.0);

  // A row against itself is clamped at zero, never negative.
  const Matrix self = fitkit::pairwise_squared_distances(A, A);
  CHECK(self.min() >= 0.0);
  CHECK(arma::abs(self.diag()).max() <= 1e-13 * norms.max());

  CHECK_THROWS_AS(fitkit::pairwise_squared_distances(A, Matrix(3, 12)), fitkit::DimensionMismatch);
}
