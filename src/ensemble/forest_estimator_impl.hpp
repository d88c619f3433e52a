#pragma once
// ForestEstimator's members (include/fitkit/ensemble/forest_estimator.hpp), for the .cpp
// files that instantiate it (forest_classifier.cpp, forest_regressor.cpp).

#include <ostream>
#include <type_traits>

#include "core/payload.hpp"
#include "ensemble/forest_archive.hpp"
#include "ensemble/forest_fit.hpp"
#include "fitkit/core/classifier.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/ensemble/forest_estimator.hpp"

namespace fitkit {

template <class D, class P, class B>
const std::vector<Tree>& ForestEstimator<D, P, B>::trees() const {
  if (!this->is_fitted()) throw NotFitted(this->type_name());
  return fitted_.trees;
}

template <class D, class P, class B>
arma::umat ForestEstimator<D, P, B>::apply(const Matrix& X) const {
  this->check_predict_input(X);
  return detail::forest_apply(fitted_, X);
}

template <class D, class P, class B>
const Vector& ForestEstimator<D, P, B>::feature_importances() const {
  if (!this->is_fitted()) throw NotFitted(this->type_name());
  return fitted_.feature_importances;
}

template <class D, class P, class B>
double ForestEstimator<D, P, B>::oob_score() const {
  if (!this->is_fitted()) throw NotFitted(this->type_name());
  if (!fitted_.oob_score)
    throw InvalidParameter("oob_score", "was false at fit: no out-of-bag score was computed");
  return *fitted_.oob_score;
}

template <class D, class P, class B>
Matrix ForestEstimator<D, P, B>::contributions(const Matrix& X) const {
  this->check_predict_input(X);
  return detail::forest_contributions(fitted_.trees, X);
}

template <class D, class P, class B>
Matrix ForestEstimator<D, P, B>::mean_value(const Matrix& X) const {
  this->check_predict_input(X);
  return detail::forest_mean_value(fitted_, X);
}

template <class D, class P, class B>
void ForestEstimator<D, P, B>::set_fitted(detail::FittedForest fitted, Index n_features) {
  fitted_ = std::move(fitted);
  this->set_n_features_in(n_features);
}

template <class D, class P, class B>
void ForestEstimator<D, P, B>::describe_fitted(std::ostream& out) const {
  if (!this->is_fitted()) throw NotFitted(this->type_name());
  if constexpr (std::is_base_of_v<Classifier, B>) this->describe_classes(out);
  detail::describe_forest(out, fitted_, this->feature_names());
}

template <class D, class P, class B>
template <class Archive>
void ForestEstimator<D, P, B>::serialize(Archive& ar, std::uint32_t /*version*/) {
  Index value_width = 1;
  if constexpr (std::is_base_of_v<Classifier, B>) value_width = this->classes_.n_elem;
  detail::serialize_forest(ar, fitted_, this->n_features_in(), value_width);
}

template <class D, class P, class B>
void ForestEstimator<D, P, B>::write_payload(detail::PayloadWriter& writer) const {
  writer.visit([this](auto& ar) {
    const_cast<ForestEstimator*>(this)->serialize(ar, this->class_version());
  });
}

template <class D, class P, class B>
void ForestEstimator<D, P, B>::read_payload(detail::PayloadReader& reader, std::uint32_t version) {
  reader.visit([this, version](auto& ar) { this->serialize(ar, version); });
}

}  // namespace fitkit
