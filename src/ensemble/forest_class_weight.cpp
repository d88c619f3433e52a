#include "fitkit/ensemble/forest.hpp"

namespace fitkit {

namespace {
constexpr std::string_view kBalancedSubsample = "balanced_subsample";
}

ForestClassWeight ForestClassWeight::balanced_subsample() {
  ForestClassWeight w(ClassWeightMode::balanced);
  w.subsample = true;
  return w;
}

std::string ForestClassWeight::to_text() const {
  return subsample ? std::string(kBalancedSubsample) : weight.to_text();
}

std::string ForestClassWeight::from_text(std::string_view text, ForestClassWeight& out) {
  if (text == kBalancedSubsample) {
    out = balanced_subsample();
    return {};
  }
  ClassWeight w;
  std::string problem = ClassWeight::from_text(text, w);
  if (!problem.empty()) return problem + " (or balanced_subsample)";
  out = ForestClassWeight(std::move(w));
  return {};
}

}  // namespace fitkit
