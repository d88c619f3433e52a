#pragma once
// What every classifier shares (scikit-learn's ClassifierMixin): classes_ (the sorted distinct
// labels, any integer values), saved and checked by this base; predict returning those
// labels; accuracy as the score; and the checks a classification target needs (integer
// labels, at least two classes).
//
// A classifier derives from EstimatorWithParams<Itself, Params, Classifier> and implements
// fit_labels(X, y, sample_weight) and predict(X).

#include <iosfwd>
#include <string>
#include <string_view>

#include "fitkit/core/estimator.hpp"

namespace fitkit {

// The labels of y as integers; a DataError when y holds non-integer values (a continuous
// target given to a classifier).
Labels labels_from_values(const Vector& y, std::string_view estimator);

class Classifier : public Estimator {
 public:
  Tags tags() const override;  // classifier: requires y, predict, score

  const Labels& classes() const;  // sorted distinct labels seen in fit
  Index n_classes() const { return classes().n_elem; }
  Labels class_labels() const override { return classes(); }

  virtual Labels predict(const Matrix& X) const = 0;
  double score(const Matrix& X, const Labels& y, const Vector& sample_weight = {}) const;
  std::string score_name() const override { return "accuracy"; }

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override;
  virtual void fit_labels(const Matrix& X, const Labels& y, const Vector& sample_weight) = 0;
  Vector predict_values(const Matrix& X) const override;
  double score_values(const Matrix& X, const Vector& y, const Vector& sample_weight) const override;
  void write_base_state(detail::PayloadWriter& writer) const override;
  void read_base_state(detail::PayloadReader& reader, std::uint32_t version) override;

  // The typed fits call this first: checks X and y, and gives the sorted distinct labels and,
  // for each sample, the index of its label among them. It changes nothing: a fit stores
  // classes_ when it commits, so a fit that throws leaves the model as it was. Throws
  // DataError for a single class.
  struct ClassIndex {
    Labels classes;
    arma::uvec index;
  };
  ClassIndex index_classes(const Matrix& X, const Labels& y) const;
  // Maps class indices (e.g. argmax of scores) back to labels.
  Labels labels_of(const arma::uvec& class_index) const;

  // For `fitkit info`: the class name (from the data file) or label of class k.
  std::string class_label(Index k) const;
  // "classes: a b c".
  void describe_classes(std::ostream& out) const;
  // A linear classifier's coef (one row per problem) and intercepts, by class and feature
  // name; a single row belongs to the second class, as in scikit-learn's binary case.
  void describe_class_coefficients(std::ostream& out, const Matrix& coef,
                                   const Vector& intercept) const;

  Labels classes_;
};

}  // namespace fitkit
