#pragma once
// One exception hierarchy for the whole library. Messages say what was expected and what
// was found; inputs are checked once, at the public boundary (fit, predict, load).

#include <cstddef>
#include <stdexcept>
#include <string>

namespace fitkit {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A parameter outside its documented range, or an unknown parameter name.
class InvalidParameter : public Error {
 public:
  InvalidParameter(std::string name, const std::string& what);
  const std::string& name() const noexcept { return name_; }

 private:
  std::string name_;
};

// X and y of different lengths, or predict on a width other than the one fitted.
class DimensionMismatch : public Error {
 public:
  using Error::Error;
};

// predict/score/save called on an estimator that has not been fitted.
class NotFitted : public Error {
 public:
  explicit NotFitted(const std::string& estimator);
};

// Bad data: carries where it was found. line and column are 1-based; 0 means unknown.
class DataError : public Error {
 public:
  explicit DataError(const std::string& what);  // data passed in memory, no file
  DataError(std::string file, std::size_t line, std::size_t column, const std::string& what);
  const std::string& file() const noexcept { return file_; }
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }

 private:
  std::string file_;
  std::size_t line_ = 0;
  std::size_t column_ = 0;
};

// A file that cannot be opened, read or written (missing, unreadable, missing directory).
class FileError : public Error {
 public:
  FileError(std::string path, const std::string& what);
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

// A model file that is malformed, corrupted, of another type or from a newer version.
class ModelFormatError : public Error {
 public:
  ModelFormatError(const std::string& path, const std::string& what);
  // A problem at a place in a JSON model: `path:line:column: what`.
  ModelFormatError(const std::string& path, std::size_t line, std::size_t column,
                   const std::string& what);
};

}  // namespace fitkit
