#pragma once
// Polynomial and interaction features, as scikit-learn's PolynomialFeatures: every product of
// the input features of total degree at most `degree`, in scikit-learn's column order.
//
//   fitkit::PolynomialFeatures poly({.degree = 2});
//   Matrix XP = poly.fit_transform(X);      // [1, a, b, a^2, a b, b^2] for X = [a, b]
//   poly.feature_names_out();               // "1", "x0", "x1", "x0^2", "x0 x1", "x1^2"
//   poly.powers();                          // n_output_features x n_features_in exponents
//
// scikit-learn's degree=(min_degree, max_degree) is degree = max_degree with the separate
// parameter min_degree: terms of degree 1 .. min_degree - 1 are left out (min_degree 0 and 1
// are the same, the degree-0 term being include_bias's). The output is never empty: degree 0
// without include_bias, or a min_degree that leaves no term, is an InvalidParameter.
//
// Every term up to `degree` (the ones left out by min_degree too) is computed, from the
// previous degree's columns, so their number is bounded by max_output_features; a larger
// expansion is refused at fit, before anything is allocated.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "fitkit/core/transformer.hpp"

namespace fitkit {

struct PolynomialFeaturesParams {
  int degree = 2;
  int min_degree = 0;
  bool interaction_only = false;
  bool include_bias = true;

  template <class V>
  void visit(V&& v) {
    v("degree", degree, "the highest total degree of the products", at_least(0));
    v("min_degree", min_degree,
      "the lowest degree of the non-bias terms: scikit-learn's degree=(min_degree, degree) "
      "(0 and 1: every degree)",
      at_least(0));
    v("interaction_only", interaction_only,
      "only products of distinct features (no x0^2, x0^2 x1, ...)");
    v("include_bias", include_bias, "include the column of ones (the degree-0 term)");
  }
};

class PolynomialFeatures
    : public EstimatorWithParams<PolynomialFeatures, PolynomialFeaturesParams, Transformer> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  // The most columns an expansion may compute (every degree up to `degree`).
  static constexpr std::uint64_t max_output_features = (std::uint64_t{1} << 31) - 1;

  // Only the width of X is learned; X must still be non-empty and finite.
  PolynomialFeatures& fit(const Matrix& X);
  Matrix transform(const Matrix& X) const override;

  // scikit-learn's n_output_features_ and powers_: row k holds the exponent of each input
  // feature in output column k.
  Index n_output_features() const;
  arma::umat powers() const;
  // scikit-learn's get_feature_names_out: "1", "x0", "x0^2", "x0 x1", or with the fitted
  // feature names "age^2", "age sex".
  std::vector<std::string> feature_names_out() const override;

  std::string type_name() const override { return "PolynomialFeatures"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& /*y: ignored*/,
                  const Vector& /*sample_weight*/) override {
    fit(X);
  }

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);
  // Calls f(term) for every output column in order; term lists the input features of the
  // product (with repeats), in increasing order; empty for the bias.
  template <class F>
  void for_each_term(F&& f) const;

  Index n_output_features_ = 0;
};

}  // namespace fitkit
