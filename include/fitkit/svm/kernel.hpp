#pragma once
// The kernel parameters that scikit-learn's kernel SVMs share (SVC, NuSVC, SVR, NuSVR,
// OneClassSVM), declared once:
//
//   linear      <x, x'>
//   poly        (gamma <x, x'> + coef0)^degree
//   rbf         exp(-gamma ||x - x'||²)
//   sigmoid     tanh(gamma <x, x'> + coef0)
//   precomputed X is the kernel matrix itself: n x n at fit, n_test x n_train at predict
//
// gamma is 'scale' (1 / (n_features * X.var()), the variance over every entry of X; 1 when
// that is 0), 'auto' (1 / n_features) or a positive number.

#include <array>
#include <utility>

#include "fitkit/core/params.hpp"

namespace fitkit {

enum class SvmKernel { rbf, linear, poly, sigmoid, precomputed };
enum class GammaKeyword { scale, automatic };

template <>
struct EnumNames<SvmKernel> {
  static constexpr std::array values{
      std::pair{SvmKernel::rbf, "rbf"}, std::pair{SvmKernel::linear, "linear"},
      std::pair{SvmKernel::poly, "poly"}, std::pair{SvmKernel::sigmoid, "sigmoid"},
      std::pair{SvmKernel::precomputed, "precomputed"}};
};

template <>
struct EnumNames<GammaKeyword> {
  static constexpr std::array values{std::pair{GammaKeyword::scale, "scale"},
                                     std::pair{GammaKeyword::automatic, "auto"}};
};

using Gamma = KeywordOr<GammaKeyword, double>;

// The kernel's fields of an SVM's Params, visited in scikit-learn's order.
template <class V>
void visit_kernel_params(V&& v, SvmKernel& kernel, int& degree, Gamma& gamma, double& coef0) {
  v("kernel", kernel, "rbf, linear, poly, sigmoid or precomputed (X is the kernel matrix)",
    one_of_enum());
  v("degree", degree, "degree of the poly kernel", at_least(0));
  v("gamma", gamma,
    "kernel coefficient of rbf, poly and sigmoid: scale (1 / (n_features * X.var())), auto "
    "(1 / n_features) or a positive number",
    greater_than(0.0));
  v("coef0", coef0, "independent term of the poly and sigmoid kernels");
}

}  // namespace fitkit
