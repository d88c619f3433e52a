#include "core/json_input_archive.hpp"

#include <cmath>

#include "core/format_problem.hpp"

namespace fitkit::detail {
namespace {

bool is_integer_literal(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  if (text.empty()) return false;
  for (const char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

JsonInputArchive::JsonInputArchive(const JsonDocument& document)
    : cereal::InputArchive<JsonInputArchive>(this), document_(&document) {
  if (document.kind(document.root()) != JsonKind::object)
    throw FormatProblem(
        "expected a JSON object at the top, found " + document.describe(document.root()),
        document.text_position(document.root()).line,
        document.text_position(document.root()).column);
  frames_.push_back({document.root()});
}

JsonDocument::NodeId JsonInputArchive::next_node() {
  const char* const name = next_name_;
  next_name_ = nullptr;  // a failed search must not leave the name for the next load
  Frame& frame = frames_.back();
  const JsonDocument& doc = *document_;
  const std::size_t size = doc.size(frame.node);
  if (name == nullptr) {
    if (frame.next >= size)
      fail(frame.node, "has only " + std::to_string(size) + (size == 1 ? " value" : " values") +
                           "; more were expected");
    return doc.child(frame.node, frame.next);
  }
  if (doc.kind(frame.node) != JsonKind::object)
    fail(frame.node, "expected an object with a member \"" + std::string(name) + "\", found " +
                         doc.describe(frame.node));
  // Usually the file is in the order the values are read: try the next member first.
  if (frame.next < size && doc.key(doc.child(frame.node, frame.next)) == name)
    return doc.child(frame.node, frame.next);
  for (std::size_t i = 0; i < size; ++i) {
    if (doc.key(doc.child(frame.node, i)) == name) {
      frame.next = i;
      return doc.child(frame.node, i);
    }
  }
  fail(frame.node, "has no member \"" + std::string(name) + "\"");
}

void JsonInputArchive::startNode() {
  const NodeId node = next_node();
  const JsonKind kind = document_->kind(node);
  if (kind != JsonKind::object && kind != JsonKind::array)
    fail_expected(node, "an object or an array");
  frames_.push_back({node});
}

void JsonInputArchive::finishNode() {
  if (frames_.size() < 2) throw std::logic_error("JsonInputArchive: finishNode without startNode");
  frames_.pop_back();
  advance();
}

void JsonInputArchive::loadSize(cereal::size_type& size) {
  const NodeId node = frames_.back().node;
  if (document_->kind(node) != JsonKind::array) fail_expected(node, "an array");
  size = document_->size(node);
}

void JsonInputArchive::loadValue(bool& value) {
  const NodeId node = next_node();
  if (document_->kind(node) != JsonKind::boolean) fail_expected(node, "true or false");
  value = document_->boolean(node);
  advance();
}

void JsonInputArchive::loadValue(double& value) {
  const NodeId node = next_node();
  value = double_at(node);
  advance();
}

void JsonInputArchive::loadValue(float& value) {
  // cereal's writer saves a float as the double it widens to, which narrows back exactly.
  const NodeId node = next_node();
  const double wide = double_at(node);
  if (std::isfinite(wide) && std::abs(wide) > std::numeric_limits<float>::max())
    fail(node, std::string(document_->text(node).substr(0, 40)) + " is too large for a float");
  value = static_cast<float>(wide);
  advance();
}

void JsonInputArchive::loadValue(std::string& value) {
  const NodeId node = next_node();
  if (document_->kind(node) != JsonKind::string) fail_expected(node, "a string");
  value.assign(document_->text(node));
  advance();
}

double JsonInputArchive::double_at(NodeId node) const {
  if (document_->kind(node) != JsonKind::number) fail_expected(node, "a number");
  const std::string_view text = document_->text(node);
  // The parser lets these three words through as numbers: cereal's writer spells non-finite
  // doubles so.
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (text == "Infinity") return std::numeric_limits<double>::infinity();
  if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
  double value = 0;
  switch (double_from_text(text, value)) {
    case NumberFit::ok:
      return value;
    case NumberFit::overflow:
      fail(node, std::string(text.substr(0, 40)) + " is too large for a double");
    case NumberFit::underflow:
      fail(node, std::string(text.substr(0, 40)) +
                     " is too small for a double (it is not 0, but would round to 0)");
    case NumberFit::not_a_number:
      break;
  }
  fail_expected(node, "a number");
}

std::string_view JsonInputArchive::integer_text(NodeId node, bool written_as_string) const {
  const JsonKind kind = written_as_string ? JsonKind::string : JsonKind::number;
  const std::string_view text = document_->text(node);
  if (document_->kind(node) != kind || !is_integer_literal(text))
    fail_expected(node,
                  written_as_string ? "an integer written as a string of digits" : "an integer");
  return text;
}

void JsonInputArchive::fail(NodeId node, const std::string& problem) const {
  const auto [line, column] = document_->text_position(node);
  throw FormatProblem(path_to(node) + ": " + problem, line, column);
}

void JsonInputArchive::fail_expected(NodeId node, const std::string& expected) const {
  fail(node, "expected " + expected + ", found " + document_->describe(node));
}

void JsonInputArchive::fail_range(NodeId node, std::string_view text, const std::string& type,
                                  const std::string& min, const std::string& max) const {
  fail(node,
       std::string(text.substr(0, 40)) + " does not fit " + type + " (" + min + " to " + max + ")");
}

std::string JsonInputArchive::path_to(NodeId node) const {
  const JsonDocument& doc = *document_;
  std::string path;
  auto append_step = [&](NodeId parent, std::size_t index, NodeId child) {
    if (doc.kind(parent) == JsonKind::object) {
      if (!path.empty()) path += '.';
      const std::string_view key = doc.key(child);
      const bool plain = !key.empty() && key.find_first_not_of(
                                             "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                             "0123456789_") == std::string_view::npos;
      path += plain ? std::string(key) : quoted_for_message(key);
    } else {
      path += "[" + std::to_string(index) + "]";
    }
  };
  // A frame's node is its parent's child at the parent's current position.
  for (std::size_t i = 1; i < frames_.size(); ++i)
    append_step(frames_[i - 1].node, frames_[i - 1].next, frames_[i].node);
  const Frame& top = frames_.back();
  if (node != top.node) append_step(top.node, top.next, node);
  return path.empty() ? "the top-level object" : path;
}

}  // namespace fitkit::detail
