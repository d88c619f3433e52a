#pragma once
// The bundled data sets (datasets/*.csv) with their target columns, and the sample weights the
// tree fixture scripts use (tests/reference/fixtures.py: row_weights), for the tree and forest
// tests.

#include <map>
#include <string>

#include "fitkit/io/csv.hpp"
#include "support.hpp"

namespace fitkit::test {

// iris, wine, breast_cancer, diabetes or digits, with its target read as y (class labels as
// their index among the sorted labels).
inline Dataset bundled(const std::string& name) {
  static const std::map<std::string, std::string> targets = {{"iris", "species"},
                                                             {"wine", "cultivar"},
                                                             {"breast_cancer", "diagnosis"},
                                                             {"diabetes", "progression"},
                                                             {"digits", "digit"}};
  io::CsvOptions options;
  options.target = targets.at(name);
  return io::read_csv(source_path("datasets/" + name + ".csv"), options);
}

// 0.5, 1, 1.5, 2, 0.5, ...: row i weighs 0.5 (1 + i mod 4).
inline Vector row_weights(Index n) {
  Vector w(n);
  for (Index i = 0; i < n; ++i) w(i) = 0.5 * static_cast<double>(1 + i % 4);
  return w;
}

}  // namespace fitkit::test
