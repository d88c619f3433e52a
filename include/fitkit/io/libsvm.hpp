#pragma once
// LIBSVM / svmlight format: "label index:value index:value ... # comment", indices in
// increasing order, 1-based (libsvm's tools) or 0-based (scikit-learn's dump_svmlight_file);
// absent entries are zero. Errors are DataError "file:line:col: what",
// col the character where the bad token starts. "qid:N" tokens, '#' comments and blank
// lines are skipped; NaN and inf are refused.

#include <optional>
#include <string>
#include <string_view>

#include "fitkit/core/dataset.hpp"

namespace fitkit::io {

struct LibsvmOptions {
  // Width of X; 0 means the largest index found. A larger index than n_features is an error.
  // With 0, a dense X far larger than the file (rows x width above 2^20 + 64 x file bytes,
  // as "1 999999999:1" would ask) is refused, so a few bytes cannot allocate gigabytes;
  // setting n_features accepts it.
  Index n_features = 0;
  // Whether indices start at 0 or at 1. Unset: as scikit-learn's zero_based="auto", 0 when
  // some index in the file is 0, else 1 (so a 0-based file whose first feature is never
  // stored reads shifted: set it when the base is known, as the programs do from the model
  // at predict). The base read with is Dataset::libsvm_zero_based.
  std::optional<bool> zero_based;
};

// "-" reads standard input, as read_csv does.
Dataset read_libsvm(const std::string& path, const LibsvmOptions& options = {});
Dataset read_libsvm_text(std::string_view text, const LibsvmOptions& options = {},
                         const std::string& source = "<text>");

}  // namespace fitkit::io
