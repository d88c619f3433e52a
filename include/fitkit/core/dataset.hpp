#pragma once
// What a data file becomes: X, an optional target y and sample weights, and the names that travel
// with them into the model file (so predictions print "setosa", not 0).

#include <optional>
#include <string>
#include <vector>

#include "fitkit/core/types.hpp"

namespace fitkit {

struct Dataset {
  Matrix X;                                // n_samples x n_features
  Vector y;                                // empty when the file has no target
  std::vector<std::string> feature_names;  // one per column of X
  std::string target_name;
  // When the target column held text, y holds indices into class_names (sorted).
  std::vector<std::string> class_names;
  std::string source;  // where it came from, for messages
  // One weight per row (scikit-learn's sample_weight), from --sample-weight; empty: none.
  Vector sample_weight;
  // LIBSVM files: whether their feature indices were read as counting from 0; unset for other
  // sources. An estimator fitted on the data set keeps it (Estimator::libsvm_zero_based).
  std::optional<bool> libsvm_zero_based;
  // One per column of X (or none at all when every column is numeric): empty for a numeric
  // column; for a categorical one (a text column read with CsvOptions::text_features) the
  // sorted distinct texts, which its values index.
  std::vector<std::vector<std::string>> feature_categories;

  Index n_samples() const { return X.n_rows; }
  Index n_features() const { return X.n_cols; }
  bool has_target() const { return !y.is_empty(); }
  bool is_categorical(Index column) const {
    return column < feature_categories.size() && !feature_categories[column].empty();
  }
  // The target as a classifier's labels: clf.fit(data.X, data.labels()). With class_names,
  // label k stands for class_names[k]. A DataError when there is no target or it is
  // continuous.
  Labels labels() const;
};

}  // namespace fitkit
