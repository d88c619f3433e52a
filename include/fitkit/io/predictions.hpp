#pragma once
// Writing predictions: one value per line under a header naming the column. Class indices
// are written as their class names when the model has them.

#include <iosfwd>
#include <string>
#include <vector>

#include "fitkit/core/types.hpp"

namespace fitkit::io {

struct PredictionColumn {
  std::string name = "prediction";
  Vector values;
  // When non-empty, values are indices into these names and the names are written.
  std::vector<std::string> class_names;
};

void write_predictions(std::ostream& out, const PredictionColumn& column);

// Written through OutputFile (fitkit/core/output_file.hpp): a file is replaced whole, so a
// failure never leaves a partial one; "-" is standard output; a FIFO or device is written
// directly. Throws FileError.
void write_predictions(const std::string& path, const PredictionColumn& column);

// Class probabilities (predict --proba): one column per class under a header of the class
// names, one row per sample. Written like write_predictions ("-" is standard output).
struct ProbabilityTable {
  std::vector<std::string> class_names;  // column headers, one per column of proba
  Matrix proba;
};
void write_probabilities(const std::string& path, const ProbabilityTable& table);

// Transformed features (transform): a header of column names, one row per sample, each
// number in the shortest form that reads back to the same double. A passed-through column
// (the target, so that the output can be fitted on) follows as the last column when it has
// values. Written like write_predictions ("-" is standard output).
struct FeatureTable {
  std::vector<std::string> column_names;  // one per column of values
  Matrix values;
  PredictionColumn passed_through{"", {}, {}};  // written when its values are non-empty
};
void write_features(const std::string& path, const FeatureTable& table);

}  // namespace fitkit::io
