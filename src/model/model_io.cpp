#include "fitkit/model/model_io.hpp"

#include "core/archives.hpp"

#include <cstring>
#include <functional>
#include <iomanip>
#include <new>
#include <optional>
#include <ostream>
#include <sstream>
#include <streambuf>

#include "core/envelope.hpp"
#include "core/json_checksum.hpp"
#include "core/payload.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/output_file.hpp"
#include "fitkit/core/output_file_buf.hpp"
#include "fitkit/core/version.hpp"
#include "fitkit/io/input_file.hpp"
#include "fitkit/model/registry.hpp"

namespace fitkit {
namespace {

using detail::Envelope;
using detail::FormatProblem;

constexpr std::size_t kHeaderSize = 8 + 4 + 8 + 8;  // magic, envelope version, length, checksum
constexpr int kMaxJsonDepth = 64;

// The envelope and state in portable binary: the body of a .bin file, and what the checksum
// of either format is computed over. Written to `out`.
void write_binary_body(std::ostream& out, const Envelope& envelope, const Estimator& model) {
  detail::BinaryOutputArchive ar(out);
  ar(envelope);
  detail::PayloadWriter writer(ar);
  model.write_state(writer);
}

struct BodySummary {
  std::uint64_t length = 0;
  std::uint64_t checksum = 0;
};

// The binary body's length and checksum, computed as it is serialized (nothing is kept).
BodySummary summarise_binary_body(const Envelope& envelope, const Estimator& model) {
  detail::Checksum checksum;
  BodySummary summary;
  BlockSinkBuf buffer([&](std::string_view bytes) {
    checksum.add(bytes);
    summary.length += bytes.size();
  });
  std::ostream out(&buffer);
  write_binary_body(out, envelope, model);
  buffer.finish();
  summary.checksum = checksum.value();
  return summary;
}

template <class T>
void put_le(std::ostream& out, T value) {
  for (std::size_t i = 0; i < sizeof(T); ++i) out.put(static_cast<char>((value >> (8 * i)) & 0xff));
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

void check_envelope_version(std::uint32_t envelope_version) {
  if (envelope_version == 0 || envelope_version > detail::kEnvelopeVersion)
    throw FormatProblem("envelope version " + std::to_string(envelope_version) +
                        " is not supported (this fitkit " + version() + " reads up to " +
                        std::to_string(detail::kEnvelopeVersion) + "); upgrade fitkit");
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
  } catch (const detail::FormatProblem& problem) {
    if (problem.line() == 0) throw ModelFormatError(path, problem.problem());
    throw ModelFormatError(path, problem.line(), problem.column(), problem.problem());
  } catch (const std::exception& e) {
    throw ModelFormatError(path, e.what());
  }
}

// Gives the estimator a file's envelope describes: the caller's own (load_into) or one made
// by type name (load_any).
using ModelFor = std::function<Estimator&(const Envelope&)>;

ModelInfo info_of(Envelope envelope, ModelFormat format, std::uint32_t envelope_version,
                  std::uint64_t checksum) {
  ModelInfo info;
  info.format = format;
  info.envelope_version = envelope_version;
  info.type = std::move(envelope.type);
  info.class_version = envelope.class_version;
  info.fitkit_version = std::move(envelope.fitkit_version);
  info.n_features_in = static_cast<Index>(envelope.n_features_in);
  info.feature_names = std::move(envelope.feature_names);
  info.target_name = std::move(envelope.target_name);
  info.class_names = std::move(envelope.class_names);
  info.params = std::move(envelope.params);
  if (envelope.libsvm_index_base >= 0) info.libsvm_zero_based = envelope.libsvm_index_base == 0;
  info.checksum = checksum;
  return info;
}

// The binary layout: magic, envelope version, body length, checksum, body. The checksum is
// verified before anything in the body is decoded.
ModelInfo read_binary(std::string_view bytes, const ModelFor& model_for) {
  if (bytes.size() < kHeaderSize || std::memcmp(bytes.data(), detail::kBinaryMagic, 8) != 0)
    throw FormatProblem("not a fitkit model file (bad magic bytes)");
  const auto envelope_version = get_le<std::uint32_t>(bytes.data() + 8);
  const auto length = get_le<std::uint64_t>(bytes.data() + 12);
  const auto checksum = get_le<std::uint64_t>(bytes.data() + 20);
  if (length != bytes.size() - kHeaderSize)
    throw FormatProblem("truncated or padded: header says " + std::to_string(length) +
                        " bytes of body, the file has " +
                        std::to_string(bytes.size() - kHeaderSize));
  const std::string_view body = bytes.substr(kHeaderSize);
  if (detail::checksum(body) != checksum)
    throw FormatProblem("checksum mismatch: the file is corrupted");
  check_envelope_version(envelope_version);
  detail::SafeBinaryInputArchive archive(body);
  archive.set_estimator_factory(&make_estimator);
  archive.set_envelope_version(envelope_version);
  Envelope envelope;
  envelope.layout = envelope_version;
  archive(envelope);
  detail::check_envelope(envelope);
  Estimator& model = model_for(envelope);
  detail::PayloadReader reader(archive);
  model.read_state(reader, envelope, [&] {
    if (archive.remaining() != 0)
      throw FormatProblem(std::to_string(archive.remaining()) + " stray bytes after the model");
  });
  return info_of(std::move(envelope), ModelFormat::binary, envelope_version, checksum);
}

// JSON files: {"envelope_version", "envelope": {...}, "checksum", "payload": {...}}. From
// envelope version 2 the checksum is over the text as it is (core/json_checksum.hpp) and is
// verified before anything is decoded; version 1 files (fitkit 0.1.0) have it over the binary
// form, which only the model as loaded can give again.
ModelInfo read_json(std::string_view text, const ModelFor& model_for) {
  const auto document = detail::JsonDocument::parse(text, kMaxJsonDepth);
  detail::JsonInputArchive archive(document);
  archive.set_estimator_factory(&make_estimator);
  std::uint32_t envelope_version = 0;
  archive(cereal::make_nvp("envelope_version", envelope_version));
  check_envelope_version(envelope_version);
  archive.set_envelope_version(envelope_version);
  Envelope envelope;
  envelope.layout = envelope_version;
  std::string checksum_hex;
  archive(cereal::make_nvp("envelope", envelope), cereal::make_nvp("checksum", checksum_hex));
  char* end = nullptr;
  const std::uint64_t checksum = std::strtoull(checksum_hex.c_str(), &end, 16);
  if (checksum_hex.size() != 16 || end != checksum_hex.c_str() + 16)
    throw FormatProblem("bad checksum field '" + checksum_hex + "'");
  const bool text_checksum = envelope_version >= 2;
  if (text_checksum) {
    detail::JsonTextChecksum sum;
    sum.add(text);
    if (sum.value() != checksum)
      throw FormatProblem("checksum mismatch: the file was edited or is corrupted");
  }
  detail::check_envelope(envelope);
  Estimator& model = model_for(envelope);
  archive.setNextName("payload");
  archive.startNode();
  detail::PayloadReader reader(archive);
  model.read_state(reader, envelope, [&] {
    archive.finishNode();
    if (!text_checksum && summarise_binary_body(envelope, model).checksum != checksum)
      throw FormatProblem("checksum mismatch: the file was edited or is corrupted");
  });
  return info_of(std::move(envelope), ModelFormat::json, envelope_version, checksum);
}

ModelInfo read_model(const std::string& path, std::string_view bytes, const ModelFor& model_for) {
  try {
    if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos)
      throw FormatProblem("an empty file, not a fitkit model");
    return looks_like_json(bytes) ? read_json(bytes, model_for) : read_binary(bytes, model_for);
  } catch (...) {
    rethrow_as_format_error(path);
  }
}

// load_any's way to the estimator: made from the registry by the type the file names.
ModelFor registered(std::unique_ptr<Estimator>& model) {
  return [&model](const Envelope& e) -> Estimator& {
    model = make_estimator(e.type);
    if (!model) throw FormatProblem("unknown estimator type '" + e.type + "'");
    return *model;
  };
}

void write_json(std::ostream& out, const Envelope& envelope, const Estimator& model,
                const std::string& checksum_hex) {
  {
    detail::JsonOutputArchive ar(out);
    ar(cereal::make_nvp("envelope_version", detail::kEnvelopeVersion));
    ar(cereal::make_nvp("envelope", envelope), cereal::make_nvp("checksum", checksum_hex));
    ar.setNextName("payload");
    ar.startNode();
    detail::PayloadWriter writer(ar);
    model.write_state(writer);
    ar.finishNode();
  }
  out << '\n';
}

// Two passes over the model, neither kept: the first for the checksum that the header (or
// the JSON's "checksum" member) gives before the body, the second to `out`.
void write_model(std::ostream& out, const Estimator& model, ModelFormat format) {
  const Envelope envelope = detail::envelope_of(model);
  if (format == ModelFormat::binary) {
    const BodySummary body = summarise_binary_body(envelope, model);
    out.write(detail::kBinaryMagic, 8);
    put_le<std::uint32_t>(out, detail::kEnvelopeVersion);
    put_le<std::uint64_t>(out, body.length);
    put_le<std::uint64_t>(out, body.checksum);
    write_binary_body(out, envelope, model);
    return;
  }
  detail::JsonTextChecksum sum;
  {
    BlockSinkBuf buffer([&](std::string_view text) { sum.add(text); });
    std::ostream text(&buffer);
    write_json(text, envelope, model, std::string(16, '0'));
    buffer.finish();
  }
  write_json(out, envelope, model, hex(sum.value()));
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
  // Streamed to the file as it is serialized; the checksum in the header comes from a pass
  // before that computes it without keeping anything.
  OutputFile file(path);
  OutputFileBuf buffer(file);
  std::ostream out(&buffer);
  write_model(out, model, model_format_for_path(path));
  buffer.finish();
  file.commit();
}

void load_into(Estimator& model, const std::string& path, ModelInfo* info) {
  const io::InputFile file(path, io::kUnboundedLines, io::kMaxStreamedModelBytes);
  ModelInfo read =
      read_model(path, file.text(), [&](const Envelope&) -> Estimator& { return model; });
  if (info != nullptr) *info = std::move(read);
}

std::unique_ptr<Estimator> load_any(const std::string& path, ModelInfo* info) {
  const io::InputFile file(path, io::kUnboundedLines, io::kMaxStreamedModelBytes);
  std::unique_ptr<Estimator> model;
  ModelInfo read = read_model(path, file.text(), registered(model));
  if (info != nullptr) *info = std::move(read);
  return model;
}

std::unique_ptr<Estimator> load_any_from_memory(std::string_view bytes, const std::string& name) {
  std::unique_ptr<Estimator> model;
  read_model(name, bytes, registered(model));
  return model;
}

ModelInfo read_model_info(const std::string& path) {
  ModelInfo info;
  load_any(path, &info);
  return info;
}

}  // namespace fitkit
