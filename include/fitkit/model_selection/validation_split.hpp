#pragma once
// One held-out split, as scikit-learn's early stopping takes it (train_test_split, or
// StratifiedShuffleSplit with classes): ceil(fraction * n) samples are held out, chosen with
// `seed`; with `strata` (a class index per sample) each class gives its share (the floors of
// the exact shares, then one more for the classes with the largest remainders).
//
// An index function that knows no estimator: estimators (SGD's early_stopping) and model
// selection both use it.

#include <cstdint>
#include <vector>

#include "fitkit/core/types.hpp"

namespace fitkit {

// 1 marks a held-out sample. Throws DataError when the training or the held-out part would
// be empty.
std::vector<unsigned char> validation_split(Index n, double fraction, const arma::uvec* strata,
                                            std::uint64_t seed);

}  // namespace fitkit
