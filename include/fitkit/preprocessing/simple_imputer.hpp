#pragma once
// Missing values (NaN) filled in per column, as scikit-learn's SimpleImputer: by the column's
// mean, median or most frequent value (the smallest of equally frequent ones), or by a constant
// fill_value. A column with no value at fit is dropped by transform, as scikit-learn 1.2 does
// (keep_empty_features false), except with strategy constant; keep_empty_features keeps it,
// filled with 0 (or fill_value).
//
//   fitkit::SimpleImputer imputer({.strategy = fitkit::ImputeStrategy::median});
//   Matrix filled = imputer.fit_transform(X);
//   imputer.statistics();    // the value each column's NaN become (NaN for a dropped column)

#include <array>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "fitkit/core/transformer.hpp"

namespace fitkit {

enum class ImputeStrategy { mean, median, most_frequent, constant };

template <>
struct EnumNames<ImputeStrategy> {
  static constexpr std::array values{std::pair{ImputeStrategy::mean, "mean"},
                                     std::pair{ImputeStrategy::median, "median"},
                                     std::pair{ImputeStrategy::most_frequent, "most_frequent"},
                                     std::pair{ImputeStrategy::constant, "constant"}};
};

struct SimpleImputerParams {
  ImputeStrategy strategy = ImputeStrategy::mean;
  double fill_value = 0.0;
  bool keep_empty_features = false;

  template <class V>
  void visit(V&& v) {
    v("strategy", strategy, "what replaces a column's NaN: mean, median, most_frequent, constant",
      one_of_enum());
    v("fill_value", fill_value, "the value of strategy constant (and of kept empty columns)");
    v("keep_empty_features", keep_empty_features,
      "keep a column that has no value at fit (filled with 0 or fill_value) instead of dropping "
      "it");
  }
};

class SimpleImputer : public EstimatorWithParams<SimpleImputer, SimpleImputerParams, Transformer> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  SimpleImputer& fit(const Matrix& X);
  Matrix transform(const Matrix& X) const override;
  std::vector<std::string> feature_names_out() const override;
  // scikit-learn's statistics_: per input column, what its NaN become; NaN for a column that
  // transform drops.
  const Vector& statistics() const { return statistics_; }

  Tags tags() const override;
  std::string type_name() const override { return "SimpleImputer"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& /*y*/, const Vector& /*sample_weight*/) override {
    fit(X);
  }

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);
  Vector statistics_;
};

}  // namespace fitkit
