// The information-theoretic metrics: mutual information, normalised and adjusted for chance,
// homogeneity, completeness and the V-measure.

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "clustering_common.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/metrics/clustering.hpp"

namespace fitkit {
namespace {

double generalized_average(double u, double v, AverageMethod method) {
  switch (method) {
    case AverageMethod::min:
      return std::min(u, v);
    case AverageMethod::geometric:
      return std::sqrt(u * v);
    case AverageMethod::arithmetic:
      return (u + v) / 2;
    case AverageMethod::max:
      break;
  }
  return std::max(u, v);
}

// The distinct values of `sizes` with how often each occurs: rows (or columns) of the same size
// contribute the same terms to the expected mutual information.
std::vector<std::pair<std::int64_t, std::int64_t>> size_multiplicities(
    std::vector<std::int64_t> sizes) {
  std::sort(sizes.begin(), sizes.end());
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (const auto s : sizes) {
    if (!out.empty() && out.back().first == s)
      ++out.back().second;
    else
      out.emplace_back(s, 1);
  }
  return out;
}

// E[MI] over labelings with the same class sizes a_i and cluster sizes b_j, drawn at random
// (Vinh, Epps & Bailey, "Information theoretic measures for clusterings comparison", JMLR 2010,
// eq. 24a): n_ij then follows the hypergeometric law of a_i draws among N holding b_j, and
//   E[MI] = sum_i sum_j sum_{n_ij = max(1, a_i + b_j - N)}^{min(a_i, b_j)}
//             n_ij / N * log(N n_ij / (a_i b_j)) * P(n_ij),
//   P(n_ij) = a_i! b_j! (N - a_i)! (N - b_j)! / (N! n_ij! (a_i - n_ij)! (b_j - n_ij)!
//             (N - a_i - b_j + n_ij)!).
// The factorials as log-gamma in long double: their logarithms reach N log N, and the
// difference is exponentiated, so double would lose about log2(N log N) bits.
double expected_mutual_information(const detail::Contingency& table) {
  const std::int64_t n = table.n_samples;
  std::vector<long double> log_factorial(static_cast<std::size_t>(n) + 1);
  for (std::int64_t k = 0; k <= n; ++k)
    log_factorial[k] = std::lgamma(static_cast<long double>(k) + 1);
  const long double log_n = std::log(static_cast<long double>(n));
  long double emi = 0;
  for (const auto& [a, a_count] : size_multiplicities(table.row_sums)) {
    for (const auto& [b, b_count] : size_multiplicities(table.col_sums)) {
      const long double log_numerator = log_factorial[a] + log_factorial[b] + log_factorial[n - a] +
                                        log_factorial[n - b] - log_factorial[n];
      const long double log_ab =
          std::log(static_cast<long double>(a)) + std::log(static_cast<long double>(b));
      long double sum = 0;
      for (std::int64_t nij = std::max<std::int64_t>(1, a + b - n); nij <= std::min(a, b); ++nij) {
        const long double log_p = log_numerator - log_factorial[nij] - log_factorial[a - nij] -
                                  log_factorial[b - nij] - log_factorial[n - a - b + nij];
        sum += static_cast<long double>(nij) / n *
               (log_n + std::log(static_cast<long double>(nij)) - log_ab) * std::exp(log_p);
      }
      emi += static_cast<long double>(a_count) * static_cast<long double>(b_count) * sum;
    }
  }
  return static_cast<double>(emi);
}

}  // namespace

double mutual_info_score(const Labels& labels_true, const Labels& labels_pred) {
  return detail::mutual_information(
      detail::contingency_table(labels_true, labels_pred, "mutual_info_score"));
}

double normalized_mutual_info_score(const Labels& labels_true, const Labels& labels_pred,
                                    AverageMethod average_method) {
  const auto table =
      detail::contingency_table(labels_true, labels_pred, "normalized_mutual_info_score");
  // Neither labeling splits the data: a perfect match.
  if (table.row_sums.size() == 1 && table.col_sums.size() == 1) return 1.0;
  const double mi = detail::mutual_information(table);
  if (mi == 0) return 0.0;
  return mi / generalized_average(detail::entropy(table.row_sums), detail::entropy(table.col_sums),
                                  average_method);
}

double adjusted_mutual_info_score(const Labels& labels_true, const Labels& labels_pred,
                                  AverageMethod average_method) {
  const auto table =
      detail::contingency_table(labels_true, labels_pred, "adjusted_mutual_info_score");
  if (table.row_sums.size() == 1 && table.col_sums.size() == 1) return 1.0;
  // The same partition (one non-zero cell in every row and column): MI equals both entropies,
  // so 1.0, even where E[MI] equals them too (every sample alone), which leaves 0 / 0.
  if (table.cells.size() == table.row_sums.size() && table.cells.size() == table.col_sums.size())
    return 1.0;
  const double mi = detail::mutual_information(table);
  // When either labeling puts every sample alone, MI is the other's entropy whatever the
  // arrangement, so E[MI] = MI exactly: the numerator is 0, and AMI is 0 (scikit-learn's
  // rounding leaves a difference of a few ulps, which it divides by eps where the
  // normaliser is that entropy too, as with average_method min).
  const auto n = static_cast<std::size_t>(table.n_samples);
  const bool all_alone = table.row_sums.size() == n || table.col_sums.size() == n;
  const double emi = all_alone ? mi : expected_mutual_information(table);
  const double normalizer = generalized_average(detail::entropy(table.row_sums),
                                                detail::entropy(table.col_sums), average_method);
  // The normaliser is at least E[MI] in exact arithmetic; keep rounding from dividing by 0.
  const double eps = std::numeric_limits<double>::epsilon();
  double denominator = normalizer - emi;
  denominator = denominator < 0 ? std::min(denominator, -eps) : std::max(denominator, eps);
  return (mi - emi) / denominator;
}

HomogeneityCompletenessVMeasure homogeneity_completeness_v_measure(const Labels& labels_true,
                                                                   const Labels& labels_pred,
                                                                   double beta) {
  if (!(beta >= 0) || !std::isfinite(beta))
    throw InvalidParameter("beta",
                           "beta must be a finite number >= 0, got " + std::to_string(beta));
  const auto table =
      detail::contingency_table(labels_true, labels_pred, "homogeneity_completeness_v_measure");
  const double h_true = detail::entropy(table.row_sums), h_pred = detail::entropy(table.col_sums);
  const double mi = detail::mutual_information(table);
  HomogeneityCompletenessVMeasure out;
  out.homogeneity = h_true != 0 ? mi / h_true : 1.0;
  out.completeness = h_pred != 0 ? mi / h_pred : 1.0;
  const double h = out.homogeneity, c = out.completeness;
  out.v_measure = h + c == 0 ? 0.0 : (1 + beta) * h * c / (beta * h + c);
  return out;
}

double homogeneity_score(const Labels& labels_true, const Labels& labels_pred) {
  return homogeneity_completeness_v_measure(labels_true, labels_pred).homogeneity;
}

double completeness_score(const Labels& labels_true, const Labels& labels_pred) {
  return homogeneity_completeness_v_measure(labels_true, labels_pred).completeness;
}

double v_measure_score(const Labels& labels_true, const Labels& labels_pred, double beta) {
  return homogeneity_completeness_v_measure(labels_true, labels_pred, beta).v_measure;
}

}  // namespace fitkit
