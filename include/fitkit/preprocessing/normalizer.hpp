#pragma once
// Each row scaled to unit norm, as scikit-learn's Normalizer: l2 (the default), l1 or max. A row
// of zeros stays zeros. Nothing is learned but the width: fit only checks X.
//
//   fitkit::Normalizer unit({.norm = fitkit::Norm::l1});
//   Matrix U = unit.fit_transform(X);   // each row's absolute values sum to 1

#include <array>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "fitkit/core/transformer.hpp"

namespace fitkit {

enum class Norm { l1, l2, max };

template <>
struct EnumNames<Norm> {
  static constexpr std::array values{std::pair{Norm::l1, "l1"}, std::pair{Norm::l2, "l2"},
                                     std::pair{Norm::max, "max"}};
};

struct NormalizerParams {
  Norm norm = Norm::l2;

  template <class V>
  void visit(V&& v) {
    v("norm", norm, "the norm each row is scaled to 1 in: l1, l2 or max", one_of_enum());
  }
};

class Normalizer : public EstimatorWithParams<Normalizer, NormalizerParams, Transformer> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  Normalizer& fit(const Matrix& X);
  Matrix transform(const Matrix& X) const override;
  std::vector<std::string> feature_names_out() const override { return input_feature_names(); }

  std::string type_name() const override { return "Normalizer"; }
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
};

}  // namespace fitkit
