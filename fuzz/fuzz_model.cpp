// libFuzzer target: any bytes given to the model loader end in a model or a
// ModelFormatError — never a crash, an abort, a hang or a giant allocation.
//
// Random bytes rarely carry a valid checksum, so for inputs that look like a binary model the
// length and checksum fields are rewritten, and for JSON text the top-level "checksum" value:
// mutations then reach the decoder itself.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/envelope.hpp"
#include "core/json_checksum.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/model/model_io.hpp"

namespace {

constexpr std::size_t kHeader = 28;  // magic, envelope version, body length, checksum

void put_u64(std::string& bytes, std::size_t at, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

// Where the 16 hex digits of the first "checksum" member's string value start, or npos.
std::size_t checksum_digits(std::string_view text) {
  std::size_t at = text.find("\"checksum\"");
  if (at == std::string_view::npos) return at;
  at += 10;
  auto skip_space = [&] {
    while (at < text.size() &&
           (text[at] == ' ' || text[at] == '\n' || text[at] == '\t' || text[at] == '\r'))
      ++at;
  };
  skip_space();
  if (at >= text.size() || text[at] != ':') return std::string_view::npos;
  ++at;
  skip_space();
  if (at + 17 >= text.size() || text[at] != '"' || text[at + 17] != '"')
    return std::string_view::npos;
  return at + 1;
}

void try_load(std::string_view bytes) {
  try {
    const auto model = fitkit::load_any_from_memory(bytes, "fuzz");
  } catch (const fitkit::ModelFormatError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  try_load(input);
  if (size > kHeader && input.substr(1, 6) == "FITKIT") {
    std::string repaired(input);
    put_u64(repaired, 12, size - kHeader);
    put_u64(repaired, 20, fitkit::detail::checksum(std::string_view(repaired).substr(kHeader)));
    try_load(repaired);
  }
  if (const std::size_t digits = checksum_digits(input); digits != std::string_view::npos) {
    fitkit::detail::JsonTextChecksum sum;  // reads the digits as zeros, whatever they are
    sum.add(input);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string repaired(input);
    for (int i = 0; i < 16; ++i) repaired[digits + i] = kHex[(sum.value() >> (60 - 4 * i)) & 0xf];
    try_load(repaired);
  }
  return 0;
}
