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

// Runs one of the built programs with its output captured in `dir`.
inline Result run(const ScratchDir& dir, const std::string& program,
                  const std::vector<std::string>& args) {
  std::string command = quoted(std::string(FITKIT_BIN_DIR) + "/" + program);
  for (const std::string& arg : args) command += " " + quoted(arg);
  command += " >" + quoted(dir.file("stdout")) + " 2>" + quoted(dir.file("stderr")) + " </dev/null";
  const int raw = std::system(command.c_str());
  Result result;
  if (raw != -1 && WIFEXITED(raw)) result.status = WEXITSTATUS(raw);
  result.out = read_file(dir.file("stdout"));
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
  REQUIRE_THAT(out, Catch::Matchers::StartsWith(name + ": "));
  return std::stod(out.substr(name.size() + 2));
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
