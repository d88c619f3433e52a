#pragma once
// Tree::serialize, for the .cpp of an estimator that saves trees (after core/payload.hpp):
//
//   ar(cereal::make_nvp("tree", tree_));   // then tree_.check(n_features, width) on load

#include "core/payload.hpp"
#include "fitkit/tree/tree.hpp"

namespace fitkit {

template <class Archive>
void Tree::serialize(Archive& ar) {
  ar(CEREAL_NVP(children_left), CEREAL_NVP(children_right), CEREAL_NVP(feature),
     CEREAL_NVP(threshold), CEREAL_NVP(missing_go_to_left), CEREAL_NVP(category_offset),
     CEREAL_NVP(category_bits), CEREAL_NVP(n_node_samples), CEREAL_NVP(weighted_n_node_samples),
     CEREAL_NVP(impurity), cereal::make_nvp("value", detail::arma_ref(value)));
}

}  // namespace fitkit
