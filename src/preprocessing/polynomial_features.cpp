#include "fitkit/preprocessing/polynomial_features.hpp"

#include "core/payload.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <ostream>
#include <utility>

#include "core/huge_pages.hpp"
#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"

namespace fitkit {
namespace {

using Count = unsigned __int128;

// C(n, k), or nullopt when it is above `limit`. With k <= n / 2 the partial products
// C(n - k + i, i) grow with i, so the first one above the limit settles it.
std::optional<std::uint64_t> binomial_up_to(std::uint64_t n, std::uint64_t k, std::uint64_t limit) {
  if (k > n) return 0;
  k = std::min(k, n - k);
  Count c = 1;
  for (std::uint64_t i = 1; i <= k; ++i) {
    c = c * (n - k + i) / i;  // exact: C(n - k + i, i)
    if (c > limit) return std::nullopt;
  }
  return static_cast<std::uint64_t>(c);
}

// The number of non-bias terms of degree 1 .. degree in p features, or nullopt above `limit`.
std::optional<std::uint64_t> terms_up_to(std::uint64_t p, std::uint64_t degree,
                                         bool interaction_only, std::uint64_t limit) {
  if (degree == 0) return 0;
  if (!interaction_only) {
    // Monomials of degree <= d in p variables: C(p + d, d), the constant among them.
    const auto all = binomial_up_to(p + degree, degree, limit + 1);
    if (!all) return std::nullopt;
    return *all - 1;
  }
  // Products of d distinct features: C(p, d), for d up to p.
  Count sum = 0, c = 1;
  for (std::uint64_t d = 1; d <= std::min(degree, p); ++d) {
    c = c * (p - d + 1) / d;
    sum += c;
    if (sum > limit) return std::nullopt;
  }
  return static_cast<std::uint64_t>(sum);
}

// The number of output columns for p input features, or an error message naming why there
// is none (too many, or none at all).
struct OutputCount {
  std::uint64_t n_output = 0;
  std::string problem;  // empty when n_output is valid
  std::string parameter;
};

OutputCount count_output(const PolynomialFeaturesParams& params, std::uint64_t p) {
  OutputCount out;
  const auto degree = static_cast<std::uint64_t>(params.degree);
  const auto min_degree = static_cast<std::uint64_t>(params.min_degree);
  if (min_degree > degree) {
    out.parameter = "min_degree";
    out.problem = "must be at most degree (" + std::to_string(params.degree) + "), got " +
                  std::to_string(params.min_degree);
    return out;
  }
  const std::uint64_t limit = PolynomialFeatures::max_output_features;
  const auto all = terms_up_to(p, degree, params.interaction_only, limit);
  if (!all) {
    out.parameter = "degree";
    out.problem = std::string("degree ") + std::to_string(params.degree) +
                  (params.interaction_only ? " (interaction_only)" : "") + " on " +
                  std::to_string(p) + " features gives more than " + std::to_string(limit) +
                  " output features";
    return out;
  }
  const std::uint64_t below =
      min_degree > 1 ? *terms_up_to(p, min_degree - 1, params.interaction_only, limit) : 0;
  out.n_output = *all - below + (params.include_bias ? 1 : 0);
  if (out.n_output == 0) {
    out.parameter = params.degree == 0 ? "degree" : "min_degree";
    out.problem = params.degree == 0
                      ? "degree 0 without include_bias would give an empty output"
                      : "min_degree " + std::to_string(params.min_degree) + " leaves no term of " +
                            std::to_string(p) +
                            " features (interaction_only) and include_bias is false: the output "
                            "would be empty";
  }
  return out;
}

// The columns of one degree, as products of a column of the previous degree's block and an
// input feature. Terms are kept in scikit-learn's order: for each feature i in turn, i times
// every previous term whose lowest feature is at least i (above i for interaction_only).
struct Block {
  const double* data = nullptr;  // n_rows x n_cols, column-major
  Index n_cols = 0;
  std::vector<Index> start;  // per feature, its first term; start[p] = n_cols
};

Block next_degree(const Block& previous, const Matrix& X, bool interaction_only, double* out) {
  const Index n = X.n_rows, p = X.n_cols;
  Block block;
  block.data = out;
  block.start.resize(p + 1);
  std::vector<Index> source, feature;
  for (Index i = 0; i < p; ++i) {
    block.start[i] = source.size();
    for (Index k = previous.start[interaction_only ? i + 1 : i]; k < previous.n_cols; ++k) {
      source.push_back(k);
      feature.push_back(i);
    }
  }
  block.n_cols = source.size();
  block.start[p] = block.n_cols;
  const auto n_cols = static_cast<std::ptrdiff_t>(block.n_cols);
  // Each column is one pass over n_rows, reading two and writing one.
  const int threads =
      detail::threads_for(3 * detail::kStreamNanoseconds * block.n_cols * n, block.n_cols);
#pragma omp parallel for schedule(static) num_threads(threads)
  for (std::ptrdiff_t c = 0; c < n_cols; ++c) {
    const double* a = previous.data + source[c] * n;
    const double* b = X.colptr(feature[c]);
    double* dst = out + c * n;
    // previous * x_i, the order scikit-learn multiplies in, so the products are bit-identical.
    for (Index r = 0; r < n; ++r) dst[r] = a[r] * b[r];
  }
  return block;
}

std::uint64_t terms_of_degree(std::uint64_t p, std::uint64_t d, bool interaction_only) {
  if (d == 0) return 1;
  return *terms_up_to(p, d, interaction_only, PolynomialFeatures::max_output_features) -
         *terms_up_to(p, d - 1, interaction_only, PolynomialFeatures::max_output_features);
}

// Refuses an output (with the lower degrees' scratch, at most n_columns in all, and the two
// indices next_degree keeps per column) that could not fit in this machine's memory: with
// overcommit, allocating it would succeed and the writes would then bring in the
// out-of-memory killer instead of an error.
void check_memory(Index n_rows, std::uint64_t n_columns, const std::string& estimator) {
  const Count bytes = Count{n_columns} * (Count{n_rows} * sizeof(double) + 2 * sizeof(Index));
  const long pages = ::sysconf(_SC_PHYS_PAGES), page_size = ::sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return;  // unknown: let the allocation decide
  const Count memory =
      Count{static_cast<std::uint64_t>(pages)} * static_cast<std::uint64_t>(page_size);
  if (bytes <= memory) return;
  const auto gib = [](Count b) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", static_cast<double>(b) / (1u << 30));
    return std::string(text);
  };
  throw DataError(estimator + ": " + std::to_string(n_rows) + " rows x " +
                  std::to_string(n_columns) + " columns would need " + gib(bytes) +
                  " GiB, more than this machine's " + gib(memory) + " GiB of memory");
}

}  // namespace

PolynomialFeatures& PolynomialFeatures::fit(const Matrix& X) {
  validate_params(params_);
  check_fit_input(X, type_name());
  const OutputCount count = count_output(params_, X.n_cols);
  if (!count.problem.empty()) throw InvalidParameter(count.parameter, count.problem);
  reset_fitted();
  n_output_features_ = count.n_output;
  set_n_features_in(X.n_cols);
  return *this;
}

Matrix PolynomialFeatures::transform(const Matrix& X) const {
  check_predict_input(X);
  const Index n = X.n_rows, p = X.n_cols;
  const auto degree = static_cast<Index>(params_.degree);
  const auto min_degree = static_cast<Index>(params_.min_degree);
  check_memory(n, 1 + *terms_up_to(p, degree, params_.interaction_only, max_output_features),
               type_name());
  Matrix out(n, n_output_features_, arma::fill::none);
  if (n == 0) return out;
  detail::advise_huge_pages(out.memptr(), out.n_elem * sizeof(double));
  Index column = 0;
  if (params_.include_bias) out.col(column++).ones();
  if (degree == 0) return out;

  // Degree 1: X itself; copied out unless min_degree leaves it out.
  Block previous{X.memptr(), p, {}};
  previous.start.resize(p + 1);
  for (Index i = 0; i <= p; ++i) previous.start[i] = i;
  if (min_degree <= 1) {
    std::copy(X.begin(), X.end(), out.memptr() + column * n);
    previous.data = out.memptr() + column * n;
    column += p;
  }
  // Degrees below min_degree are still the way to the ones above: they go to scratch.
  Matrix scratch[2];
  for (Index d = 2; d <= degree; ++d) {
    double* target = nullptr;
    if (d >= min_degree) {
      target = out.memptr() + column * n;
    } else {
      Matrix& buffer = scratch[d % 2];
      buffer.set_size(n, terms_of_degree(p, d, params_.interaction_only));
      target = buffer.memptr();
    }
    previous = next_degree(previous, X, params_.interaction_only, target);
    if (d >= min_degree) column += previous.n_cols;
    if (previous.n_cols == 0) break;  // interaction_only beyond p features: no more terms
  }
  return out;
}

Index PolynomialFeatures::n_output_features() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return n_output_features_;
}

template <class F>
void PolynomialFeatures::for_each_term(F&& f) const {
  if (!is_fitted()) throw NotFitted(type_name());
  const Index p = n_features_in();
  const bool distinct = params_.interaction_only;
  std::vector<Index> term;
  if (params_.include_bias) f(term);
  const auto degree = static_cast<Index>(params_.degree);
  for (Index d = std::max<Index>(1, static_cast<Index>(params_.min_degree)); d <= degree; ++d) {
    if (distinct && d > p) break;
    // The first term of degree d in lexicographic order: 0 0 ... 0, or 0 1 ... d-1.
    term.resize(d);
    for (Index k = 0; k < d; ++k) term[k] = distinct ? k : 0;
    while (true) {
      f(term);
      // The next in lexicographic order: raise the last position that can still grow, and
      // set the ones after it to their smallest values.
      Index k = d;
      while (k > 0 && term[k - 1] == (distinct ? p - d + (k - 1) : p - 1)) --k;
      if (k == 0) break;
      ++term[k - 1];
      for (Index m = k; m < d; ++m) term[m] = distinct ? term[m - 1] + 1 : term[m - 1];
    }
  }
}

arma::umat PolynomialFeatures::powers() const {
  arma::umat powers(n_output_features(), n_features_in(), arma::fill::zeros);
  Index row = 0;
  for_each_term([&](const std::vector<Index>& term) {
    for (const Index j : term) ++powers(row, j);
    ++row;
  });
  return powers;
}

std::vector<std::string> PolynomialFeatures::feature_names_out() const {
  const std::vector<std::string> names = input_feature_names();
  std::vector<std::string> out;
  out.reserve(n_output_features());
  for_each_term([&](const std::vector<Index>& term) {
    if (term.empty()) {
      out.emplace_back("1");
      return;
    }
    std::string name;
    for (std::size_t k = 0; k < term.size();) {
      std::size_t repeat = 1;
      while (k + repeat < term.size() && term[k + repeat] == term[k]) ++repeat;
      if (!name.empty()) name += ' ';
      name += names[term[k]];
      if (repeat > 1) name += '^' + std::to_string(repeat);
      k += repeat;
    }
    out.push_back(std::move(name));
  });
  return out;
}

void PolynomialFeatures::describe_fitted(std::ostream& out) const {
  const std::vector<std::string> names = feature_names_out();
  out << "n_output_features: " << names.size() << "\n";
  constexpr std::size_t shown = 30;
  out << "feature names out:";
  for (std::size_t k = 0; k < names.size() && k < shown; ++k) out << (k ? ", " : " ") << names[k];
  if (names.size() > shown) out << ", ... (" << names.size() << " in all)";
  out << "\n";
}

template <class Archive>
void PolynomialFeatures::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::uint64_t n_output_features = n_output_features_;
  ar(cereal::make_nvp("n_output_features", n_output_features));
  if constexpr (Archive::is_loading::value) {
    // Everything follows from the parameters and n_features_in: the stored count must agree.
    const OutputCount count = count_output(params_, n_features_in());
    if (!count.problem.empty()) throw detail::FormatProblem(count.parameter + ": " + count.problem);
    if (n_output_features != count.n_output)
      throw detail::FormatProblem("n_output_features is " + std::to_string(n_output_features) +
                                  ", but the parameters give " + std::to_string(count.n_output));
    n_output_features_ = static_cast<Index>(n_output_features);
  }
}

FITKIT_DEFINE_PAYLOAD(PolynomialFeatures)

}  // namespace fitkit
