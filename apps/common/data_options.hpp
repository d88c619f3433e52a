#pragma once
// The options that say how to read a data file (--data, --target, --delimiter, --header,
// --no-header, --missing, --format) and the reading of a training file from them.

#include <boost/program_options/options_description.hpp>
#include <string>

#include "fitkit/core/dataset.hpp"
#include "fitkit/io/csv.hpp"

namespace fitkit::apps {

struct DataOptions {
  std::string path;
  std::string target;     // header name or 0-based index; empty: the last column
  std::string delimiter;  // empty: detected
  bool header = false;
  bool no_header = false;
  bool allow_missing = false;
  std::string format;  // "csv", "libsvm", or empty: by extension
};

enum class DataFormat { csv, libsvm };

boost::program_options::options_description data_options(DataOptions& options);

// --format, else the extension: ".libsvm" and ".svm" are LIBSVM, anything else CSV. Throws
// UsageError for an unknown --format, or CSV-only options on a LIBSVM file.
DataFormat data_format(const DataOptions& options);

// Throws UsageError for a --delimiter that is not one character, or --header with --no-header.
io::CsvOptions csv_options(const DataOptions& options);

// A file to fit on. The target column is read when the estimator learns from one
// (`needs_target`) or when --target names it (a clusterer then leaves it out of X).
Dataset read_training_data(const DataOptions& options, bool needs_target);

}  // namespace fitkit::apps
