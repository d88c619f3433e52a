#pragma once
// Clustering metrics, as scikit-learn 1.2's sklearn.metrics (same names, defaults and special
// cases). Labels are any integers; -1 (DBSCAN's noise) is one more label, as in scikit-learn.
//
//   double ari = fitkit::adjusted_rand_score(labels_true, labels_pred);
//   double nmi = fitkit::normalized_mutual_info_score(labels_true, labels_pred);
//   double s = fitkit::silhouette_score(X, labels);
//
// Comparing two labelings: both must have the same, non-zero length (DimensionMismatch,
// DataError otherwise; scikit-learn returns 1.0 for empty labelings instead).
// Scoring a clustering of X: X has rows and columns, is finite, and has one label per row;
// the labels take between 2 and n_samples - 1 distinct values (DataError otherwise, with
// scikit-learn's message "Number of labels is 1. Valid values are 2 to n_samples - 1").

#include <array>
#include <cstdint>
#include <optional>
#include <utility>

#include "fitkit/core/params.hpp"
#include "fitkit/core/types.hpp"

namespace fitkit {

// --- Comparing two labelings --------------------------------------------------------------

// The number of samples of class i (i-th smallest value of labels_true) in cluster j (j-th
// smallest value of labels_pred): scikit-learn's contingency_matrix (dense).
arma::Mat<std::int64_t> contingency_matrix(const Labels& labels_true, const Labels& labels_pred);

// The fraction of sample pairs on which the two labelings agree (same cluster in both, or
// different clusters in both); 1.0 when they agree on every pair (one sample included).
double rand_score(const Labels& labels_true, const Labels& labels_pred);

// The Rand index adjusted for chance (Hubert & Arabie 1985): 1.0 for identical partitions
// (whatever the label values), about 0 for random labelings, negative below chance. The pair
// counts are exact integers.
double adjusted_rand_score(const Labels& labels_true, const Labels& labels_pred);

// Mutual information of the two labelings, in nats.
double mutual_info_score(const Labels& labels_true, const Labels& labels_pred);

// How the two entropies are averaged to normalise the mutual information.
enum class AverageMethod { min, geometric, arithmetic, max };

template <>
struct EnumNames<AverageMethod> {
  static constexpr std::array values{
      std::pair{AverageMethod::min, "min"}, std::pair{AverageMethod::geometric, "geometric"},
      std::pair{AverageMethod::arithmetic, "arithmetic"}, std::pair{AverageMethod::max, "max"}};
};

// MI / average(H(true), H(pred)). 1.0 when both labelings are one cluster; 0.0 when the
// mutual information is 0 otherwise.
double normalized_mutual_info_score(const Labels& labels_true, const Labels& labels_pred,
                                    AverageMethod average_method = AverageMethod::arithmetic);

// (MI - E[MI]) / (average(H(true), H(pred)) - E[MI]), the expectation under random labelings
// with the same cluster sizes (Vinh, Epps & Bailey, JMLR 2010). 1.0 when both labelings are one
// cluster, and when they are the same partition (scikit-learn gets 0.0 by rounding for two
// and for four samples each in its own cluster). 0.0 when one labeling puts every sample alone
// and the other does not: MI = E[MI] exactly (scikit-learn's rounding error over eps with
// average_method min, where the normaliser is E[MI] too).
double adjusted_mutual_info_score(const Labels& labels_true, const Labels& labels_pred,
                                  AverageMethod average_method = AverageMethod::arithmetic);

// Homogeneity (each cluster holds one class), completeness (each class is in one cluster) and
// their weighted harmonic mean, the V-measure (Rosenberg & Hirschberg 2007). beta > 1 weighs
// completeness more. A labeling of one cluster counts as perfectly homogeneous / complete.
struct HomogeneityCompletenessVMeasure {
  double homogeneity = 0;
  double completeness = 0;
  double v_measure = 0;
};
HomogeneityCompletenessVMeasure homogeneity_completeness_v_measure(const Labels& labels_true,
                                                                   const Labels& labels_pred,
                                                                   double beta = 1.0);
double homogeneity_score(const Labels& labels_true, const Labels& labels_pred);
double completeness_score(const Labels& labels_true, const Labels& labels_pred);
double v_measure_score(const Labels& labels_true, const Labels& labels_pred, double beta = 1.0);

// --- Scoring a clustering of X --------------------------------------------------------------

// The distances the silhouette is measured with (scikit-learn's names).
enum class SilhouetteMetric { euclidean, manhattan, chebyshev };

template <>
struct EnumNames<SilhouetteMetric> {
  static constexpr std::array values{std::pair{SilhouetteMetric::euclidean, "euclidean"},
                                     std::pair{SilhouetteMetric::manhattan, "manhattan"},
                                     std::pair{SilhouetteMetric::chebyshev, "chebyshev"}};
};

// s_i = (b_i - a_i) / max(a_i, b_i), a_i the mean distance from sample i to the others of its
// cluster, b_i the least mean distance to another cluster; 0 for a sample alone in its cluster.
// Distances are computed in blocks (memory grows with n, not n²) on every core; euclidean ones
// as scikit-learn's, ||x||² - 2 x·y + ||y||² with the cross term by BLAS.
Vector silhouette_samples(const Matrix& X, const Labels& labels,
                          SilhouetteMetric metric = SilhouetteMetric::euclidean);

// The mean of silhouette_samples; with sample_size, over that many samples drawn without
// replacement with `seed` (all of them when sample_size >= n_samples; the draw is fitkit's
// own, not scikit-learn's). sample_size 0 is an InvalidParameter.
double silhouette_score(const Matrix& X, const Labels& labels,
                        SilhouetteMetric metric = SilhouetteMetric::euclidean,
                        std::optional<Index> sample_size = std::nullopt, std::uint64_t seed = 0);

// Between-cluster over within-cluster dispersion, each per degree of freedom (Calinski &
// Harabasz 1974); 1.0 when every cluster is a single point repeated.
double calinski_harabasz_score(const Matrix& X, const Labels& labels);

// The mean over clusters of the largest (s_i + s_j) / d(c_i, c_j), s the mean euclidean
// distance of a cluster's samples to its centroid c (Davies & Bouldin 1979); lower is better.
// 0.0 when every s, or every centroid distance, is within 1e-8 of 0 (scikit-learn's allclose).
double davies_bouldin_score(const Matrix& X, const Labels& labels);

}  // namespace fitkit
