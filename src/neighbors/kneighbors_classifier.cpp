#include "fitkit/neighbors/kneighbors_classifier.hpp"

#include "core/payload.hpp"

#include <ostream>

#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "neighbors/neighbors_common.hpp"

namespace fitkit {

Tags KNeighborsClassifier::tags() const {
  Tags t = Classifier::tags();
  t.predict_proba = true;
  return t;
}

void KNeighborsClassifier::fit_labels(const Matrix& X, const Labels& y,
                                      const Vector& /*sample_weight: not taken*/) {
  fit(X, y);
}

KNeighborsClassifier& KNeighborsClassifier::fit(const Matrix& X, const Labels& y) {
  validate_params(params_);
  ClassIndex classes = index_classes(X, y);
  auto index = detail::build_index(X, params_, type_name());
  reset_fitted();
  fit_X_ = X;
  y_ = std::move(classes.index);
  classes_ = std::move(classes.classes);
  index_ = std::move(index);
  set_n_features_in(X.n_cols);
  return *this;
}

KNeighbors KNeighborsClassifier::kneighbors(const Matrix& X, Index n_neighbors) const {
  check_predict_input(X);
  return index_->kneighbors(X, detail::query_k(params_, n_neighbors));
}

Matrix KNeighborsClassifier::votes(const Matrix& X) const {
  const KNeighbors found = kneighbors(X);
  const Index n = X.n_rows, k = found.indices.n_cols;
  Matrix out(n, classes_.n_elem, arma::fill::zeros);
  if (params_.weights == NeighborsWeights::uniform) {
    for (Index r = 0; r < k; ++r)
      for (Index i = 0; i < n; ++i) out(i, y_(found.indices(i, r))) += 1.0;
    return out;
  }
  const Matrix w = detail::inverse_distance_weights(found.distances);
  for (Index r = 0; r < k; ++r)  // in neighbour order, as scikit-learn adds them
    for (Index i = 0; i < n; ++i) out(i, y_(found.indices(i, r))) += w(i, r);
  return out;
}

Labels KNeighborsClassifier::predict(const Matrix& X) const {
  const Matrix v = votes(X);
  arma::uvec best(v.n_rows);
  for (Index i = 0; i < v.n_rows; ++i) {
    Index b = 0;  // the first of the largest: the lowest label on a tie
    for (Index c = 1; c < v.n_cols; ++c)
      if (v(i, c) > v(i, b)) b = c;
    best(i) = b;
  }
  return labels_of(best);
}

Matrix KNeighborsClassifier::predict_proba(const Matrix& X) const {
  Matrix v = votes(X);
  for (Index i = 0; i < v.n_rows; ++i) {
    double sum = 0;
    for (Index c = 0; c < v.n_cols; ++c) sum += v(i, c);
    if (sum == 0) sum = 1;
    for (Index c = 0; c < v.n_cols; ++c) v(i, c) /= sum;
  }
  return v;
}

Index KNeighborsClassifier::n_samples_fit() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return fit_X_.n_rows;
}

NeighborsAlgorithm KNeighborsClassifier::fit_method() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return index_->method();
}

void KNeighborsClassifier::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  describe_classes(out);
  detail::describe_search(out, fit_X_.n_rows, index_->method());
}

template <class Archive>
void KNeighborsClassifier::serialize(Archive& ar, std::uint32_t /*version*/) {
  ar(cereal::make_nvp("fit_X", detail::arma_ref(fit_X_)),
     cereal::make_nvp("y", detail::arma_ref(y_)));
  if constexpr (Archive::is_loading::value) {
    if (y_.n_elem != fit_X_.n_rows)
      throw detail::FormatProblem("one class per training point expected");
    if (y_.n_elem > 0 && y_.max() >= classes_.n_elem)
      throw detail::FormatProblem("a training point's class is out of range");
    index_ = detail::rebuild_index(fit_X_, n_features_in(), params_);
  }
}

FITKIT_DEFINE_PAYLOAD(KNeighborsClassifier)

}  // namespace fitkit
