#include "fitkit/neighbors/kneighbors_regressor.hpp"

#include "core/payload.hpp"

#include <ostream>

#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "neighbors/neighbors_common.hpp"

namespace fitkit {

KNeighborsRegressor& KNeighborsRegressor::fit(const Matrix& X, const Vector& y) {
  validate_params(params_);
  check_fit_input(X, y, type_name());
  auto index = detail::build_index(X, params_, type_name());
  reset_fitted();
  fit_X_ = X;
  y_ = y;
  index_ = std::move(index);
  set_n_features_in(X.n_cols);
  return *this;
}

KNeighbors KNeighborsRegressor::kneighbors(const Matrix& X, Index n_neighbors) const {
  check_predict_input(X);
  return index_->kneighbors(X, detail::query_k(params_, n_neighbors));
}

Vector KNeighborsRegressor::predict(const Matrix& X) const {
  const KNeighbors found = kneighbors(X);
  const Index n = X.n_rows, k = found.indices.n_cols;
  Vector out(n);
  if (params_.weights == NeighborsWeights::uniform) {
    // numpy's mean over k values: summed in order (pairwise only from 8 on; k is small).
    for (Index i = 0; i < n; ++i) {
      double sum = 0;
      for (Index r = 0; r < k; ++r) sum += y_(found.indices(i, r));
      out(i) = sum / static_cast<double>(k);
    }
    return out;
  }
  const Matrix w = detail::inverse_distance_weights(found.distances);
  for (Index i = 0; i < n; ++i) {
    double num = 0, den = 0;
    for (Index r = 0; r < k; ++r) {
      num += y_(found.indices(i, r)) * w(i, r);
      den += w(i, r);
    }
    out(i) = num / den;
  }
  return out;
}

Index KNeighborsRegressor::n_samples_fit() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return fit_X_.n_rows;
}

NeighborsAlgorithm KNeighborsRegressor::fit_method() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return index_->method();
}

void KNeighborsRegressor::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  detail::describe_search(out, fit_X_.n_rows, index_->method());
}

template <class Archive>
void KNeighborsRegressor::serialize(Archive& ar, std::uint32_t /*version*/) {
  ar(cereal::make_nvp("fit_X", detail::arma_ref(fit_X_)),
     cereal::make_nvp("y", detail::arma_ref(y_)));
  if constexpr (Archive::is_loading::value) {
    if (y_.n_elem != fit_X_.n_rows)
      throw detail::FormatProblem("one target per training point expected");
    if (!y_.is_finite()) throw detail::FormatProblem("non-finite targets");
    index_ = detail::rebuild_index(fit_X_, n_features_in(), params_);
  }
}

FITKIT_DEFINE_PAYLOAD(KNeighborsRegressor)

}  // namespace fitkit
