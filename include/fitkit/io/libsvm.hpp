#pragma once
// LIBSVM / svmlight format: "label index:value index:value ... # comment", 1-based indices
// in increasing order; absent entries are zero. Errors are DataError "file:line: what".

#include <string>
#include <string_view>

#include "fitkit/core/dataset.hpp"

namespace fitkit::io {

struct LibsvmOptions {
  // Width of X; 0 means the largest index found. A larger index than n_features is an error.
  Index n_features = 0;
  bool zero_based = false;  // indices start at 0 instead of 1
};

Dataset read_libsvm(const std::string& path, const LibsvmOptions& options = {});
Dataset read_libsvm_text(std::string_view text, const LibsvmOptions& options = {},
                         const std::string& source = "<text>");

}  // namespace fitkit::io
