#include "core/json_checksum.hpp"

namespace fitkit::detail {
namespace {

bool is_json_space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

}  // namespace

void JsonTextChecksum::add(std::string_view text) {
  for (const char c : text) {
    if (in_string_) {
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        in_string_ = false;
        if (reading_key_) next_is_checksum_ = key_ == "checksum";
        reading_key_ = false;
        checksum_value_ = false;
        hash(c);
        continue;
      }
      if (reading_key_ && key_.size() < 16) key_ += c;
      hash(checksum_value_ ? '0' : c);
      continue;
    }
    if (is_json_space(c)) continue;
    hash(c);
    switch (c) {
      case '"':
        in_string_ = true;
        reading_key_ = depth_ == 1 && expect_key_;
        checksum_value_ = depth_ == 1 && !expect_key_ && next_is_checksum_;
        expect_key_ = false;
        key_.clear();
        break;
      case '{':
      case '[':
        ++depth_;
        expect_key_ = depth_ == 1 && c == '{';
        break;
      case '}':
      case ']':
        --depth_;
        break;
      case ',':
        expect_key_ = depth_ == 1;
        next_is_checksum_ = false;
        break;
      default:
        break;
    }
  }
}

}  // namespace fitkit::detail
