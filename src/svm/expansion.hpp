#pragma once
// What the kernel machines with one decision function (SVR, NuSVR, OneClassSVM) share beyond
// the solver: the learned expansion made from SMO's answer, its decision values, its text
// for `info`, and its model-file state with the checks on load.

#include <cmath>
#include <iosfwd>
#include <string>

#include "core/payload.hpp"
#include "fitkit/svm/svm_expansion.hpp"
#include "svm/kernel_matrix.hpp"
#include "svm/smo_solver.hpp"

namespace fitkit::detail {

// The expansion with coefficients coef over the problem's `rows` of X (the support vectors
// are the rows of non-zero coefficient, in training order), intercept -rho.
SvmExpansion make_expansion(const Matrix& X, const arma::uvec& rows, const Vector& coef,
                            const SmoResult& result, const KernelSpec& spec);

// sum_k dual_coef_k K(x, sv_k) + intercept for every row of X (checked by the caller).
Vector expansion_values(const SvmExpansion& e, const KernelSpec& spec, const Matrix& X);

// Support vectors, gamma (for the kernels that have one), intercept, SMO iterations.
void describe_expansion(std::ostream& out, const SvmExpansion& e, SvmKernel kernel);

// The model-file state; on load, the shapes are checked against the width and the kernel.
template <class Archive>
void serialize_expansion(Archive& ar, SvmExpansion& e, Index n_features, bool precomputed) {
  auto n_iter = static_cast<std::uint64_t>(e.n_iter);
  ar(cereal::make_nvp("support", arma_ref(e.support)),
     cereal::make_nvp("support_vectors", arma_ref(e.support_vectors)),
     cereal::make_nvp("dual_coef", arma_ref(e.dual_coef)),
     cereal::make_nvp("intercept", e.intercept), cereal::make_nvp("gamma", e.gamma),
     cereal::make_nvp("n_iter", n_iter), cereal::make_nvp("dual_objective", e.objective));
  if constexpr (Archive::is_loading::value) {
    e.n_iter = static_cast<std::int64_t>(n_iter);
    const Index n_sv = e.support.n_elem;
    const auto fail = [](const std::string& what) { throw FormatProblem(what); };
    if (e.dual_coef.n_rows != 1 || e.dual_coef.n_cols != n_sv)
      fail("dual_coef is " + std::to_string(e.dual_coef.n_rows) + " x " +
           std::to_string(e.dual_coef.n_cols) + ", expected 1 x " + std::to_string(n_sv));
    if (e.support_vectors.n_cols != n_features ||
        e.support_vectors.n_rows != (precomputed ? 0 : n_sv))
      fail("support_vectors does not match the support and the width");
    if (precomputed && n_sv > 0 && e.support.max() >= n_features)
      fail("support index out of range");
    if (!e.dual_coef.is_finite() || !e.support_vectors.is_finite() || !std::isfinite(e.intercept) ||
        !std::isfinite(e.gamma) || n_iter > (std::uint64_t{1} << 62))
      fail("non-finite values");
  }
}

}  // namespace fitkit::detail
