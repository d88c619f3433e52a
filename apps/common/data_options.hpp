#pragma once
// The options that say how to read a data file (--data, --target, --sample-weight,
// --delimiter, --header, --no-header, --missing, --format, --n-features, --zero-based) and the
// reading of a training file from them.

#include <boost/program_options/options_description.hpp>
#include <iosfwd>
#include <optional>
#include <string>

#include "fitkit/core/dataset.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/estimator.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/io/libsvm.hpp"

namespace fitkit::apps {

struct DataOptions {
  std::string path;  // "-": standard input
  // CSV only.
  std::string target;         // column name or 0-based index; empty: the last column
  std::string sample_weight;  // column of sample weights (name or index); empty: none
  std::string delimiter;      // empty: detected
  bool header = false;        // --header: the default, said explicitly
  bool no_header = false;
  bool allow_missing = false;
  // LIBSVM only.
  std::optional<long long> n_features;  // the width of X; unset: the largest index found
  bool zero_based = false;

  std::string format;  // "csv", "libsvm", or empty: by extension
};

enum class DataFormat { csv, libsvm };

boost::program_options::options_description data_options(DataOptions& options);

// --format, else the extension: ".libsvm" and ".svm" are LIBSVM, anything else CSV (standard
// input too). Throws UsageError for an unknown --format, or options of the other format.
DataFormat data_format(const DataOptions& options);

// Throws UsageError for a --delimiter that is not one character, or --header with --no-header.
io::CsvOptions csv_options(const DataOptions& options);

// Throws UsageError for --n-features below 1.
io::LibsvmOptions libsvm_options(const DataOptions& options);

// All the usage checks above at once, so that a usage error is found before any work.
void check_data_options(const DataOptions& options);

// A file to fit `estimator` on. The target column is read when the estimator learns from one
// (tags().requires_y) or when --target names it (a clusterer then leaves it out of X); a
// regressor's target must be numbers (text there is an error, never classes). Missing values
// are read as allow_missing_for says. --sample-weight is a UsageError for an estimator that
// takes no weights. With a `log` (-v), a header of numbers is noted there.
Dataset read_training_data(const DataOptions& options, const Estimator& estimator,
                           std::ostream* log = nullptr);

// Missing values are NaN when the estimator's tags allow NaN, else an error at their cell
// (file:line:column), which says so when --missing asked for them.
void allow_missing_for(const Estimator& estimator, io::CsvOptions& csv);

// Tells `log` (when not null) that a first line made only of numbers was read as the header,
// and how to read it as data instead.
void note_numeric_header(const Dataset& data, const io::CsvOptions& csv, std::ostream* log);

// Runs f (a fit on `dataset`); a DataError about the data in memory (NaN in X, say) is given
// the name of the file it came from.
template <class F>
auto naming_source(const Dataset& dataset, F&& f) {
  try {
    return f();
  } catch (const DataError& error) {
    if (!error.file().empty()) throw;
    throw DataError(dataset.source, 0, 0, error.what());
  }
}

}  // namespace fitkit::apps
