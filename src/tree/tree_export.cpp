#include "fitkit/tree/tree_export.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "fitkit/core/params.hpp"

namespace fitkit {
namespace {

std::string fixed(double x, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, x);
  return buffer;
}

std::string escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string feature_name(const TreeExportOptions& o, Index feature) {
  return feature < o.feature_names.size() ? o.feature_names[feature]
                                          : "feature_" + std::to_string(feature);
}

// The categories of a categorical node's left set, "{0, 3, 7}".
std::string category_set(const Tree& t, Index node) {
  std::string out = "{";
  const std::int32_t offset = t.category_offset[node];
  for (int code = 0; code < 32 * Tree::kCategoryWords; ++code)
    if ((t.category_bits[static_cast<Index>(offset) + code / 32] >> (code % 32)) & 1u)
      out += (out.size() > 1 ? ", " : "") + std::to_string(code);
  return out + "}";
}

bool is_categorical(const Tree& t, Index node) {
  return t.category_offset[node] != Tree::kNotCategorical;
}

Index subtree_depth(const Tree& t, Index node) {
  if (t.is_leaf(node)) return 1;
  return 1 + std::max(subtree_depth(t, static_cast<Index>(t.children_left[node])),
                      subtree_depth(t, static_cast<Index>(t.children_right[node])));
}

class TextExporter {
 public:
  TextExporter(const Tree& t, const TreeExportOptions& o) : t_(t), o_(o) {}

  std::string run() {
    recurse(0, 1);
    return out_.str();
  }

 private:
  void leaf(Index node, const std::string& indent) {
    const RowVector value = t_.value.row(node);
    if (!o_.class_names.empty()) {
      const Index k = value.index_max();
      out_ << indent << " class: " << (k < o_.class_names.size() ? o_.class_names[k] : "?") << "\n";
      return;
    }
    out_ << indent << " value: [";
    for (Index j = 0; j < value.n_elem; ++j)
      out_ << (j ? ", " : "") << fixed(value(j), o_.decimals);
    out_ << "]\n";
  }

  void recurse(Index node, int depth) {
    std::string indent;
    for (int d = 0; d < depth; ++d) indent += "|   ";
    indent = indent.substr(0, indent.size() - 3) + "---";
    if (depth <= o_.max_depth + 1) {
      if (t_.is_leaf(node)) {
        leaf(node, indent);
        return;
      }
      const std::string name = feature_name(o_, static_cast<Index>(t_.feature[node]));
      std::string left_test, right_test;
      if (is_categorical(t_, node)) {
        left_test = name + " in " + category_set(t_, node);
        right_test = name + " not in " + category_set(t_, node);
      } else {
        const std::string threshold = fixed(t_.threshold[node], o_.decimals);
        left_test = name + " <= " + threshold;
        right_test = name + " >  " + threshold;
      }
      out_ << indent << " " << left_test << "\n";
      recurse(static_cast<Index>(t_.children_left[node]), depth + 1);
      out_ << indent << " " << right_test << "\n";
      recurse(static_cast<Index>(t_.children_right[node]), depth + 1);
      return;
    }
    const Index below = subtree_depth(t_, node);
    if (below == 1)
      leaf(node, indent);
    else
      out_ << indent << " truncated branch of depth " << below << "\n";
  }

  const Tree& t_;
  const TreeExportOptions& o_;
  std::ostringstream out_;
};

// A number as Graphviz labels show it: 3 decimals, no trailing zeros.
std::string short_number(double x) {
  std::string s = fixed(std::round(x * 1000.0) / 1000.0, 3);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

}  // namespace

std::string export_text(const Tree& tree, const TreeExportOptions& options) {
  return TextExporter(tree, options).run();
}

std::string export_graphviz(const Tree& tree, const TreeExportOptions& o) {
  std::ostringstream out;
  out << "digraph Tree {\n"
      << "node [shape=box, fontname=\"helvetica\"] ;\n"
      << "edge [fontname=\"helvetica\"] ;\n";
  // Nodes in preorder, each followed by the edge from its parent (as export_graphviz).
  struct Item {
    Index node;
    Index parent;
    bool has_parent;
  };
  std::vector<Item> stack{{0, 0, false}};
  while (!stack.empty()) {
    const Item item = stack.back();
    stack.pop_back();
    const Index node = item.node;
    std::string label;
    if (!tree.is_leaf(node)) {
      const std::string name = escape(feature_name(o, static_cast<Index>(tree.feature[node])));
      label += is_categorical(tree, node) ? name + " in " + category_set(tree, node)
                                          : name + " <= " + short_number(tree.threshold[node]);
      label += "\\n";
    }
    label += o.impurity_name + " = " + short_number(tree.impurity[node]) + "\\n";
    label += "samples = " + std::to_string(tree.n_node_samples[node]) + "\\n";
    const RowVector value = tree.value.row(node);
    if (!o.class_names.empty()) {
      // Weighted class counts, as scikit-learn shows them.
      label += "value = [";
      for (Index j = 0; j < value.n_elem; ++j)
        label += (j ? ", " : "") + short_number(value(j) * tree.weighted_n_node_samples[node]);
      const Index k = value.index_max();
      label += "]\\nclass = " + escape(k < o.class_names.size() ? o.class_names[k] : "?");
    } else {
      label += "value = " + short_number(value(0));
    }
    out << node << " [label=\"" << label << "\"] ;\n";
    if (item.has_parent) {
      out << item.parent << " -> " << node;
      if (item.parent == 0) {
        const bool left = static_cast<Index>(tree.children_left[0]) == node;
        out << " [labeldistance=2.5, labelangle=" << (left ? "45" : "-45") << ", headlabel=\""
            << (left ? "True" : "False") << "\"]";
      }
      out << " ;\n";
    }
    if (!tree.is_leaf(node)) {
      stack.push_back({static_cast<Index>(tree.children_right[node]), node, true});
      stack.push_back({static_cast<Index>(tree.children_left[node]), node, true});
    }
  }
  out << "}\n";
  return out.str();
}

}  // namespace fitkit
