#pragma once
// Helpers shared by the test files: reference fixtures, scratch files, the bundled data.

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fitkit/core/types.hpp"

namespace fitkit::test {

inline std::string source_path(const std::string& relative) {
  return std::string(FITKIT_SOURCE_DIR) + "/" + relative;
}

// A matrix written by a script in tests/reference/ (numbers only, comma-separated).
inline Matrix reference_matrix(const std::string& relative) {
  Matrix m;
  if (!m.load(source_path("tests/reference/" + relative), arma::csv_ascii))
    throw std::runtime_error("cannot read fixture " + relative);
  return m;
}

inline Vector reference_vector(const std::string& relative) {
  return arma::vectorise(reference_matrix(relative));
}

// The non-empty lines of a text file written by a script in tests/reference/ (names, grids).
inline std::vector<std::string> reference_lines(const std::string& relative) {
  std::ifstream in(source_path("tests/reference/" + relative));
  if (!in) throw std::runtime_error("cannot read fixture " + relative);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

// Every 9th row of X, as the transform fixtures keep them.
inline Matrix every_ninth(const Matrix& X) {
  return X.rows(arma::regspace<arma::uvec>(0, 9, X.n_rows - 1));
}

inline double reference_scalar(const std::string& relative) {
  return reference_vector(relative)(0);
}

// Largest difference relative to the largest magnitude in `expected`.
inline double relative_error(const Vector& actual, const Vector& expected) {
  if (actual.n_elem != expected.n_elem) return 1e300;
  const double scale = std::max(arma::abs(expected).max(), 1e-300);
  return arma::abs(actual - expected).max() / scale;
}

// The size of the terms an intercept y_mean - x_mean' coef is computed from. With columns far
// from zero they cancel, and the intercept carries the coefficients' relative error times
// this, not times itself: intercepts are compared relative to it.
inline double intercept_scale(const Matrix& X, const Vector& coef, double intercept) {
  return std::abs(intercept) + arma::accu(arma::abs(arma::mean(X, 0).t() % coef));
}

// A fresh directory under the system temp dir, removed when the object goes.
class ScratchDir {
 public:
  ScratchDir() {
    auto base = std::filesystem::temp_directory_path();
    for (int i = 0;; ++i) {
      path_ = base / ("fitkit-test-" + std::to_string(::getpid()) + "-" + std::to_string(i));
      if (std::filesystem::create_directory(path_)) break;
    }
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string file(const std::string& name) const { return (path_ / name).string(); }

  std::string write(const std::string& name, const std::string& contents) const {
    std::ofstream(file(name), std::ios::binary) << contents;
    return file(name);
  }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A regression problem for the linear models' reference tests.
struct RegressionProblem {
  Matrix X;
  Vector y;
  Vector w;  // empty: unweighted
};

// X.csv and y.csv of a fixture folder, with the folder's w.csv when `weighted`.
inline RegressionProblem fixture_problem(const std::string& dir, bool weighted = false) {
  RegressionProblem p{reference_matrix(dir + "/X.csv"), reference_vector(dir + "/y.csv"), {}};
  if (weighted) p.w = reference_vector(dir + "/w.csv");
  return p;
}

// Fits with the problem's sample weights when it has some.
template <class Model>
Model fit_problem(Model model, const RegressionProblem& p) {
  if (p.w.is_empty())
    model.fit(p.X, p.y);
  else
    model.fit(p.X, p.y, p.w);
  return model;
}

}  // namespace fitkit::test
