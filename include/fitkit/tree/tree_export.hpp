#pragma once
// A fitted tree as text, for people and for Graphviz, as scikit-learn's export_text and
// export_graphviz print it; every tree model (DecisionTree*, a forest's trees) uses these.
//
//   std::cout << fitkit::export_text(clf.tree(), {.feature_names = names, .class_names = cls});
//   fitkit-decision-tree-classifier export --model m.bin --format dot | dot -Tpng > tree.png

#include <string>
#include <vector>

#include "fitkit/tree/tree.hpp"

namespace fitkit {

struct TreeExportOptions {
  std::vector<std::string> feature_names;  // empty: feature_0, feature_1, ...
  // A classifier's class names (one per value column); empty for a regressor.
  std::vector<std::string> class_names;
  std::string impurity_name = "impurity";  // "gini", "squared_error", ... (dot only)
  int max_depth = 10;                      // text: deeper branches are summarised
  int decimals = 2;                        // text: digits of thresholds and values
};

// scikit-learn's export_text: one line per branch, "|--- petal_length <= 2.45".
std::string export_text(const Tree& tree, const TreeExportOptions& options = {});

// scikit-learn's export_graphviz: a Graphviz digraph, one box per node.
std::string export_graphviz(const Tree& tree, const TreeExportOptions& options = {});

}  // namespace fitkit
