#pragma once
// Input checks shared by every estimator's public boundary (DESIGN.md §8).

#include <string_view>

#include "fitkit/core/types.hpp"

namespace fitkit {

// Throws DataError naming the first NaN/Inf: "X contains NaN at row 3, column 2".
void check_finite(const Matrix& X, std::string_view what);
void check_finite(const Vector& v, std::string_view what);

// Throws DataError naming the first infinity, for estimators that take NaN in X as a missing
// value (Tags::allow_nan): "X contains an infinite value at row 3, column 2 (NaN stands for a
// missing value)".
void check_no_infinity(const Matrix& X, std::string_view what);

// Whether NaN in X stands for a missing value (estimators whose Tags allow NaN) or is refused.
// Infinity is refused either way.
enum class MissingValues { refused, allowed };

// X has rows and columns, is finite (or NaN where missing values are allowed); y has one entry
// per row and is finite.
void check_fit_input(const Matrix& X, const Vector& y, std::string_view estimator,
                     Index min_samples = 1, MissingValues missing = MissingValues::refused);

// X alone, for estimators that learn without a target (transformers): rows, columns, finite
// (or NaN where missing values are allowed).
void check_fit_input(const Matrix& X, std::string_view estimator,
                     MissingValues missing = MissingValues::refused);

// One non-negative, finite weight per sample, not all zero.
void check_sample_weight(const Vector& sample_weight, Index n_samples);

// The weights a metric uses: sample_weight checked as above, or ones when it is empty.
Vector weights_or_ones(const Vector& sample_weight, Index n_samples);

// A regression metric's inputs: y_true not empty, y_pred as long, both finite; returns the
// weights to use.
Vector checked_metric_weights(const Vector& y_true, const Vector& y_pred,
                              const Vector& sample_weight);

}  // namespace fitkit
