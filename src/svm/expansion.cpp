#include "svm/expansion.hpp"

#include <ostream>
#include <vector>

#include "fitkit/core/params.hpp"

namespace fitkit::detail {

SvmExpansion make_expansion(const Matrix& X, const arma::uvec& rows, const Vector& coef,
                            const SmoResult& result, const KernelSpec& spec) {
  const arma::uvec nonzero = arma::find(coef != 0.0);
  SvmExpansion e;
  e.support = rows(nonzero);
  e.support_vectors =
      spec.kernel == SvmKernel::precomputed ? Matrix(0, X.n_cols) : Matrix(X.rows(e.support));
  e.dual_coef = Vector(coef(nonzero)).t();
  e.intercept = -result.rho;
  e.gamma = spec.gamma;
  e.n_iter = result.n_iter;
  e.objective = result.objective;
  return e;
}

Vector expansion_values(const SvmExpansion& e, const KernelSpec& spec, const Matrix& X) {
  Vector values = kernel_expansion(spec, X, e.support_vectors, e.support, e.dual_coef.t());
  values += e.intercept;
  return values;
}

void describe_expansion(std::ostream& out, const SvmExpansion& e, SvmKernel kernel) {
  out << "support vectors: " << e.support.n_elem << "\n";
  if (kernel != SvmKernel::precomputed && kernel != SvmKernel::linear)
    out << "gamma: " << format_double(e.gamma) << "\n";
  out << "intercept: " << format_double(e.intercept) << "\n";
  out << "SMO iterations: " << e.n_iter << "\n";
  out << "dual objective: " << format_double(e.objective) << "\n";
}

}  // namespace fitkit::detail
