#include "fitkit/core/classifier.hpp"

#include "core/label_values.hpp"
#include "core/payload.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <string>

#include "fitkit/core/default_scores.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/params.hpp"
#include "fitkit/core/validation.hpp"

namespace fitkit {

namespace detail {

Index first_non_label(const Vector& y) {
  for (Index i = 0; i < y.n_elem; ++i)
    if (y(i) != std::round(y(i)) || std::abs(y(i)) > 9.0e15) return i;
  return y.n_elem;
}

}  // namespace detail

Labels labels_from_values(const Vector& y, std::string_view estimator) {
  check_finite(y, "y");
  const Index row = detail::first_non_label(y);
  if (row < y.n_elem)
    throw DataError(std::string(estimator) +
                    " is a classifier, but the target is continuous (row " +
                    std::to_string(row + 1) + " holds " + detail::format_double(y(row)) +
                    "); use a regressor, or give class labels");
  return arma::conv_to<Labels>::from(y);
}

Tags Classifier::tags() const {
  Tags t;
  t.kind = EstimatorKind::classifier;
  t.requires_y = true;
  t.predict = true;
  t.score = true;
  return t;
}

const Labels& Classifier::classes() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return classes_;
}

Classifier::ClassIndex Classifier::index_classes(const Matrix& X, const Labels& y) const {
  const Vector as_values = arma::conv_to<Vector>::from(y);
  check_fit_input(X, as_values, type_name());
  Labels classes = arma::unique(y);  // sorted
  if (classes.n_elem < 2)
    throw DataError(type_name() + " needs at least two classes, but the target has only one (" +
                    std::to_string(classes.n_elem ? classes(0) : 0) + ")");
  arma::uvec index(y.n_elem);
  for (Index i = 0; i < y.n_elem; ++i)
    index(i) = static_cast<arma::uword>(std::lower_bound(classes.begin(), classes.end(), y(i)) -
                                        classes.begin());
  return {std::move(classes), std::move(index)};
}

Labels Classifier::labels_of(const arma::uvec& class_index) const {
  Labels out(class_index.n_elem);
  for (Index i = 0; i < class_index.n_elem; ++i) out(i) = classes_(class_index(i));
  return out;
}

double Classifier::score(const Matrix& X, const Labels& y, const Vector& sample_weight) const {
  return accuracy_score(y, predict(X), sample_weight);
}

Vector Classifier::predict_values(const Matrix& X) const {
  return arma::conv_to<Vector>::from(predict(X));
}

double Classifier::score_values(const Matrix& X, const Vector& y,
                                const Vector& sample_weight) const {
  return score(X, labels_from_values(y, type_name()), sample_weight);
}

void Classifier::fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) {
  fit_labels(X, labels_from_values(y, type_name()), sample_weight);
}

void Classifier::write_base_state(detail::PayloadWriter& writer) const {
  writer.visit([this](auto& ar) {
    ar(cereal::make_nvp("classes", detail::arma_ref(const_cast<Labels&>(classes_))));
  });
}

void Classifier::read_base_state(detail::PayloadReader& reader, std::uint32_t /*version*/) {
  reader.visit([this](auto& ar) { ar(cereal::make_nvp("classes", detail::arma_ref(classes_))); });
  const Index k = classes_.n_elem;
  if (k < 2) throw detail::FormatProblem("fewer than two classes");
  for (Index i = 1; i < k; ++i)
    if (!(classes_(i - 1) < classes_(i)))
      throw detail::FormatProblem("classes are not sorted and distinct");
  // With class names, the labels index them.
  if (!class_names().empty() &&
      (classes_(0) < 0 || classes_(k - 1) >= static_cast<std::int64_t>(class_names().size())))
    throw detail::FormatProblem("the classes do not index the " +
                                std::to_string(class_names().size()) + " class names");
}

std::string Classifier::class_label(Index k) const {
  return k < class_names().size() ? class_names()[k] : std::to_string(classes_(k));
}

void Classifier::describe_classes(std::ostream& out) const {
  out << "classes:";
  for (Index k = 0; k < classes_.n_elem; ++k) out << " " << class_label(k);
  out << "\n";
}

void Classifier::describe_class_coefficients(std::ostream& out, const Matrix& coef,
                                             const Vector& intercept) const {
  for (Index r = 0; r < coef.n_rows; ++r) {
    out << "class " << class_label(coef.n_rows == 1 ? 1 : r) << ":\n";
    out << "  intercept: " << detail::format_double(intercept(r)) << "\n";
    for (Index j = 0; j < coef.n_cols; ++j) {
      const std::string name =
          j < feature_names().size() ? feature_names()[j] : "x" + std::to_string(j);
      out << "  " << name << ": " << detail::format_double(coef(r, j)) << "\n";
    }
  }
}

}  // namespace fitkit
