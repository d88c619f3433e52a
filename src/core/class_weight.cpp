#include "fitkit/core/class_weight.hpp"

#include <cmath>

#include "fitkit/core/error.hpp"
#include "fitkit/core/params.hpp"

namespace fitkit {

ClassWeight ClassWeight::given(std::map<std::int64_t, double> weights) {
  ClassWeight w(ClassWeightMode::given);
  w.weights = std::move(weights);
  return w;
}

Vector ClassWeight::per_class(const Labels& classes, const arma::uvec& class_index) const {
  const Index n_classes = classes.n_elem;
  Vector out(n_classes, arma::fill::ones);
  if (mode == ClassWeightMode::balanced) {
    arma::uvec counts(n_classes, arma::fill::zeros);
    for (const auto k : class_index) ++counts(k);
    for (Index k = 0; k < n_classes; ++k)
      out(k) = static_cast<double>(class_index.n_elem) /
               (static_cast<double>(n_classes) * static_cast<double>(counts(k)));
  } else if (mode == ClassWeightMode::given) {
    for (const auto& [label, weight] : weights) {
      const auto at = std::lower_bound(classes.begin(), classes.end(), label);
      if (at == classes.end() || *at != label)
        throw InvalidParameter("class_weight", "class " + std::to_string(label) +
                                                   " is not among the classes of the target");
      out(static_cast<Index>(at - classes.begin())) = weight;
    }
  }
  return out;
}

std::string ClassWeight::to_text() const {
  if (mode == ClassWeightMode::none) return "none";
  if (mode == ClassWeightMode::balanced) return "balanced";
  std::string text;
  for (const auto& [label, weight] : weights)
    text += (text.empty() ? "" : ",") + std::to_string(label) + ":" + detail::format_double(weight);
  return text;
}

std::string ClassWeight::from_text(std::string_view text, ClassWeight& out) {
  if (detail::is_none(text)) {
    out = ClassWeight();
    return "";
  }
  if (text == "balanced") {
    out = ClassWeight(ClassWeightMode::balanced);
    return "";
  }
  const std::string expected =
      "expected none, balanced or label:weight pairs such as 0:1,1:2.5, found '" +
      std::string(text) + "'";
  std::map<std::int64_t, double> weights;
  const auto items = detail::split_list(text);
  if (items.empty()) return expected;
  for (const std::string_view item : items) {
    const std::size_t colon = item.find(':');
    if (colon == std::string_view::npos) return expected;
    std::int64_t label = 0;
    double weight = 0;
    if (!detail::parse_integer(item.substr(0, colon), label).empty() ||
        !detail::parse_double(item.substr(colon + 1), weight))
      return expected;
    if (!std::isfinite(weight) || weight < 0)
      return "class weights must be finite and non-negative, found '" + std::string(item) + "'";
    if (!weights.emplace(label, weight).second)
      return "class " + std::to_string(label) + " is given twice in '" + std::string(text) + "'";
  }
  out = given(std::move(weights));
  return "";
}

}  // namespace fitkit
