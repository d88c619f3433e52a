#pragma once
// Model files edited by a test and made to pass the checksum again, so that only the edit is
// wrong and the loader's own checks must find it. Both checksums are computed here from
// docs/model_format.md, not by the library, so the tests also pin the documented format.

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace fitkit::test {

inline std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// A binary file: 8 magic bytes, u32 envelope version, u64 body length, u64 FNV-1a 64 of the
// body (both little-endian), then the body. The length and checksum are set for the body as
// it now is.
inline std::string binary_with_fixed_checksum(std::string bytes) {
  constexpr std::size_t header_size = 28;
  const std::uint64_t length = bytes.size() - header_size;
  const std::uint64_t hash = fnv1a(std::string_view(bytes).substr(header_size));
  for (int i = 0; i < 8; ++i) {
    bytes[12 + i] = static_cast<char>((length >> (8 * i)) & 0xff);
    bytes[20 + i] = static_cast<char>((hash >> (8 * i)) & 0xff);
  }
  return bytes;
}

// A JSON file (envelope version 2): FNV-1a 64 over the text without the whitespace between
// tokens, with the 16 hex digits of the top-level "checksum" member read as zeros. A text
// without such a member (or with another value there) is returned as it is.
inline std::string json_with_fixed_checksum(std::string text) {
  const std::string key = "\"checksum\": \"";
  const std::size_t at = text.find(key);
  if (at == std::string::npos) return text;
  const std::size_t digits = at + key.size();
  if (text.size() < digits + 17 || text[digits + 16] != '"') return text;
  text.replace(digits, 16, std::string(16, '0'));
  std::string tokens;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (!in_string && space) continue;
    tokens += c;
    if (!in_string) {
      in_string = c == '"';
    } else if (escaped) {
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (c == '"') {
      in_string = false;
    }
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(tokens)));
  text.replace(digits, 16, hex);
  return text;
}

}  // namespace fitkit::test
