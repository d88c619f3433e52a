// libFuzzer target for the CSV reader. The first byte picks the options, the rest is the
// file. A fitkit::Error is a correct answer to bad input; anything else escaping (another
// exception, a crash, a sanitizer report) or a malformed result is a bug.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fitkit/core/error.hpp"
#include "fitkit/io/csv.hpp"

namespace {

fitkit::io::CsvOptions options_from(std::uint8_t bits) {
  fitkit::io::CsvOptions options;
  options.allow_missing = (bits & 1) != 0;
  options.has_target = (bits & 2) == 0;
  options.has_header = ((bits >> 2) & 1) == 0;
  constexpr char delimiters[] = {'\0', ',', '\t', ' '};
  options.delimiter = delimiters[(bits >> 4) & 3];
  if ((bits & 64) != 0) options.target = (bits & 128) != 0 ? "-2" : "a";
  if ((bits & 192) == 128) options.features = {"b", "a"};
  return options;
}

// What every successful read must give, whatever the input.
void check_consistent(const fitkit::Dataset& data, const fitkit::io::CsvOptions& options) {
  bool ok = data.X.n_rows > 0 && data.X.n_cols > 0 && data.feature_names.size() == data.X.n_cols;
  if (options.has_target) {
    ok = ok && data.y.n_elem == data.X.n_rows;
    for (const double label : data.y)
      ok = ok && (data.class_names.empty() ||
                  (label >= 0 && label < static_cast<double>(data.class_names.size())));
  } else {
    ok = ok && data.y.is_empty() && data.class_names.empty();
  }
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const fitkit::io::CsvOptions options = options_from(data[0]);
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    check_consistent(fitkit::io::read_csv_text(text, options, "fuzz.csv"), options);
  } catch (const fitkit::Error&) {
    // The reader refused the input with a message: the expected answer to bad data.
  }
  return 0;
}
