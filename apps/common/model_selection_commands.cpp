#include "common/model_selection_commands.hpp"

#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "common/command_line.hpp"
#include "common/common_options.hpp"
#include "common/data_options.hpp"
#include "common/estimator_options.hpp"
#include "common/preprocessing_options.hpp"
#include "common/text.hpp"
#include "common/usage_error.hpp"
#include "fitkit/core/output_file.hpp"
#include "fitkit/core/timer.hpp"
#include "fitkit/metrics/scorer.hpp"
#include "fitkit/model/model_io.hpp"
#include "fitkit/model/registry.hpp"
#include "fitkit/model_selection/search.hpp"
#include "fitkit/pipeline/pipeline.hpp"

namespace fitkit::apps {
namespace {

// The value of --algorithm among the arguments (before the options can be parsed: they
// depend on it), or empty.
std::string algorithm_argument(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--algorithm" && i + 1 < args.size()) return args[i + 1];
    if (args[i].rfind("--algorithm=", 0) == 0) return args[i].substr(12);
  }
  return {};
}

// An estimator by its program's name without "fitkit-" (svc, random-forest-classifier) or by
// its type name (SVC); with no --algorithm, a stand-in so that --help can list the options.
std::unique_ptr<Estimator> estimator_for(const std::string& algorithm, bool help) {
  if (algorithm.empty()) {
    if (help) return nullptr;
    throw UsageError(
        "missing --algorithm (one of the programs of `fitkit list`, without "
        "\"fitkit-\": svc, random-forest-classifier, ...)");
  }
  const EstimatorType* type = find_estimator_program("fitkit-" + algorithm);
  if (type == nullptr) type = find_estimator_type(algorithm);
  if (type == nullptr)
    throw UsageError("unknown --algorithm '" + algorithm + "': see `fitkit list`");
  return type->make();
}

bool asks_for_help(const std::vector<std::string>& args) {
  for (const std::string& a : args)
    if (a == "--help" || a == "-h") return true;
  return false;
}

// The options of cv and search; an estimator's parameter of the same name is set with --param.
const std::vector<std::string> kReserved = {
    "algorithm", "folds", "shuffle-folds", "folds-seed", "param",   "scoring",          "grid",
    "random",    "model", "scale",         "impute",     "one-hot", "impute-fill-value"};

// What cv and search share: the algorithm with its command-line parameters, the data, the
// folds and the scoring.
struct SelectionCall {
  std::unique_ptr<Estimator> estimator;  // the algorithm, or a Pipeline ending in it
  PreprocessingOptions preprocessing;
  std::string algorithm, scoring;
  std::vector<std::string> params;  // --param NAME=VALUE
  Index folds = 5;
  bool shuffle = false;
  std::uint32_t seed = 0;
  DataOptions data;
  CommonOptions common;
  Dataset dataset;
  std::vector<Fold> splits;
};

po::options_description selection_options(SelectionCall& call) {
  po::options_description group("cross-validation");
  group.add_options()("algorithm", po::value(&call.algorithm)->value_name("NAME"),
                      "the estimator: a program of `fitkit list` without \"fitkit-\"")(
      "folds", po::value(&call.folds)->default_value(5)->value_name("N"),
      "number of folds: stratified for classifiers, as scikit-learn's cv=N")(
      "shuffle-folds", po::bool_switch(&call.shuffle),
      "shuffle the rows before they are split (scikit-learn's shuffle=True)")(
      "folds-seed", po::value(&call.seed)->default_value(0)->value_name("N"),
      "the shuffle's seed, and --random's (numpy's RandomState: the folds scikit-learn makes for "
      "it)")("param", po::value(&call.params)->composing()->value_name("NAME=VALUE"),
             "set a parameter whose option this verb takes for itself (--param algorithm=kd_tree); "
             "repeatable")(
      "scoring", po::value(&call.scoring)->value_name("NAME"),
      "a scorer by scikit-learn's name (accuracy, f1_macro, r2, neg_mean_squared_error, ...); "
      "default: the estimator's own score");
  return group;
}

// Parses the command line (false: --help was shown), reads the data and makes the folds.
bool prepare(const VerbCall& call, po::options_description own, SelectionCall& sc,
             const std::vector<std::string>& required) {
  sc.estimator = estimator_for(algorithm_argument(call.args), asks_for_help(call.args));
  po::options_description options = selection_options(sc);
  options.add(own).add(data_options(sc.data));
  if (sc.estimator) options.add(estimator_options(*sc.estimator, kReserved));
  options.add(preprocessing_options(sc.preprocessing)).add(common_options(sc.common));
  const auto values = parse_verb_options(call, options);
  if (!values) return false;
  require_option(*values, "algorithm");
  require_option(*values, "data");
  for (const std::string& name : required) require_option(*values, name);
  apply_common_options(sc.common);
  check_data_options(sc.data);
  if (!sc.scoring.empty()) {
    try {
      get_scorer(sc.scoring);
    } catch (const InvalidParameter& e) {
      throw UsageError(std::string("--scoring: ") + e.what());
    }
  }
  const std::vector<ClassWeightsByName> by_name =
      apply_estimator_options(*values, *sc.estimator, kReserved);
  for (const std::string& item : sc.params) {
    const std::size_t equals = item.find('=');
    if (equals == std::string::npos || equals == 0)
      throw UsageError("--param takes NAME=VALUE, not '" + item + "'");
    sc.estimator->set_param(item.substr(0, equals), item.substr(equals + 1));
  }
  check_preprocessing_options(sc.preprocessing);
  Estimator* algorithm = sc.estimator.get();
  sc.estimator = with_preprocessing(std::move(sc.estimator), sc.preprocessing);
  {
    ScopedTimer timer("load data", sc.common.log());
    sc.dataset = read_training_data(sc.data, *sc.estimator, sc.common.log());
  }
  choose_columns(*sc.estimator, sc.dataset, sc.preprocessing);
  apply_class_weights_by_name(by_name, *algorithm, sc.dataset.class_names);
  sc.splits = default_folds(*sc.estimator, sc.dataset.y, sc.dataset.n_samples(), sc.folds,
                            sc.shuffle, sc.seed);
  return true;
}

// The estimator's own score's name ("accuracy", "R2") or the scorer's.
std::string score_column(const SelectionCall& sc) {
  return sc.scoring.empty() ? sc.estimator->score_name() : sc.scoring;
}

// Seconds with a fixed four decimals, as a column.
std::string seconds(double value) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(4) << value;
  return out.str();
}

int cv(const VerbCall& call) {
  SelectionCall sc;
  if (!prepare(call, po::options_description("cv"), sc, {})) return 0;
  CrossValidateOptions options;
  options.scoring = {sc.scoring};
  CrossValidation result;
  {
    ScopedTimer timer("cross-validate", sc.common.log());
    result = cross_validate(*sc.estimator, sc.dataset.X, sc.dataset.y, sc.splits, options,
                            sc.dataset.sample_weight);
  }
  const std::string name = score_column(sc);
  const int width = std::max<int>(10, static_cast<int>(name.size()));
  std::cout << std::setprecision(6) << std::left << std::setw(6) << "fold" << std::right
            << std::setw(width) << name << std::setw(12) << "fit_time"
            << "\n";
  for (Index k = 0; k < result.test_scores.n_rows; ++k)
    std::cout << std::left << std::setw(6) << k << std::right << std::setw(width)
              << result.test_scores(k, 0) << std::setw(12) << seconds(result.fit_time(k)) << "\n";
  const Vector scores = result.test_scores.col(0);
  const double mean = arma::mean(scores);
  std::cout << name << ": " << mean << "\n"
            << "std: " << std::sqrt(arma::mean(arma::square(scores - mean))) << " ("
            << scores.n_elem << " folds)\n";
  return 0;
}

std::string params_text(const ParamMap& params) {
  std::string out;
  for (const auto& [name, value] : params) out += (out.empty() ? "" : " ") + name + "=" + value;
  return out;
}

int search(const VerbCall& call) {
  SelectionCall sc;
  std::string grid_text, model_path;
  Index random = 0;
  po::options_description own("search");
  own.add_options()("grid", po::value(&grid_text)->value_name("GRID"),
                    "the values to try: 'max_depth=4,8,16;n_estimators=100,300'")(
      "random", po::value(&random)->value_name("N"),
      "try N candidates of the grid drawn at random (with --folds-seed) instead of all")(
      "model", po::value(&model_path)->value_name("FILE"),
      "where to save the best candidate, refitted on all the data (.json: JSON, else binary)");
  if (!prepare(call, own, sc, {"grid", "model"})) return 0;
  check_output_path(model_path);
  ParamGrid grid;
  try {
    grid = parse_param_grid(grid_text);
  } catch (const InvalidParameter& e) {
    throw UsageError(std::string("--grid: ") + e.what());
  }
  // With preprocessing, a name of the algorithm's own (C) is its step's (svc__C).
  const ParamMap known = sc.estimator->get_params();
  const auto* pipeline = dynamic_cast<const Pipeline*>(sc.estimator.get());
  for (auto& [name, values] : grid)
    if (pipeline != nullptr && known.count(name) == 0 &&
        known.count(pipeline->steps().back().name + "__" + name) != 0)
      name = pipeline->steps().back().name + "__" + name;
  SearchOptions options;
  options.scoring = sc.scoring;
  options.refit = false;  // refitted below on the data set, so that the model keeps its names
  std::unique_ptr<SearchCV> searcher;
  if (random > 0)
    searcher = std::make_unique<RandomizedSearchCV>(*sc.estimator, grid, random, sc.seed, options);
  else
    searcher = std::make_unique<GridSearchCV>(*sc.estimator, grid, options);
  {
    ScopedTimer timer("search", sc.common.log());
    searcher->fit(sc.dataset.X, sc.dataset.y, sc.splits, sc.dataset.sample_weight);
  }
  const SearchResults& r = searcher->cv_results();
  const std::string name = "mean " + score_column(sc);
  const int width = std::max<int>(12, static_cast<int>(name.size()) + 2);
  std::cout << std::setprecision(6) << std::left << std::setw(6) << "rank" << std::right
            << std::setw(width) << name << std::setw(12) << "std" << std::setw(12) << "fit_time"
            << "  parameters\n";
  for (std::size_t c = 0; c < r.params.size(); ++c)
    std::cout << std::left << std::setw(6) << r.rank_test_score(c) << std::right << std::setw(width)
              << r.mean_test_score(c) << std::setw(12) << r.std_test_score(c) << std::setw(12)
              << seconds(r.mean_fit_time(c)) << "  " << params_text(r.params[c]) << "\n";
  std::unique_ptr<Estimator> best = sc.estimator->clone();
  best->set_params(searcher->best_params());
  {
    ScopedTimer timer("refit", sc.common.log());
    naming_source(sc.dataset, [&] { return &best->fit_dataset(sc.dataset); });
  }
  {
    ScopedTimer timer("save model", sc.common.log());
    save(*best, model_path);
  }
  std::cout << "best: " << params_text(searcher->best_params()) << " (" << score_column(sc) << " "
            << searcher->best_score() << "), refitted and saved to " << model_path << "\n";
  return 0;
}

}  // namespace

Verb cv_verb() {
  return {"cv", "cross-validate an algorithm: its score on each of --folds folds, and their mean",
          "--algorithm NAME --data FILE [--folds N] [--scoring NAME] [parameters] [options]", cv};
}

Verb search_verb() {
  return {"search",
          "try a grid of an algorithm's parameters by cross-validation; save the best, refitted",
          "--algorithm NAME --data FILE --grid 'a=1,2;b=x,y' [--random N] --model FILE "
          "[--folds N] [--scoring NAME] [options]",
          search};
}

}  // namespace fitkit::apps
