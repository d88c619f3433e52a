#pragma once
// The linear-algebra vocabulary every layer uses: scikit-learn's conventions on Armadillo.
// X is n_samples x n_features (column-major, so each feature is contiguous).

#include <armadillo>
#include <cstdint>

namespace fitkit {

using Matrix = arma::mat;
using Vector = arma::vec;
using RowVector = arma::rowvec;
using Labels = arma::Col<std::int64_t>;
using Index = arma::uword;

}  // namespace fitkit
