#pragma once
// A mixture of Gaussians fitted by expectation-maximisation, as scikit-learn's
// sklearn.mixture.GaussianMixture (1.2): EM on the Cholesky factors of the precisions, the
// best of n_init starts kept, stopped when the mean log-likelihood (the lower bound) changes by
// less than tol.
//
//   fitkit::GaussianMixture gm({.n_components = 3, .covariance_type =
//   fitkit::CovarianceType::diag}); gm.fit(X); gm.predict(X); gm.predict_proba(X);
//   gm.score_samples(X); gm.score(X);   // mean log-likelihood gm.bic(X); gm.aic(X);
//   gm.sample(100); gm.weights(); gm.means(); gm.covariances(); gm.precisions_cholesky();
//
// It is a clusterer (labels() are the most probable component of each training row) in
// fitkit's cluster/ family, as the issue lays the families out; scikit-learn keeps it in
// sklearn.mixture.
//
// Arrays whose shape depends on covariance_type (covariances, precisions, their Cholesky
// factors, precisions_init) are cubes holding scikit-learn's arrays: for full, slice k is
// component k's d x d matrix (scikit-learn's [k]); for the others the one slice is
// scikit-learn's array itself: tied d x d, diag n_components x d, spherical n_components x 1.
//
// The initial parameters (scikit-learn's weights_init, means_init, precisions_init) are
// parameters like the others, held as flat lists in numpy's C order so that they reach the
// command line (--means-init 5.0,3.4,...) and the model file; set_means_init and its siblings
// fill them from matrices.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fitkit/core/clusterer.hpp"

namespace fitkit {

enum class CovarianceType { full, tied, diag, spherical };

template <>
struct EnumNames<CovarianceType> {
  static constexpr std::array values{
      std::pair{CovarianceType::full, "full"}, std::pair{CovarianceType::tied, "tied"},
      std::pair{CovarianceType::diag, "diag"}, std::pair{CovarianceType::spherical, "spherical"}};
};

enum class MixtureInit { kmeans, kmeans_plus_plus, random, random_from_data };

template <>
struct EnumNames<MixtureInit> {
  static constexpr std::array values{std::pair{MixtureInit::kmeans, "kmeans"},
                                     std::pair{MixtureInit::kmeans_plus_plus, "k-means++"},
                                     std::pair{MixtureInit::random, "random"},
                                     std::pair{MixtureInit::random_from_data, "random_from_data"}};
};

struct GaussianMixtureParams {
  int n_components = 1;
  CovarianceType covariance_type = CovarianceType::full;
  double tol = 1e-3;
  double reg_covar = 1e-6;
  int max_iter = 100;
  int n_init = 1;
  MixtureInit init_params = MixtureInit::kmeans;
  std::optional<std::vector<double>> weights_init;
  std::optional<std::vector<double>> means_init;
  std::optional<std::vector<double>> precisions_init;
  std::uint64_t seed = 0;
  bool warm_start = false;

  template <class V>
  void visit(V&& v) {
    v("n_components", n_components, "number of mixture components", at_least(1));
    v("covariance_type", covariance_type,
      "full: a covariance matrix per component; tied: one shared by all; diag: a diagonal one "
      "per component; spherical: one variance per component",
      one_of_enum());
    v("tol", tol, "stop when the mean log-likelihood gains less than this", at_least(0.0));
    v("reg_covar", reg_covar, "added to the diagonal of every covariance", at_least(0.0));
    v("max_iter", max_iter, "most EM iterations per start (0: the initial parameters)",
      at_least(0));
    v("n_init", n_init, "starts from different initialisations; the best is kept", at_least(1));
    v("init_params", init_params,
      "kmeans: responsibilities from a k-means fit; k-means++: from its seeds; random: random "
      "responsibilities; random_from_data: random rows as means",
      one_of_enum());
    v("weights_init", weights_init,
      "initial weights, n_components values summing to 1 (none: from init_params)");
    v("means_init", means_init,
      "initial means, n_components x n_features values row by row (none: from init_params)");
    v("precisions_init", precisions_init,
      "initial precisions (inverse covariances) in numpy's C order: n_components x n_features x "
      "n_features (full), n_features x n_features (tied), n_components x n_features (diag), "
      "n_components (spherical); none: from init_params");
    v("seed", seed, "random seed (initialisation and sample)");
    v("warm_start", warm_start,
      "start the next fit from this fit's parameters (one start, n_init ignored)");
  }
};

class GaussianMixture
    : public EstimatorWithParams<GaussianMixture, GaussianMixtureParams, Clusterer> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  Tags tags() const override;

  GaussianMixture& fit(const Matrix& X);

  // The most probable component of each row.
  Labels predict(const Matrix& X) const override;
  // The posterior probability of each component, one column per component.
  Matrix predict_proba(const Matrix& X) const override;
  // The log of the mixture's density at each row.
  Vector score_samples(const Matrix& X) const;
  // score(X) is the mean of score_samples(X) (Estimator::score).
  std::string score_name() const override { return "log_likelihood"; }
  // Bayesian and Akaike information criteria on X (lower is better).
  double bic(const Matrix& X) const;
  double aic(const Matrix& X) const;

  struct Sample {
    Matrix X;
    Labels y;  // the component each row was drawn from, in order
  };
  // n rows drawn from the fitted mixture, from `seed` (the same rows at every call, as
  // scikit-learn's with an integer random_state; not its numbers).
  Sample sample(Index n_samples = 1) const;

  // The components 0 .. n_components - 1 (the columns of predict_proba).
  Labels class_labels() const override;

  const Vector& weights() const;
  const Matrix& means() const;  // n_components x n_features
  const arma::cube& covariances() const;
  const arma::cube& precisions_cholesky() const;
  arma::cube precisions() const;
  bool converged() const;
  Index n_iter() const;
  // The mean log-likelihood of the training rows at the best start's last iteration.
  double lower_bound() const;
  // scikit-learn's _n_parameters: free parameters of the fitted model.
  Index n_parameters() const;

  // The *_init parameters from matrices (checked against the data's width at fit).
  GaussianMixture& set_weights_init(const Vector& weights);
  GaussianMixture& set_means_init(const Matrix& means);
  GaussianMixture& set_precisions_init(const arma::cube& precisions);  // shapes as above
  GaussianMixture& set_precisions_init(const Matrix& precisions);      // tied, diag, spherical

  std::string type_name() const override { return "GaussianMixture"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override;
  double score_values(const Matrix& X, const Vector& y, const Vector& sample_weight) const override;

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);
  void check_fitted() const;

  Vector weights_;
  Matrix means_;
  arma::cube covariances_;
  arma::cube precisions_cholesky_;
  bool converged_ = false;
  Index n_iter_ = 0;
  double lower_bound_ = 0;
};

}  // namespace fitkit
