#include "fitkit/decomposition/truncated_svd.hpp"

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "core/centred_blocks.hpp"
#include "core/decompositions.hpp"
#include "core/format_problem.hpp"
#include "core/payload.hpp"
#include "decomposition/randomized_svd.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"

namespace fitkit {
namespace {

// numpy's var(Z, axis=0): each column's mean squared deviation from its mean.
Vector column_variances(const Matrix& Z) {
  Vector variance(Z.n_cols);
  for (Index j = 0; j < Z.n_cols; ++j) {
    const double mean = arma::mean(Z.col(j));
    variance(j) = arma::accu(arma::square(Z.col(j) - mean)) / static_cast<double>(Z.n_rows);
  }
  return variance;
}

}  // namespace

Matrix TruncatedSVD::fit_and_transform(const Matrix& X) {
  validate_params(params_);
  check_fit_input(X, type_name());
  if (X.n_cols < 2)
    throw DataError("TruncatedSVD: at least 2 features are needed, got " +
                    std::to_string(X.n_cols));
  const Index k = static_cast<Index>(params_.n_components);
  Matrix V, Z;
  Vector s;
  if (params_.algorithm == TruncatedSvdAlgorithm::randomized) {
    if (k > X.n_cols)
      throw InvalidParameter("n_components", "n_components(" + std::to_string(k) +
                                                 ") must be <= n_features(" +
                                                 std::to_string(X.n_cols) + ")");
    detail::RandomizedSvd svd =
        detail::randomized_svd(X, RowVector(), k,
                               {.n_oversamples = static_cast<Index>(params_.n_oversamples),
                                .n_iter = static_cast<Index>(params_.n_iter),
                                .normalizer = params_.power_iteration_normalizer,
                                .seed = params_.seed},
                               type_name());
    V = std::move(svd.V);
    s = std::move(svd.s);
    Z = X * V;  // scikit-learn's X @ components_.T, not U Sigma
  } else {
    const Index most = std::min(X.n_rows, X.n_cols);
    if (k >= most)
      throw InvalidParameter("n_components", "n_components=" + std::to_string(k) +
                                                 " must be below min(n_samples, n_features)=" +
                                                 std::to_string(most) + " with arpack");
    // The exact SVD from the R of X's QR factorisation (blocked, without copying X): its
    // singular values and right singular vectors are X's. The left singular vectors, which only
    // the signs need, are never formed: u_c = X v_c / s_c, and X V is the transform, U Sigma.
    const Vector no_target(X.n_rows, arma::fill::zeros);  // the QR's last column, unused
    const detail::Centering uncentred = detail::compute_centering(X, no_target, nullptr, false);
    const Matrix r = detail::centred_qr_r(X, no_target, nullptr, uncentred);
    Matrix U_r, V_all;
    Vector s_all;
    detail::economy_svd(r.cols(0, X.n_cols - 1), U_r, s_all, V_all, type_name());
    V = V_all.cols(0, k - 1);
    s = s_all.head(k);
    Z = X * V;
    // svd_flip(U, VT): the largest entry (in absolute value) of each left singular vector
    // positive.
    for (Index c = 0; c < k; ++c) {
      const arma::uword at = arma::index_max(arma::abs(Z.col(c)));
      if (Z(at, c) < 0) {
        V.col(c) *= -1.0;
        Z.col(c) *= -1.0;
      }
    }
  }
  reset_fitted();
  components_ = V.t();
  explained_variance_ = column_variances(Z);
  explained_variance_ratio_ = explained_variance_ / arma::accu(column_variances(X));
  singular_values_ = s;
  set_n_features_in(X.n_cols);
  return Z;
}

TruncatedSVD& TruncatedSVD::fit(const Matrix& X) {
  fit_and_transform(X);
  return *this;
}

Matrix TruncatedSVD::transform(const Matrix& X) const {
  check_predict_input(X);
  return X * components_.t();
}

Matrix TruncatedSVD::inverse_transform(const Matrix& Z) const {
  if (!is_fitted()) throw NotFitted(type_name());
  if (Z.n_cols != components_.n_rows)
    throw DimensionMismatch("TruncatedSVD inverse_transform: " + std::to_string(Z.n_cols) +
                            " columns, the model has " + std::to_string(components_.n_rows) +
                            " components");
  check_finite(Z, "TruncatedSVD inverse_transform input");
  return Z * components_;
}

std::vector<std::string> TruncatedSVD::feature_names_out() const {
  if (!is_fitted()) throw NotFitted(type_name());
  std::vector<std::string> names;
  for (Index k = 0; k < components_.n_rows; ++k)
    names.push_back("truncatedsvd" + std::to_string(k));
  return names;
}

void TruncatedSVD::describe_fitted(std::ostream& out) const {
  out << "n_components: " << components_.n_rows << "\n";
  out << "singular_values:";
  for (Index k = 0; k < singular_values_.n_elem; ++k)
    out << (k ? ", " : " ") << singular_values_(k);
  out << "\nexplained_variance_ratio:";
  for (Index k = 0; k < explained_variance_ratio_.n_elem; ++k)
    out << (k ? ", " : " ") << explained_variance_ratio_(k);
  out << "\n";
}

template <class Archive>
void TruncatedSVD::serialize(Archive& ar, std::uint32_t /*version*/) {
  const auto as_vector = [](const auto& v) { return std::vector<double>(v.begin(), v.end()); };
  std::vector<double> components = as_vector(components_),
                      variance = as_vector(explained_variance_),
                      ratio = as_vector(explained_variance_ratio_),
                      singular = as_vector(singular_values_);
  std::uint64_t k = components_.n_rows;
  ar(cereal::make_nvp("n_components", k), cereal::make_nvp("components", components),
     cereal::make_nvp("explained_variance", variance),
     cereal::make_nvp("explained_variance_ratio", ratio),
     cereal::make_nvp("singular_values", singular));
  if constexpr (Archive::is_loading::value) {
    const Index d = n_features_in();
    if (k < 1 || k > d || components.size() != k * d || variance.size() != k || ratio.size() != k ||
        singular.size() != k)
      throw detail::FormatProblem("the components and variances do not fit " + std::to_string(k) +
                                  " components of " + std::to_string(d) + " features");
    components_ = Matrix(components.data(), k, d);  // column-major, as written
    explained_variance_ = Vector(variance);
    explained_variance_ratio_ = Vector(ratio);  // NaN for data of no variance, as scikit-learn
    singular_values_ = Vector(singular);
    if (!components_.is_finite() || !explained_variance_.is_finite() ||
        !singular_values_.is_finite())
      throw detail::FormatProblem("non-finite components, variances or singular values");
  }
}

FITKIT_DEFINE_PAYLOAD(TruncatedSVD)

}  // namespace fitkit
