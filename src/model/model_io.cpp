#include "fitkit/model/model_io.hpp"

#include "core/archives.hpp"

#include <cstring>
#include <functional>
#include <iomanip>
#include <limits>
#include <new>
#include <optional>
#include <sstream>

#include "core/envelope.hpp"
#include "core/payload.hpp"
#include "fitkit/core/atomic_file.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/version.hpp"
#include "io/mapped_file.hpp"

namespace fitkit {

namespace detail {

// The loader restores what the envelope holds into the estimator's base.
struct ModelAccess {
  static void restore(Estimator& model, const Envelope& envelope) {
    model.n_features_in_ = static_cast<Index>(envelope.n_features_in);
    model.feature_names_ = envelope.feature_names;
    model.target_name_ = envelope.target_name;
    model.class_names_ = envelope.class_names;
  }
  // A load that failed part-way leaves the estimator unfitted, never half-loaded.
  static void clear(Estimator& model) { model.reset_fitted(); }
};

}  // namespace detail

namespace {

using detail::Envelope;
using detail::FormatProblem;

constexpr std::size_t kHeaderSize = 8 + 4 + 8 + 8;  // magic, envelope version, length, checksum
constexpr int kMaxJsonDepth = 64;
constexpr std::uint64_t kMaxFeatures = std::uint64_t{1} << 40;

Envelope envelope_of(const Estimator& model) {
  Envelope e;
  e.type = model.type_name();
  e.class_version = model.class_version();
  e.fitkit_version = version();
  e.n_features_in = model.n_features_in();
  e.feature_names = model.feature_names();
  e.target_name = model.target_name();
  e.class_names = model.class_names();
  e.params = model.get_params();
  return e;
}

// The envelope and payload in portable binary: the body of a .bin file, and what the
// checksum of either format is computed over.
std::string binary_body(Envelope& envelope, const Estimator& model) {
  std::ostringstream out;
  {
    detail::BinaryOutputArchive ar(out);
    ar(envelope);
    detail::PayloadWriter writer(ar);
    model.write_payload(writer);
  }
  return std::move(out).str();
}

template <class T>
void put_le(std::string& out, T value) {
  for (std::size_t i = 0; i < sizeof(T); ++i)
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

template <class T>
T get_le(const char* p) {
  T value = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i)
    value |= static_cast<T>(static_cast<unsigned char>(p[i])) << (8 * i);
  return value;
}

std::string hex(std::uint64_t x) {
  std::ostringstream s;
  s << std::hex << std::setw(16) << std::setfill('0') << x;
  return s.str();
}

bool looks_like_json(std::string_view bytes) {
  for (char c : bytes) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{';
  }
  return false;
}

void check_envelope(const Envelope& e, std::uint32_t envelope_version) {
  if (envelope_version == 0 || envelope_version > detail::kEnvelopeVersion)
    throw FormatProblem("envelope version " + std::to_string(envelope_version) +
                        " is not supported (this fitkit " + version() + " reads up to " +
                        std::to_string(detail::kEnvelopeVersion) + "); upgrade fitkit");
  if (e.class_version == 0) throw FormatProblem("class version 0 is invalid");
  if (e.n_features_in == 0 || e.n_features_in > kMaxFeatures)
    throw FormatProblem("invalid n_features_in " + std::to_string(e.n_features_in));
  if (!e.feature_names.empty() && e.feature_names.size() != e.n_features_in)
    throw FormatProblem(std::to_string(e.feature_names.size()) + " feature names for " +
                        std::to_string(e.n_features_in) + " features");
}

// Type, version and parameters checked against the estimator that will take the payload.
void check_against(const Envelope& e, const Estimator& model) {
  if (e.type != model.type_name())
    throw FormatProblem("the file holds a " + e.type + " model, not a " + model.type_name());
  if (e.class_version > model.class_version())
    throw FormatProblem(e.type + " model version " + std::to_string(e.class_version) +
                        " is newer than this fitkit " + version() + " reads (version " +
                        std::to_string(model.class_version()) + "); upgrade fitkit");
}

void apply_params(const Envelope& e, Estimator& model) {
  for (const auto& [name, value] : e.params) {
    try {
      model.set_param(name, value);
    } catch (const InvalidParameter& err) {
      throw FormatProblem(err.what());
    }
  }
}

struct Decoded {
  Envelope envelope;
  std::uint32_t envelope_version = 0;
  std::uint64_t checksum = 0;
  ModelFormat format = ModelFormat::binary;
};

// The binary layout: magic, envelope version, body length, checksum, body. The checksum is
// verified before anything in the body is decoded.
Decoded decode_binary(std::string_view bytes, detail::SafeBinaryInputArchive** archive_out,
                      std::optional<detail::SafeBinaryInputArchive>& archive) {
  if (bytes.size() < kHeaderSize || std::memcmp(bytes.data(), detail::kBinaryMagic, 8) != 0)
    throw FormatProblem("not a fitkit model file (bad magic bytes)");
  Decoded d;
  d.envelope_version = get_le<std::uint32_t>(bytes.data() + 8);
  const auto length = get_le<std::uint64_t>(bytes.data() + 12);
  d.checksum = get_le<std::uint64_t>(bytes.data() + 20);
  if (length != bytes.size() - kHeaderSize)
    throw FormatProblem("truncated or padded: header says " + std::to_string(length) +
                        " bytes of body, the file has " +
                        std::to_string(bytes.size() - kHeaderSize));
  const std::string_view body = bytes.substr(kHeaderSize);
  if (detail::checksum(body) != d.checksum)
    throw FormatProblem("checksum mismatch: the file is corrupted");
  archive.emplace(body);
  (*archive)(d.envelope);
  check_envelope(d.envelope, d.envelope_version);
  *archive_out = &*archive;
  return d;
}

[[noreturn]] void rethrow_as_format_error(const std::string& path) {
  try {
    throw;
  } catch (const ModelFormatError&) {
    throw;
  } catch (const FileError&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw ModelFormatError(path, "corrupted: asks for more memory than is available");
  } catch (const std::exception& e) {
    throw ModelFormatError(path, e.what());
  }
}

// JSON files: {"envelope_version", "envelope": {...}, "checksum", "payload": {...}}, parsed
// once by fitkit's own parser (core/json_document.hpp), with nesting limited to what a model
// needs.
Decoded decode_json_envelope(detail::JsonInputArchive& ar) {
  Decoded d;
  d.format = ModelFormat::json;
  std::string checksum_hex;
  ar(cereal::make_nvp("envelope_version", d.envelope_version));
  ar(cereal::make_nvp("envelope", d.envelope), cereal::make_nvp("checksum", checksum_hex));
  check_envelope(d.envelope, d.envelope_version);
  char* end = nullptr;
  d.checksum = std::strtoull(checksum_hex.c_str(), &end, 16);
  if (checksum_hex.size() != 16 || end != checksum_hex.c_str() + 16)
    throw FormatProblem("bad checksum field '" + checksum_hex + "'");
  return d;
}

// Reads a whole model into the estimator that model_for gives for the envelope (the one the
// caller has, or one made by type name), and returns the envelope.
Decoded read_model(const std::string& path, std::string_view bytes,
                   const std::function<Estimator&(const Envelope&)>& model_for) {
  Estimator* target = nullptr;
  ParamMap params_before;
  auto take = [&](const Envelope& e) -> Estimator& {
    target = &model_for(e);
    params_before = target->get_params();
    return *target;
  };
  try {
    if (looks_like_json(bytes)) {
      const auto document = detail::JsonDocument::parse(bytes, kMaxJsonDepth);
      detail::JsonInputArchive archive(document);
      Decoded d = decode_json_envelope(archive);
      Estimator& model = take(d.envelope);
      check_against(d.envelope, model);
      apply_params(d.envelope, model);
      detail::ModelAccess::restore(model, d.envelope);
      detail::PayloadReader reader(archive);
      archive.setNextName("payload");
      archive.startNode();
      model.read_payload(reader, d.envelope.class_version);
      archive.finishNode();
      // The checksum is over the binary form, so it holds whatever the JSON's whitespace.
      if (detail::checksum(binary_body(d.envelope, model)) != d.checksum)
        throw FormatProblem("checksum mismatch: the file was edited or is corrupted");
      return d;
    } else {
      std::optional<detail::SafeBinaryInputArchive> storage;
      detail::SafeBinaryInputArchive* archive = nullptr;
      Decoded d = decode_binary(bytes, &archive, storage);
      Estimator& model = take(d.envelope);
      check_against(d.envelope, model);
      apply_params(d.envelope, model);
      detail::ModelAccess::restore(model, d.envelope);
      detail::PayloadReader reader(*archive);
      model.read_payload(reader, d.envelope.class_version);
      if (archive->remaining() != 0)
        throw FormatProblem(std::to_string(archive->remaining()) + " stray bytes after the model");
      return d;
    }
  } catch (...) {
    if (target != nullptr) {
      detail::ModelAccess::clear(*target);
      for (const auto& [name, value] : params_before) target->set_param(name, value);
    }
    rethrow_as_format_error(path);
  }
}

// load_any's way to the estimator: made from the registry by the type the file names.
Estimator& registered(const Envelope& e, std::unique_ptr<Estimator>& model) {
  model = make_estimator(e.type);
  if (!model) throw FormatProblem("unknown estimator type '" + e.type + "'");
  return *model;
}

}  // namespace

ModelFormat model_format_for_path(const std::string& path) {
  const std::string ext = ".json";
  const bool json =
      path.size() >= ext.size() && std::equal(ext.rbegin(), ext.rend(), path.rbegin(),
                                              [](char a, char b) { return a == std::tolower(b); });
  return json ? ModelFormat::json : ModelFormat::binary;
}

void save(const Estimator& model, const std::string& path) {
  if (!model.is_fitted()) throw NotFitted(model.type_name());
  Envelope envelope = envelope_of(model);
  const std::string body = binary_body(envelope, model);
  const std::uint64_t sum = detail::checksum(body);
  std::string contents;
  if (model_format_for_path(path) == ModelFormat::binary) {
    contents.reserve(kHeaderSize + body.size());
    contents.append(detail::kBinaryMagic, 8);
    put_le<std::uint32_t>(contents, detail::kEnvelopeVersion);
    put_le<std::uint64_t>(contents, body.size());
    put_le<std::uint64_t>(contents, sum);
    contents += body;
  } else {
    std::ostringstream out;
    {
      detail::JsonOutputArchive ar(out);
      ar(cereal::make_nvp("envelope_version", detail::kEnvelopeVersion));
      ar(cereal::make_nvp("envelope", envelope), cereal::make_nvp("checksum", hex(sum)));
      ar.setNextName("payload");
      ar.startNode();
      detail::PayloadWriter writer(ar);
      model.write_payload(writer);
      ar.finishNode();
    }
    out << '\n';
    contents = std::move(out).str();
  }
  write_file_atomically(path, contents);
}

void load_into(Estimator& model, const std::string& path) {
  const io::detail::MappedFile file(path);
  const std::string_view bytes = file.text();
  read_model(path, bytes, [&](const Envelope&) -> Estimator& { return model; });
}

std::unique_ptr<Estimator> load_any(const std::string& path) {
  const io::detail::MappedFile file(path);
  const std::string_view bytes = file.text();
  std::unique_ptr<Estimator> model;
  read_model(path, bytes, [&](const Envelope& e) -> Estimator& { return registered(e, model); });
  return model;
}

std::unique_ptr<Estimator> load_any_from_memory(std::string_view bytes, const std::string& name) {
  std::unique_ptr<Estimator> model;
  read_model(name, bytes, [&](const Envelope& e) -> Estimator& { return registered(e, model); });
  return model;
}

ModelInfo read_model_info(const std::string& path) {
  const io::detail::MappedFile file(path);
  const std::string_view bytes = file.text();
  std::unique_ptr<Estimator> model;
  Decoded d = read_model(path, bytes,
                         [&](const Envelope& e) -> Estimator& { return registered(e, model); });
  ModelInfo info;
  info.format = d.format;
  info.envelope_version = d.envelope_version;
  info.type = std::move(d.envelope.type);
  info.class_version = d.envelope.class_version;
  info.fitkit_version = std::move(d.envelope.fitkit_version);
  info.n_features_in = static_cast<Index>(d.envelope.n_features_in);
  info.feature_names = std::move(d.envelope.feature_names);
  info.target_name = std::move(d.envelope.target_name);
  info.class_names = std::move(d.envelope.class_names);
  info.params = std::move(d.envelope.params);
  info.checksum = d.checksum;
  return info;
}

}  // namespace fitkit
