#include "io/csv_fields.hpp"

#include <cstring>

#include "io/number_parse.hpp"

namespace fitkit::io::detail {
namespace {

const char* skip_blanks(const char* p, const char* end, const Dialect& dialect) {
  while (p != end && dialect.is_blank(*p)) ++p;
  return p;
}

const char* find_char(const char* p, const char* end, char c) {
  const void* found = std::memchr(p, c, static_cast<std::size_t>(end - p));
  return found != nullptr ? static_cast<const char*>(found) : end;
}

const char* find_blank_or_end(const char* p, const char* end) {
  while (p != end && !is_space_or_tab(*p)) ++p;
  return p;
}

}  // namespace

std::string describe(FieldProblem problem) {
  switch (problem) {
    case FieldProblem::unterminated_quote:
      return "quoted field not closed on this line (a newline inside quotes is not supported)";
    case FieldProblem::text_after_quote:
      return "unexpected text after a closing quote";
    case FieldProblem::none:
      break;
  }
  return "no problem";
}

FieldCursor::FieldCursor(const char* begin, const char* end, const Dialect& dialect)
    : position_(begin), end_(end), dialect_(&dialect) {
  if (dialect.whitespace_runs) {
    position_ = skip_blanks(position_, end_, dialect);
    done_ = position_ == end_;
  }
}

FieldProblem FieldCursor::next(RawField& field) {
  const Dialect& dialect = *dialect_;
  const char* p = skip_blanks(position_, end_, dialect);
  field = RawField{};
  const char* after;  // just past the field's own text, before any blanks
  if (p != end_ && *p == '"') {
    const char* content = p + 1;
    const char* q = content;
    for (;;) {
      q = find_char(q, end_, '"');
      if (q == end_) return FieldProblem::unterminated_quote;
      if (q + 1 != end_ && q[1] == '"') {
        field.has_escaped_quotes = true;
        q += 2;
        continue;
      }
      break;
    }
    field.text = std::string_view(content, static_cast<std::size_t>(q - content));
    field.with_blanks = field.text;
    field.quoted = true;
    after = q + 1;
  } else if (dialect.whitespace_runs) {
    after = find_blank_or_end(p, end_);
    field.text = std::string_view(p, static_cast<std::size_t>(after - p));
    field.with_blanks = field.text;
  } else {
    after = find_char(p, end_, dialect.delimiter);
    const char* last = after;
    while (last != p && dialect.is_blank(last[-1])) --last;
    field.text = std::string_view(p, static_cast<std::size_t>(last - p));
    field.with_blanks = std::string_view(position_, static_cast<std::size_t>(after - position_));
  }

  const char* rest = skip_blanks(after, end_, dialect);
  if (rest == end_) {
    done_ = true;
    position_ = end_;
  } else if (dialect.whitespace_runs) {
    if (rest == after) return FieldProblem::text_after_quote;  // only a quote can end here
    position_ = rest;
  } else if (*rest == dialect.delimiter) {
    position_ = rest + 1;
  } else {
    return FieldProblem::text_after_quote;  // only a quote can end before the delimiter
  }
  return FieldProblem::none;
}

std::string unescape(const RawField& field) {
  if (!field.has_escaped_quotes) return std::string(field.text);
  std::string value;
  value.reserve(field.text.size());
  for (std::size_t i = 0; i < field.text.size(); ++i) {
    value += field.text[i];
    if (field.text[i] == '"') ++i;  // the second of a doubled quote
  }
  return value;
}

std::string_view number_text(const RawField& field) {
  return field.quoted ? trim_spaces_and_tabs(field.text) : field.text;
}

std::optional<std::vector<std::string>> split_line(std::string_view line, const Dialect& dialect,
                                                   FieldProblem& problem) {
  std::vector<std::string> fields;
  FieldCursor cursor(line.data(), line.data() + line.size(), dialect);
  RawField field;
  while (!cursor.done()) {
    problem = cursor.next(field);
    if (problem != FieldProblem::none) return std::nullopt;
    fields.push_back(unescape(field));
  }
  problem = FieldProblem::none;
  return fields;
}

std::optional<std::size_t> count_fields(std::string_view line, const Dialect& dialect) {
  std::size_t count = 0;
  FieldCursor cursor(line.data(), line.data() + line.size(), dialect);
  RawField field;
  while (!cursor.done()) {
    if (cursor.next(field) != FieldProblem::none) return std::nullopt;
    ++count;
  }
  return count;
}

bool is_blank_line(std::string_view line, const Dialect& dialect) {
  for (const char c : line)
    if (!dialect.is_blank(c)) return false;
  return true;
}

}  // namespace fitkit::io::detail
