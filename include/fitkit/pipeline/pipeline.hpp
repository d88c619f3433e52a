#pragma once
// scikit-learn's Pipeline: transformers applied in turn, then a final estimator of any kind,
// all fitted, saved and used as one estimator.
//
//   fitkit::Pipeline model;
//   model.add("scale", std::make_unique<fitkit::StandardScaler>())
//       .add("svc", std::make_unique<fitkit::SVC>());
//   model.set_param("svc__C", "10");   // a step's parameter by scikit-learn's step__param name
//   model.fit(X, labels);              // the scaler learns X, the SVC learns the scaled X
//   model.predict(X_new);              // X_new scaled as X was, then classified
//   fitkit::save(model, "m.bin");      // one file: each step with its own envelope
//
// The pipeline is of its final step's kind and offers what that step offers (predict,
// predict_proba, decision_function, transform, score); NaN is allowed where every step up to
// an imputer allows it, and text columns of a data file where the first step takes them.
// Sample weights go to the final step, as scikit-learn's `final__sample_weight`.
//
// Its parameters are its steps' parameters named `step__param`, and `steps`, the steps as
// `name=Type,name=Type` (registered type names): setting `steps` to another list makes those
// steps afresh with their default parameters.

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "fitkit/core/estimator.hpp"
#include "fitkit/pipeline/named_estimators.hpp"

namespace fitkit {

class Pipeline : public Estimator {
 public:
  Pipeline() = default;
  explicit Pipeline(std::vector<NamedEstimator> steps);
  // A copy would share or drop the fitted steps: clone() makes an unfitted one.
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;
  Pipeline(Pipeline&&) = default;
  Pipeline& operator=(Pipeline&&) = default;

  // Appends a step (before fitting): every step but the last must transform.
  Pipeline& add(std::string name, std::unique_ptr<Estimator> estimator);
  const std::vector<NamedEstimator>& steps() const { return steps_.items(); }
  // The step of that name (InvalidParameter when there is none), e.g. to read its coef().
  const Estimator& step(const std::string& name) const;
  const Estimator& final_estimator() const;

  std::string type_name() const override { return "Pipeline"; }
  std::uint32_t class_version() const override { return 1; }
  Tags tags() const override;
  std::unique_ptr<Estimator> clone() const override;
  std::vector<ParamInfo> param_info() const override;
  ParamMap get_params() const override;
  void set_param(std::string_view name, std::string_view value) override;
  void set_params(const ParamMap& values) override;
  void reset_params() override;

  Matrix predict_proba(const Matrix& X) const override;
  Matrix decision_function(const Matrix& X) const override;
  Matrix transform(const Matrix& X) const override;
  std::string score_name() const override;
  Labels class_labels() const override;
  std::vector<std::string> feature_names_out() const override;
  void describe_fitted(std::ostream& out) const override;
  std::string categorical_features_param() const override;

  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override;
  Vector predict_values(const Matrix& X) const override;
  Vector fit_predict_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override;
  double score_values(const Matrix& X, const Vector& y, const Vector& sample_weight) const override;

 private:
  // X through every step but the last (each fitted).
  Matrix through_transformers(const Matrix& X) const;
  // Fits every step but the last, returning X as the last step receives it; `names` (the
  // pipeline's feature names, or none) become those of the last step's input.
  Matrix fit_transformers(const Matrix& X, const Vector& y, std::vector<std::string>& names);
  // Fits the last step by `fit`, then names its features and commits the pipeline's fit.
  template <class Fit>
  auto fit_steps(const Matrix& X, const Vector& y, Fit&& fit_last);
  // At least one step, and every step but the last a transformer.
  static void check_steps(const NamedEstimators& steps);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  NamedEstimators steps_{"steps"};
};

// Whether a transformer's output has no NaN whatever NaN its input has: a SimpleImputer, a
// OneHotEncoder (NaN is a category), or a pipeline or column transformer made so (the steps
// after it may then refuse NaN).
bool fills_missing_values(const Estimator& model);
// A pipeline takes NaN when every step up to the first that fills missing values takes it.
bool allows_missing_values(const Pipeline& pipeline);

}  // namespace fitkit
