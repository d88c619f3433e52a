#pragma once
// scikit-learn's class_weight, one type for every classifier: None, 'balanced', or a weight
// per class label. As a parameter it reads and prints as "none", "balanced" or "0:1,1:2.5"
// (label:weight pairs; a class left out weighs 1, as in scikit-learn).
//
//   fitkit::LogisticRegression clf({.class_weight = fitkit::ClassWeightMode::balanced});
//   fitkit::ClassWeight w = fitkit::ClassWeight::given({{0, 1.0}, {1, 2.5}});

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "fitkit/core/types.hpp"

namespace fitkit {

enum class ClassWeightMode { none, balanced, given };

struct ClassWeight {
  ClassWeightMode mode = ClassWeightMode::none;
  std::map<std::int64_t, double> weights;  // label -> weight, for mode given

  ClassWeight() = default;
  ClassWeight(ClassWeightMode m) : mode(m) {}  // NOLINT: implicit, for designated initialisers
  static ClassWeight given(std::map<std::int64_t, double> weights);

  bool is_none() const { return mode == ClassWeightMode::none; }
  // One weight per class of `classes` (the sorted labels of a fit), from the class index of
  // every sample: balanced is n_samples / (n_classes * count of the class). Throws
  // InvalidParameter for a given label that is not among the classes.
  Vector per_class(const Labels& classes, const arma::uvec& class_index) const;

  bool operator==(const ClassWeight&) const = default;

  // TextParam (core/params.hpp).
  std::string to_text() const;
  static std::string from_text(std::string_view text, ClassWeight& out);
  static std::string param_type_name() { return "class weights"; }
};

}  // namespace fitkit
