#include "common/extra_verbs.hpp"

#include <optional>
#include <stdexcept>

#include "common/command_line.hpp"
#include "common/common_options.hpp"
#include "common/data_for_model.hpp"
#include "common/data_options.hpp"
#include "common/model_weights.hpp"
#include "common/usage_error.hpp"
#include "fitkit/cluster/gaussian_mixture.hpp"
#include "fitkit/core/classifier.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/output_file.hpp"
#include "fitkit/core/timer.hpp"
#include "fitkit/ensemble/extra_trees_classifier.hpp"
#include "fitkit/ensemble/extra_trees_regressor.hpp"
#include "fitkit/ensemble/random_forest_classifier.hpp"
#include "fitkit/ensemble/random_forest_regressor.hpp"
#include "fitkit/io/predictions.hpp"
#include "fitkit/neighbors/nearest_neighbors.hpp"
#include "fitkit/tree/decision_tree_classifier.hpp"
#include "fitkit/tree/decision_tree_regressor.hpp"
#include "fitkit/tree/tree_export.hpp"

namespace fitkit::apps {
namespace {

// The model loaded as the type a verb works on (a registry line offers the verb only to that
// type's program; the check keeps a wrong line from becoming a crash).
template <class T>
const T& model_as(const Estimator& model, const std::string& verb) {
  const auto* typed = dynamic_cast<const T*>(&model);
  if (typed == nullptr) throw Error(model.type_name() + " has no " + verb);
  return *typed;
}

// ---- fitkit-nearest-neighbors kneighbors / radius-neighbors ----------------------------------

int kneighbors(const VerbCall& call, const ModelLoader& load) {
  std::string model_path, output = "-";
  long long n_neighbors = 0;
  DataOptions data;
  CommonOptions common;
  po::options_description options = model_option(model_path);
  options.add_options()("n-neighbors", po::value(&n_neighbors)->value_name("K"),
                        "neighbours per row (default: the model's n_neighbors)");
  options.add(output_option(output, "the neighbours"))
      .add(data_options(data))
      .add(common_options(common));
  const auto values = parse_verb_options(call, options);
  if (!values) return 0;
  require_option(*values, "model");
  apply_common_options(common);
  check_data_options(data);
  if (values->count("n-neighbors") != 0 && n_neighbors < 1)
    throw UsageError("--n-neighbors must be at least 1, found " + std::to_string(n_neighbors));
  const auto k = static_cast<Index>(n_neighbors);  // 0: the model's

  check_output_path(output);  // before the work that ends in writing it
  const std::unique_ptr<Estimator> model = load_timed(load, model_path, common);
  const auto& nn = model_as<NearestNeighbors>(*model, "kneighbors");
  KNeighbors found;
  if (data.path.empty()) {
    // The training rows, each without itself, as scikit-learn's kneighbors() without X.
    ScopedTimer timer("kneighbors", common.log());
    found = nn.kneighbors(k);
  } else {
    const Dataset dataset = read_timed(data, *model, TargetColumn::ignored, common);
    ScopedTimer timer("kneighbors", common.log());
    found = nn.kneighbors(dataset.X, k);
  }
  io::FeatureTable table;
  for (Index r = 0; r < found.indices.n_cols; ++r)
    table.column_names.push_back("neighbor_" + std::to_string(r));
  for (Index r = 0; r < found.indices.n_cols; ++r)
    table.column_names.push_back("distance_" + std::to_string(r));
  table.values = arma::join_rows(arma::conv_to<Matrix>::from(found.indices), found.distances);
  ScopedTimer timer("write neighbours", common.log());
  io::write_features(output, table);
  return 0;
}

int radius_neighbors(const VerbCall& call, const ModelLoader& load) {
  ModelOnData args;
  std::string output = "-";
  std::optional<double> radius;
  po::options_description options = model_option(args.model_path);
  options.add_options()(
      "radius", po::value<double>()->value_name("R")->notifier([&](double r) { radius = r; }),
      "the distance to look within (default: the model's radius)");
  options.add(output_option(output, "the neighbours"));
  if (!parse_model_on_data(call, options, args)) return 0;
  const auto& [model_path, data, common] = args;

  check_output_path(output);
  const std::unique_ptr<Estimator> model = load_timed(load, model_path, common);
  const auto& nn = model_as<NearestNeighbors>(*model, "radius_neighbors");
  const Dataset dataset = read_timed(data, *model, TargetColumn::ignored, common);
  RadiusNeighbors found;
  {
    ScopedTimer timer("radius_neighbors", common.log());
    found = nn.radius_neighbors(dataset.X, radius);
  }
  // One row per (query, neighbour) pair, by query, then nearest first.
  Index pairs = 0;
  for (const arma::uvec& rows : found.indices) pairs += rows.n_elem;
  io::FeatureTable table;
  table.column_names = {"query", "neighbor", "distance"};
  table.values.set_size(pairs, 3);
  Index at = 0;
  for (Index i = 0; i < found.indices.size(); ++i)
    for (Index r = 0; r < found.indices[i].n_elem; ++r, ++at) {
      table.values(at, 0) = static_cast<double>(i);
      table.values(at, 1) = static_cast<double>(found.indices[i](r));
      table.values(at, 2) = found.distances[i](r);
    }
  ScopedTimer timer("write neighbours", common.log());
  io::write_features(output, table);
  return 0;
}

// ---- fitkit-gaussian-mixture sample ------------------------------------------------------------

int sample(const VerbCall& call, const ModelLoader& load) {
  std::string model_path, output = "-", seed;
  long long n_samples = 0;
  CommonOptions common;
  po::options_description options = model_option(model_path);
  options.add_options()("n-samples", po::value(&n_samples)->value_name("N"),
                        "how many rows to draw")(
      "seed", po::value(&seed)->value_name("S"),
      "random seed: the same seed draws the same rows (default: the model's seed)");
  options.add(output_option(output, "the rows")).add(common_options(common));
  const auto values = parse_verb_options(call, options);
  if (!values) return 0;
  require_option(*values, "model");
  require_option(*values, "n-samples");
  apply_common_options(common);
  if (n_samples < 1)
    throw UsageError("--n-samples must be at least 1, found " + std::to_string(n_samples));

  check_output_path(output);
  const std::unique_ptr<Estimator> model = load_timed(load, model_path, common);
  const auto& gm = model_as<GaussianMixture>(*model, "sample");
  if (!seed.empty()) model->set_param("seed", seed);  // the estimator validates it
  GaussianMixture::Sample drawn;
  {
    ScopedTimer timer("sample", common.log());
    drawn = gm.sample(static_cast<Index>(n_samples));
  }
  // The model's feature names, so that the rows read back as the training file did.
  io::FeatureTable table;
  table.column_names = model->feature_names();
  if (table.column_names.empty())
    for (Index j = 0; j < drawn.X.n_cols; ++j)
      table.column_names.push_back("x" + std::to_string(j));
  table.values = std::move(drawn.X);
  table.passed_through.name = "component";
  table.passed_through.values = arma::conv_to<Vector>::from(drawn.y);
  ScopedTimer timer("write samples", common.log());
  io::write_features(output, table);
  return 0;
}

// ---- the tree programs' export -----------------------------------------------------------------

// The trees a model can export: a DecisionTree's one, or a forest's (scikit-learn's
// estimators_[i].tree_); empty for any other model.
std::vector<const Tree*> exportable_trees(const Estimator& model) {
  if (const auto* clf = dynamic_cast<const DecisionTreeClassifier*>(&model)) return {&clf->tree()};
  if (const auto* reg = dynamic_cast<const DecisionTreeRegressor*>(&model)) return {&reg->tree()};
  const std::vector<Tree>* forest = nullptr;
  if (const auto* f = dynamic_cast<const RandomForestClassifier*>(&model)) forest = &f->trees();
  if (const auto* f = dynamic_cast<const RandomForestRegressor*>(&model)) forest = &f->trees();
  if (const auto* f = dynamic_cast<const ExtraTreesClassifier*>(&model)) forest = &f->trees();
  if (const auto* f = dynamic_cast<const ExtraTreesRegressor*>(&model)) forest = &f->trees();
  std::vector<const Tree*> trees;
  if (forest != nullptr)
    for (const Tree& tree : *forest) trees.push_back(&tree);
  return trees;
}

int export_tree(const VerbCall& call, const ModelLoader& load) {
  std::string model_path, output = "-", format = "text";
  int max_depth = 10, decimals = 2;
  long long tree_index = 0;
  CommonOptions common;
  po::options_description options = model_option(model_path);
  options.add_options()("format", po::value(&format)->value_name("text|dot"),
                        "text (as scikit-learn's export_text) or dot (Graphviz, as "
                        "export_graphviz); default text")(
      "max-depth", po::value(&max_depth)->value_name("D"),
      "text: levels printed before a branch is summarised (default 10)")(
      "decimals", po::value(&decimals)->value_name("N"),
      "text: digits after the point in thresholds and values (default 2)")(
      "tree", po::value(&tree_index)->value_name("I"),
      "a forest's tree I, from 0 (scikit-learn's estimators_[I]); default 0");
  options.add(output_option(output, "the tree")).add(common_options(common));
  const auto values = parse_verb_options(call, options);
  if (!values) return 0;
  require_option(*values, "model");
  apply_common_options(common);
  if (format != "text" && format != "dot")
    throw UsageError("--format must be text or dot, found '" + format + "'");
  if (max_depth < 0) throw UsageError("--max-depth must be at least 0");
  if (decimals < 0 || decimals > 17) throw UsageError("--decimals must be in 0..17");
  if (tree_index < 0)
    throw UsageError("--tree must be at least 0, found " + std::to_string(tree_index));

  check_output_path(output);
  const std::unique_ptr<Estimator> loaded = load_timed(load, model_path, common);
  // A pipeline's trees are its last step's, on the preprocessed features (thresholds in their
  // units, as scikit-learn's export_text(pipeline[-1])).
  const Estimator* model = &final_step(*loaded);
  const std::vector<const Tree*> trees = exportable_trees(*model);
  if (trees.empty()) throw Error(model->type_name() + " has no export");
  if (static_cast<std::size_t>(tree_index) >= trees.size())
    throw UsageError("--tree " + std::to_string(tree_index) + ": " + model_path + " holds " +
                     std::to_string(trees.size()) + (trees.size() == 1 ? " tree" : " trees") +
                     " (0.." + std::to_string(trees.size() - 1) + ")");
  TreeExportOptions export_options;
  export_options.feature_names = model->feature_names();
  export_options.max_depth = max_depth;
  export_options.decimals = decimals;
  export_options.impurity_name = model->get_params().at("criterion");
  if (const auto* clf = dynamic_cast<const Classifier*>(model)) {
    const Labels& classes = clf->classes();
    const std::vector<std::string>& names = loaded->class_names();  // the data file's
    for (Index k = 0; k < classes.n_elem; ++k)
      export_options.class_names.push_back(k < names.size() ? names[k]
                                                            : std::to_string(classes(k)));
  }
  const Tree& tree = *trees[static_cast<std::size_t>(tree_index)];
  const std::string text =
      format == "dot" ? export_graphviz(tree, export_options) : export_text(tree, export_options);
  OutputFile out(output);
  out.write(text);
  out.commit();
  return 0;
}

}  // namespace

Verb extra_verb(const std::string& name, const ModelLoader& load) {
  if (name == "kneighbors")
    return {name,
            "write the nearest training rows of each row of a data file (of each training row, "
            "itself excluded, without --data) and their distances",
            "--model FILE [--data FILE] [--n-neighbors K] [--output FILE] [options]",
            [load](const VerbCall& call) { return kneighbors(call, load); }};
  if (name == "radius-neighbors")
    return {name,
            "write the training rows within a radius of each row of a data file: one line per "
            "pair (query, neighbor, distance), nearest first",
            "--model FILE --data FILE [--radius R] [--output FILE] [options]",
            [load](const VerbCall& call) { return radius_neighbors(call, load); }};
  if (name == "sample")
    return {name, "draw rows from a fitted mixture: the features, then the component drawn from",
            "--model FILE --n-samples N [--seed S] [--output FILE] [options]",
            [load](const VerbCall& call) { return sample(call, load); }};
  if (name == "export")
    return {name,
            "print the fitted tree (a forest's --tree I): as text (scikit-learn's export_text) or "
            "as a Graphviz dot graph (export_graphviz; render with dot -Tpng)",
            "--model FILE [--format text|dot] [--tree I] [--max-depth D] [--decimals N] "
            "[--output FILE]",
            [load](const VerbCall& call) { return export_tree(call, load); }};
  throw std::logic_error("no extra verb named '" + name + "' (apps/common/extra_verbs.cpp)");
}

}  // namespace fitkit::apps
