#pragma once
// A sample's gradient and hessian side by side, as the losses write them and the histograms
// read them: one load serves both.

namespace fitkit::detail::hgb {

struct GradientPair {
  float gradient;
  float hessian;  // 0 when the hessians are constant (the count stands for them)
};

}  // namespace fitkit::detail::hgb
