#pragma once
// The parts of an estimator made of estimators (a Pipeline's steps, a ColumnTransformer's
// transformers), by name, and their parameters as scikit-learn names them: `part__param`, and
// the list of parts itself as `name=Type,name=Type` (registered type names).

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fitkit/core/estimator.hpp"

namespace fitkit {

struct NamedEstimator {
  std::string name;
  std::unique_ptr<Estimator> estimator;
};

class NamedEstimators {
 public:
  // list_param: the name of the parameter that lists the parts ("steps", "transformers").
  explicit NamedEstimators(std::string list_param) : list_param_(std::move(list_param)) {}

  const std::vector<NamedEstimator>& items() const { return items_; }
  std::vector<NamedEstimator>& items() { return items_; }
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  const std::string& list_param() const { return list_param_; }

  // Appends a part; an empty, repeated or ill-formed name (it must be letters, digits, '_' or
  // '-', without "__") or a null estimator is an InvalidParameter.
  void add(std::string name, std::unique_ptr<Estimator> estimator);
  // The part of that name, or nullptr.
  const Estimator* find(std::string_view name) const;

  // "scale=StandardScaler,svc=SVC".
  std::string list_text() const;
  // Unfitted copies with the same parameters (scikit-learn's clone of each part).
  std::vector<NamedEstimator> clones() const;

  // The list parameter, then every part's parameters as `part__param`.
  std::vector<ParamInfo> param_info() const;
  ParamMap get_params() const;
  // The list parameter (new parts, made by type name, unless the list is unchanged) or a
  // part's; an unknown name is an InvalidParameter naming it whole.
  void set_param(std::string_view name, std::string_view value);
  // The list first, so that the parts' parameters find their parts.
  void set_params(const ParamMap& values);
  // Every part's parameters back to their defaults (the parts themselves stay).
  void reset_params();

 private:
  std::string list_param_;
  std::vector<NamedEstimator> items_;
};

// A part's describe_fitted, each line indented under the whole's line for it.
void describe_indented(std::ostream& out, const Estimator& part);

}  // namespace fitkit
