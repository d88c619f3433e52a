#pragma once
// Per-column scalers, as scikit-learn's: each learns a centre and a scale per feature and
// transforms x to (x - centre) / scale.
//
//   fitkit::StandardScaler scaler;                   // mean 0, deviation 1
//   Matrix Z = scaler.fit_transform(X);
//   Matrix back = scaler.inverse_transform(Z);       // X again, to rounding
//   scaler.mean(); scaler.scale(); scaler.var();
//
// StandardScaler (with_mean, with_std, sample_weight), MinMaxScaler (feature_range, clip),
// MaxAbsScaler and RobustScaler (with_centering, with_scaling, quantile_range, unit_variance).
// NaN is a missing value, as in scikit-learn: left out of what fit learns, and left NaN by
// transform. A feature whose scale comes out 0 (a constant column) is scaled by 1, as
// scikit-learn's _handle_zeros_in_scale does.

#include <iosfwd>
#include <string>
#include <vector>

#include "fitkit/core/transformer.hpp"

namespace fitkit {

namespace detail {

// What the four share: the learned centre and scale of each feature (centre 0 and scale 1 where
// a scaler does not centre or scale), transform, inverse_transform and the model file.
class ColumnScaling {
 public:
  const Vector& centre() const { return centre_; }
  const Vector& scale_vector() const { return scale_; }
  void set(Vector centre, Vector scale) {
    centre_ = std::move(centre);
    scale_ = std::move(scale);
  }
  Matrix apply(const Matrix& X) const;   // (X - centre) / scale
  Matrix invert(const Matrix& Z) const;  // Z * scale + centre
  void describe(std::ostream& out, const char* centre_name, const char* scale_name) const;
  template <class Archive>
  void serialize(Archive& ar, Index n_features);

 private:
  Vector centre_, scale_;
};

}  // namespace detail

// Shared by the scalers' classes: fit (NaN allowed), transform, inverse_transform.
template <class Derived, class P>
class ColumnScaler : public EstimatorWithParams<Derived, P, Transformer> {
 public:
  using EstimatorWithParams<Derived, P, Transformer>::EstimatorWithParams;

  Tags tags() const override;
  Matrix transform(const Matrix& X) const override;
  // The original features from scaled ones (scikit-learn's inverse_transform).
  Matrix inverse_transform(const Matrix& Z) const;
  std::vector<std::string> feature_names_out() const override {
    return this->input_feature_names();
  }
  // scikit-learn's scale_: the divisor of each feature (1 where it is constant).
  const Vector& scale() const { return scaling_.scale_vector(); }

 protected:
  // Derived::fit(X): a target is ignored, and only StandardScaler takes weights.
  void fit_values(const Matrix& X, const Vector& /*y*/, const Vector& /*sample_weight*/) override {
    static_cast<Derived*>(this)->fit(X);
  }

  detail::ColumnScaling scaling_;
};

struct StandardScalerParams {
  bool with_mean = true;
  bool with_std = true;

  template <class V>
  void visit(V&& v) {
    v("with_mean", with_mean, "centre each feature at its mean");
    v("with_std", with_std, "scale each feature to unit variance (population deviation)");
  }
};

class StandardScaler : public ColumnScaler<StandardScaler, StandardScalerParams> {
 public:
  using ColumnScaler::ColumnScaler;

  // sample_weight: empty, or one non-negative weight per row (weighted mean and variance).
  StandardScaler& fit(const Matrix& X, const Vector& sample_weight = {});
  // scikit-learn's mean_, var_ (the population variance) and n_samples_seen_ (the weight of the
  // rows without NaN, per feature), computed whatever with_mean and with_std.
  const Vector& mean() const { return mean_; }
  const Vector& var() const { return var_; }
  const Vector& n_samples_seen() const { return n_samples_seen_; }

  std::string type_name() const override { return "StandardScaler"; }
  std::uint32_t class_version() const override { return 1; }
  Tags tags() const override;
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& /*y: ignored*/,
                  const Vector& sample_weight) override {
    fit(X, sample_weight);
  }

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);
  Vector mean_, var_, n_samples_seen_;
};

struct MinMaxScalerParams {
  std::vector<double> feature_range{0.0, 1.0};
  bool clip = false;

  template <class V>
  void visit(V&& v) {
    v("feature_range", feature_range, "the range the training data is mapped to: min,max");
    v("clip", clip, "clip transformed values to feature_range");
  }
};

class MinMaxScaler : public ColumnScaler<MinMaxScaler, MinMaxScalerParams> {
 public:
  using ColumnScaler::ColumnScaler;

  MinMaxScaler& fit(const Matrix& X);
  Matrix transform(const Matrix& X) const override;  // with clip
  // scikit-learn's data_min_, data_max_, data_range_.
  const Vector& data_min() const { return data_min_; }
  const Vector& data_max() const { return data_max_; }
  Vector data_range() const { return data_max_ - data_min_; }

  std::string type_name() const override { return "MinMaxScaler"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);
  Vector data_min_, data_max_;
};

struct MaxAbsScalerParams {
  template <class V>
  void visit(V&& /*v*/) {}
};

class MaxAbsScaler : public ColumnScaler<MaxAbsScaler, MaxAbsScalerParams> {
 public:
  using ColumnScaler::ColumnScaler;

  MaxAbsScaler& fit(const Matrix& X);
  // scikit-learn's max_abs_.
  const Vector& max_abs() const { return max_abs_; }

  std::string type_name() const override { return "MaxAbsScaler"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);
  Vector max_abs_;
};

struct RobustScalerParams {
  bool with_centering = true;
  bool with_scaling = true;
  std::vector<double> quantile_range{25.0, 75.0};
  bool unit_variance = false;

  template <class V>
  void visit(V&& v) {
    v("with_centering", with_centering, "centre each feature at its median");
    v("with_scaling", with_scaling, "scale each feature by its quantile range");
    v("quantile_range", quantile_range,
      "the percentiles whose difference is the scale: low,high within 0..100");
    v("unit_variance", unit_variance, "scale so that normally distributed features get variance 1");
  }
};

class RobustScaler : public ColumnScaler<RobustScaler, RobustScalerParams> {
 public:
  using ColumnScaler::ColumnScaler;

  RobustScaler& fit(const Matrix& X);
  // scikit-learn's center_ (the medians; zeros without with_centering).
  const Vector& center() const { return scaling_.centre(); }

  std::string type_name() const override { return "RobustScaler"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);
};

}  // namespace fitkit
