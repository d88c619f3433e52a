#pragma once
// The data splits the kernel SVM classifier tests share (test_svc.cpp, test_svc_proba.cpp,
// test_nu_svc.cpp), built as tests/reference/make_svc.py builds them.

#include <cmath>
#include <cstdint>
#include <string>

#include "fitkit/core/types.hpp"
#include "fitkit/io/csv.hpp"
#include "support.hpp"

namespace fitkit::test::svm_data {

struct Split {
  Matrix X, Xt;  // fit rows, held-out rows
  Labels y, yt;
};

inline Labels to_labels(const Vector& v) {
  return arma::conv_to<Labels>::from(arma::round(v));
}

inline Dataset bundled(const std::string& name, const std::string& target) {
  io::CsvOptions options;
  options.target = target;
  return io::read_csv(source_path("datasets/" + name + ".csv"), options);
}

// Columns to mean 0 and population deviation 1, as numpy.
inline Matrix standardised(Matrix X) {
  for (Index j = 0; j < X.n_cols; ++j) {
    const double mean = arma::mean(X.col(j));
    const double sd = std::sqrt(arma::mean(arma::square(X.col(j) - mean)));
    X.col(j) = (X.col(j) - mean) / sd;
  }
  return X;
}

// breast_cancer standardised, rows 0..399 for fit and 400..568 held out.
inline Split cancer() {
  const auto data = bundled("breast_cancer", "diagnosis");
  const Matrix X = standardised(data.X);
  const Labels y = to_labels(data.y);
  return {X.rows(0, 399), X.rows(400, X.n_rows - 1), y.head(400), y.tail(X.n_rows - 400)};
}

// iris (raw or standardised), every other row for fit.
inline Split iris(bool scaled = false) {
  auto data = bundled("iris", "species");
  if (scaled) data.X = standardised(data.X);
  const arma::uvec even = arma::regspace<arma::uvec>(0, 2, 148);
  const arma::uvec odd = even + 1;
  const Labels y = to_labels(data.y);
  return {data.X.rows(even), data.X.rows(odd), y(even), y(odd)};
}

// digits / 16, rows 0..fit_rows-1 for fit and 1000..1039 held out.
inline Split digits(Index fit_rows = 1000) {
  const auto data = bundled("digits", "digit");
  const Matrix X = data.X / 16.0;
  const Labels y = to_labels(data.y);
  return {X.rows(0, fit_rows - 1), X.rows(1000, 1039), y.head(fit_rows), y.subvec(1000, 1039)};
}

// make_svc.py's generated(): the 20,000-row problem (and 200 held-out rows), made from
// a 64-bit LCG with the same operations in the same order, so the same bits.
inline Split generated() {
  constexpr Index n = 20200, d = 10;
  const double weights[d] = {1.0, -1.0, 0.5, -0.5, 0.25, 0.0, 0.0, 0.0, 0.0, 0.0};
  std::uint64_t state = 12345;
  const auto uniform = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) * (1.0 / 9007199254740992.0);
  };
  Matrix X(n, d);
  Labels y(n);
  for (Index i = 0; i < n; ++i) {
    double z = 0.0;
    for (Index j = 0; j < d; ++j) X(i, j) = 2.0 * uniform() - 1.0;
    for (Index j = 0; j < d; ++j) z += weights[j] * X(i, j);
    z += X(i, 0) * X(i, 1);
    const bool flip = uniform() < 0.02;
    y(i) = (z > 0) != flip ? 1 : 0;
  }
  return {X.rows(0, 19999), X.rows(20000, n - 1), y.head(20000), y.tail(200)};
}

}  // namespace fitkit::test::svm_data
