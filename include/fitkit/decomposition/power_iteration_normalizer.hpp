#pragma once
// How the randomized SVD (PCA's randomized solver, TruncatedSVD) normalises each power
// iteration, as scikit-learn's randomized_svd: auto (LU after more than 2 iterations, none up
// to 2), QR, LU or none.

#include <array>
#include <utility>

#include "fitkit/core/params.hpp"

namespace fitkit {

enum class PowerIterationNormalizer { automatic, qr, lu, none };
template <>
struct EnumNames<PowerIterationNormalizer> {
  static constexpr std::array values{std::pair{PowerIterationNormalizer::automatic, "auto"},
                                     std::pair{PowerIterationNormalizer::qr, "QR"},
                                     std::pair{PowerIterationNormalizer::lu, "LU"},
                                     std::pair{PowerIterationNormalizer::none, "none"}};
};

}  // namespace fitkit
