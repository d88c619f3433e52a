#include "fitkit/core/clusterer.hpp"

#include "core/payload.hpp"

#include "fitkit/core/error.hpp"

namespace fitkit {

Tags Clusterer::tags() const {
  Tags t;
  t.kind = EstimatorKind::clusterer;
  return t;
}

const Labels& Clusterer::labels() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return labels_;
}

Labels Clusterer::fit_predict(const Matrix& X, const Vector& y, const Vector& sample_weight) {
  fit(X, y, sample_weight);
  return labels_;
}

Labels Clusterer::predict(const Matrix&) const {
  if (tags().transductive)
    throw Error(type_name() + " labels only the rows it was fitted on: use fit_predict");
  refuse("predict");
}

Vector Clusterer::predict_values(const Matrix& X) const {
  return arma::conv_to<Vector>::from(predict(X));
}

Vector Clusterer::fit_predict_values(const Matrix& X, const Vector& y,
                                     const Vector& sample_weight) {
  fit_values(X, y, sample_weight);
  return arma::conv_to<Vector>::from(labels_);
}

void Clusterer::write_base_state(detail::PayloadWriter& writer) const {
  writer.visit([this](auto& ar) {
    ar(cereal::make_nvp("labels", detail::arma_ref(const_cast<Labels&>(labels_))));
  });
}

void Clusterer::read_base_state(detail::PayloadReader& reader, std::uint32_t /*version*/) {
  reader.visit([this](auto& ar) { ar(cereal::make_nvp("labels", detail::arma_ref(labels_))); });
  if (!labels_.is_empty() && labels_.min() < -1)
    throw detail::FormatProblem("a cluster label below -1 (noise)");
}

}  // namespace fitkit
