#pragma once
// The error every model decoder throws; the loader adds the file's path and turns it into
// ModelFormatError. Light on purpose: the JSON parser and the archives share it without
// pulling in cereal.

#include <cstddef>
#include <stdexcept>
#include <string>

namespace fitkit::detail {

class FormatProblem : public std::runtime_error {
 public:
  explicit FormatProblem(const std::string& problem)
      : std::runtime_error(problem), problem_(problem) {}
  // A problem at a place in a text file (1-based line and column): the loader then says
  // `file:line:column: problem`, as every reader of fitkit does.
  FormatProblem(const std::string& problem, std::size_t line, std::size_t column)
      : std::runtime_error("line " + std::to_string(line) + ", column " + std::to_string(column) +
                           ": " + problem),
        problem_(problem),
        line_(line),
        column_(column) {}

  const std::string& problem() const { return problem_; }
  std::size_t line() const { return line_; }  // 0 when the problem has no place in a text
  std::size_t column() const { return column_; }

 private:
  std::string problem_;
  std::size_t line_ = 0, column_ = 0;
};

}  // namespace fitkit::detail
