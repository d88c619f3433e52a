#pragma once
// Splitting one CSV line into fields. This is the careful path: quotes, escaped quotes and
// the whitespace-run dialect. The row parser's fast path handles plain numbers itself and
// falls back to this for anything else, so the two must agree on where a field ends.
//
// A line here never contains '\n'; a quote left open at the end of the line is an error,
// which is how a newline inside quotes is refused.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fitkit::io::detail {

struct Dialect {
  char delimiter = ',';
  // Fields separated by runs of spaces and tabs; blanks at either end of a line ignored.
  bool whitespace_runs = false;

  // Blanks around a field are not part of it; a tab is a blank unless it separates fields.
  bool is_blank(char c) const { return c == ' ' || (c == '\t' && delimiter != '\t'); }
};

struct RawField {
  // Unquoted: the trimmed text. Quoted: the text between the quotes, "" still doubled.
  std::string_view text;
  // Unquoted: the text with the blanks around it, as pandas keeps a text cell (a class label).
  // Quoted: the same as text.
  std::string_view with_blanks;
  bool quoted = false;
  bool has_escaped_quotes = false;
};

enum class FieldProblem { none, unterminated_quote, text_after_quote };

std::string describe(FieldProblem problem);

class FieldCursor {
 public:
  // [begin, end) is a line, or the rest of one starting where a field starts.
  FieldCursor(const char* begin, const char* end, const Dialect& dialect);

  // True once the last field of the line has been read.
  bool done() const { return done_; }
  // Where the next field starts.
  const char* position() const { return position_; }

  // Reads the field at position(); after a problem the cursor is left unusable.
  FieldProblem next(RawField& field);

 private:
  const char* position_;
  const char* end_;
  const Dialect* dialect_;
  bool done_ = false;
};

// The field's value: quotes removed and "" turned into ".
std::string unescape(const RawField& field);

// Text to parse as a number: quoted numbers may have blanks inside the quotes too.
std::string_view number_text(const RawField& field);

// Every field of a line, unescaped; nullopt and `problem` set when the quoting is broken.
std::optional<std::vector<std::string>> split_line(std::string_view line, const Dialect& dialect,
                                                   FieldProblem& problem);

// The number of fields, or nullopt when the quoting is broken.
std::optional<std::size_t> count_fields(std::string_view line, const Dialect& dialect);

// A line is blank when it holds nothing but blanks (a final '\r' already removed).
bool is_blank_line(std::string_view line, const Dialect& dialect);

}  // namespace fitkit::io::detail
