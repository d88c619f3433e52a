#pragma once
// Model files (DESIGN.md §5): `.json` is readable JSON, anything else is compact portable
// binary (`.bin`). Both hold an envelope (type and class version, fitkit version, checksum,
// n_features_in, feature and class names, parameters) around the learned state.
//
//   fitkit::save(lr, "lr.bin");
//   auto lr2 = fitkit::load<fitkit::LinearRegression>("lr.bin");
//   std::unique_ptr<fitkit::Estimator> any = fitkit::load_any("lr.bin");
//
// Saving goes through OutputFile (fitkit/core/output_file.hpp): a file is written to a
// temporary and renamed into place, "-" (stdout), a FIFO or a device is written as a stream.
// Loading never trusts the file:
// every failure (truncated, corrupted, another type, a newer version) is a ModelFormatError.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fitkit/core/estimator.hpp"
#include "fitkit/model/registry.hpp"

namespace fitkit {

enum class ModelFormat { binary, json };

// By extension: ".json" is JSON, anything else binary.
ModelFormat model_format_for_path(const std::string& path);

// What a model file says about itself besides the learned state: its format and envelope.
struct ModelInfo {
  ModelFormat format = ModelFormat::binary;
  std::uint32_t envelope_version = 0;
  std::string type;
  std::uint32_t class_version = 0;
  std::string fitkit_version;
  Index n_features_in = 0;
  std::vector<std::string> feature_names;
  std::string target_name;
  std::vector<std::string> class_names;
  ParamMap params;
  // Whether the LIBSVM file the model was fitted on counted features from 0 (unset: it was
  // not fitted on a LIBSVM file, or the file predates envelope version 3).
  std::optional<bool> libsvm_zero_based;
  std::uint64_t checksum = 0;
};

void save(const Estimator& model, const std::string& path);
// Reads into `model`, which must be of the type the file holds. `info`, when given, receives
// what the file says about itself (decoded once, with the model).
void load_into(Estimator& model, const std::string& path, ModelInfo* info = nullptr);
std::unique_ptr<Estimator> load_any(const std::string& path, ModelInfo* info = nullptr);
// The same from bytes in memory (a model file's contents); `name` appears in messages.
std::unique_ptr<Estimator> load_any_from_memory(std::string_view bytes,
                                                const std::string& name = "<memory>");

template <class T>
T load(const std::string& path) {
  T model;
  load_into(model, path);
  return model;
}

// The file's description alone (checked like a full load).
ModelInfo read_model_info(const std::string& path);

}  // namespace fitkit
