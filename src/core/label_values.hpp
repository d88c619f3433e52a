#pragma once
// The one rule for which target values are class labels, shared by the classifiers' checks and
// Dataset::labels().

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

// The row of the first value of y that is not a class label (not an integer, or beyond 9e15,
// where a double no longer holds every integer), or y.n_elem when every value is one.
Index first_non_label(const Vector& y);

}  // namespace fitkit::detail
