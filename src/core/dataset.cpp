#include "fitkit/core/dataset.hpp"

#include "core/label_values.hpp"

#include "fitkit/core/error.hpp"
#include "fitkit/core/params.hpp"

namespace fitkit {

Labels Dataset::labels() const {
  const std::string where = source.empty() ? "data" : source;
  if (!has_target()) throw DataError(where, 0, 0, "no target column to take class labels from");
  const Index row = detail::first_non_label(y);
  if (row < y.n_elem)
    throw DataError(where, 0, 0,
                    "the target column '" + target_name + "' is continuous (row " +
                        std::to_string(row + 1) + " holds " + detail::format_double(y(row)) +
                        "), not class labels");
  return arma::conv_to<Labels>::from(y);
}

}  // namespace fitkit
