#pragma once
// The checksum of a JSON model file (envelope version 2): FNV-1a 64 over the file's text with
// the whitespace between tokens left out and the 16 hex digits of the top-level "checksum"
// member read as zeros. The writer computes it over the text it writes (with zeros there), the
// reader over the text it reads, block by block: nothing is re-serialized, so a file written
// by any version, with estimators of any class version nested in it, checks the same, and
// re-indenting the file is harmless while changing a value is not.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/envelope.hpp"

namespace fitkit::detail {

class JsonTextChecksum {
 public:
  void add(std::string_view text);
  std::uint64_t value() const { return sum_.value(); }

 private:
  void hash(char c) { sum_.add(std::string_view(&c, 1)); }

  Checksum sum_;
  int depth_ = 0;
  bool in_string_ = false, escaped_ = false;
  // Where the top-level object's keys and the checksum's value are.
  bool reading_key_ = false;     // a string at depth 1 in key position
  bool expect_key_ = false;      // depth 1, after '{' or ','
  bool checksum_value_ = false;  // the string is the checksum member's value
  bool next_is_checksum_ = false;
  std::string key_;
};

}  // namespace fitkit::detail
