#pragma once
// LIBSVM / svmlight format: "label index:value index:value ... # comment", 1-based indices
// in increasing order; absent entries are zero. Errors are DataError "file:line:col: what",
// col the character where the bad token starts. "qid:N" tokens, '#' comments and blank
// lines are skipped; NaN and inf are refused.

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
  bool zero_based = false;  // indices start at 0 instead of 1
};

// "-" reads standard input, as read_csv does.
Dataset read_libsvm(const std::string& path, const LibsvmOptions& options = {});
Dataset read_libsvm_text(std::string_view text, const LibsvmOptions& options = {},
                         const std::string& source = "<text>");

}  // namespace fitkit::io
