// Clustering metrics against scikit-learn 1.2 fixtures made by
// tests/reference/make_clustering_metrics.py, their special cases, and bad inputs.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/metrics/clustering.hpp"
#include "support.hpp"

using fitkit::AverageMethod;
using fitkit::Labels;
using fitkit::Matrix;
using fitkit::SilhouetteMetric;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

Labels reference_labels(const std::string& relative) {
  return arma::conv_to<Labels>::from(reference_vector(relative));
}

// The folders under tests/reference/clustering_metrics/<kind>, sorted.
std::vector<std::string> cases(const std::string& kind) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(
           source_path("tests/reference/clustering_metrics/" + kind)))
    if (entry.is_directory()) out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

struct LabelCase {
  std::string name;
  Labels labels_true, labels_pred;
  Vector scores;  // in the order of labels/SCORE_NAMES
};

std::vector<LabelCase> label_cases() {
  std::vector<LabelCase> out;
  for (const auto& name : cases("labels")) {
    const std::string dir = "clustering_metrics/labels/" + name + "/";
    out.push_back({name, reference_labels(dir + "labels_true.csv"),
                   reference_labels(dir + "labels_pred.csv"),
                   reference_vector(dir + "scores.csv")});
  }
  return out;
}

constexpr AverageMethod kAverages[] = {AverageMethod::arithmetic, AverageMethod::min,
                                       AverageMethod::geometric, AverageMethod::max};

}  // namespace

TEST_CASE("adjusted_rand_score and normalized_mutual_info_score equal scikit-learn's",
          "[metrics][clustering][reference]") {
  const auto all = label_cases();
  REQUIRE(all.size() == 18);
  for (const auto& c : all) {
    INFO(c.name);
    CHECK(std::abs(fitkit::adjusted_rand_score(c.labels_true, c.labels_pred) - c.scores(0)) <
          1e-10);
    for (int m = 0; m < 4; ++m) {
      INFO("average_method " << fitkit::detail::enum_name(kAverages[m]));
      CHECK(std::abs(
                fitkit::normalized_mutual_info_score(c.labels_true, c.labels_pred, kAverages[m]) -
                c.scores(7 + m)) < 1e-10);
    }
  }
  // The defaults are arithmetic.
  const auto& c = all.front();
  CHECK(fitkit::normalized_mutual_info_score(c.labels_true, c.labels_pred) ==
        fitkit::normalized_mutual_info_score(c.labels_true, c.labels_pred,
                                             AverageMethod::arithmetic));
}

TEST_CASE("the other label-comparison metrics equal scikit-learn's",
          "[metrics][clustering][reference]") {
  for (const auto& c : label_cases()) {
    INFO(c.name);
    const Labels& t = c.labels_true;
    const Labels& p = c.labels_pred;
    CHECK(std::abs(fitkit::rand_score(t, p) - c.scores(1)) < 1e-10);
    CHECK(std::abs(fitkit::mutual_info_score(t, p) - c.scores(2)) < 1e-10);
    // Where one labeling puts every sample alone and the other not, MI = E[MI] exactly and the
    // normaliser of average_method min is E[MI] too: scikit-learn divides its rounding error
    // by eps (2.5 and -1.5 in these fixtures); fitkit's numerator is exactly 0.
    const bool zero_over_zero = (arma::uvec(arma::find_unique(t)).n_elem == t.n_elem) !=
                                (arma::uvec(arma::find_unique(p)).n_elem == p.n_elem);
    for (int m = 0; m < 4; ++m) {
      INFO("average_method " << fitkit::detail::enum_name(kAverages[m]));
      const double ami = fitkit::adjusted_mutual_info_score(t, p, kAverages[m]);
      if (zero_over_zero && kAverages[m] == AverageMethod::min)
        CHECK(ami == 0.0);
      else
        CHECK(std::abs(ami - c.scores(3 + m)) < 1e-10);
    }
    CHECK(std::abs(fitkit::homogeneity_score(t, p) - c.scores(11)) < 1e-10);
    CHECK(std::abs(fitkit::completeness_score(t, p) - c.scores(12)) < 1e-10);
    CHECK(std::abs(fitkit::v_measure_score(t, p) - c.scores(13)) < 1e-10);
    CHECK(std::abs(fitkit::v_measure_score(t, p, 0.5) - c.scores(14)) < 1e-10);
    CHECK(std::abs(fitkit::v_measure_score(t, p, 2.0) - c.scores(15)) < 1e-10);
    const auto hcv = fitkit::homogeneity_completeness_v_measure(t, p, 2.0);
    CHECK(std::abs(hcv.homogeneity - c.scores(11)) < 1e-10);
    CHECK(std::abs(hcv.completeness - c.scores(12)) < 1e-10);
    CHECK(std::abs(hcv.v_measure - c.scores(15)) < 1e-10);
    CHECK(fitkit::adjusted_mutual_info_score(t, p) ==
          fitkit::adjusted_mutual_info_score(t, p, AverageMethod::arithmetic));
  }
}

TEST_CASE("contingency_matrix equals scikit-learn's", "[metrics][clustering][reference]") {
  for (const std::string name : {"noise_400", "random_20_3_4"}) {
    INFO(name);
    const std::string dir = "clustering_metrics/labels/" + name + "/";
    const Matrix expected = reference_matrix(dir + "contingency.csv");
    const auto m = fitkit::contingency_matrix(reference_labels(dir + "labels_true.csv"),
                                              reference_labels(dir + "labels_pred.csv"));
    REQUIRE(m.n_rows == expected.n_rows);
    REQUIRE(m.n_cols == expected.n_cols);
    CHECK(arma::all(arma::vectorise(arma::conv_to<Matrix>::from(m) == expected)));
  }
}

TEST_CASE("label-comparison metrics: special cases", "[metrics][clustering]") {
  const Labels a = {0, 0, 1, 1, 2, 2, 2};
  const Labels renamed = {7, 7, -1, -1, 3, 3, 3};
  SECTION("the same partition under other names scores exactly 1") {
    CHECK(fitkit::adjusted_rand_score(a, renamed) == 1.0);
    CHECK(fitkit::rand_score(a, renamed) == 1.0);
    CHECK(fitkit::adjusted_mutual_info_score(a, renamed) == 1.0);
  }
  SECTION("each sample alone in both: AMI 1 (scikit-learn: 0 by rounding for 2 and 4 samples)") {
    const Labels s = {0, 1, 2, 3};
    CHECK(fitkit::adjusted_mutual_info_score(s, Labels{3, 2, 1, 0}) == 1.0);
    CHECK(fitkit::adjusted_rand_score(s, s) == 1.0);
  }
  SECTION("pair counts stay exact where their products pass 64 bits") {
    // 200,000 samples in two halves against four quarters: 4e10 ordered pairs, products of
    // about 1e21. By hand: tp = 4 q² - n, fn = 2 h² - 4 q², fp = 0, tn = n² - 2 h²
    // (h = n/2, q = n/4), ARI = 2 tp tn / ((tp + fn)(fn + tn) + tp tn).
    const arma::uword n = 200000;
    Labels halves(n), quarters(n);
    for (arma::uword i = 0; i < n; ++i) {
      halves(i) = static_cast<std::int64_t>(i / (n / 2));
      quarters(i) = static_cast<std::int64_t>(i / (n / 4));
    }
    const long double nn = n, h = nn / 2, q = nn / 4;
    const long double tp = 4 * q * q - nn, fn = 2 * h * h - 4 * q * q, tn = nn * nn - 2 * h * h;
    const long double expected = 2 * tp * tn / ((tp + fn) * (fn + tn) + tp * tn);
    CHECK(fitkit::adjusted_rand_score(halves, quarters) ==
          Approx(static_cast<double>(expected)).epsilon(1e-15));
  }
}

TEST_CASE("label-comparison metrics: bad inputs", "[metrics][clustering]") {
  const Labels a = {0, 1, 1};
  CHECK_THROWS_AS(fitkit::adjusted_rand_score(a, Labels{0, 1}), fitkit::DimensionMismatch);
  CHECK_THROWS_WITH(fitkit::normalized_mutual_info_score(a, Labels{0, 1}),
                    Catch::Matchers::Contains("labels_true has 3 entries but labels_pred has 2"));
  CHECK_THROWS_AS(fitkit::rand_score(Labels(), Labels()), fitkit::DataError);
  CHECK_THROWS_WITH(
      fitkit::adjusted_mutual_info_score(Labels(), Labels()),
      Catch::Matchers::Contains("adjusted_mutual_info_score: the labelings are empty"));
  CHECK_THROWS_AS(fitkit::mutual_info_score(Labels(), Labels()), fitkit::DataError);
  CHECK_THROWS_AS(fitkit::contingency_matrix(a, Labels()), fitkit::DimensionMismatch);
  CHECK_THROWS_AS(fitkit::v_measure_score(a, a, -1.0), fitkit::InvalidParameter);
  CHECK_THROWS_AS(fitkit::homogeneity_score(Labels(), Labels()), fitkit::DataError);
}

namespace {

struct DataCase {
  std::string name;
  Matrix X;
  Labels labels;
};

// X of iris or wine (every column but the last) or the generated X.csv of the case.
std::vector<DataCase> data_cases() {
  std::vector<DataCase> out;
  for (const auto& name : cases("data")) {
    const std::string dir = "clustering_metrics/data/" + name + "/";
    Matrix X;
    if (name.rfind("iris", 0) == 0 || name.rfind("wine", 0) == 0)
      X = fitkit::io::read_csv(source_path("datasets/" + name.substr(0, 4) + ".csv")).X;
    else
      X = reference_matrix(dir + "X.csv");
    out.push_back({name, X, reference_labels(dir + "labels.csv")});
  }
  return out;
}

constexpr SilhouetteMetric kMetrics[] = {SilhouetteMetric::euclidean, SilhouetteMetric::manhattan,
                                         SilhouetteMetric::chebyshev};

double relative(double actual, double expected) {
  return std::abs(actual - expected) / std::abs(expected);
}

}  // namespace

TEST_CASE("silhouette, Calinski-Harabasz and Davies-Bouldin equal scikit-learn's",
          "[metrics][clustering][reference]") {
  const auto all = data_cases();
  REQUIRE(all.size() == 5);
  for (const auto& c : all) {
    INFO(c.name);
    const std::string dir = "clustering_metrics/data/" + c.name + "/";
    const Vector scores = reference_vector(dir + "scores.csv");
    for (int m = 0; m < 3; ++m) {
      const std::string metric = fitkit::detail::enum_name(kMetrics[m]);
      INFO(metric);
      const Vector expected = reference_vector(dir + "silhouette_" + metric + ".csv");
      const Vector s = fitkit::silhouette_samples(c.X, c.labels, kMetrics[m]);
      REQUIRE(s.n_elem == expected.n_elem);
      CHECK(arma::abs(s - expected).max() < 1e-10);
      CHECK(std::abs(fitkit::silhouette_score(c.X, c.labels, kMetrics[m]) - scores(m)) < 1e-10);
    }
    CHECK(relative(fitkit::calinski_harabasz_score(c.X, c.labels), scores(3)) < 1e-10);
    CHECK(relative(fitkit::davies_bouldin_score(c.X, c.labels), scores(4)) < 1e-10);
  }
}

TEST_CASE("silhouette: a sample alone in its cluster scores 0, sampling", "[metrics][clustering]") {
  const std::string dir = "clustering_metrics/data/blobs_noise_singleton/";
  const Matrix X = reference_matrix(dir + "X.csv");
  const Labels labels = reference_labels(dir + "labels.csv");
  REQUIRE(arma::accu(labels == labels(17)) == 1);
  CHECK(fitkit::silhouette_samples(X, labels)(17) == 0.0);
  const double full = fitkit::silhouette_score(X, labels);
  CHECK(full == Approx(arma::mean(fitkit::silhouette_samples(X, labels))).epsilon(1e-15));
  // sample_size at least n_samples: every sample, whatever the seed.
  CHECK(fitkit::silhouette_score(X, labels, SilhouetteMetric::euclidean, X.n_rows, 3) == full);
  // A sample of 300 of the 600: the same for a seed, another for another seed, near the full
  // score (the silhouettes have a standard deviation of about 0.3, so the mean of 300 of them
  // is within 0.1 of the full mean unless the draw is broken).
  const double s1 = fitkit::silhouette_score(X, labels, SilhouetteMetric::euclidean, 300, 1);
  CHECK(s1 == fitkit::silhouette_score(X, labels, SilhouetteMetric::euclidean, 300, 1));
  CHECK(s1 != fitkit::silhouette_score(X, labels, SilhouetteMetric::euclidean, 300, 2));
  CHECK(s1 != full);
  CHECK(std::abs(s1 - full) < 0.1);
  CHECK_THROWS_AS(fitkit::silhouette_score(X, labels, SilhouetteMetric::euclidean, 0),
                  fitkit::InvalidParameter);
  // Too few samples drawn for two labels.
  CHECK_THROWS_WITH(fitkit::silhouette_score(X, labels, SilhouetteMetric::euclidean, 1),
                    Catch::Matchers::Contains("Number of labels is 1"));
}

TEST_CASE("silhouette_samples: the same bits on one thread and on two",
          "[metrics][clustering][determinism]") {
  arma::arma_rng::set_seed(7);
  const Matrix X = arma::randn(1100, 6);
  Labels labels(X.n_rows);
  for (arma::uword i = 0; i < X.n_rows; ++i) labels(i) = static_cast<std::int64_t>(i * 7919 % 9);
  const double previous = fitkit::detail::min_nanoseconds_per_thread();
  fitkit::set_num_threads(1);
  const Vector one = fitkit::silhouette_samples(X, labels);
  const Vector one_manhattan = fitkit::silhouette_samples(X, labels, SilhouetteMetric::manhattan);
  fitkit::set_num_threads(2);
  fitkit::detail::set_min_nanoseconds_per_thread(0);
  const Vector two = fitkit::silhouette_samples(X, labels);
  const Vector two_manhattan = fitkit::silhouette_samples(X, labels, SilhouetteMetric::manhattan);
  fitkit::detail::set_min_nanoseconds_per_thread(previous);
  fitkit::set_num_threads(0);
  CHECK(arma::all(one == two));
  CHECK(arma::all(one_manhattan == two_manhattan));
}

TEST_CASE("silhouette, Calinski-Harabasz and Davies-Bouldin: bad inputs", "[metrics][clustering]") {
  const Matrix X = {{0.0, 1.0}, {0.5, 1.0}, {4.0, 3.0}, {4.5, 3.5}, {9.0, 0.0}};
  const Labels labels = {0, 0, 1, 1, 2};
  using Fn = double (*)(const Matrix&, const Labels&);
  const std::pair<const char*, Fn> metrics[] = {
      {"silhouette_score",
       [](const Matrix& x, const Labels& l) { return fitkit::silhouette_score(x, l); }},
      {"silhouette_samples",
       [](const Matrix& x, const Labels& l) { return fitkit::silhouette_samples(x, l)(0); }},
      {"calinski_harabasz_score", fitkit::calinski_harabasz_score},
      {"davies_bouldin_score", fitkit::davies_bouldin_score}};
  for (const auto& [name, score] : metrics) {
    INFO(name);
    CHECK(std::isfinite(score(X, labels)));
    CHECK_THROWS_WITH(
        score(X, Labels{3, 3, 3, 3, 3}),
        Catch::Matchers::Contains(std::string(name) + ": Number of labels is 1. "
                                                      "Valid values are 2 to n_samples - 1"));
    CHECK_THROWS_WITH(score(X, Labels{0, 1, 2, 3, 4}),
                      Catch::Matchers::Contains("Number of labels is 5"));
    CHECK_THROWS_AS(score(X, Labels{0, 0, 1, 1}), fitkit::DimensionMismatch);
    CHECK_THROWS_AS(score(Matrix(), Labels()), fitkit::DataError);
    CHECK_THROWS_AS(score(Matrix(5, 0), labels), fitkit::DataError);
    Matrix bad = X;
    bad(1, 0) = arma::datum::nan;
    CHECK_THROWS_WITH(score(bad, labels), Catch::Matchers::Contains("X contains NaN at row 2"));
  }
}
