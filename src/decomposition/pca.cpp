#include "fitkit/decomposition/pca.hpp"

#include <algorithm>
#include <cmath>
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

// How many components n_components keeps, given every component's variance ratio.
Index components_to_keep(const PcaComponents& n_components, const Vector& ratio, Index most) {
  if (n_components.is_keyword()) return most;
  if (n_components.holds<std::int64_t>()) {
    const std::int64_t k = n_components.get<std::int64_t>();
    if (k < 1 || k > static_cast<std::int64_t>(most))
      throw InvalidParameter("n_components", "n_components=" + std::to_string(k) +
                                                 " must be between 1 and min(n_samples, "
                                                 "n_features)=" +
                                                 std::to_string(most));
    return static_cast<Index>(k);
  }
  const double fraction = n_components.number();
  if (!(fraction > 0 && fraction < 1))
    throw InvalidParameter("n_components", "a fraction of the variance must lie in (0, 1), got " +
                                               std::to_string(fraction));
  // scikit-learn's searchsorted(cumsum, fraction, side='right') + 1.
  double cumulative = 0;
  for (Index k = 0; k < ratio.n_elem; ++k) {
    cumulative += ratio(k);
    if (cumulative > fraction) return k + 1;
  }
  return most;
}

}  // namespace

void PCA::fit_randomized(const Matrix& X) {
  const Index most = std::min(X.n_rows, X.n_cols);
  Index k = most;
  if (!params_.n_components.is_keyword()) {
    if (!params_.n_components.holds<std::int64_t>())
      throw InvalidParameter("n_components",
                             "svd_solver='randomized' takes a count of components, not a "
                             "fraction of the variance");
    k = components_to_keep(params_.n_components, Vector(), most);
  }
  const Index n_iter = params_.iterated_power.is_keyword()
                           ? (static_cast<double>(k) < 0.1 * static_cast<double>(most) ? 7 : 4)
                           : static_cast<Index>(params_.iterated_power.get<std::int64_t>());
  const Vector mean = arma::mean(X, 0).t();
  const detail::RandomizedSvd svd =
      detail::randomized_svd(X, mean.t(), k,
                             {.n_oversamples = static_cast<Index>(params_.n_oversamples),
                              .n_iter = n_iter,
                              .normalizer = params_.power_iteration_normalizer,
                              .seed = params_.seed},
                             type_name());
  const double denominator = static_cast<double>(X.n_rows - 1);
  const double total_variance = svd.squared_norm / denominator;
  reset_fitted();
  components_ = svd.V.t();
  explained_variance_ = arma::square(svd.s) / denominator;
  explained_variance_ratio_ = explained_variance_ / total_variance;
  singular_values_ = svd.s;
  mean_ = mean;
  noise_variance_ =
      k < most ? (total_variance - arma::accu(explained_variance_)) / static_cast<double>(most - k)
               : 0.0;
  set_n_features_in(X.n_cols);
}

PCA& PCA::fit(const Matrix& X) {
  validate_params(params_);
  check_fit_input(X, type_name());
  if (X.n_rows < 2)
    throw DataError("PCA: at least 2 samples are needed, got " + std::to_string(X.n_rows));
  if (params_.svd_solver == PcaSolver::randomized) {
    fit_randomized(X);
    return *this;
  }
  // The SVD of the centred data from the R of its QR factorisation (blocked, without copying
  // X, the same bits on any thread count): the singular values and right singular vectors are
  // R's, and the left singular vectors, which only svd_flip needs, are never formed in full.
  const Vector no_target(X.n_rows, arma::fill::zeros);  // the QR's last column, unused
  const detail::Centering centering = detail::compute_centering(X, no_target, nullptr, true);
  const Vector mean = centering.x_mean.t();
  const Matrix r = detail::centred_qr_r(X, no_target, nullptr, centering);
  Matrix U_r, V;
  Vector s;
  detail::economy_svd(r.cols(0, X.n_cols - 1), U_r, s, V, type_name());
  const Vector variance = arma::square(s) / static_cast<double>(X.n_rows - 1);
  const Vector ratio = variance / arma::accu(variance);
  const Index most = s.n_elem;
  const Index k = components_to_keep(params_.n_components, ratio, most);
  // scikit-learn's svd_flip: the largest entry (in absolute value) of each left singular
  // vector, u_k = Xc v_k / s_k, positive; only the kept ones are formed.
  Matrix projected = X * V.cols(0, k - 1);
  projected.each_row() -= centering.x_mean * V.cols(0, k - 1);
  for (Index c = 0; c < k; ++c) {
    const arma::uword at = arma::index_max(arma::abs(projected.col(c)));
    if (projected(at, c) < 0) V.col(c) *= -1.0;
  }
  reset_fitted();
  components_ = V.cols(0, k - 1).t();
  explained_variance_ = variance.head(k);
  explained_variance_ratio_ = ratio.head(k);
  singular_values_ = s.head(k);
  mean_ = mean;
  noise_variance_ = k < most ? arma::mean(variance.tail(most - k)) : 0.0;
  set_n_features_in(X.n_cols);
  return *this;
}

Matrix PCA::transform(const Matrix& X) const {
  check_predict_input(X);
  Matrix Z = (X.each_row() - mean_.t()) * components_.t();
  if (params_.whiten) Z.each_row() /= arma::sqrt(explained_variance_).t();
  return Z;
}

Matrix PCA::inverse_transform(const Matrix& Z) const {
  if (!is_fitted()) throw NotFitted(type_name());
  if (Z.n_cols != components_.n_rows)
    throw DimensionMismatch("PCA inverse_transform: " + std::to_string(Z.n_cols) +
                            " columns, the model has " + std::to_string(components_.n_rows) +
                            " components");
  check_finite(Z, "PCA inverse_transform input");
  Matrix X = params_.whiten ? Matrix(Z * (components_.each_col() % arma::sqrt(explained_variance_)))
                            : Matrix(Z * components_);
  X.each_row() += mean_.t();
  return X;
}

std::vector<std::string> PCA::feature_names_out() const {
  if (!is_fitted()) throw NotFitted(type_name());
  std::vector<std::string> names;
  for (Index k = 0; k < components_.n_rows; ++k) names.push_back("pca" + std::to_string(k));
  return names;
}

void PCA::describe_fitted(std::ostream& out) const {
  out << "n_components: " << components_.n_rows << "\n";
  out << "explained_variance_ratio:";
  for (Index k = 0; k < explained_variance_ratio_.n_elem; ++k)
    out << (k ? ", " : " ") << explained_variance_ratio_(k);
  out << "\nnoise_variance: " << noise_variance_ << "\n";
}

template <class Archive>
void PCA::serialize(Archive& ar, std::uint32_t /*version*/) {
  const auto as_vector = [](const auto& v) { return std::vector<double>(v.begin(), v.end()); };
  std::vector<double> components = as_vector(components_),
                      variance = as_vector(explained_variance_),
                      ratio = as_vector(explained_variance_ratio_),
                      singular = as_vector(singular_values_), mean = as_vector(mean_);
  std::uint64_t k = components_.n_rows;
  double noise = noise_variance_;
  ar(cereal::make_nvp("n_components", k), cereal::make_nvp("components", components),
     cereal::make_nvp("explained_variance", variance),
     cereal::make_nvp("explained_variance_ratio", ratio),
     cereal::make_nvp("singular_values", singular), cereal::make_nvp("mean", mean),
     cereal::make_nvp("noise_variance", noise));
  if constexpr (Archive::is_loading::value) {
    const Index d = n_features_in();
    if (k < 1 || k > d || components.size() != k * d || variance.size() != k || ratio.size() != k ||
        singular.size() != k || mean.size() != d)
      throw detail::FormatProblem("the components, variances and mean do not fit " +
                                  std::to_string(k) + " components of " + std::to_string(d) +
                                  " features");
    components_ = Matrix(components.data(), k, d);  // column-major, as written
    explained_variance_ = Vector(variance);
    explained_variance_ratio_ = Vector(ratio);
    singular_values_ = Vector(singular);
    mean_ = Vector(mean);
    noise_variance_ = noise;
    if (!components_.is_finite() || !explained_variance_.is_finite() || !mean_.is_finite())
      throw detail::FormatProblem("non-finite components, variances or mean");
  }
}

FITKIT_DEFINE_PAYLOAD(PCA)

}  // namespace fitkit
