#pragma once
// What LinearSVC and LinearSVR share: the `dual` parameter (true, false or auto, as
// scikit-learn >= 1.3 defines auto) and the penalty names.

#include <array>
#include <utility>

#include "fitkit/core/params.hpp"

namespace fitkit {

// dual=auto (scikit-learn 1.3's rule): with fewer samples than features the dual problem if the
// chosen loss and penalty have a dual solver, else the primal; otherwise the primal if they
// have one, else the dual. scikit-learn 1.2 has no auto (its default there is true).
enum class LinearSVMDual { automatic, yes, no };

template <>
struct EnumNames<LinearSVMDual> {
  static constexpr std::array values{std::pair{LinearSVMDual::automatic, "auto"},
                                     std::pair{LinearSVMDual::yes, "true"},
                                     std::pair{LinearSVMDual::no, "false"}};
};

}  // namespace fitkit
