#pragma once
// Truncated SVD (latent semantic analysis), as scikit-learn's TruncatedSVD: the data's first
// n_components singular vectors, without centring it.
//
//   fitkit::TruncatedSVD svd({.n_components = 5, .seed = 1});
//   Matrix Z = svd.fit_transform(X);                // X V, one column per component
//   svd.components(); svd.explained_variance_ratio(); svd.singular_values();
//   Matrix back = svd.inverse_transform(Z);         // Z V'
//
// algorithm randomized: scikit-learn's randomized_svd (numpy's Gaussian draws for `seed`,
// n_iter power iterations normalised by LU, QR or nothing, n_oversamples extra vectors,
// svd_flip's signs), the same numbers as scikit-learn for the same random_state.
// algorithm arpack: fitkit computes the exact truncated SVD with LAPACK instead of ARPACK's
// iterations (the data are dense), signed as scikit-learn signs ARPACK's (the largest entry of
// each left singular vector positive), so it agrees with scikit-learn's arpack to ARPACK's
// accuracy; tol is accepted and ignored. n_components: at most n_features (randomized), below
// min(n_samples, n_features) (arpack); at least 2 features.
//
// power_iteration_normalizer QR is randomized_svd's QR: scikit-learn 1.2's TruncatedSVD
// refuses the name by a typo in its parameter check ('OR'), fixed in 1.3.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "fitkit/core/params.hpp"
#include "fitkit/core/transformer.hpp"
#include "fitkit/decomposition/power_iteration_normalizer.hpp"

namespace fitkit {

enum class TruncatedSvdAlgorithm { randomized, arpack };
template <>
struct EnumNames<TruncatedSvdAlgorithm> {
  static constexpr std::array values{std::pair{TruncatedSvdAlgorithm::randomized, "randomized"},
                                     std::pair{TruncatedSvdAlgorithm::arpack, "arpack"}};
};

struct TruncatedSVDParams {
  int n_components = 2;
  TruncatedSvdAlgorithm algorithm = TruncatedSvdAlgorithm::randomized;
  int n_iter = 5;
  int n_oversamples = 10;
  PowerIterationNormalizer power_iteration_normalizer = PowerIterationNormalizer::automatic;
  std::uint32_t seed = 0;
  double tol = 0.0;

  template <class V>
  void visit(V&& v) {
    v("n_components", n_components,
      "components to keep: at most n_features (randomized), below min(n_samples, n_features) "
      "(arpack)",
      at_least(1));
    v("algorithm", algorithm,
      "randomized (scikit-learn's randomized_svd) or arpack (here the exact truncated SVD, by "
      "LAPACK)",
      one_of_enum());
    v("n_iter", n_iter, "randomized: power iterations", at_least(0));
    v("n_oversamples", n_oversamples, "randomized: extra random vectors beyond n_components",
      at_least(1));
    v("power_iteration_normalizer", power_iteration_normalizer,
      "randomized: how each power iteration is normalised (auto: LU after 2 iterations, none "
      "up to 2)",
      one_of_enum());
    v("seed", seed, "randomized: seed of the Gaussian test matrix (numpy's RandomState)");
    v("tol", tol, "arpack: ARPACK's tolerance, ignored (the SVD here is exact)", at_least(0.0));
  }
};

class TruncatedSVD : public EstimatorWithParams<TruncatedSVD, TruncatedSVDParams, Transformer> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  TruncatedSVD& fit(const Matrix& X);
  Matrix transform(const Matrix& X) const override;             // X V
  Matrix inverse_transform(const Matrix& Z) const;              // Z V'
  std::vector<std::string> feature_names_out() const override;  // truncatedsvd0, ...

  // scikit-learn's components_ (n_components x n_features), explained_variance_ (the variance
  // of each column of the transformed training data), explained_variance_ratio_ (over the
  // data's total variance), singular_values_.
  const Matrix& components() const { return components_; }
  const Vector& explained_variance() const { return explained_variance_; }
  const Vector& explained_variance_ratio() const { return explained_variance_ratio_; }
  const Vector& singular_values() const { return singular_values_; }
  Index n_components() const { return components_.n_rows; }

  std::string type_name() const override { return "TruncatedSVD"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& /*y*/, const Vector& /*sample_weight*/) override {
    fit(X);
  }
  // The transform of the training data falls out of fit (U Sigma for arpack, as scikit-learn).
  Matrix fit_transform_values(const Matrix& X, const Vector& /*y*/,
                              const Vector& /*sample_weight*/) override {
    return fit_and_transform(X);
  }

 private:
  Matrix fit_and_transform(const Matrix& X);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);
  Matrix components_;
  Vector explained_variance_, explained_variance_ratio_, singular_values_;
};

}  // namespace fitkit
