#pragma once
// What an estimator's .cpp includes to serialize its learned state:
//
//   template <class Archive>
//   void LinearRegression::serialize(Archive& ar, std::uint32_t /*version*/) {
//     ar(cereal::make_nvp("coef", detail::arma_ref(coef_)), CEREAL_NVP(intercept_));
//   }
//   FITKIT_DEFINE_PAYLOAD(LinearRegression)
//
// The state is then checked by the estimator (shapes against n_features_in) before use.
//
// An estimator that holds other estimators (a pipeline's steps, a forest's trees) writes each
// with nested(): the child's own envelope (type, class version, parameters, names) and state,
// read back through the same checks as a model file's top level:
//
//   ar(cereal::make_nvp("final", detail::nested(final_)));  // std::unique_ptr<Estimator>: any
//                                                            // registered type, made on load
//   ar(cereal::make_nvp("tree", detail::nested(tree_)));    // a member of a known type

#include <cstdint>
#include <limits>
#include <variant>
#include <vector>

#include <memory>
#include <type_traits>

#include "core/archives.hpp"
#include "core/envelope.hpp"
#include "fitkit/core/estimator.hpp"

namespace fitkit::detail {

class PayloadWriter {
 public:
  template <class Archive>
  explicit PayloadWriter(Archive& archive) : archive_(&archive) {}
  template <class F>
  void visit(F&& f) {
    std::visit([&](auto* archive) { f(*archive); }, archive_);
  }

 private:
  std::variant<BinaryOutputArchive*, JsonOutputArchive*> archive_;
};

class PayloadReader {
 public:
  template <class Archive>
  explicit PayloadReader(Archive& archive) : archive_(&archive) {}
  template <class F>
  void visit(F&& f) {
    std::visit([&](auto* archive) { f(*archive); }, archive_);
  }

 private:
  std::variant<BinaryInputArchive*, JsonInputArchive*> archive_;
};

// Serializes an Armadillo matrix or vector as {n_rows, n_cols, data (column-major)}.
// Loading checks the shape: no overflow, data size equal to n_rows * n_cols, and a vector
// type gets a single column (or row).
template <class M>
struct ArmaRef {
  M& m;

  template <class Archive>
  void save(Archive& ar) const {
    const std::uint64_t n_rows = m.n_rows, n_cols = m.n_cols;
    const std::vector<typename M::elem_type> data(m.begin(), m.end());
    ar(CEREAL_NVP(n_rows), CEREAL_NVP(n_cols), CEREAL_NVP(data));
  }

  template <class Archive>
  void load(Archive& ar) {
    std::uint64_t n_rows = 0, n_cols = 0;
    std::vector<typename M::elem_type> data;
    ar(CEREAL_NVP(n_rows), CEREAL_NVP(n_cols), CEREAL_NVP(data));
    if (n_rows != 0 && n_cols > std::numeric_limits<std::uint64_t>::max() / n_rows)
      throw FormatProblem("matrix shape " + std::to_string(n_rows) + " x " +
                          std::to_string(n_cols) + " overflows");
    if (n_rows * n_cols != data.size())
      throw FormatProblem("matrix shape " + std::to_string(n_rows) + " x " +
                          std::to_string(n_cols) + " does not match its " +
                          std::to_string(data.size()) + " values");
    if constexpr (M::is_col)
      if (n_cols != 1) throw FormatProblem("expected a column vector");
    if constexpr (M::is_row)
      if (n_rows != 1) throw FormatProblem("expected a row vector");
    M loaded(n_rows, n_cols);
    std::copy(data.begin(), data.end(), loaded.begin());
    m = std::move(loaded);
  }
};

template <class M>
ArmaRef<M> arma_ref(M& m) {
  return ArmaRef<M>{m};
}

// The state part of a nested record: a node of its own in JSON.
struct NestedState {
  const Estimator* source = nullptr;  // when saving
  Estimator* target = nullptr;        // when loading
  const Envelope* envelope = nullptr;

  template <class Archive>
  void save(Archive& ar) const {
    PayloadWriter writer(ar);
    source->write_state(writer);
  }
  template <class Archive>
  void load(Archive& ar) {
    PayloadReader reader(ar);
    target->read_state(reader, *envelope);
  }
};

// T is std::unique_ptr<Estimator> (any registered type, made by the archive's factory) or an
// estimator type (read into the object as it is; the file must name the same type).
template <class T>
struct NestedRef {
  T& child;

  template <class Archive>
  void save(Archive& ar) const {
    const Estimator& model = as_estimator();
    Envelope envelope = envelope_of(model);
    ar(cereal::make_nvp("envelope", envelope),
       cereal::make_nvp("state", NestedState{&model, nullptr, nullptr}));
  }

  template <class Archive>
  void load(Archive& ar) {
    static_assert(std::is_base_of_v<NestedEstimatorSource, Archive>,
                  "an input archive that reads nested estimators is a NestedEstimatorSource");
    const NestedEstimatorSource::Level level(ar);
    Envelope envelope;
    envelope.layout = ar.envelope_version();
    ar(cereal::make_nvp("envelope", envelope));
    if constexpr (std::is_same_v<T, std::unique_ptr<Estimator>>) {
      std::unique_ptr<Estimator> model = ar.make_nested(envelope.type);
      ar(cereal::make_nvp("state", NestedState{nullptr, model.get(), &envelope}));
      child = std::move(model);
    } else {
      ar(cereal::make_nvp("state", NestedState{nullptr, &child, &envelope}));
    }
  }

 private:
  const Estimator& as_estimator() const {
    if constexpr (std::is_same_v<T, std::unique_ptr<Estimator>>) {
      if (!child) throw Error("a nested estimator is missing");
      return *child;
    } else {
      return child;
    }
  }
};

template <class T>
NestedRef<T> nested(T& child) {
  return NestedRef<T>{child};
}

}  // namespace fitkit::detail

// Implements Estimator::write_payload/read_payload from the class's serialize template.
#define FITKIT_DEFINE_PAYLOAD(Class)                                                           \
  void Class::write_payload(::fitkit::detail::PayloadWriter& writer) const {                   \
    writer.visit(                                                                              \
        [this](auto& ar) { const_cast<Class*>(this)->serialize(ar, this->class_version()); }); \
  }                                                                                            \
  void Class::read_payload(::fitkit::detail::PayloadReader& reader, std::uint32_t version) {   \
    reader.visit([this, version](auto& ar) { this->serialize(ar, version); });                 \
  }
