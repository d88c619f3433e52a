#pragma once
// What an input archive needs to read estimators nested inside a payload (payload.hpp's
// nested()): a factory by type name, which the model loader hands it from the registry above
// core, the envelope version of the file (nested envelopes are laid out as the file's own), and
// a bound on how deep estimators nest. Both input archives (binary and JSON) are one.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/format_problem.hpp"

namespace fitkit {
class Estimator;
}

namespace fitkit::detail {

class NestedEstimatorSource {
 public:
  using Factory = std::unique_ptr<Estimator> (*)(std::string_view type_name);
  static constexpr int kMaxDepth = 16;

  void set_estimator_factory(Factory factory) { factory_ = factory; }
  // Throws FormatProblem for a type the factory does not know, or when there is no factory.
  std::unique_ptr<Estimator> make_nested(const std::string& type_name) const;

  void set_envelope_version(std::uint32_t version) { envelope_version_ = version; }
  std::uint32_t envelope_version() const { return envelope_version_; }

  // Held while a nested estimator is read: throws FormatProblem past kMaxDepth levels.
  class Level {
   public:
    explicit Level(NestedEstimatorSource& source);
    ~Level() { --source_.depth_; }
    Level(const Level&) = delete;
    Level& operator=(const Level&) = delete;

   private:
    NestedEstimatorSource& source_;
  };

 private:
  Factory factory_ = nullptr;
  std::uint32_t envelope_version_ = 0;
  int depth_ = 0;
};

}  // namespace fitkit::detail
