#pragma once
// The strict CSV/TSV reader (DESIGN.md §5a). Armadillo's loader is not used for user files:
// it turns bad tokens into 0, pads ragged rows and stops silently at a blank line.
//
// Every error is a DataError "file:line: what" (FileError when the file cannot be read);
// a bad cell's error also names its field, "file:line:field: what", and the column name.
//
// What it accepts: fields in "..." anywhere, with "" for a quote (a newline inside quotes is
// refused); CRLF line ends; a UTF-8 BOM; blanks around a number (as pandas reads " 1.5 "); a
// final newline and blank lines at the end. A text cell of the target (a class label) is kept
// byte for byte, blanks included, only its quotes removed: "yes" and "yes " are two classes,
// as in pandas. Refused: a blank line before the end, a row with another field count
// than the first line, a cell that is not a number (except in the target column, unless
// numeric_target), inf. Missing values (allow_missing): an empty cell, NA, N/A, and every
// spelling of NaN; a missing target cell is always an error.
//
// The first line is the header, as pandas reads a CSV file (header=0), even when it holds only
// numbers: pandas writes 0,1,2,... above a DataFrame without column names. has_header = false
// for a file without one (pandas' header=None).
//
// Column names: the header's; without a header, every field is named by its position in the
// file, x0, x1, ..., the target included (target "x0" with target "0"; "x10" when it is the
// last of 11 columns). So choosing the target or the features works the same with or without
// a header, and a model fitted on a headerless file finds its columns in it again by name.

#include <string>
#include <string_view>
#include <vector>

#include "fitkit/core/dataset.hpp"

namespace fitkit::io {

struct CsvOptions {
  // The target column: a column name (x0, x1, ... without a header), or a 0-based index
  // (negative counts from the end); a name wins over an index. Empty: the last column.
  // Ignored when has_target is false.
  std::string target;
  bool has_target = true;
  // With has_target: a target that is not a column of the file is no error, the data then
  // has no target (y empty). Looked up by name only, never as an index. For columns that
  // pass through when present (a transformer's output keeps the target it was fitted with).
  bool target_optional = false;
  // A target cell that is not a number is an error ("expected a number in target column
  // 'progression', found '151x'") instead of making the target classes. For regressors.
  bool numeric_target = false;
  // When non-empty: exactly these columns, by name and in this order, are the features;
  // other columns (except the target and the weights) are ignored.
  std::vector<std::string> features;
  // When non-empty, the column of sample weights (into Dataset::sample_weight), named or
  // indexed as `target` is; never a feature. Its cells must be numbers.
  std::string sample_weight;
  // '\0': detect from the first line: tab, comma, semicolon, else runs of spaces.
  char delimiter = '\0';
  // false: the first line is data, and the columns are named x0, x1, ... by position.
  bool has_header = true;
  // Empty cells, NA and NaN become NaN instead of an error (feature columns only).
  bool allow_missing = false;
  // A feature column holding text becomes categorical instead of an error (for estimators that
  // split on categories, tags().categorical): every cell of a column with any text cell is read
  // as text, X holds its index among the column's sorted distinct texts, a missing cell (with
  // allow_missing) is NaN, and Dataset::feature_categories lists the texts.
  bool text_features = false;
  // Feature columns read as categories whatever their cells look like (by name): a model's
  // categorical columns at predict, where "1" must be the category "1", not a number.
  std::vector<std::string> categorical_columns;
  // Without allow_missing: why a missing value is refused, to end its error message (the
  // caller may know better than "missing values are not allowed here").
  std::string missing_refused_because = "missing values are not allowed here";
};

// Reads a file (mmap, both cores), or standard input for "-" (named <stdin> in messages; a
// pipe or device is read with io::kMaxLineBytes as the longest line, see input_file.hpp). A
// target column whose cells are not all numbers becomes classes (unless numeric_target): y
// holds indices into the sorted class_names.
Dataset read_csv(const std::string& path, const CsvOptions& options = {});

// The same parser on text in memory; `source` names it in messages.
Dataset read_csv_text(std::string_view text, const CsvOptions& options = {},
                      const std::string& source = "<text>");

// True when every column name in `data` is a number: a header such as pandas writes for a
// DataFrame without column names (0,1,2,...), which could as well have been a row of data.
bool names_are_numbers(const Dataset& data);

}  // namespace fitkit::io
