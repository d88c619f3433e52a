#include "common/preprocessing_options.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "common/usage_error.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/model/registry.hpp"
#include "fitkit/pipeline/column_transformer.hpp"
#include "fitkit/pipeline/pipeline.hpp"

namespace po = boost::program_options;

namespace fitkit::apps {
namespace {

constexpr std::array<std::pair<const char*, const char*>, 4> kScalers = {{
    {"standard", "StandardScaler"},
    {"minmax", "MinMaxScaler"},
    {"maxabs", "MaxAbsScaler"},
    {"robust", "RobustScaler"},
}};

const char* scaler_type(const std::string& name) {
  for (const auto& [option, type] : kScalers)
    if (name == option) return type;
  return nullptr;
}

// make_pipeline's step name: the type in lower case.
std::string step_name(const std::string& type) {
  std::string name = type;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

// --impute's SimpleImputer; UsageError for a strategy or fill value it refuses.
std::unique_ptr<Estimator> imputer_for(const PreprocessingOptions& options) {
  std::unique_ptr<Estimator> imputer = make_estimator("SimpleImputer");
  try {
    imputer->set_param("strategy", options.impute);
    if (!options.fill_value.empty()) imputer->set_param("fill_value", options.fill_value);
  } catch (const InvalidParameter& e) {
    throw UsageError(std::string(!options.fill_value.empty() && e.name() == "fill_value"
                                     ? "--impute-fill-value: "
                                     : "--impute: ") +
                     e.what());
  }
  return imputer;
}

}  // namespace

po::options_description preprocessing_options(PreprocessingOptions& options) {
  po::options_description group("preprocessing (fitted with the model, saved in its file)");
  group.add_options()("scale",
                      po::value(&options.scale)->value_name("standard|minmax|maxabs|robust"),
                      "scale the features first (StandardScaler, MinMaxScaler, MaxAbsScaler, "
                      "RobustScaler with their defaults)")(
      "impute", po::value(&options.impute)->value_name("mean|median|most_frequent|constant"),
      "fill missing values first (SimpleImputer), so that the data may have them")(
      "impute-fill-value", po::value(&options.fill_value)->value_name("X"),
      "the value of --impute constant (default 0)")(
      "one-hot",
      po::value<std::string>()->implicit_value("", "")->value_name("[=COLS]")->notifier(
          [&options](const std::string& columns) {
            options.one_hot = true;
            options.one_hot_columns = columns;
          }),
      "one-hot encode the text columns (OneHotEncoder, unknown categories ignored at "
      "predict), or the columns listed (--one-hot=sex,3: names or 0-based positions); "
      "--scale and --impute then apply to the other columns");
  return group;
}

void check_preprocessing_options(const PreprocessingOptions& options) {
  if (!options.scale.empty() && scaler_type(options.scale) == nullptr)
    throw UsageError("--scale: '" + options.scale +
                     "' is not a scaler: standard, minmax, maxabs or robust");
  if (!options.fill_value.empty() && options.impute != "constant")
    throw UsageError("--impute-fill-value is the value of --impute constant");
  if (!options.impute.empty()) imputer_for(options);
}

std::unique_ptr<Estimator> with_preprocessing(std::unique_ptr<Estimator> model,
                                              const PreprocessingOptions& options) {
  if (!options.any()) return model;
  check_preprocessing_options(options);
  std::vector<NamedEstimator> numeric;
  if (!options.impute.empty()) {
    numeric.push_back({"simpleimputer", imputer_for(options)});
  }
  if (!options.scale.empty()) {
    const std::string type = scaler_type(options.scale);
    numeric.push_back({step_name(type), make_estimator(type)});
  }
  auto pipeline = std::make_unique<Pipeline>();
  if (options.one_hot) {
    // The numbers' preprocessing, if any, as one transformer of the other columns (chosen by
    // choose_columns once the data is read).
    auto columns = std::make_unique<ColumnTransformer>();
    const bool numbers_transformed = !numeric.empty();
    std::unique_ptr<Estimator> encoder = make_estimator("OneHotEncoder");
    if (!encoder) throw UsageError("--one-hot: this fitkit has no OneHotEncoder");
    encoder->set_param("handle_unknown", "ignore");
    columns->add("onehotencoder", std::move(encoder), {});
    if (numeric.size() == 1) columns->add(numeric[0].name, std::move(numeric[0].estimator), {});
    if (numeric.size() > 1)
      columns->add("pipeline", std::make_unique<Pipeline>(std::move(numeric)), {});
    // The other columns all go to the numbers' transformer when there is one: a remainder
    // dropped (empty) lets an imputer's output count as free of missing values.
    columns->set_param("remainder", numbers_transformed ? "drop" : "passthrough");
    pipeline->add("columntransformer", std::move(columns));
  } else {
    for (NamedEstimator& step : numeric) pipeline->add(step.name, std::move(step.estimator));
  }
  const std::string name = step_name(model->type_name());
  pipeline->add(name, std::move(model));
  return pipeline;
}

void choose_columns(Estimator& model, const Dataset& data, const PreprocessingOptions& options) {
  if (!options.one_hot) return;
  std::vector<bool> encoded(data.n_features(), false);
  if (options.one_hot_columns.empty()) {
    for (Index j = 0; j < data.n_features(); ++j) encoded[j] = data.is_categorical(j);
  } else {
    for (const std::string_view item : detail::split_list(options.one_hot_columns)) {
      const std::string column(item);
      const auto named = std::find(data.feature_names.begin(), data.feature_names.end(), column);
      Index j = static_cast<Index>(named - data.feature_names.begin());
      if (named == data.feature_names.end()) {
        const bool position =
            !column.empty() && column.find_first_not_of("0123456789") == std::string::npos;
        j = position ? std::stoull(column) : data.n_features();
        if (j >= data.n_features())
          throw UsageError("--one-hot: " + data.source + " has no column '" + column + "'");
      }
      encoded[j] = true;
    }
  }
  std::string encoded_list, other_list;
  for (Index j = 0; j < data.n_features(); ++j) {
    if (data.is_categorical(j) && !encoded[j])
      throw DataError(data.source, 0, 0,
                      "column '" + data.feature_names[j] +
                          "' holds text: list it in --one-hot, or leave the list out to encode "
                          "every text column");
    std::string& list = encoded[j] ? encoded_list : other_list;
    list += (list.empty() ? "" : ",") + std::to_string(j);
  }
  const auto& columns_step = dynamic_cast<const ColumnTransformer&>(
      dynamic_cast<const Pipeline&>(model).step("columntransformer"));
  std::string columns;
  for (const NamedEstimator& part : columns_step.transformers())
    columns += (columns.empty() ? "" : ";") + part.name + "=" +
               (part.name == "onehotencoder" ? encoded_list : other_list);
  model.set_param("columntransformer__columns", columns);
}

}  // namespace fitkit::apps
