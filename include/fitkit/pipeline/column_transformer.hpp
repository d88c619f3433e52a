#pragma once
// scikit-learn's ColumnTransformer: each transformer applied to its own columns, their outputs
// side by side (in the transformers' order), then the columns none takes, dropped or passed
// through (remainder). For data of mixed columns: text categories one-hot encoded, numbers
// scaled.
//
//   fitkit::ColumnTransformer columns;
//   columns.add("num", std::make_unique<fitkit::StandardScaler>(), {"age", "bmi"})
//       .add("cat", std::make_unique<fitkit::OneHotEncoder>(), {"sex"});
//   columns.set_param("remainder", "passthrough");
//   columns.fit_dataset(data);          // columns by name (or by position, "0", "3")
//   Matrix Z = columns.transform(data.X);
//
// A data file's text columns reach the transformer that takes them as category codes (see
// Estimator::fit_dataset); one that needs numbers refuses them. Output features are named
// `transformer__feature` and `remainder__feature`, as scikit-learn's verbose names.
//
// Parameters: `transformers` (name=Type,...), `columns` (name=col,col;name=col: positions or
// feature names), `remainder` (drop or passthrough), and each transformer's as `name__param`.

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "fitkit/core/transformer.hpp"
#include "fitkit/pipeline/named_estimators.hpp"

namespace fitkit {

enum class Remainder { drop, passthrough };

template <>
struct EnumNames<Remainder> {
  static constexpr std::array values{std::pair{Remainder::drop, "drop"},
                                     std::pair{Remainder::passthrough, "passthrough"}};
};

struct ColumnTransformerParams {
  std::string columns;
  Remainder remainder = Remainder::drop;

  template <class V>
  void visit(V&& v) {
    v("columns", columns,
      "each transformer's columns: name=col,col;name=col (0-based positions or feature names)");
    v("remainder", remainder, "the columns no transformer takes: drop or passthrough",
      one_of_enum());
  }
};

class ColumnTransformer : public Transformer {
 public:
  ColumnTransformer() = default;
  ColumnTransformer(const ColumnTransformer&) = delete;
  ColumnTransformer& operator=(const ColumnTransformer&) = delete;
  ColumnTransformer(ColumnTransformer&&) = default;
  ColumnTransformer& operator=(ColumnTransformer&&) = default;

  // Appends a transformer of the columns named (positions as "0", "3", or feature names).
  ColumnTransformer& add(std::string name, std::unique_ptr<Estimator> transformer,
                         const std::vector<std::string>& columns);
  const std::vector<NamedEstimator>& transformers() const { return parts_.items(); }
  // After fit: the positions each transformer took, and the remainder's.
  const std::vector<std::vector<Index>>& fitted_columns() const { return fitted_columns_; }
  const std::vector<Index>& remainder_columns() const { return remainder_columns_; }
  Remainder remainder() const { return params_.remainder; }

  std::string type_name() const override { return "ColumnTransformer"; }
  std::uint32_t class_version() const override { return 1; }
  Tags tags() const override;
  std::unique_ptr<Estimator> clone() const override;
  std::vector<ParamInfo> param_info() const override;
  ParamMap get_params() const override;
  void set_param(std::string_view name, std::string_view value) override;
  void set_params(const ParamMap& values) override;
  void reset_params() override;
  // Text columns go to the transformers the columns name, which take or refuse them.
  std::string categorical_features_param() const override { return ""; }

  Matrix transform(const Matrix& X) const override;
  std::vector<std::string> feature_names_out() const override;
  void describe_fitted(std::ostream& out) const override;

  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override;

 private:
  // The columns of `columns` for each transformer, as positions in X's n_features.
  std::vector<std::vector<Index>> resolve_columns(Index n_features) const;
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  NamedEstimators parts_{"transformers"};
  ColumnTransformerParams params_;
  std::vector<std::vector<Index>> fitted_columns_;
  std::vector<Index> remainder_columns_;
};

}  // namespace fitkit
