#pragma once
// The polymorphic face of every estimator: what `load_any`, the CLI framework and the model
// file work through. Estimators add their typed API (fit(X, y), predict, coef(), ...) on top,
// named after scikit-learn's.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fitkit/core/dataset.hpp"
#include "fitkit/core/params.hpp"
#include "fitkit/core/types.hpp"

namespace fitkit {

namespace detail {
class PayloadWriter;  // see src/core/payload.hpp
class PayloadReader;
struct ModelAccess;  // the model loader restores the metadata below
}  // namespace detail

enum class EstimatorKind { regressor, classifier, clusterer, transformer };

class Estimator {
 public:
  Estimator() = default;
  Estimator(const Estimator&) = default;
  Estimator(Estimator&&) = default;
  Estimator& operator=(const Estimator&) = default;
  Estimator& operator=(Estimator&&) = default;
  virtual ~Estimator() = default;

  // Identity, as written into the model file's envelope.
  virtual std::string type_name() const = 0;
  virtual std::uint32_t class_version() const = 0;
  virtual EstimatorKind kind() const = 0;

  // Parameters by scikit-learn name (get_params / set_params).
  virtual std::vector<ParamInfo> param_info() const = 0;
  virtual ParamMap get_params() const = 0;
  virtual void set_param(std::string_view name, std::string_view value) = 0;

  bool is_fitted() const { return n_features_in_ > 0; }
  Index n_features_in() const { return n_features_in_; }
  const std::vector<std::string>& feature_names() const { return feature_names_; }
  const std::string& target_name() const { return target_name_; }
  const std::vector<std::string>& class_names() const { return class_names_; }
  // Names from the data file; must match the fitted width (empty clears them).
  void set_feature_names(std::vector<std::string> names);
  void set_class_names(std::vector<std::string> names) { class_names_ = std::move(names); }
  void set_target_name(std::string name) { target_name_ = std::move(name); }

  // Fit on a whole data set (its names are kept for the model file).
  void fit_dataset(const Dataset& data);
  // Incremental learning, as scikit-learn's partial_fit: one more pass over `data`, the model
  // created by the first call (which also keeps the names). `classes` (a classifier's labels,
  // as in y) is required on a classifier's first call. Throws fitkit::Error unless
  // supports_partial_fit().
  virtual bool supports_partial_fit() const { return false; }
  void partial_fit_dataset(const Dataset& data, const Vector& classes = {});
  // Regressors: predicted values; classifiers: class labels; clusterers: cluster indices.
  virtual Vector predict_values(const Matrix& X) const = 0;
  // Class probabilities, one column per class in classes() order; only for classifiers
  // that have predict_proba (others throw fitkit::Error).
  virtual bool has_predict_proba() const { return false; }
  // Classifiers: the labels the columns of predict_proba stand for; others: empty.
  virtual Labels class_labels() const { return {}; }
  virtual Matrix predict_proba_values(const Matrix& X) const;
  // scikit-learn's default score: R² for regressors, accuracy for classifiers.
  virtual double score_values(const Matrix& X, const Vector& y) const = 0;
  virtual std::string score_name() const = 0;
  // Transformers (kind() transformer) map X to new features; others throw fitkit::Error.
  virtual bool has_transform() const { return false; }
  virtual Matrix transform_values(const Matrix& X) const;
  // scikit-learn's get_feature_names_out: one name per column of transform_values, made from
  // the fitted feature names (x0, x1, ... when there are none).
  virtual std::vector<std::string> feature_names_out() const;
  // The learned state in readable form, for `fitkit info`.
  virtual void describe_fitted(std::ostream& out) const = 0;

  // Serialization of the learned state; implemented with FITKIT_DEFINE_PAYLOAD.
  virtual void write_payload(detail::PayloadWriter& writer) const = 0;
  virtual void read_payload(detail::PayloadReader& reader, std::uint32_t version) = 0;

  // Checks made at the public boundary of predict/score: fitted, same width, finite values.
  void check_predict_input(const Matrix& X) const;

 protected:
  virtual void fit_values(const Matrix& X, const Vector& y) = 0;
  virtual void partial_fit_values(const Matrix& X, const Vector& y, const Vector& classes);
  void set_n_features_in(Index n) { n_features_in_ = n; }
  // Called at the start of every fit: names from an earlier fit no longer apply.
  void reset_fitted() {
    n_features_in_ = 0;
    feature_names_.clear();
    target_name_.clear();
    class_names_.clear();
  }

 private:
  friend struct detail::ModelAccess;

  Index n_features_in_ = 0;
  std::vector<std::string> feature_names_;
  std::string target_name_;
  std::vector<std::string> class_names_;
};

// Gives an estimator its parameter struct and derives get/set/describe from Params::visit.
// Base is Estimator, or Classifier for classifiers.
template <class P, class Base = Estimator>
class EstimatorWithParams : public Base {
 public:
  using Params = P;

  explicit EstimatorWithParams(P params = {}) : params_(std::move(params)) {}

  const P& params() const { return params_; }
  P& params() { return params_; }

  std::vector<ParamInfo> param_info() const override {
    P copy = params_;
    return describe_params(copy);
  }
  ParamMap get_params() const override {
    P copy = params_;
    return params_to_map(copy);
  }
  void set_param(std::string_view name, std::string_view value) override {
    fitkit::set_param(params_, name, value);
  }

 protected:
  P params_;
};

}  // namespace fitkit
