#pragma once
// A forest in a model file, for the forest estimators' .cpp (after core/payload.hpp): its
// trees compact (ensemble/compact_tree.hpp), its importances, and its out-of-bag results.

#include "core/format_problem.hpp"
#include "core/payload.hpp"
#include "ensemble/compact_tree.hpp"
#include "fitkit/ensemble/forest.hpp"
#include "tree/forest_predictor.hpp"

namespace fitkit::detail {

template <class Archive>
void serialize_forest(Archive& ar, FittedForest& forest, Index n_features, Index value_width) {
  std::vector<CompactTree> trees;
  bool has_oob_score = forest.oob_score.has_value();
  double oob_score = forest.oob_score.value_or(0.0);
  if constexpr (!Archive::is_loading::value)
    for (const Tree& t : forest.trees) trees.push_back(compact_tree(t));
  ar(cereal::make_nvp("trees", trees),
     cereal::make_nvp("feature_importances", arma_ref(forest.feature_importances)),
     CEREAL_NVP(has_oob_score), CEREAL_NVP(oob_score),
     cereal::make_nvp("oob_prediction", arma_ref(forest.oob_prediction)));
  if constexpr (Archive::is_loading::value) {
    forest.oob_score.reset();
    if (has_oob_score) forest.oob_score = oob_score;
    if (trees.empty()) throw FormatProblem("the forest has no trees");
    forest.trees.clear();
    for (const CompactTree& c : trees)
      forest.trees.push_back(expand_tree(c, value_width, n_features));
    forest.predictor = std::make_shared<const ForestPredictor>(forest.trees);
    if (forest.feature_importances.n_elem != n_features)
      throw FormatProblem("the forest has " + std::to_string(forest.feature_importances.n_elem) +
                          " feature importances for " + std::to_string(n_features) + " features");
    if (!forest.oob_prediction.is_empty() && forest.oob_prediction.n_cols != value_width)
      throw FormatProblem("the forest's out-of-bag predictions have the wrong width");
  }
}

}  // namespace fitkit::detail
