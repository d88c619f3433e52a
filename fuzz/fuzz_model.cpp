// libFuzzer target: any bytes given to the model loader end in a model or a
// ModelFormatError — never a crash, an abort, a hang or a giant allocation.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fitkit/core/error.hpp"
#include "fitkit/model/model_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto model =
        fitkit::load_any_from_memory({reinterpret_cast<const char*>(data), size}, "fuzz");
  } catch (const fitkit::ModelFormatError&) {
  }
  return 0;
}
