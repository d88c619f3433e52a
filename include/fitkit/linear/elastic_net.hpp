#pragma once
// Linear regression with L1 and L2 penalties by coordinate descent, as scikit-learn's
// ElasticNet and Lasso (1.2). Minimises
//
//   1/(2 n) ||y - X w - b||^2 + alpha * l1_ratio * ||w||_1 + 0.5 * alpha * (1 - l1_ratio) * ||w||^2
//
//   fitkit::ElasticNet enet({.alpha = 0.1, .l1_ratio = 0.7});
//   enet.fit(X, y);                        // optional sample_weight
//   enet.coef(); enet.intercept(); enet.n_iter(); enet.dual_gap(); enet.predict(X);
//
//   fitkit::Lasso lasso({.alpha = 0.1});   // l1_ratio fixed at 1
//
// The stopping rule is scikit-learn's: the duality gap is checked when the largest
// coefficient change of an epoch is below tol relative to the largest coefficient, and the
// fit stops once gap < tol * ||y - mean(y)||^2 (the same iterates as scikit-learn's, so the
// same answer at the same tol). With precompute (auto: n_samples > n_features), epochs run
// on the Gram matrix X'X instead of X: d^2 per epoch instead of n d. Epochs on X skip the
// features that gap-safe screening (Fercoq, Gramfort and Salmon, 2015) proves zero.
//
// enet_path / lasso_path fit a list of alphas, largest first, each starting from the
// previous solution.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "fitkit/linear/linear_model.hpp"

namespace fitkit {

enum class CdSelection { cyclic, random };

template <>
struct EnumNames<CdSelection> {
  static constexpr std::array values{std::pair{CdSelection::cyclic, "cyclic"},
                                     std::pair{CdSelection::random, "random"}};
};

enum class CdPrecompute { automatic, yes, no };

template <>
struct EnumNames<CdPrecompute> {
  static constexpr std::array values{std::pair{CdPrecompute::automatic, "auto"},
                                     std::pair{CdPrecompute::yes, "true"},
                                     std::pair{CdPrecompute::no, "false"}};
};

namespace detail {

// The options ElasticNet and Lasso share, listed once for both Params::visit.
template <class P, class V>
void visit_coordinate_descent_options(P& p, V& v) {
  v("fit_intercept", p.fit_intercept, "whether to fit an intercept (centre X and y first)");
  v("precompute", p.precompute,
    "run the epochs on the Gram matrix X'X: auto does when n_samples > n_features (up to "
    "4096 features)",
    one_of_enum());
  v("max_iter", p.max_iter, "maximum number of epochs (passes over the features)", at_least(1));
  v("tol", p.tol,
    "stop once the duality gap is below tol * ||y - mean(y)||^2 (scikit-learn's rule)",
    at_least(0.0));
  v("warm_start", p.warm_start, "start from the coefficients of the previous fit");
  v("positive", p.positive, "constrain the coefficients to be non-negative");
  v("selection", p.selection,
    "cyclic: features in order each epoch; random: a random feature each step", one_of_enum());
  v("seed", p.seed, "random seed for selection=random");
  v("screening", p.screening,
    "skip features proven zero at the optimum (gap-safe rules; epochs on X only)");
}

}  // namespace detail

struct ElasticNetParams {
  double alpha = 1.0;
  double l1_ratio = 0.5;
  bool fit_intercept = true;
  CdPrecompute precompute = CdPrecompute::automatic;
  int max_iter = 1000;
  double tol = 1e-4;
  bool warm_start = false;
  bool positive = false;
  CdSelection selection = CdSelection::cyclic;
  std::uint64_t seed = 0;
  bool screening = true;

  template <class V>
  void visit(V&& v) {
    v("alpha", alpha, "strength of the penalty (0 is least squares, better done elsewhere)",
      at_least(0.0));
    v("l1_ratio", l1_ratio, "mix of the penalties: 1 is the lasso (L1), 0 is ridge (L2)",
      in_range(0.0, 1.0));
    detail::visit_coordinate_descent_options(*this, v);
  }
};

struct LassoParams {
  double alpha = 1.0;
  bool fit_intercept = true;
  CdPrecompute precompute = CdPrecompute::automatic;
  int max_iter = 1000;
  double tol = 1e-4;
  bool warm_start = false;
  bool positive = false;
  CdSelection selection = CdSelection::cyclic;
  std::uint64_t seed = 0;
  bool screening = true;

  template <class V>
  void visit(V&& v) {
    v("alpha", alpha, "strength of the L1 penalty (0 is least squares, better done elsewhere)",
      at_least(0.0));
    detail::visit_coordinate_descent_options(*this, v);
  }
};

class ElasticNet;
class Lasso;

namespace detail {

// What ElasticNet and Lasso share: everything but the name and the parameter list.
template <class Derived, class P>
class CoordinateDescentRegressor : public EstimatorWithParams<Derived, P, LinearRegressor> {
 public:
  using EstimatorWithParams<Derived, P, LinearRegressor>::EstimatorWithParams;

  int n_iter() const;       // epochs of the last fit
  double dual_gap() const;  // duality gap at the end, in the objective's scale (1/n)

  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight);
  }
  void fit_weighted(const Matrix& X, const Vector& y, const Vector* sample_weight);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  using LinearRegressor::coef_;  // members of a dependent base, named once
  using LinearRegressor::intercept_;
  int n_iter_ = 0;
  double dual_gap_ = 0;
};

extern template class CoordinateDescentRegressor<ElasticNet, ElasticNetParams>;
extern template class CoordinateDescentRegressor<Lasso, LassoParams>;

}  // namespace detail

class ElasticNet : public detail::CoordinateDescentRegressor<ElasticNet, ElasticNetParams> {
 public:
  using CoordinateDescentRegressor::CoordinateDescentRegressor;

  ElasticNet& fit(const Matrix& X, const Vector& y) {
    fit_weighted(X, y, nullptr);
    return *this;
  }
  ElasticNet& fit(const Matrix& X, const Vector& y, const Vector& sample_weight) {
    fit_weighted(X, y, &sample_weight);
    return *this;
  }

  std::string type_name() const override { return "ElasticNet"; }
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;
};

class Lasso : public detail::CoordinateDescentRegressor<Lasso, LassoParams> {
 public:
  using CoordinateDescentRegressor::CoordinateDescentRegressor;

  Lasso& fit(const Matrix& X, const Vector& y) {
    fit_weighted(X, y, nullptr);
    return *this;
  }
  Lasso& fit(const Matrix& X, const Vector& y, const Vector& sample_weight) {
    fit_weighted(X, y, &sample_weight);
    return *this;
  }

  std::string type_name() const override { return "Lasso"; }
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;
};

// ---- regularisation paths ---------------------------------------------------------------------

struct EnetPathParams {
  double l1_ratio = 0.5;
  // scikit-learn's enet_path works on X and y as given; true centres them first (and the
  // path then carries intercepts).
  bool fit_intercept = false;
  CdPrecompute precompute = CdPrecompute::automatic;
  int max_iter = 1000;
  double tol = 1e-4;
  bool positive = false;
  CdSelection selection = CdSelection::cyclic;
  std::uint64_t seed = 0;
  // Without explicit alphas: n_alphas values from alpha_max (the smallest alpha that gives
  // all-zero coefficients) down to eps * alpha_max, evenly on a log scale.
  int n_alphas = 100;
  double eps = 1e-3;
  bool screening = true;

  template <class V>
  void visit(V&& v) {
    v("l1_ratio", l1_ratio, "mix of the penalties: 1 is the lasso", in_range(0.0, 1.0));
    v("fit_intercept", fit_intercept, "centre X and y first");
    v("precompute", precompute, "run the epochs on the Gram matrix X'X", one_of_enum());
    v("max_iter", max_iter, "maximum number of epochs per alpha", at_least(1));
    v("tol", tol, "duality-gap tolerance, relative to ||y||^2", at_least(0.0));
    v("positive", positive, "constrain the coefficients to be non-negative");
    v("selection", selection, "cyclic or random", one_of_enum());
    v("seed", seed, "random seed for selection=random");
    v("n_alphas", n_alphas, "number of alphas when none are given", at_least(1));
    v("eps", eps, "smallest alpha relative to alpha_max when none are given", greater_than(0.0));
  }
};

struct EnetPath {
  Vector alphas;      // in decreasing order, as fitted
  Matrix coefs;       // n_features x n_alphas, column k for alphas(k)
  Vector intercepts;  // zeros unless fit_intercept
  Vector dual_gaps;   // in the objective's scale (1/n)
  std::vector<int> n_iters;
};

// alphas empty: the automatic grid. Given alphas are sorted in decreasing order.
EnetPath enet_path(const Matrix& X, const Vector& y, const EnetPathParams& params = {},
                   const Vector& alphas = {});
// enet_path with l1_ratio = 1 (params.l1_ratio is ignored).
EnetPath lasso_path(const Matrix& X, const Vector& y, const EnetPathParams& params = {},
                    const Vector& alphas = {});

}  // namespace fitkit
