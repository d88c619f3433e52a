#pragma once
// The options that put preprocessing before any estimator (--scale, --impute, --one-hot):
// given, the program fits a Pipeline of them and its estimator, saved as one model file, so
// that predict on raw data applies the same preprocessing. With --one-hot, the text columns
// (or those listed) are one-hot encoded and --scale and --impute apply to the other columns,
// as scikit-learn's ColumnTransformer does it.

#include <boost/program_options/options_description.hpp>
#include <memory>
#include <string>

#include "fitkit/core/estimator.hpp"

namespace fitkit::apps {

struct PreprocessingOptions {
  std::string scale;   // standard, minmax, maxabs, robust; empty: none
  std::string impute;  // mean, median, most_frequent, constant; empty: none
  std::string fill_value;
  bool one_hot = false;
  std::string one_hot_columns;  // names or positions; empty: every text column

  bool any() const { return !scale.empty() || !impute.empty() || one_hot; }
};

boost::program_options::options_description preprocessing_options(PreprocessingOptions& options);

// Throws UsageError for an unknown scaler or strategy, or --impute-fill-value without --impute
// constant.
void check_preprocessing_options(const PreprocessingOptions& options);

// `model` alone when no preprocessing is asked for; else a Pipeline of the imputer, the scaler
// and `model`, named as scikit-learn's make_pipeline names them (simpleimputer, standardscaler,
// svc).
std::unique_ptr<Estimator> with_preprocessing(std::unique_ptr<Estimator> model,
                                              const PreprocessingOptions& options);

// With --one-hot: which columns of `data` (read as with_preprocessing's model asks) are encoded
// and which scaled or imputed, set on the model. Throws UsageError for a listed column the data
// does not have, and DataError for a text column left out of the list.
void choose_columns(Estimator& model, const Dataset& data, const PreprocessingOptions& options);

}  // namespace fitkit::apps
