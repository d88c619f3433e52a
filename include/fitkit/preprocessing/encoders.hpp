#pragma once
// Categorical encoders, as scikit-learn 1.2's: OneHotEncoder and OrdinalEncoder learn each
// column's categories (its sorted distinct values, NaN last when present) and map a value to
// indicator columns or to its index; LabelEncoder maps labels (numbers or texts) to
// 0 .. n_classes - 1 and back. (KBinsDiscretizer: kbins_discretizer.hpp.)
//
//   fitkit::OneHotEncoder onehot({.handle_unknown = fitkit::HandleUnknown::ignore});
//   Matrix Z = onehot.fit_transform(X);       // one 0/1 column per category of each column
//   onehot.categories();                      // per column, its categories
//   onehot.feature_names_out();               // "x0_1.0", "x0_2.5", "color_red", ...
//   fitkit::OrdinalEncoder ordinal;           // each value's index among its column's categories
//   fitkit::LabelEncoder labels;              // y: labels.fit_transform({"b", "a", "b"}) = 1, 0, 1
//
// Numeric columns are encoded by their distinct values, as scikit-learn does on a float array
// (feature names print a category as Python prints the float: x0_1.0, x0_1e-05, x0_nan). A
// column named by categorical_features holds category codes 0, 1, 2, ...: a data file's text
// column arrives so (Estimator::fit_dataset adds it to categorical_features), and its feature
// names print the texts (Estimator::feature_categories). NaN is a category of its own (the
// last), as in scikit-learn 1.2; OrdinalEncoder encodes it as encoded_missing_value. Infinity
// is refused. A value at transform that is not a category of its column is an error naming the
// column and the value (handle_unknown error), or all zeros (OneHotEncoder's ignore), or
// unknown_value (OrdinalEncoder's use_encoded_value).
//
// `categories` gives a column's categories instead of learning them, in the order of the
// output (categories=size=S,M,L,XL;count=0,1,2,nan): a numeric list must be increasing (NaN
// last), a text column's list names its texts (in any order; each must be a text of the data
// file, the only texts that have codes). Columns not listed learn theirs; a value at fit that
// is not a category given is an error under handle_unknown error, else an unknown category.
// OneHotEncoder groups the infrequent categories of a column (fewer than min_frequency rows,
// or beyond the max_categories - 1 most frequent) into one last output column,
// "<feature>_infrequent_sklearn"; handle_unknown infrequent_if_exist encodes an unknown
// category as infrequent (all zeros for a column without infrequent categories). Not
// available: sparse output, drop given as a list of values, OneHotEncoder's inverse_transform
// and OrdinalEncoder's infrequent categories (scikit-learn 1.3).

#include <array>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fitkit/core/transformer.hpp"

namespace fitkit {

// scikit-learn's `categories`: auto (every column learns its categories at fit), or lists of
// some columns' categories as column=cat,cat;column=cat (a column by 0-based position or
// feature name, as categorical_features; a category a number, nan, or a text column's text).
// The lists are read here and checked against the data at fit.
class EncoderCategories {
 public:
  EncoderCategories() = default;
  bool is_auto() const { return lists_.empty(); }
  // (column, categories as written), in the order given.
  const std::vector<std::pair<std::string, std::vector<std::string>>>& lists() const {
    return lists_;
  }
  bool operator==(const EncoderCategories&) const = default;

  // TextParam (core/params.hpp).
  std::string to_text() const;
  static std::string from_text(std::string_view text, EncoderCategories& out);
  static std::string param_type_name() { return "categories"; }

 private:
  std::vector<std::pair<std::string, std::vector<std::string>>> lists_;
};

namespace detail {

// The categories of each column, as OneHotEncoder and OrdinalEncoder learn them: the sorted
// distinct finite values (or those `categories` gives, in its order), and whether NaN is one
// (then the last).
class ColumnCategories {
 public:
  // X finite or NaN; `coded` marks the columns holding category codes (checked to be integers
  // 0, 1, 2, ... or NaN: DataError naming the column).
  void learn(const Matrix& X, const std::vector<std::uint8_t>& coded,
             const std::vector<std::string>& feature_names);
  Index n_columns() const { return values_.size(); }
  // Categories of column j, NaN included (last).
  Index size(Index j) const { return values_[j].size() + (has_nan_[j] ? 1 : 0); }
  // The index of x among column j's categories, or -1 when it is not one.
  std::int64_t find(Index j, double x) const;
  // Column j's categories as a vector (NaN last when it is one).
  Vector categories(Index j) const;
  bool has_nan(Index j) const { return has_nan_[j] != 0; }
  bool is_coded(Index j) const { return coded_[j] != 0; }
  // Category k of column j as its feature name prints it: the text of a coded column's code
  // (from `texts`, the estimator's feature_categories, when it has them), else the number as
  // Python prints a float (1.0, 0.1, 1e-05, nan).
  std::string text(Index j, Index k, const std::vector<std::vector<std::string>>& texts) const;
  // Gives column j the categories `values` (distinct, finite; increasing unless the column is
  // coded) in this order, NaN after them when `has_nan`.
  void assign(Index j, std::vector<double> values, bool has_nan);
  template <class Archive>
  void serialize(Archive& ar, Index n_features);

 private:
  void index_column(Index j);
  std::vector<std::vector<double>> values_;
  std::vector<std::uint8_t> has_nan_;
  std::vector<std::uint8_t> coded_;
  // Per column, (value, position among the categories) sorted by value: find()'s index, as a
  // coded column's categories given by `categories` keep the user's order.
  std::vector<std::vector<std::pair<double, std::int64_t>>> lookup_;
};

// A column's categories as `categories` gives them.
struct GivenCategories {
  std::vector<double> values;  // finite; a coded column's codes
  bool has_nan = false;
};

// The `categories` parameter resolved against the data, per column: nullopt where the column
// learns its own. InvalidParameter("categories") for a column that does not exist, a column
// listed twice, an unsorted numeric list, a repeated category, NaN not last, a text a coded
// column does not have.
std::vector<std::optional<GivenCategories>> resolve_categories(
    const EncoderCategories& categories, Index n_features, const std::vector<std::uint8_t>& coded,
    const std::vector<std::string>& feature_names,
    const std::vector<std::vector<std::string>>& texts);

// Every column's categories: those `given`, the others learned from X. Under `strict`
// (handle_unknown error) a value of X that is not among its column's given categories is
// InvalidParameter("categories") naming the column, the value and the row, as scikit-learn
// refuses it at fit.
ColumnCategories learn_categories(const Matrix& X, const std::vector<std::uint8_t>& coded,
                                  const std::vector<std::optional<GivenCategories>>& given,
                                  bool strict, const std::string& estimator,
                                  const std::vector<std::string>& feature_names,
                                  const std::vector<std::vector<std::string>>& texts);

// The first value of column j of X that is not a category (for the error of handle_unknown
// error): "Found unknown category 3.5 in column 0 ('x0') at row 7 during transform".
[[noreturn]] void throw_unknown_category(const std::string& estimator, Index j, Index row,
                                         double value, const std::vector<std::string>& names);

// Python's repr of a float, as numpy's str prints a float64 category: 1.0, 0.1, 1e-05, 1e+16,
// 1.2345678901234568e+17, nan, inf.
std::string python_float_text(double x);

}  // namespace detail

enum class HandleUnknown { error, ignore, infrequent_if_exist };

template <>
struct EnumNames<HandleUnknown> {
  static constexpr std::array values{
      std::pair{HandleUnknown::error, "error"}, std::pair{HandleUnknown::ignore, "ignore"},
      std::pair{HandleUnknown::infrequent_if_exist, "infrequent_if_exist"}};
};

enum class MinFrequencyKeyword { none };

template <>
struct EnumNames<MinFrequencyKeyword> {
  static constexpr std::array values{std::pair{MinFrequencyKeyword::none, "none"}};
};

// scikit-learn's min_frequency: none, a count of rows (an integer), or a fraction of the rows.
using MinFrequency = KeywordOr<MinFrequencyKeyword, std::int64_t, double>;

enum class OneHotDrop { none, first, if_binary };

template <>
struct EnumNames<OneHotDrop> {
  static constexpr std::array values{std::pair{OneHotDrop::none, "none"},
                                     std::pair{OneHotDrop::first, "first"},
                                     std::pair{OneHotDrop::if_binary, "if_binary"}};
};

// The help of the `categories` parameter, the same for both encoders.
inline constexpr const char* encoder_categories_help =
    "auto, or some columns' categories in output order: column=cat,cat;column=cat (a column by "
    "index or feature name; numbers increasing, nan last; a text column's texts); the other "
    "columns learn theirs";

struct OneHotEncoderParams {
  EncoderCategories categories;
  HandleUnknown handle_unknown = HandleUnknown::error;
  OneHotDrop drop = OneHotDrop::none;
  MinFrequency min_frequency = MinFrequencyKeyword::none;
  std::optional<std::int64_t> max_categories;
  std::vector<std::string> categorical_features;

  template <class V>
  void visit(V&& v) {
    v("categories", categories, encoder_categories_help);
    v("handle_unknown", handle_unknown,
      "a category not seen at fit: error, ignore (all its columns 0), or infrequent_if_exist "
      "(its column's infrequent category, or all 0 without one)",
      one_of_enum());
    v("drop", drop,
      "none; first: drop each column's first category; if_binary: only of a column with two "
      "(infrequent ones grouped counting as one)",
      one_of_enum());
    v("min_frequency", min_frequency,
      "a category of fewer rows is infrequent: none, a count (an integer), or a fraction in "
      "(0, 1) of the rows",
      greater_than(0.0));
    v("max_categories", max_categories,
      "at most this many output columns per feature, the infrequent one included (none: no "
      "limit)",
      at_least(1));
    v("categorical_features", categorical_features,
      "columns (by index or feature name) holding category codes 0, 1, 2, ... (a data file's "
      "text columns are added); every column is encoded, these name their categories by text");
  }
};

class OneHotEncoder : public EstimatorWithParams<OneHotEncoder, OneHotEncoderParams, Transformer> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  OneHotEncoder& fit(const Matrix& X);
  Matrix transform(const Matrix& X) const override;
  // scikit-learn's categories_: per input column, its categories (NaN last when one).
  std::vector<Vector> categories() const;
  // scikit-learn's drop_idx_: per input column, the index of its dropped category (among its
  // output categories, the infrequent ones counting as one, last), or -1.
  const std::vector<std::int64_t>& drop_idx() const { return drop_idx_; }
  // scikit-learn's infrequent_categories_: per input column, its infrequent categories in the
  // order of categories() (empty: none, scikit-learn's None).
  std::vector<Vector> infrequent_categories() const;
  // "<feature>_<category>" for every output column, "<feature>_infrequent_sklearn" for the
  // infrequent categories.
  std::vector<std::string> feature_names_out() const override;

  Tags tags() const override;
  std::string type_name() const override { return "OneHotEncoder"; }
  // 2: infrequent categories, and a text column's categories in the order given.
  std::uint32_t class_version() const override { return 2; }
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
  // Per column, the output index of each category before the drop (frequent ones in order,
  // the infrequent ones all the last), from infrequent_.
  void map_infrequent();
  detail::ColumnCategories categories_;
  std::vector<std::int64_t> drop_idx_;
  // Per column, the indices of its infrequent categories, increasing (empty: none).
  std::vector<std::vector<std::int64_t>> infrequent_;
  std::vector<std::vector<std::int64_t>> output_index_;
};

enum class OrdinalHandleUnknown { error, use_encoded_value };

template <>
struct EnumNames<OrdinalHandleUnknown> {
  static constexpr std::array values{
      std::pair{OrdinalHandleUnknown::error, "error"},
      std::pair{OrdinalHandleUnknown::use_encoded_value, "use_encoded_value"}};
};

// scikit-learn's "an integer or np.nan" (unknown_value, encoded_missing_value).
enum class NanKeyword { nan };

template <>
struct EnumNames<NanKeyword> {
  static constexpr std::array values{std::pair{NanKeyword::nan, "nan"}};
};

using IntegerOrNan = KeywordOr<NanKeyword, std::int64_t>;

struct OrdinalEncoderParams {
  EncoderCategories categories;
  OrdinalHandleUnknown handle_unknown = OrdinalHandleUnknown::error;
  std::optional<IntegerOrNan> unknown_value;
  IntegerOrNan encoded_missing_value = NanKeyword::nan;
  std::vector<std::string> categorical_features;

  template <class V>
  void visit(V&& v) {
    v("categories", categories, encoder_categories_help);
    v("handle_unknown", handle_unknown,
      "a category not seen at fit: error, or use_encoded_value (it becomes unknown_value)",
      one_of_enum());
    v("unknown_value", unknown_value,
      "the code of an unknown category under use_encoded_value: an integer that is no "
      "category's code, or nan (none: not set, as handle_unknown error needs)");
    v("encoded_missing_value", encoded_missing_value,
      "the code of NaN, when NaN was a category at fit: an integer that is no other "
      "category's code, or nan (stays NaN)");
    v("categorical_features", categorical_features,
      "columns (by index or feature name) holding category codes 0, 1, 2, ... (a data file's "
      "text columns are added)");
  }
};

class OrdinalEncoder
    : public EstimatorWithParams<OrdinalEncoder, OrdinalEncoderParams, Transformer> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  OrdinalEncoder& fit(const Matrix& X);
  Matrix transform(const Matrix& X) const override;
  // The categories from codes (NaN and unknown_value give NaN, as scikit-learn's None).
  Matrix inverse_transform(const Matrix& Z) const;
  std::vector<Vector> categories() const;
  std::vector<std::string> feature_names_out() const override {
    return this->input_feature_names();
  }

  Tags tags() const override;
  std::string type_name() const override { return "OrdinalEncoder"; }
  // 2: a text column's categories in the order given (version 1 files hold them sorted).
  std::uint32_t class_version() const override { return 2; }
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
  detail::ColumnCategories categories_;
};

// Target labels to 0 .. n_classes - 1 and back, as scikit-learn's LabelEncoder: a plain class
// for y (not an estimator of X). The classes are the sorted distinct labels (numbers, or texts
// in byte order as Python sorts them); a label not among them at transform is a DataError
// naming it.
//
//   fitkit::LabelEncoder le;
//   Vector codes = le.fit_transform(Vector{3, 1, 3});          // 1, 0, 1; le.classes() = 1, 3
//   Vector back = le.inverse_transform(codes);                 // 3, 1, 3
//   le.fit(std::vector<std::string>{"b", "a"}).text_classes(); // "a", "b"
class LabelEncoder {
 public:
  LabelEncoder& fit(const Vector& y);
  LabelEncoder& fit(const std::vector<std::string>& y);
  Vector transform(const Vector& y) const;
  Vector transform(const std::vector<std::string>& y) const;
  Vector fit_transform(const Vector& y) { return fit(y).transform(y); }
  Vector fit_transform(const std::vector<std::string>& y) { return fit(y).transform(y); }
  // Codes back to labels: DataError for a code that is not 0 .. n_classes - 1.
  Vector inverse_transform(const Vector& codes) const;
  std::vector<std::string> inverse_transform_text(const Vector& codes) const;

  bool is_fitted() const { return fitted_; }
  bool is_text() const { return text_; }
  // The numeric classes (empty when fitted on texts), the text ones (empty when on numbers).
  const Vector& classes() const { return classes_; }
  const std::vector<std::string>& text_classes() const { return text_classes_; }

 private:
  void check_code(double code) const;
  void check_fitted(bool text) const;
  Vector classes_;
  std::vector<std::string> text_classes_;
  bool fitted_ = false;
  bool text_ = false;
};

}  // namespace fitkit
