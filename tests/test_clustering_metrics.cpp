// Clustering metrics against scikit-learn 1.2 fixtures made by
// tests/reference/make_clustering_metrics.py, their special cases, and bad inputs.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "fitkit/core/error.hpp"
#include "fitkit/metrics/clustering.hpp"
#include "support.hpp"

using fitkit::AverageMethod;
using fitkit::Labels;
using fitkit::Matrix;
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
