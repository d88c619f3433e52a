#pragma once
// The envelope written before every estimator's state, in a model file and around each
// estimator nested inside one: what it is (type and class version), the fitkit that wrote
// it, its parameters, and what the base keeps (width and names).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/archives.hpp"
#include "fitkit/core/estimator.hpp"

namespace fitkit::detail {

// Bumped when the envelope layout changes; older envelopes stay readable. 2: a JSON file's
// checksum is over its text (core/json_checksum.hpp), no longer over the binary form.
// 3: libsvm_index_base. 4: feature_categories.
inline constexpr std::uint32_t kEnvelopeVersion = 4;
// Binary files start with these bytes: non-ASCII first (a text-mode transfer corrupts it
// visibly), then the name, then a line feed (an end-of-line conversion corrupts it too).
inline constexpr char kBinaryMagic[8] = {'\x89', 'F', 'I', 'T', 'K', 'I', 'T', '\n'};

struct Envelope {
  std::string type;
  std::uint32_t class_version = 0;
  std::string fitkit_version;
  std::uint64_t n_features_in = 0;
  std::vector<std::string> feature_names;
  std::string target_name;
  std::vector<std::string> class_names;
  std::map<std::string, std::string> params;
  // The first feature index of the LIBSVM file the model was fitted on (0 or 1), so that
  // predict reads its files the same way; -1 when it was not fitted on a LIBSVM file.
  std::int32_t libsvm_index_base = -1;
  // Per feature: the texts of a categorical column's codes, empty for a numeric one (or no
  // entries at all when every column is numeric).
  std::vector<std::vector<std::string>> feature_categories;

  // The envelope version the fields are read in (not itself a field): the file's own, set
  // before reading; a field added in a later version keeps its default in an older file.
  std::uint32_t layout = kEnvelopeVersion;

  template <class Archive>
  void serialize(Archive& ar) {
    ar(CEREAL_NVP(type), CEREAL_NVP(class_version), CEREAL_NVP(fitkit_version),
       CEREAL_NVP(n_features_in), CEREAL_NVP(feature_names), CEREAL_NVP(target_name),
       CEREAL_NVP(class_names), CEREAL_NVP(params));
    if (layout >= 3) ar(CEREAL_NVP(libsvm_index_base));
    if (layout >= 4) ar(CEREAL_NVP(feature_categories));
  }
};

// The envelope of a fitted estimator.
Envelope envelope_of(const Estimator& model);

// Throws FormatProblem for an envelope that cannot describe a fitted estimator (no features,
// names that do not match the width).
void check_envelope(const Envelope& envelope);

// Throws FormatProblem unless the envelope is of `model`'s type, at a class version it reads.
void check_envelope_for(const Envelope& envelope, const Estimator& model);

// FNV-1a, 64 bits: detects truncation and flipped bits (not an adversary).
class Checksum {
 public:
  void add(std::string_view bytes) {
    for (const unsigned char c : bytes) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

std::uint64_t checksum(std::string_view bytes);

}  // namespace fitkit::detail
