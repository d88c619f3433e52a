#include "common/data_for_model.hpp"

#include <algorithm>
#include <cmath>

#include "common/text.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/io/input_file.hpp"
#include "fitkit/io/libsvm.hpp"

namespace fitkit::apps {
namespace {

Dataset read_by_name(const io::InputFile& input, io::CsvOptions csv, const Estimator& model,
                     TargetColumn target) {
  csv.features = model.feature_names();
  csv.has_target = target == TargetColumn::required;
  if (target == TargetColumn::passed_through) {
    csv.has_target = !csv.target.empty() || !model.target_name().empty();
    csv.target_optional = csv.target.empty();  // the model's target: passed on when present
  }
  if (csv.target.empty()) csv.target = model.target_name();
  return io::read_csv_text(input.text(), csv, input.name());
}

// "age, sex, bmi, ..." for a message.
std::string some_names(const std::vector<std::string>& names) {
  constexpr std::size_t shown = 5;
  if (names.size() <= shown) return join(names);
  return join({names.begin(), names.begin() + shown}) + ", ...";
}

[[noreturn]] void throw_width_mismatch(const std::string& source, Index n_columns,
                                       const Estimator& model, TargetColumn target) {
  const Index n = model.n_features_in();
  std::string what = source + ": the file has " + std::to_string(n_columns) + " columns, but the " +
                     model.type_name() + " model was fitted on " + std::to_string(n) + " features";
  if (!model.feature_names().empty())
    what += " (" + some_names(model.feature_names()) +
            "), and this file, without a header row, does not have them by name";
  what += target == TargetColumn::required
              ? ": " + std::to_string(n + 1) +
                    " columns were expected, the features in order and the target, with "
                    "--target naming it"
              : ": " + std::to_string(n) + " columns were expected (the features, in order), or " +
                    std::to_string(n + 1) + " with --target naming the target column";
  throw DimensionMismatch(what);
}

// The columns in order are the features, except the one --target names; nothing is guessed
// about where a target is.
Dataset read_by_position(const io::InputFile& input, io::CsvOptions csv, const Estimator& model,
                         TargetColumn target) {
  csv.features.clear();
  csv.has_target = !csv.target.empty();
  // Without names, the model's categorical columns are found by their text.
  csv.text_features = !csv.categorical_columns.empty();
  csv.categorical_columns.clear();
  Dataset data = io::read_csv_text(input.text(), csv, input.name());
  const Index n_columns =
      data.n_features() + (csv.has_target ? 1 : 0) + (csv.sample_weight.empty() ? 0 : 1);
  if (data.n_features() != model.n_features_in() ||
      (target == TargetColumn::required && !csv.has_target))
    throw_width_mismatch(input.name(), n_columns, model, target);
  if (target == TargetColumn::ignored) {
    data.y.reset();
    data.class_names.clear();
  }
  return data;
}

// The input is read once: standard input cannot be read again for the second attempt.
Dataset read_csv_for_model(const io::InputFile& input, io::CsvOptions csv, const Estimator& model,
                           TargetColumn target) {
  if (model.feature_names().empty()) return read_by_position(input, csv, model, target);
  try {
    return read_by_name(input, csv, model, target);
  } catch (const DataError& by_name_error) {
    // A file without a header (--no-header) whose columns do not match by position name (line
    // 0: no row was at fault) holds the features in order. A first line is never guessed to
    // be data: pandas would read it as the header too.
    if (by_name_error.line() != 0) throw;
    if (csv.has_header) {
      const std::string what = by_name_error.what();
      throw DataError(by_name_error.file(), 0, 0,
                      what.substr(by_name_error.file().size() + 2) +
                          "; if the first line is data, not a header, give --no-header");
    }
    return read_by_position(input, csv, model, target);
  }
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

// What a text the model never saw becomes: an encoder (a model with the parameter
// handle_unknown) decides itself, so the text gets -1, no category's code, unless
// handle_unknown is error: then it is refused here, where the text is known. Any other model
// gets it as missing (NaN), as scikit-learn's HistGradientBoosting treats an unknown category.
double unknown_text_code(const Dataset& data, const Estimator& model, Index column,
                         const std::string& text) {
  const ParamMap params = model.get_params();
  // The model's own, or its encoder's inside a pipeline (--one-hot).
  const auto handle_unknown = std::find_if(params.begin(), params.end(), [](const auto& param) {
    return param.first == "handle_unknown" || param.first.ends_with("__handle_unknown");
  });
  if (handle_unknown == params.end()) return std::nan("");
  if (handle_unknown->second != "error") return -1.0;
  const std::string name = column < model.feature_names().size() ? model.feature_names()[column]
                                                                 : std::to_string(column + 1);
  throw DataError(data.source, 0, 0,
                  "column '" + name + "' holds '" + text + "', a category the " +
                      model.type_name() +
                      " model did not see at fit (handle_unknown is error; ignore, "
                      "infrequent_if_exist or use_encoded_value accept it)");
}

// The codes of the model's categorical columns, from the file's texts: the file's codes index
// only the texts it holds. A text the model never saw is as unknown_text_code says.
void to_model_categories(Dataset& data, const Estimator& model) {
  const auto& known = model.feature_categories();
  for (Index j = 0; j < known.size() && j < data.n_features(); ++j) {
    if (known[j].empty()) continue;
    std::vector<double> model_code;
    if (!data.is_categorical(j) && std::any_of(data.X.begin_col(j), data.X.end_col(j),
                                               [](double v) { return !std::isnan(v); }))
      throw DataError(data.source, 0, 0,
                      "column " + std::to_string(j + 1) + " holds categories in the " +
                          model.type_name() +
                          " model, but was read as numbers: give the file its header row");
    if (data.is_categorical(j))
      for (const std::string& text : data.feature_categories[j]) {
        const auto found = std::lower_bound(known[j].begin(), known[j].end(), text);
        model_code.push_back(found != known[j].end() && *found == text
                                 ? static_cast<double>(found - known[j].begin())
                                 : unknown_text_code(data, model, j, text));
      }
    data.X.col(j).transform([&](double code) {
      return std::isnan(code) ? code : model_code[static_cast<std::size_t>(code)];
    });
  }
  data.feature_categories = known;
}

Dataset read_columns(const DataOptions& options, const Estimator& model, TargetColumn target,
                     std::ostream* log) {
  if (data_format(options) == DataFormat::libsvm) {
    io::LibsvmOptions libsvm = libsvm_options(options);
    if (libsvm.n_features == 0) libsvm.n_features = model.n_features_in();
    // The base the model was fitted with, unless --zero-based says otherwise: a 0-based file
    // that never stores feature 0 would otherwise read as 1-based, every feature shifted.
    if (!libsvm.zero_based) libsvm.zero_based = model.libsvm_zero_based();
    return io::read_libsvm(options.path, libsvm);
  }
  io::CsvOptions csv = csv_options(options);
  csv.numeric_target =
      target == TargetColumn::required && model.tags().kind == EstimatorKind::regressor;
  allow_missing_for(model, csv);
  for (Index j = 0; j < model.feature_categories().size(); ++j)
    if (!model.feature_categories()[j].empty())
      csv.categorical_columns.push_back(model.feature_names().at(j));
  const io::InputFile input(options.path);
  Dataset data = read_csv_for_model(input, csv, model, target);
  note_numeric_header(data, csv, log);
  return data;
}

}  // namespace

Dataset read_data_for_model(const DataOptions& options, const Estimator& model, TargetColumn target,
                            std::ostream* log) {
  Dataset data = read_columns(options, model, target, log);
  if (target == TargetColumn::required) to_model_classes(data, model);
  to_model_categories(data, model);
  return data;
}

}  // namespace fitkit::apps
