#pragma once
// What an estimator is and offers, declared once per estimator (DESIGN.md §3). The CLI picks
// its verbs from the tags, pipelines and searches ask them rather than the type, and the
// common checks (tests/test_estimator_checks.cpp) test that every tag is honest.

namespace fitkit {

enum class EstimatorKind { regressor, classifier, clusterer, transformer, outlier_detector };

struct Tags {
  EstimatorKind kind = EstimatorKind::regressor;
  bool requires_y = false;     // fit needs a target
  bool allow_nan = false;      // NaN in X is data (missing values), not an error
  bool sample_weight = false;  // fit takes sample weights
  bool predict = false;        // predict on new data
  bool predict_proba = false;  // class probabilities, one column per class
  bool decision_function = false;
  bool transform = false;      // maps X to new features
  bool partial_fit = false;    // incremental learning, one chunk at a time
  bool score = false;          // a default score (R², accuracy, -inertia, ...)
  bool transductive = false;   // labels for the training rows only (fit_predict, no predict)
  bool contributions = false;  // per-feature explanations of each prediction (TreeSHAP)
  // Splits on categories: its columns may hold category codes 0, 1, 2, ... (text columns of a
  // data file, see Estimator::fit_dataset), named by its parameter categorical_features.
  bool categorical = false;
};

// "regressor", "classifier", ...: for messages and `info`.
const char* kind_name(EstimatorKind kind);

}  // namespace fitkit
