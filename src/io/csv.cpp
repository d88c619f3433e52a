#include "fitkit/io/csv.hpp"

#include <omp.h>

#include <algorithm>

#include "fitkit/core/error.hpp"
#include "fitkit/io/input_file.hpp"
#include "io/csv_chunks.hpp"
#include "io/csv_classes.hpp"
#include "io/csv_columns.hpp"
#include "io/csv_dialect.hpp"
#include "io/csv_rows.hpp"
#include "io/number_parse.hpp"

namespace fitkit::io {
namespace {

using namespace detail;

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

bool is_blank_text(std::string_view text, const Dialect& dialect) {
  for (const char c : text)
    if (c != '\n' && c != '\r' && !dialect.is_blank(c)) return false;
  return true;
}

// Trailing blank lines are not rows. The last row keeps its blanks: a class label may end in
// one.
std::string_view without_trailing_blank_lines(std::string_view text, const Dialect& dialect) {
  for (;;) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    const std::size_t newline = text.rfind('\n');
    const std::size_t last_line = newline == std::string_view::npos ? 0 : newline + 1;
    if (text.empty() || !is_blank_line(text.substr(last_line), dialect)) return text;
    text = text.substr(0, last_line);
  }
}

void check_options(const CsvOptions& options) {
  const char d = options.delimiter;
  if (d == '"' || d == '\n' || d == '\r')
    throw InvalidParameter("delimiter", "cannot be a quote or a line break");
}

std::vector<std::string> fields_of(std::string_view line, std::size_t line_number,
                                   const Dialect& dialect, const std::string& source) {
  FieldProblem problem = FieldProblem::none;
  auto fields = split_line(line, dialect, problem);
  if (!fields) throw DataError(source, line_number, 0, describe(problem));
  return std::move(*fields);
}

// A file whose rows cannot all hold n_fields fields (each needs a delimiter between fields
// and a line break) has a short row somewhere; it is found before X is allocated, so a small
// ragged file cannot claim a huge matrix.
bool can_hold(std::string_view rows, std::size_t n_rows, std::size_t n_fields) {
  return n_rows <= (rows.size() + 1) / n_fields;
}

}  // namespace

Dataset read_csv_text(std::string_view text, const CsvOptions& options, const std::string& source) {
  check_options(options);
  if (text.starts_with(utf8_bom)) text.remove_prefix(utf8_bom.size());
  if (is_blank_text(text, dialect_for(','))) throw DataError(source, 0, 0, "empty file");

  std::size_t after_first = 0;
  const std::string_view first_line = next_line(text, after_first);
  const Dialect dialect =
      options.delimiter != '\0' ? dialect_for(options.delimiter) : detect_dialect(first_line);
  if (is_blank_line(first_line, dialect))
    throw DataError(source, 1, 0,
                    "blank line (only blank lines at the end of the file are allowed)");
  const std::vector<std::string> first_fields = fields_of(first_line, 1, dialect, source);

  const std::string_view rest = without_trailing_blank_lines(text.substr(after_first), dialect);
  const bool header = options.has_header;
  const std::string_view rows = header ? rest : without_trailing_blank_lines(text, dialect);
  if (rows.empty()) throw DataError(source, 0, 0, "no data rows (the file has only a header)");

  const ColumnLayout layout =
      resolve_columns(header ? &first_fields : nullptr, first_fields.size(), options, source);
  const std::vector<Chunk> chunks =
      split_into_chunks(rows, 4 * static_cast<std::size_t>(omp_get_max_threads()));
  const std::size_t n_rows = chunks.back().first_row + chunks.back().n_rows;

  RowsSettings settings{dialect,
                        &layout,
                        options.allow_missing,
                        options.missing_refused_because,
                        options.numeric_target && options.has_target,
                        header ? 2u : 1u,
                        source};
  if (!can_hold(rows, n_rows, first_fields.size())) {
    parse_rows(chunks, settings, nullptr, nullptr, nullptr);
    throw DataError(source, 0, 0, "rows have fewer fields than the first line");  // unreachable
  }

  Dataset data;
  data.X.set_size(n_rows, layout.feature_names.size());
  if (layout.target_field != ColumnLayout::no_target) data.y.set_size(n_rows);
  if (layout.weight_field != ColumnLayout::no_target) data.sample_weight.set_size(n_rows);
  const RowsOutcome outcome = parse_rows(chunks, settings, &data.X, &data.y, &data.sample_weight);
  if (layout.target_field != ColumnLayout::no_target && outcome.has_text[layout.target_field])
    data.class_names =
        encode_text_column(chunks, dialect, layout.target_field, false, data.y.memptr());
  for (std::size_t field = 0; field < layout.roles.size(); ++field) {
    if (layout.roles[field] != ColumnRole::feature ||
        !(outcome.has_text[field] || layout.text_feature[field]))
      continue;
    const std::size_t column = layout.output_of[field];
    data.feature_categories.resize(data.n_features());
    data.feature_categories[column] =
        encode_text_column(chunks, dialect, field, options.allow_missing, data.X.colptr(column));
  }
  data.feature_names = layout.feature_names;
  data.target_name = layout.target_name;
  data.source = source;
  return data;
}

bool names_are_numbers(const Dataset& data) {
  std::vector<std::string> names = data.feature_names;
  if (!data.target_name.empty()) names.push_back(data.target_name);
  return std::all_of(names.begin(), names.end(), [](const std::string& name) {
    double ignored = 0;
    return classify_cell(trim_spaces_and_tabs(name), ignored) == CellKind::number;
  });
}

Dataset read_csv(const std::string& path, const CsvOptions& options) {
  check_options(options);
  const InputFile file(path);
  return read_csv_text(file.text(), options, file.name());
}

}  // namespace fitkit::io
