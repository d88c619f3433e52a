#pragma once
// The envelope written around every model's payload.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/archives.hpp"

namespace fitkit::detail {

// Bumped when the envelope layout changes; older envelopes stay readable.
inline constexpr std::uint32_t kEnvelopeVersion = 1;
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

  template <class Archive>
  void serialize(Archive& ar) {
    ar(CEREAL_NVP(type), CEREAL_NVP(class_version), CEREAL_NVP(fitkit_version),
       CEREAL_NVP(n_features_in), CEREAL_NVP(feature_names), CEREAL_NVP(target_name),
       CEREAL_NVP(class_names), CEREAL_NVP(params));
  }
};

// FNV-1a, 64 bits: detects truncation and flipped bits (not an adversary).
std::uint64_t checksum(std::string_view bytes);

}  // namespace fitkit::detail
