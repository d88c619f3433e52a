#include "common/data_for_model.hpp"

#include <algorithm>

#include "fitkit/core/error.hpp"
#include "fitkit/io/libsvm.hpp"

namespace fitkit::apps {
namespace {

Dataset read_by_name(const std::string& path, io::CsvOptions csv, const Estimator& model,
                     TargetColumn target) {
  csv.features = model.feature_names();
  csv.has_target = target == TargetColumn::required;
  if (csv.target.empty()) csv.target = model.target_name();
  return io::read_csv(path, csv);
}

[[noreturn]] void throw_width_mismatch(const std::string& path, Index n_columns,
                                       const Estimator& model, TargetColumn target) {
  const Index n = model.n_features_in();
  const std::string expected =
      target == TargetColumn::required
          ? std::to_string(n + 1) + " (the features and the target)"
          : std::to_string(n) + " (or " + std::to_string(n + 1) + " with the target)";
  throw DimensionMismatch(path + ": the file has " + std::to_string(n_columns) +
                          " columns, but the " + model.type_name() + " model was fitted on " +
                          std::to_string(n) + " features, so " + expected + " were expected");
}

Dataset read_by_position(const std::string& path, io::CsvOptions csv, const Estimator& model,
                         TargetColumn target) {
  const Index n = model.n_features_in();
  // Without a named target, reading every column as a feature keeps a one-column file (a
  // one-feature model) readable; the width then says whether the last column is the target.
  csv.has_target = target == TargetColumn::required || !csv.target.empty();
  Dataset data = io::read_csv(path, csv);
  const Index n_columns = data.n_features() + (csv.has_target ? 1 : 0);
  if (csv.has_target) {
    if (data.n_features() != n) throw_width_mismatch(path, n_columns, model, target);
    return data;
  }
  if (data.n_features() == n + 1) {
    data.X.shed_col(n);
    data.feature_names.pop_back();
  } else if (data.n_features() != n) {
    throw_width_mismatch(path, n_columns, model, target);
  }
  return data;
}

// y as the file's class indices becomes y as the model's: the file's classes are only those
// it holds, so index 0 can name another class than in training.
void to_model_classes(Dataset& data, const Estimator& model) {
  if (data.class_names.empty() && model.class_names().empty()) return;
  if (model.class_names().empty())
    throw DataError(data.source, 0, 0,
                    "the target column '" + data.target_name + "' holds text, but the " +
                        model.type_name() + " model was fitted on numbers");
  if (data.class_names.empty())
    throw DataError(data.source, 0, 0,
                    "the target column '" + data.target_name + "' holds numbers, but the " +
                        model.type_name() + " model was fitted on class names");
  std::vector<double> model_index(data.class_names.size());
  const std::vector<std::string>& known = model.class_names();
  for (std::size_t k = 0; k < data.class_names.size(); ++k) {
    const auto found = std::find(known.begin(), known.end(), data.class_names[k]);
    if (found == known.end())
      throw DataError(data.source, 0, 0,
                      "class '" + data.class_names[k] + "' in the target column '" +
                          data.target_name + "' was not seen when the model was fitted");
    model_index[k] = static_cast<double>(found - known.begin());
  }
  data.y.transform([&](double k) { return model_index[static_cast<std::size_t>(k)]; });
  data.class_names = known;
}

Dataset read_columns(const DataOptions& options, const Estimator& model, TargetColumn target) {
  if (data_format(options) == DataFormat::libsvm) {
    io::LibsvmOptions libsvm;
    libsvm.n_features = model.n_features_in();
    return io::read_libsvm(options.path, libsvm);
  }
  io::CsvOptions csv = csv_options(options);
  const bool by_name = !model.feature_names().empty() && csv.header != io::HeaderMode::absent;
  if (!by_name) return read_by_position(options.path, csv, model, target);
  try {
    return read_by_name(options.path, csv, model, target);
  } catch (const DataError& by_name_error) {
    if (csv.header == io::HeaderMode::present) throw;
    // The header was only guessed: a file without one is matched by position instead. When
    // its first line does not read as data either (or the columns cannot even be resolved),
    // it is a header that lacks the model's columns, and the by-name error says which.
    csv.header = io::HeaderMode::absent;
    try {
      return read_by_position(options.path, csv, model, target);
    } catch (const DataError& positional_error) {
      if (positional_error.line() <= 1) throw by_name_error;
      throw;
    }
  }
}

}  // namespace

Dataset read_data_for_model(const DataOptions& options, const Estimator& model,
                            TargetColumn target) {
  Dataset data = read_columns(options, model, target);
  if (target == TargetColumn::required) to_model_classes(data, model);
  return data;
}

}  // namespace fitkit::apps
