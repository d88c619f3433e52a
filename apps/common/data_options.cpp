#include "common/data_options.hpp"

#include <filesystem>
#include <ostream>

#include "common/usage_error.hpp"
#include "fitkit/io/input_file.hpp"

namespace fitkit::apps {

namespace po = boost::program_options;

namespace {

// A tab is awkward to type in a shell, so it has names.
char parse_delimiter(const std::string& text) {
  if (text == "tab" || text == "\\t") return '\t';
  if (text == "space") return ' ';
  if (text.size() != 1)
    throw UsageError("--delimiter must be one character (or tab, space), found '" + text + "'");
  return text[0];
}

bool has_csv_only_options(const DataOptions& options) {
  return !options.target.empty() || !options.sample_weight.empty() || !options.delimiter.empty() ||
         options.header || options.no_header || options.allow_missing;
}

bool has_libsvm_only_options(const DataOptions& options) {
  return options.n_features.has_value() || options.zero_based;
}

}  // namespace

po::options_description data_options(DataOptions& options) {
  po::options_description group("data");
  group.add_options()  //
      ("data", po::value(&options.path)->value_name("FILE"),
       "the data file (CSV, TSV or LIBSVM; - for standard input)")  //
      ("target", po::value(&options.target)->value_name("COL"),
       "target column: a header name or a 0-based index, negative from the end (default: the "
       "last column)")  //
      ("sample-weight", po::value(&options.sample_weight)->value_name("COL"),
       "column of sample weights, by header name or 0-based index (never a feature)")  //
      ("delimiter", po::value(&options.delimiter)->value_name("CHAR"),
       "field separator: one character, or tab, space (default: detected)")  //
      ("header", po::bool_switch(&options.header),
       "the first line is a header, as pandas reads it (the default)")  //
      ("no-header", po::bool_switch(&options.no_header),
       "the first line is data; columns are named x0, x1, ... by position")  //
      ("missing", po::bool_switch(&options.allow_missing),
       "read empty cells, NA and NaN in feature columns as missing values (for estimators "
       "that accept them)")  //
      ("n-features", po::value<long long>()->value_name("N")->notifier([&options](long long n) {
        options.n_features = n;
      }),
       "LIBSVM: the number of features (default: the largest index found)")  //
      ("zero-based", po::bool_switch(&options.zero_based),
       "LIBSVM: feature indices start at 0 (default: 0 when the file has an index 0, else 1, "
       "as scikit-learn's zero_based=\"auto\")")  //
      ("format", po::value(&options.format)->value_name("csv|libsvm"),
       "file format (default: libsvm for .libsvm and .svm files, else csv, as for -)");
  return group;
}

DataFormat data_format(const DataOptions& options) {
  DataFormat format = DataFormat::csv;
  if (options.format == "libsvm") {
    format = DataFormat::libsvm;
  } else if (options.format.empty()) {
    const std::string extension = std::filesystem::path(options.path).extension().string();
    if (extension == ".libsvm" || extension == ".svm") format = DataFormat::libsvm;
  } else if (options.format != "csv") {
    throw UsageError("--format must be csv or libsvm, found '" + options.format + "'");
  }
  if (format == DataFormat::libsvm && has_csv_only_options(options))
    throw UsageError(
        "--target, --sample-weight, --delimiter, --header, --no-header and --missing apply to "
        "CSV files only; " +
        io::input_name(options.path) + " is read as LIBSVM");
  if (format == DataFormat::csv && has_libsvm_only_options(options))
    throw UsageError("--n-features and --zero-based apply to LIBSVM files only; " +
                     io::input_name(options.path) + " is read as CSV (use --format libsvm)");
  return format;
}

io::CsvOptions csv_options(const DataOptions& options) {
  if (options.header && options.no_header)
    throw UsageError("--header and --no-header cannot be used together");
  io::CsvOptions csv;
  csv.target = options.target;
  csv.sample_weight = options.sample_weight;
  if (!options.delimiter.empty()) csv.delimiter = parse_delimiter(options.delimiter);
  csv.has_header = !options.no_header;
  csv.allow_missing = options.allow_missing;
  return csv;
}

io::LibsvmOptions libsvm_options(const DataOptions& options) {
  io::LibsvmOptions libsvm;
  if (options.n_features) {
    if (*options.n_features < 1)
      throw UsageError("--n-features must be at least 1, found " +
                       std::to_string(*options.n_features));
    libsvm.n_features = static_cast<Index>(*options.n_features);
  }
  if (options.zero_based) libsvm.zero_based = true;
  return libsvm;
}

void check_data_options(const DataOptions& options) {
  if (data_format(options) == DataFormat::libsvm) {
    libsvm_options(options);
  } else {
    csv_options(options);
  }
}

Dataset read_training_data(const DataOptions& options, const Estimator& estimator,
                           std::ostream* log) {
  const Tags tags = estimator.tags();
  if (!options.sample_weight.empty() && !tags.sample_weight)
    throw UsageError("--sample-weight: " + estimator.type_name() + " takes no sample weights");
  if (data_format(options) == DataFormat::libsvm)
    return io::read_libsvm(options.path, libsvm_options(options));
  io::CsvOptions csv = csv_options(options);
  csv.has_target = tags.requires_y || !options.target.empty();
  csv.numeric_target = tags.kind == EstimatorKind::regressor;
  csv.text_features = tags.categorical;
  allow_missing_for(estimator, csv);
  Dataset data = io::read_csv(options.path, csv);
  note_numeric_header(data, csv, log);
  return data;
}

void allow_missing_for(const Estimator& estimator, io::CsvOptions& csv) {
  if (estimator.tags().allow_nan) {
    csv.allow_missing = true;
  } else if (csv.allow_missing) {
    // Refused by the reader, which knows the cell's line and column.
    csv.allow_missing = false;
    csv.missing_refused_because =
        estimator.type_name() + " does not accept missing values, even with --missing";
  }
}

void note_numeric_header(const Dataset& data, const io::CsvOptions& csv, std::ostream* log) {
  if (log == nullptr || !csv.has_header || !io::names_are_numbers(data)) return;
  *log << "note: the first line of " << data.source
       << " holds only numbers and was read as the header (column names), as pandas reads it; "
          "give --no-header if it is data\n";
}

}  // namespace fitkit::apps
