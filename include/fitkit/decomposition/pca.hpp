#pragma once
// Principal component analysis, as scikit-learn's PCA with its full SVD solver: the data
// centred, its thin SVD, signs as scikit-learn's svd_flip (the largest entry of each left
// singular vector positive), and the first n_components right singular vectors kept.
//
//   fitkit::PCA pca({.n_components = 0.95});        // as many as explain 95% of the variance
//   Matrix Z = pca.fit_transform(X);
//   pca.components(); pca.explained_variance_ratio(); pca.singular_values();
//   Matrix back = pca.inverse_transform(Z);
//
// n_components: none (all: min(n_samples, n_features)), a count, or a fraction in (0, 1) of
// the variance to explain. svd_solver full, or randomized (Halko et al.'s range finder as
// scikit-learn's randomized_svd: numpy's Gaussian draws for `seed`, iterated_power passes
// normalised by LU, QR or nothing, then the SVD of the small projected matrix; a count of
// components only). auto means full here (scikit-learn's auto would take the randomized solver
// for data over 500 rows or columns and fewer than 80% of the components).

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

enum class PcaComponentsKeyword { none };
template <>
struct EnumNames<PcaComponentsKeyword> {
  static constexpr std::array values{std::pair{PcaComponentsKeyword::none, "none"}};
};
// scikit-learn's n_components: None, a count, or a fraction of the variance.
using PcaComponents = KeywordOr<PcaComponentsKeyword, std::int64_t, double>;

enum class PcaSolver { automatic, full, randomized };
template <>
struct EnumNames<PcaSolver> {
  static constexpr std::array values{std::pair{PcaSolver::automatic, "auto"},
                                     std::pair{PcaSolver::full, "full"},
                                     std::pair{PcaSolver::randomized, "randomized"}};
};

enum class IteratedPowerKeyword { automatic };
template <>
struct EnumNames<IteratedPowerKeyword> {
  static constexpr std::array values{std::pair{IteratedPowerKeyword::automatic, "auto"}};
};
// auto: 7 passes when n_components is below a tenth of min(n_samples, n_features), else 4.
using IteratedPower = KeywordOr<IteratedPowerKeyword, std::int64_t>;

struct PCAParams {
  PcaComponents n_components = PcaComponentsKeyword::none;
  bool whiten = false;
  PcaSolver svd_solver = PcaSolver::automatic;
  IteratedPower iterated_power = IteratedPowerKeyword::automatic;
  int n_oversamples = 10;
  PowerIterationNormalizer power_iteration_normalizer = PowerIterationNormalizer::automatic;
  std::uint32_t seed = 0;

  template <class V>
  void visit(V&& v) {
    v("n_components", n_components,
      "components to keep: none (all), a count, or a fraction in (0, 1) of the variance");
    v("whiten", whiten, "scale the components to unit variance");
    v("svd_solver", svd_solver,
      "auto or full (LAPACK's SVD of the centred data), or randomized (a count of components)",
      one_of_enum());
    v("iterated_power", iterated_power,
      "randomized: power iterations (auto: 7 for few components, else 4)");
    v("n_oversamples", n_oversamples, "randomized: extra random vectors beyond n_components",
      at_least(1));
    v("power_iteration_normalizer", power_iteration_normalizer,
      "randomized: how each power iteration is normalised (auto: LU after 2 iterations, none "
      "up to 2)",
      one_of_enum());
    v("seed", seed, "randomized: seed of the Gaussian test matrix (numpy's RandomState)");
  }
};

class PCA : public EstimatorWithParams<PCA, PCAParams, Transformer> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  PCA& fit(const Matrix& X);
  Matrix transform(const Matrix& X) const override;
  Matrix inverse_transform(const Matrix& Z) const;
  std::vector<std::string> feature_names_out() const override;  // pca0, pca1, ...

  // scikit-learn's components_ (n_components x n_features), explained_variance_,
  // explained_variance_ratio_, singular_values_, mean_, noise_variance_, n_components_.
  const Matrix& components() const { return components_; }
  const Vector& explained_variance() const { return explained_variance_; }
  const Vector& explained_variance_ratio() const { return explained_variance_ratio_; }
  const Vector& singular_values() const { return singular_values_; }
  const Vector& mean() const { return mean_; }
  double noise_variance() const { return noise_variance_; }
  Index n_components() const { return components_.n_rows; }

  std::string type_name() const override { return "PCA"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& /*y*/, const Vector& /*sample_weight*/) override {
    fit(X);
  }

 private:
  void fit_randomized(const Matrix& X);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);
  Matrix components_;
  Vector explained_variance_, explained_variance_ratio_, singular_values_, mean_;
  double noise_variance_ = 0;
};

}  // namespace fitkit
