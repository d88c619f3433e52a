#pragma once
// KBinsDiscretizer, as scikit-learn 1.2's: each column cut into n_bins bins (uniform widths,
// quantiles, or 1-D k-means edges) and each value replaced by its bin, as an index or one-hot.
//
//   fitkit::KBinsDiscretizer bins({.n_bins = 4, .encode = fitkit::KBinsEncode::ordinal});
//   Matrix Z = bins.fit_transform(X);  // each value's bin, 0 .. n_bins - 1
//
// Not available: scikit-learn's per-feature n_bins.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fitkit/core/transformer.hpp"

namespace fitkit {

enum class KBinsEncode { onehot_dense, ordinal };

template <>
struct EnumNames<KBinsEncode> {
  static constexpr std::array values{std::pair{KBinsEncode::onehot_dense, "onehot-dense"},
                                     std::pair{KBinsEncode::ordinal, "ordinal"}};
};

enum class KBinsStrategy { uniform, quantile, kmeans };

template <>
struct EnumNames<KBinsStrategy> {
  static constexpr std::array values{std::pair{KBinsStrategy::uniform, "uniform"},
                                     std::pair{KBinsStrategy::quantile, "quantile"},
                                     std::pair{KBinsStrategy::kmeans, "kmeans"}};
};

struct KBinsDiscretizerParams {
  int n_bins = 5;
  KBinsEncode encode = KBinsEncode::onehot_dense;
  KBinsStrategy strategy = KBinsStrategy::quantile;
  std::optional<int> subsample;
  std::uint64_t seed = 0;

  template <class V>
  void visit(V&& v) {
    v("n_bins", n_bins, "bins per feature", at_least(2));
    v("encode", encode,
      "onehot-dense: one 0/1 column per bin; ordinal: the bin's index (scikit-learn's sparse "
      "onehot is not available)",
      one_of_enum());
    v("strategy", strategy,
      "uniform: equal widths; quantile: equal counts (percentiles); kmeans: 1-D k-means "
      "centres' midpoints",
      one_of_enum());
    v("subsample", subsample,
      "quantile only: the most rows (drawn at random) the percentiles are computed from (none: "
      "all, scikit-learn 1.2's default)",
      at_least(1));
    v("seed", seed, "random seed of subsample");
  }
};

class KBinsDiscretizer
    : public EstimatorWithParams<KBinsDiscretizer, KBinsDiscretizerParams, Transformer> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  KBinsDiscretizer& fit(const Matrix& X);
  Matrix transform(const Matrix& X) const override;
  // Each bin's centre (scikit-learn's inverse_transform: NaN for a constant column's one bin).
  Matrix inverse_transform(const Matrix& Z) const;
  // scikit-learn's bin_edges_ (a constant column: -inf, inf) and n_bins_.
  const std::vector<Vector>& bin_edges() const { return bin_edges_; }
  std::vector<Index> n_bins() const;
  std::vector<std::string> feature_names_out() const override;

  std::string type_name() const override { return "KBinsDiscretizer"; }
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
  std::vector<Vector> bin_edges_;
};

}  // namespace fitkit
