#include "common/model_commands.hpp"

#include <iomanip>
#include <iostream>
#include <sstream>

#include "common/command_line.hpp"
#include "common/common_options.hpp"
#include "common/data_for_model.hpp"
#include "common/data_options.hpp"
#include "common/text.hpp"
#include "common/usage_error.hpp"
#include "fitkit/core/classifier.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/output_file.hpp"
#include "fitkit/core/timer.hpp"
#include "fitkit/io/predictions.hpp"
#include "fitkit/metrics/classification.hpp"
#include "fitkit/metrics/clustering.hpp"
#include "fitkit/metrics/regression.hpp"
#include "fitkit/metrics/scorer.hpp"
#include "fitkit/model/model_io.hpp"

namespace fitkit::apps {

po::options_description model_option(std::string& path) {
  po::options_description group("model");
  group.add_options()("model", po::value(&path)->value_name("FILE"), "the model file");
  return group;
}

po::options_description output_option(std::string& output, const std::string& what) {
  po::options_description group("output");
  group.add_options()("output", po::value(&output)->value_name("FILE"),
                      ("where to write " + what + " (default: - for stdout)").c_str());
  return group;
}

std::unique_ptr<Estimator> load_timed(const ModelLoader& load, const std::string& path,
                                      const CommonOptions& common) {
  ScopedTimer timer("load model", common.log());
  return load(path, nullptr);
}

Dataset read_timed(const DataOptions& data, const Estimator& model, TargetColumn target,
                   const CommonOptions& common) {
  ScopedTimer timer("load data", common.log());
  return read_data_for_model(data, model, target, common.log());
}

bool parse_model_on_data(const VerbCall& call, po::options_description& options, ModelOnData& out) {
  options.add(data_options(out.data)).add(common_options(out.common));
  const auto values = parse_verb_options(call, options);
  if (!values) return false;
  require_option(*values, "model");
  require_option(*values, "data");
  apply_common_options(out.common);
  check_data_options(out.data);
  return true;
}

namespace {

// Said before the data is read, which a model that cannot answer might not even match.
void require_tag(const Estimator& model, bool tagged, const std::string& verb) {
  if (tagged) return;
  if (model.kind() == EstimatorKind::transformer && verb != "transform")
    throw Error(model.type_name() + " is a transformer: use transform");
  if (model.tags().transductive && verb == "predict")
    throw Error(model.type_name() + " labels only the rows it was fitted on: use fit-predict");
  throw Error(model.type_name() + " has no " + verb);
}

// Column headers for predict --proba and --decision: the class names (or labels) when there
// is one column per class, else the method's name.
std::vector<std::string> score_columns(const Estimator& model, Index n_columns,
                                       const std::string& single) {
  const Labels labels = model.class_labels();
  std::vector<std::string> names;
  if (labels.n_elem != n_columns) {
    for (Index k = 0; k < n_columns; ++k)
      names.push_back(n_columns == 1 ? single : single + std::to_string(k));
    return names;
  }
  for (const auto label : labels)
    names.push_back(model.class_names().empty()
                        ? std::to_string(label)
                        : model.class_names().at(static_cast<std::size_t>(label)));
  return names;
}

// Column headers for predict --contributions: one per feature and `expected_value`, in blocks
// per output, each name prefixed with the block's class (`setosa:petal_length`) when there
// are several blocks, one per class, else with `output<k>`.
std::vector<std::string> contribution_columns(const Estimator& model, Index n_columns) {
  const Index width = model.n_features_in() + 1;
  if (n_columns % width != 0)
    throw Error(model.type_name() + ": contributions have " + std::to_string(n_columns) +
                " columns for " + std::to_string(model.n_features_in()) + " features");
  std::vector<std::string> block;
  for (Index j = 0; j < model.n_features_in(); ++j)
    block.push_back(j < model.feature_names().size() ? model.feature_names()[j]
                                                     : "x" + std::to_string(j));
  block.push_back("expected_value");
  const Index n_blocks = n_columns / width;
  if (n_blocks == 1) return block;
  const std::vector<std::string> outputs = score_columns(model, n_blocks, "output");
  std::vector<std::string> names;
  for (const std::string& output : outputs)
    for (const std::string& name : block) names.push_back(output + ":" + name);
  return names;
}

int predict(const VerbCall& call, const ModelLoader& load) {
  ModelOnData args;
  std::string output = "-";
  bool proba = false, decision = false, contributions = false;
  po::options_description options = model_option(args.model_path);
  options.add(output_option(output, "the predictions"));
  options.add_options()("proba", po::bool_switch(&proba),
                        "write class probabilities instead, one column per class (estimators with "
                        "predict_proba)")(
      "decision", po::bool_switch(&decision),
      "write decision_function values instead (one column per class, or one "
      "for two classes)")(
      "contributions", po::bool_switch(&contributions),
      "write each feature's contribution to each prediction instead (TreeSHAP), and the "
      "expected value they add to (tree models)");
  if (!parse_model_on_data(call, options, args)) return 0;
  const auto& [model_path, data, common] = args;
  if (int{proba} + int{decision} + int{contributions} > 1)
    throw UsageError("--proba, --decision and --contributions cannot be used together");

  check_output_path(output);  // before the work that ends in writing it
  const std::unique_ptr<Estimator> model = load_timed(load, model_path, common);
  const Tags tags = model->tags();
  require_tag(*model, tags.predict, "predict");
  if (proba) require_tag(*model, tags.predict_proba, "predict_proba");
  if (decision) require_tag(*model, tags.decision_function, "decision_function");
  if (contributions) require_tag(*model, tags.contributions, "contributions");
  const Dataset dataset = read_timed(data, *model, TargetColumn::ignored, common);
  if (proba || decision) {
    io::ProbabilityTable table;
    {
      ScopedTimer timer("predict", common.log());
      table.proba = proba ? model->predict_proba(dataset.X) : model->decision_function(dataset.X);
    }
    table.class_names = score_columns(*model, table.proba.n_cols, proba ? "proba" : "decision");
    ScopedTimer timer("write predictions", common.log());
    io::write_probabilities(output, table);
    return 0;
  }
  if (contributions) {
    io::FeatureTable table;
    {
      ScopedTimer timer("contributions", common.log());
      table.values = model->contributions(dataset.X);
    }
    table.column_names = contribution_columns(*model, table.values.n_cols);
    ScopedTimer timer("write contributions", common.log());
    io::write_features(output, table);
    return 0;
  }
  Vector values;
  {
    ScopedTimer timer("predict", common.log());
    values = model->predict(dataset.X);
  }
  write_labels(output, *model, std::move(values), common);
  return 0;
}

// How well a clusterer's clusters match a labelling of the same rows (any numbers or text; the
// cluster numbers need not be the same), as scikit-learn's metrics of those names.
void print_agreement(const Estimator& model, const Dataset& dataset, const Labels& truth,
                     const CommonOptions& common) {
  Labels clusters;
  {
    ScopedTimer timer("predict", common.log());
    clusters = arma::conv_to<Labels>::from(model.predict(dataset.X));
  }
  std::cout << "adjusted_rand_score: " << adjusted_rand_score(truth, clusters) << "\n"
            << "normalized_mutual_info_score: " << normalized_mutual_info_score(truth, clusters)
            << "\n";
}

// A class's name from the data file, or its label.
std::string class_text(const Estimator& model, std::int64_t label) {
  const std::vector<std::string>& names = model.class_names();
  if (label >= 0 && static_cast<std::size_t>(label) < names.size()) return names[label];
  return std::to_string(label);
}

// Rows the true classes, columns the predicted ones: the classes of either, as
// scikit-learn's confusion_matrix orders them.
void print_confusion_matrix(const Estimator& model, const Labels& truth, const Labels& pred,
                            const Vector& sample_weight) {
  const Labels labels = unique_labels(truth, pred);
  const Matrix counts = confusion_matrix(truth, pred, sample_weight);
  std::vector<std::string> names;
  std::size_t width = 6;
  for (const std::int64_t label : labels) {
    names.push_back(class_text(model, label));
    width = std::max(width, names.back().size());
  }
  std::cout << "confusion matrix (rows: true class, columns: predicted class):\n"
            << std::setw(static_cast<int>(width)) << "";
  for (const std::string& name : names)
    std::cout << "  " << std::setw(static_cast<int>(width)) << name;
  std::cout << "\n";
  for (Index i = 0; i < labels.n_elem; ++i) {
    std::cout << std::setw(static_cast<int>(width)) << names[i];
    for (Index j = 0; j < labels.n_elem; ++j)
      std::cout << "  " << std::setw(static_cast<int>(width)) << counts(i, j);
    std::cout << "\n";
  }
}

// A classifier's accuracy, macro F1 and confusion matrix; a regressor's R2, RMSE and MAE;
// any other estimator's own score.
void print_default_scores(const Estimator& model, const Dataset& dataset,
                          const CommonOptions& common) {
  const Vector& w = dataset.sample_weight;
  if (model.kind() == EstimatorKind::classifier) {
    Labels truth = dataset.labels(), pred;
    {
      ScopedTimer timer("predict", common.log());
      pred = labels_from_values(model.predict(dataset.X), model.type_name());
    }
    std::cout << "accuracy: " << accuracy_score(truth, pred, w) << "\n"
              << "f1_macro: " << f1_score(truth, pred, Average::macro, w) << "\n";
    print_confusion_matrix(model, truth, pred, w);
    return;
  }
  if (model.kind() == EstimatorKind::regressor) {
    Vector pred;
    {
      ScopedTimer timer("predict", common.log());
      pred = model.predict(dataset.X);
    }
    std::cout << model.score_name() << ": " << r2_score(dataset.y, pred, w) << "\n"
              << "RMSE: " << root_mean_squared_error(dataset.y, pred, w) << "\n"
              << "MAE: " << mean_absolute_error(dataset.y, pred, w) << "\n";
    return;
  }
  double value = 0;
  {
    ScopedTimer timer("score", common.log());
    value = model.score(dataset.X, dataset.y, dataset.sample_weight);
  }
  std::cout << model.score_name() << ": " << value << "\n";
}

int score(const VerbCall& call, const ModelLoader& load) {
  ModelOnData args;
  std::string metrics;
  po::options_description options = model_option(args.model_path);
  options.add_options()("metrics", po::value(&metrics)->value_name("NAMES"),
                        "comma-separated scorers by scikit-learn's names (accuracy, f1_macro, "
                        "roc_auc, r2, neg_mean_absolute_error, ...) instead of the defaults");
  if (!parse_model_on_data(call, options, args)) return 0;
  const auto& [model_path, data, common] = args;
  // Checked before anything is read.
  std::vector<const Scorer*> scorers;
  for (const std::string_view name : detail::split_list(metrics)) {
    try {
      scorers.push_back(&get_scorer(name));
    } catch (const InvalidParameter& e) {
      throw UsageError(std::string("--metrics: ") + e.what());
    }
  }

  const std::unique_ptr<Estimator> model = load_timed(load, model_path, common);
  const Tags tags = model->tags();
  require_tag(*model, tags.score, "score");
  // A clusterer learns without the target, but one in the file (--target, or the column fit
  // was told to leave out) is what its clusters are compared with.
  const bool clusterer = tags.kind == EstimatorKind::clusterer;
  const TargetColumn target = tags.requires_y || !scorers.empty() ? TargetColumn::required
                              : clusterer                         ? TargetColumn::passed_through
                                                                  : TargetColumn::ignored;
  const Dataset dataset = read_timed(data, *model, target, common);
  // Checked before anything is printed: a continuous target is a DataError.
  const Labels truth = clusterer && dataset.has_target() ? dataset.labels() : Labels();
  std::cout << std::setprecision(6);
  if (!scorers.empty()) {
    for (const Scorer* scorer : scorers) {
      double value = 0;
      {
        ScopedTimer timer(scorer->name(), common.log());
        value = (*scorer)(*model, dataset.X, dataset.y, dataset.sample_weight);
      }
      std::cout << scorer->name() << ": " << value << "\n";
    }
    return 0;
  }
  print_default_scores(*model, dataset, common);
  if (!truth.is_empty()) print_agreement(*model, dataset, truth, common);
  return 0;
}

void print_model_info(std::ostream& out, const std::string& path, const ModelInfo& info,
                      const Estimator& model) {
  out << "model: " << path << "\n"
      << "type: " << info.type << " (" << kind_name(model.kind()) << ")\n"
      << "class version: " << info.class_version << "\n"
      << "fitkit version: " << info.fitkit_version << "\n"
      << "format: " << (info.format == ModelFormat::json ? "json" : "binary")
      << " (envelope version " << info.envelope_version << ")\n"
      << "parameters:\n";
  for (const auto& [name, value] : info.params) out << "  " << name << ": " << value << "\n";
  out << "n_features_in: " << info.n_features_in << "\n";
  if (!info.feature_names.empty()) out << "feature names: " << join(info.feature_names) << "\n";
  if (!info.target_name.empty()) out << "target: " << info.target_name << "\n";
  if (!info.class_names.empty()) out << "classes: " << join(info.class_names) << "\n";
  if (info.libsvm_zero_based)
    out << "LIBSVM feature indices: from " << (*info.libsvm_zero_based ? 0 : 1)
        << " (predict and score read LIBSVM files so)\n";

  std::ostringstream fitted;
  model.describe_fitted(fitted);
  std::istringstream lines(fitted.str());
  out << "fitted:\n";
  for (std::string line; std::getline(lines, line);) out << "  " << line << "\n";
}

int info(const VerbCall& call, const ModelLoader& load) {
  std::string model_path;
  CommonOptions common;
  po::options_description options = model_option(model_path);
  options.add(common_options(common));
  po::positional_options_description positional;
  positional.add("model", 1);
  const auto values = parse_verb_options(call, options, positional);
  if (!values) return 0;
  require_option(*values, "model");
  apply_common_options(common);

  ModelInfo model_info;
  std::unique_ptr<Estimator> model;
  {
    ScopedTimer timer("load model", common.log());
    model = load(model_path, &model_info);
  }
  print_model_info(std::cout, model_path, model_info, *model);
  return 0;
}

}  // namespace

void write_labels(const std::string& output, const Estimator& model, Vector values,
                  const CommonOptions& common) {
  io::PredictionColumn column;
  // Cluster numbers or +1 / -1, not values of the target a clusterer or an outlier detector
  // was told to leave out.
  if (model.kind() == EstimatorKind::clusterer) {
    column.name = "cluster";
  } else if (model.kind() == EstimatorKind::outlier_detector) {
    column.name = "inlier";
  } else {
    if (!model.target_name().empty()) column.name = model.target_name();
    column.class_names = model.class_names();
  }
  column.values = std::move(values);
  ScopedTimer timer("write predictions", common.log());
  io::write_predictions(output, column);
}

Verb predict_verb(ModelLoader load) {
  return {"predict", "write a model's predictions for a data file",
          "--model FILE --data FILE [--output FILE] [options]",
          [load](const VerbCall& call) { return predict(call, load); }};
}

Verb score_verb(ModelLoader load) {
  return {"score",
          "print a model's scores on a data file: a classifier's accuracy, macro F1 and confusion "
          "matrix, a regressor's R2, RMSE and MAE, a clusterer's own score and its adjusted Rand "
          "index and NMI against a target column; --metrics chooses scorers by name",
          "--model FILE --data FILE [--metrics NAMES] [options]",
          [load](const VerbCall& call) { return score(call, load); }};
}

Verb info_verb(ModelLoader load) {
  return {"info", "describe a model file: type, versions, parameters, features, learned state",
          "[--model] FILE [options]", [load](const VerbCall& call) { return info(call, load); }};
}

}  // namespace fitkit::apps
