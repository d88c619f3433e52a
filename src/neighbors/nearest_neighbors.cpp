#include "fitkit/neighbors/nearest_neighbors.hpp"

#include "core/payload.hpp"

#include <ostream>

#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "neighbors/neighbors_common.hpp"

namespace fitkit {

NearestNeighbors& NearestNeighbors::fit(const Matrix& X) {
  validate_params(params_);
  check_fit_input(X, type_name());
  auto index = detail::build_index(X, params_, type_name());
  reset_fitted();
  fit_X_ = X;
  index_ = std::move(index);
  set_n_features_in(X.n_cols);
  return *this;
}

KNeighbors NearestNeighbors::kneighbors(const Matrix& X, Index n_neighbors) const {
  check_predict_input(X);
  return index_->kneighbors(X, detail::query_k(params_, n_neighbors));
}

KNeighbors NearestNeighbors::kneighbors(Index n_neighbors) const {
  if (!is_fitted()) throw NotFitted(type_name());
  return index_->kneighbors_of_fit(detail::query_k(params_, n_neighbors));
}

RadiusNeighbors NearestNeighbors::radius_neighbors(const Matrix& X,
                                                   std::optional<double> radius) const {
  check_predict_input(X);
  return index_->radius_neighbors(X, radius.value_or(params_.radius));
}

Matrix NearestNeighbors::transform(const Matrix& X) const {
  const KNeighbors found = kneighbors(X);
  return arma::join_rows(arma::conv_to<Matrix>::from(found.indices), found.distances);
}

std::vector<std::string> NearestNeighbors::feature_names_out() const {
  if (!is_fitted()) throw NotFitted(type_name());
  std::vector<std::string> names;
  for (int r = 0; r < params_.n_neighbors; ++r) names.push_back("neighbor_" + std::to_string(r));
  for (int r = 0; r < params_.n_neighbors; ++r) names.push_back("distance_" + std::to_string(r));
  return names;
}

Index NearestNeighbors::n_samples_fit() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return fit_X_.n_rows;
}

NeighborsAlgorithm NearestNeighbors::fit_method() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return index_->method();
}

const Matrix& NearestNeighbors::fit_X() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return fit_X_;
}

void NearestNeighbors::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  detail::describe_search(out, fit_X_.n_rows, index_->method());
}

template <class Archive>
void NearestNeighbors::serialize(Archive& ar, std::uint32_t /*version*/) {
  ar(cereal::make_nvp("fit_X", detail::arma_ref(fit_X_)));
  if constexpr (Archive::is_loading::value)
    index_ = detail::rebuild_index(fit_X_, n_features_in(), params_);
}

FITKIT_DEFINE_PAYLOAD(NearestNeighbors)

}  // namespace fitkit
