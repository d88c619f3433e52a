#include "fitkit/core/error.hpp"

#include <utility>

namespace fitkit {
namespace {

std::string located(const std::string& file, std::size_t line, std::size_t column,
                    const std::string& what) {
  std::string where = file;
  if (line > 0) where.append(":").append(std::to_string(line));
  if (line > 0 && column > 0) where.append(":").append(std::to_string(column));
  if (where.empty()) return what;
  return where.append(": ").append(what);
}

}  // namespace

InvalidParameter::InvalidParameter(std::string name, const std::string& what)
    : Error(name.empty() ? what : "parameter '" + name + "': " + what), name_(std::move(name)) {}

NotFitted::NotFitted(const std::string& estimator)
    : Error(estimator + " is not fitted yet: call fit before using it") {}

DataError::DataError(const std::string& what) : Error(what) {}

DataError::DataError(std::string file, std::size_t line, std::size_t column,
                     const std::string& what)
    : Error(located(file, line, column, what)),
      file_(std::move(file)),
      line_(line),
      column_(column) {}

FileError::FileError(std::string path, const std::string& what)
    : Error(path + ": " + what), path_(std::move(path)) {}

ModelFormatError::ModelFormatError(const std::string& path, const std::string& what)
    : Error(path.empty() ? "model: " + what : path + ": " + what) {}

ModelFormatError::ModelFormatError(const std::string& path, std::size_t line, std::size_t column,
                                   const std::string& what)
    : Error(located(path.empty() ? "model" : path, line, column, what)) {}

}  // namespace fitkit
