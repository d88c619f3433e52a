#pragma once
// The polymorphic face of every estimator: what `load_any`, the CLI framework, pipelines and
// model selection work through. It is scikit-learn's API (fit, predict, predict_proba,
// decision_function, transform, fit_predict, score, partial_fit, clone, get/set params) on
// matrices and vectors; each estimator adds its typed API on top (fit(X, Labels), coef(),
// ...), named after scikit-learn's, whose names hide these for a caller that holds the type.
//
// An estimator derives from EstimatorWithParams<Itself, Params, Base>, where Base is one of
// Regressor, Classifier, Clusterer, Transformer or OutlierDetector (or a family's base under
// them), declares its Tags, and implements the protected hooks its tags promise.

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fitkit/core/dataset.hpp"
#include "fitkit/core/params.hpp"
#include "fitkit/core/tags.hpp"
#include "fitkit/core/types.hpp"

namespace fitkit {

namespace detail {
class PayloadWriter;  // see src/core/payload.hpp
class PayloadReader;
struct Envelope;  // see src/core/envelope.hpp
}  // namespace detail

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
  virtual Tags tags() const = 0;
  EstimatorKind kind() const { return tags().kind; }

  // An unfitted estimator of the same type with the same parameters (scikit-learn's clone).
  virtual std::unique_ptr<Estimator> clone() const = 0;

  // Parameters by scikit-learn name (get_params / set_params).
  virtual std::vector<ParamInfo> param_info() const = 0;
  virtual ParamMap get_params() const = 0;
  virtual void set_param(std::string_view name, std::string_view value) = 0;
  // In the map's order, except where an estimator made of others sets its list of parts first.
  virtual void set_params(const ParamMap& values);
  // Every parameter back to its default.
  virtual void reset_params() = 0;

  bool is_fitted() const { return n_features_in_ > 0; }
  Index n_features_in() const { return n_features_in_; }
  const std::vector<std::string>& feature_names() const { return feature_names_; }
  const std::string& target_name() const { return target_name_; }
  const std::vector<std::string>& class_names() const { return class_names_; }
  // Names from the data file; must match the fitted width (empty clears them).
  void set_feature_names(std::vector<std::string> names);
  void set_class_names(std::vector<std::string> names) { class_names_ = std::move(names); }
  // Per feature, the texts of a categorical column's codes (empty for a numeric column; no
  // entries when the data had no text columns): kept from Dataset::feature_categories by
  // fit_dataset, so that predict reads a data file's texts as the same codes.
  const std::vector<std::vector<std::string>>& feature_categories() const {
    return feature_categories_;
  }
  void set_target_name(std::string name) { target_name_ = std::move(name); }
  // Whether the LIBSVM file it was fitted on counted features from 0 (unset: not fitted on a
  // LIBSVM file). The model file keeps it, so that predict reads LIBSVM files the same way.
  const std::optional<bool>& libsvm_zero_based() const { return libsvm_zero_based_; }
  void set_libsvm_zero_based(std::optional<bool> zero_based) { libsvm_zero_based_ = zero_based; }

  // ---- fitting -------------------------------------------------------------------------------
  // y: empty for estimators that learn from X alone (a given y is then ignored); labels as
  // numbers for classifiers. sample_weight: empty, or one per row (tags().sample_weight).
  Estimator& fit(const Matrix& X, const Vector& y = {}, const Vector& sample_weight = {});
  // Fit on a data set: its sample weights are used and its names kept for the model file.
  // Its categorical (text) columns are added to the parameter categorical_features of an
  // estimator tagged categorical; any other estimator refuses them.
  Estimator& fit_dataset(const Dataset& data);
  // Incremental learning, as scikit-learn's partial_fit (tags().partial_fit): one more pass
  // over (X, y), the model created by the first call. `classes` (every label y will hold) is
  // required on a classifier's first call.
  Estimator& partial_fit(const Matrix& X, const Vector& y, const Vector& classes = {},
                         const Vector& sample_weight = {});
  // The same on a data set; the first call also keeps its names.
  Estimator& partial_fit_dataset(const Dataset& data, const Vector& classes = {});

  // ---- using the fitted model (each throws fitkit::Error unless its tag is set) -----------------
  // Regressors: values; classifiers: class labels; clusterers: cluster indices; outlier
  // detectors: +1 inlier, -1 outlier.
  Vector predict(const Matrix& X) const;
  // One column per class, in class_labels() order; rows sum to 1.
  virtual Matrix predict_proba(const Matrix& X) const;
  // Classifiers: one column per class, or one (the second class's score) for two classes.
  // Outlier detectors: one column, negative for outliers.
  virtual Matrix decision_function(const Matrix& X) const;
  // Transformers: X mapped to new features, named by feature_names_out().
  virtual Matrix transform(const Matrix& X) const;
  // Each feature's contribution to each prediction (tags().contributions; TreeSHAP for tree
  // models, see fitkit/tree/tree_shap.hpp): n_rows x (n_features_in() + 1) per output, the
  // last column of each block the expected value, so that a block's row sums to the raw
  // prediction it explains. The outputs, one block each, side by side: decision_function's
  // columns when the estimator has one (raw scores, e.g. a boosted classifier's log-odds),
  // else a classifier's predict_proba columns, else a regressor's prediction (one block).
  virtual Matrix contributions(const Matrix& X) const;
  // fit, then predict on the same rows; for a transductive estimator (DBSCAN) the only way
  // to get labels.
  Vector fit_predict(const Matrix& X, const Vector& y = {}, const Vector& sample_weight = {});
  // The same on a data set, keeping its names as fit_dataset does.
  Vector fit_predict_dataset(const Dataset& data);
  Matrix fit_transform(const Matrix& X, const Vector& y = {}, const Vector& sample_weight = {});
  // scikit-learn's default score: R² for regressors, accuracy for classifiers, the
  // estimator's own for clusterers (y ignored).
  double score(const Matrix& X, const Vector& y = {}, const Vector& sample_weight = {}) const;
  // The name `score` prints: "R2", "accuracy", ...
  virtual std::string score_name() const { return "score"; }
  // Classifiers: the labels the columns of predict_proba stand for; others: empty.
  virtual Labels class_labels() const { return {}; }
  // scikit-learn's get_feature_names_out: one name per column of transform, made from the
  // fitted feature names (x0, x1, ... when there are none).
  virtual std::vector<std::string> feature_names_out() const;
  // The parameter that fit_dataset adds a data set's text columns to, by position, when
  // tags().categorical ("categorical_features"; a pipeline's is its first step's; empty for
  // one that hands each column on to a part, which takes or refuses its text).
  virtual std::string categorical_features_param() const { return "categorical_features"; }
  // The learned state in readable form, for `fitkit info`.
  virtual void describe_fitted(std::ostream& out) const = 0;

  // What every method that uses the fitted model checks first (each estimator's predict,
  // predict_proba, decision_function and transform call it; the common checks test that they
  // do): fitted, the fitted width, finite values (unless tags().allow_nan).
  void check_predict_input(const Matrix& X) const;

  // ---- model files -------------------------------------------------------------------------
  // The learned state, as a model file (or a nested estimator inside one) holds it after the
  // envelope. read_state takes the envelope read before it (parameters, names, width), then
  // runs `verify` (the file's own checks after the state: a checksum, stray bytes), and
  // leaves the estimator unfitted, with its old parameters, if anything is refused.
  void write_state(detail::PayloadWriter& writer) const;
  void read_state(detail::PayloadReader& reader, const detail::Envelope& envelope,
                  const std::function<void()>& verify = {});
  // What the estimator itself serializes; implemented with FITKIT_DEFINE_PAYLOAD.
  virtual void write_payload(detail::PayloadWriter& writer) const = 0;
  virtual void read_payload(detail::PayloadReader& reader, std::uint32_t version) = 0;

 protected:
  // The hooks behind the public face, implemented by the base classes and estimators. Inputs
  // reach them checked against the tags (a target when required, weights when taken).
  virtual void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) = 0;
  virtual void partial_fit_values(const Matrix& X, const Vector& y, const Vector& classes,
                                  const Vector& sample_weight);
  virtual Vector predict_values(const Matrix& X) const;
  virtual Vector fit_predict_values(const Matrix& X, const Vector& y, const Vector& sample_weight);
  // fit, then transform; an estimator whose fit gives its transform of X for free overrides it.
  virtual Matrix fit_transform_values(const Matrix& X, const Vector& y,
                                      const Vector& sample_weight);
  virtual double score_values(const Matrix& X, const Vector& y, const Vector& sample_weight) const;
  // State kept by a base class (a classifier's classes), written before the estimator's own.
  virtual void write_base_state(detail::PayloadWriter& writer) const;
  virtual void read_base_state(detail::PayloadReader& reader, std::uint32_t version);

  // Throws fitkit::Error "<type> has no <what>".
  [[noreturn]] void refuse(std::string_view what) const;

  void set_n_features_in(Index n) { n_features_in_ = n; }
  // Called at the start of every fit: names from an earlier fit no longer apply.
  void reset_fitted() {
    n_features_in_ = 0;
    feature_names_.clear();
    target_name_.clear();
    class_names_.clear();
    feature_categories_.clear();
    libsvm_zero_based_.reset();
  }

 private:
  void keep_names(const Dataset& data);

  Index n_features_in_ = 0;
  std::vector<std::string> feature_names_;
  std::string target_name_;
  std::vector<std::string> class_names_;
  std::vector<std::vector<std::string>> feature_categories_;
  std::optional<bool> libsvm_zero_based_;
};

// Gives an estimator its parameter struct, clone(), and get/set/describe derived from
// Params::visit. Derived is the estimator itself (CRTP); Base its kind's base class.
template <class Derived, class P, class Base>
class EstimatorWithParams : public Base {
 public:
  using Params = P;

  explicit EstimatorWithParams(P params = {}) : params_(std::move(params)) {}

  const P& params() const { return params_; }
  P& params() { return params_; }

  std::unique_ptr<Estimator> clone() const override { return std::make_unique<Derived>(params_); }
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
  void reset_params() override { params_ = P{}; }

 protected:
  P params_;
};

}  // namespace fitkit
