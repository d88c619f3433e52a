#pragma once
// Running the built programs from a test, as a user runs them: output, exit status, and the
// shape of a failure.

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"

namespace fitkit::test {

struct Result {
  int status = -1;  // the exit status; -1 when the program died from a signal
  std::string out;
  std::string err;
};

inline std::string quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Where a program's standard input comes from and its standard output goes, when not from
// /dev/null and into Result::out.
struct Streams {
  std::string input_file;     // stdin redirected from this file (a FIFO, say)
  std::string input_command;  // stdin piped from this shell command, so that it is a pipe
  std::string output_file;    // stdout redirected to this file (a device, say): out is empty
};

// The input of a run, piped from a file: `cat FILE | program ...`.
inline Streams piped_from(const std::string& path) {
  return Streams{.input_command = "cat " + quoted(path)};
}

// Runs one of the built programs with its output captured in `dir`.
inline Result run(const ScratchDir& dir, const std::string& program,
                  const std::vector<std::string>& args, const Streams& streams = {}) {
  std::string command = quoted(std::string(FITKIT_BIN_DIR) + "/" + program);
  for (const std::string& arg : args) command += " " + quoted(arg);
  const std::string output = streams.output_file.empty() ? dir.file("stdout") : streams.output_file;
  command += " >" + quoted(output) + " 2>" + quoted(dir.file("stderr"));
  if (!streams.input_command.empty())
    command = streams.input_command + " | " + command;
  else
    command += " <" + quoted(streams.input_file.empty() ? "/dev/null" : streams.input_file);
  const int raw = std::system(command.c_str());
  Result result;
  if (raw != -1 && WIFEXITED(raw)) result.status = WEXITSTATUS(raw);
  if (streams.output_file.empty()) result.out = read_file(dir.file("stdout"));
  result.err = read_file(dir.file("stderr"));
  return result;
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

inline fitkit::Vector predictions_in(const std::string& text) {
  const std::vector<std::string> lines = lines_of(text);
  fitkit::Vector values(lines.size() - 1);
  for (std::size_t i = 1; i < lines.size(); ++i) values(i - 1) = std::stod(lines[i]);
  return values;
}

inline double printed_score(const std::string& out, const std::string& name) {
  for (const std::string& line : lines_of(out))
    if (line.rfind(name + ": ", 0) == 0) return std::stod(line.substr(name.size() + 2));
  FAIL("no line '" << name << ": ' in:\n" << out);
  return 0;
}

// A run that must succeed, its stderr shown when it does not.
inline void require_success(const Result& result) {
  INFO("stderr: " << result.err);
  REQUIRE(result.status == 0);
}

// A reference fixture's values as the text of a list option: "0.33,0.33,...", exact.
inline std::string reference_list_option(const std::string& relative) {
  const fitkit::Vector v = reference_vector(relative);
  std::ostringstream out;
  out.precision(17);
  for (fitkit::Index i = 0; i < v.n_elem; ++i) out << (i ? "," : "") << v(i);
  return out.str();
}

// A matrix as a CSV file's text: a header x0, x1, ... (or `names`), then the rows with 17
// digits, which read back exactly.
inline std::string matrix_csv(const fitkit::Matrix& X, const std::vector<std::string>& names = {}) {
  std::ostringstream out;
  out.precision(17);
  for (fitkit::Index j = 0; j < X.n_cols; ++j)
    out << (j ? "," : "") << (names.empty() ? "x" + std::to_string(j) : names.at(j));
  out << "\n";
  for (fitkit::Index i = 0; i < X.n_rows; ++i) {
    for (fitkit::Index j = 0; j < X.n_cols; ++j) out << (j ? "," : "") << X(i, j);
    out << "\n";
  }
  return out.str();
}

// A program's CSV output of numbers as a matrix, the header line skipped.
inline fitkit::Matrix numbers_table(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);  // header
  std::vector<std::vector<double>> rows;
  while (std::getline(in, line)) {
    std::vector<double> row;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) row.push_back(std::stod(cell));
    rows.push_back(row);
  }
  fitkit::Matrix out(rows.size(), rows.empty() ? 0 : rows[0].size());
  for (fitkit::Index i = 0; i < out.n_rows; ++i) {
    REQUIRE(rows[i].size() == out.n_cols);
    for (fitkit::Index j = 0; j < out.n_cols; ++j) out(i, j) = rows[i][j];
  }
  return out;
}

inline bool exists(const std::string& path) {
  return std::filesystem::exists(path);
}

// A failed run must say why, in the program's voice, and exit with `status`.
inline void require_failure(const Result& result, int status, const std::string& program,
                            const std::string& message) {
  INFO("stderr: " << result.err);
  REQUIRE(result.status == status);
  REQUIRE(result.out.empty());
  REQUIRE_THAT(result.err, Catch::Matchers::StartsWith(program + ": error: "));
  REQUIRE_THAT(result.err, Catch::Matchers::Contains(message));
  if (status == 2) REQUIRE_THAT(result.err, Catch::Matchers::Contains("see '" + program));
}

}  // namespace fitkit::test
