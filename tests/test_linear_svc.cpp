// LinearSVC against scikit-learn 1.2.1 (liblinear) fixtures made by
// tests/reference/make_linear_svm.py, plus the bad inputs of DESIGN.md §8 and issue 10.

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/core/warnings.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/model/model_io.hpp"
#include "fitkit/svm/linear_svc.hpp"
#include "support.hpp"

using fitkit::ClassWeightMode;
using fitkit::Labels;
using fitkit::LinearSVC;
using fitkit::LinearSVCLoss;
using fitkit::LinearSVCMultiClass;
using fitkit::LinearSVCParams;
using fitkit::LinearSVCPenalty;
using fitkit::LinearSVMDual;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

struct Problem {
  Matrix X;
  Labels y;
};

Labels to_labels(const Vector& v) {
  return arma::conv_to<Labels>::from(arma::round(v));
}

// A bundled data set standardised as the fixture script does: (X - mean) / population std.
Problem standardised(const std::string& name) {
  const auto data = fitkit::io::read_csv(source_path("datasets/" + name + ".csv"));
  Matrix X = data.X;
  X.each_row() -= arma::mean(X, 0);
  X.each_row() /= arma::stddev(X, 1, 0);
  return {X, to_labels(data.y)};
}

Problem digits() {
  const auto data = fitkit::io::read_csv(source_path("datasets/digits.csv"));
  return {data.X / 16.0, to_labels(data.y)};
}

Problem generated() {
  return {reference_matrix("linear_svm/generated_svc/X.csv"),
          to_labels(reference_vector("linear_svm/generated_svc/y.csv"))};
}

// Both fits solve the same strictly convex problem (l2: 1-strongly convex in the augmented w),
// and the fixture script checks that scikit-learn's w is within 1e-4 of the optimum (squared
// hinge: gradient norm; hinge: sqrt(2 x duality gap), a loose bound, within 1e-3). fitkit
// runs to the same tol 1e-8, so the coefficients, intercepts and decision values agree to
// `tolerance` (absolute, on standardised data where coefficients are of order 1), and the
// predictions exactly.
LinearSVC check_case(const std::string& name, const Problem& p, LinearSVCParams params,
                     double tolerance = 2e-4, const Vector& w = {}) {
  if (params.tol == 1e-4) params.tol = 1e-8;
  params.max_iter = 100000;
  LinearSVC clf(params);
  const fitkit::WarningCapture capture;
  if (w.is_empty())
    clf.fit(p.X, p.y);
  else
    clf.fit(p.X, p.y, w);
  CHECK(capture.warnings().empty());
  const std::string dir = "linear_svm/" + name + "/";
  const Matrix coef = reference_matrix(dir + "coef.csv");
  const Matrix expected = clf.coef().n_rows == 1 && coef.n_cols == 1 ? Matrix(coef.t()) : coef;
  INFO(name << ": " << clf.n_iter() << " iterations");
  REQUIRE(clf.coef().n_rows == expected.n_rows);
  REQUIRE(clf.coef().n_cols == expected.n_cols);
  const double scale = std::max(1.0, arma::abs(expected).max());
  INFO("coef difference " << arma::abs(clf.coef() - expected).max());
  CHECK(arma::abs(clf.coef() - expected).max() < tolerance * scale);
  const Vector intercept = reference_vector(dir + "intercept.csv");
  INFO("intercept difference " << arma::abs(clf.intercept() - intercept).max());
  CHECK(arma::abs(clf.intercept() - intercept).max() < tolerance * scale);
  const Matrix decision = clf.decision_function(p.X.head_rows(40));
  const Matrix expected_decision = reference_matrix(dir + "decision.csv");
  const Matrix d =
      decision.n_cols == 1 ? Matrix(arma::vectorise(expected_decision)) : expected_decision;
  INFO("decision difference " << arma::abs(decision - d).max());
  CHECK(arma::abs(decision - d).max() < 10 * tolerance * std::max(1.0, arma::abs(d).max()));
  CHECK(arma::all(clf.predict(p.X) == to_labels(reference_vector(dir + "pred.csv"))));
  return clf;
}

}  // namespace

TEST_CASE("LinearSVC matches scikit-learn, penalty l2", "[linear_svc][reference]") {
  const Problem cancer = standardised("breast_cancer");
  const Problem iris = standardised("iris");
  SECTION("breast_cancer, squared hinge, dual and primal") {
    check_case("cancer_dual", cancer, {.dual = LinearSVMDual::yes});
    check_case("cancer_primal", cancer, {.dual = LinearSVMDual::no});
    check_case("cancer_primal", cancer, {});  // auto: more samples than features, the primal
  }
  SECTION("breast_cancer, hinge") {
    check_case("cancer_hinge", cancer,
               {.loss = LinearSVCLoss::hinge, .dual = LinearSVMDual::yes, .C = 0.1}, 1e-3);
  }
  SECTION("breast_cancer, balanced class weights") {
    check_case("cancer_balanced", cancer,
               {.dual = LinearSVMDual::no, .class_weight = ClassWeightMode::balanced});
  }
  SECTION("breast_cancer, sample weights (some zero)") {
    const Vector w = reference_vector("linear_svm/cancer_weighted/w.csv");
    check_case("cancer_weighted", cancer, {.dual = LinearSVMDual::yes, .C = 0.5}, 2e-4, w);
    // The primal solver reaches the same optimum.
    check_case("cancer_weighted", cancer, {.dual = LinearSVMDual::no, .C = 0.5}, 2e-4, w);
  }
  SECTION("breast_cancer, no intercept, and intercept_scaling") {
    const auto clf = check_case("cancer_no_intercept", cancer,
                                {.dual = LinearSVMDual::no, .fit_intercept = false});
    CHECK(clf.intercept()(0) == 0.0);
    check_case("cancer_scaling", cancer,
               {.dual = LinearSVMDual::yes, .C = 0.3, .intercept_scaling = 10.0});
  }
  SECTION("iris, one-vs-rest, dual, primal, hinge, class weights") {
    check_case("iris_dual", iris, {.dual = LinearSVMDual::yes});
    check_case("iris_primal", iris, {.dual = LinearSVMDual::no, .C = 10.0});
    check_case("iris_hinge", iris, {.loss = LinearSVCLoss::hinge, .dual = LinearSVMDual::yes},
               1e-3);
    check_case("iris_class_weight", iris,
               {.dual = LinearSVMDual::no,
                .class_weight = fitkit::ClassWeight::given({{0, 1.0}, {1, 3.0}, {2, 0.5}})});
  }
  SECTION("digits, primal") {
    check_case("digits_primal", digits(), {.dual = LinearSVMDual::no, .C = 0.1});
  }
  SECTION("a generated problem, squared hinge and hinge") {
    check_case("generated_dual", generated(), {.dual = LinearSVMDual::yes, .C = 2.0});
    check_case("generated_dual", generated(), {.dual = LinearSVMDual::no, .C = 2.0});
    check_case("generated_hinge", generated(),
               {.loss = LinearSVCLoss::hinge, .dual = LinearSVMDual::yes, .C = 2.0}, 1e-3);
  }
}

TEST_CASE("LinearSVC matches scikit-learn, penalty l1 and Crammer-Singer",
          "[linear_svc][reference]") {
  const Problem cancer = standardised("breast_cancer");
  const Problem iris = standardised("iris");
  SECTION("penalty l1 (primal coordinate descent)") {
    const LinearSVCParams l1{.penalty = LinearSVCPenalty::l1, .dual = LinearSVMDual::no};
    LinearSVCParams p = l1;
    p.C = 0.2;
    const auto clf = check_case("cancer_l1", cancer, p, 1e-3);
    const Matrix coef = reference_matrix("linear_svm/cancer_l1/coef.csv");
    // The same sparsity pattern.
    CHECK(arma::accu(clf.coef() == 0.0) == arma::accu(arma::abs(coef) < 1e-8));
    check_case("iris_l1", iris, l1, 1e-3);
    // auto picks the primal for l1, whatever the shape.
    LinearSVCParams automatic = l1;
    automatic.dual = LinearSVMDual::automatic;
    check_case("iris_l1", iris, automatic, 1e-3);
  }
  SECTION("crammer_singer, three classes and two") {
    // Both run to tol 1e-7 (liblinear's solver needs far more passes for less).
    check_case("iris_crammer_singer", iris,
               {.tol = 1e-7, .multi_class = LinearSVCMultiClass::crammer_singer}, 1e-3);
    check_case("cancer_crammer_singer", cancer,
               {.tol = 1e-7, .C = 0.1, .multi_class = LinearSVCMultiClass::crammer_singer}, 1e-3);
  }
}

TEST_CASE("LinearSVC predictions, decision function and labels", "[linear_svc]") {
  const Problem iris = standardised("iris");
  LinearSVC clf;
  clf.fit(iris.X, iris.y);
  CHECK(clf.coef().n_rows == 3);
  const Matrix d = clf.decision_function(iris.X);
  CHECK(d.n_cols == 3);
  CHECK(arma::all(clf.predict(iris.X) == clf.classes()(arma::index_max(d, 1))));
  CHECK(clf.score(iris.X, iris.y) > 0.9);
  SECTION("arbitrary integer labels come back as given") {
    Labels odd = iris.y;
    odd.transform([](std::int64_t v) { return v * 10 - 7; });
    LinearSVC other;
    other.fit(iris.X, odd);
    CHECK(arma::all(other.classes() == Labels{-7, 3, 13}));
    CHECK(arma::all(other.predict(iris.X) == clf.predict(iris.X) * 10 - 7));
  }
  SECTION("binary: one row, the score of the second class") {
    const Problem c = standardised("breast_cancer");
    LinearSVC bin;
    bin.fit(c.X, c.y);
    REQUIRE(bin.coef().n_rows == 1);
    const Matrix s = bin.decision_function(c.X);
    CHECK(arma::all(bin.predict(c.X) == arma::conv_to<Labels>::from(s.col(0) > 0)));
  }
  SECTION("sample weights equal duplicated rows") {
    const Problem c = standardised("breast_cancer");
    Vector w(c.y.n_elem, arma::fill::ones);
    w.head(100).fill(2.0);
    const Matrix X2 = arma::join_cols(c.X, c.X.head_rows(100));
    const Labels y2 = arma::join_cols(c.y, c.y.head(100));
    for (const auto dual : {LinearSVMDual::yes, LinearSVMDual::no}) {
      LinearSVC a({.dual = dual, .tol = 1e-10, .max_iter = 100000});
      LinearSVC b({.dual = dual, .tol = 1e-10, .max_iter = 100000});
      a.fit(c.X, c.y, w);
      b.fit(X2, y2);
      CHECK(arma::abs(a.coef() - b.coef()).max() < 1e-5);
    }
  }
}

TEST_CASE("LinearSVC warns when it stops at max_iter", "[linear_svc]") {
  const Problem c = standardised("breast_cancer");
  const fitkit::WarningCapture capture;
  LinearSVC clf({.dual = LinearSVMDual::yes, .tol = 1e-12, .max_iter = 3});
  clf.fit(c.X, c.y);
  REQUIRE(capture.warnings().size() == 1);
  CHECK(capture.warnings()[0].kind == fitkit::WarningKind::convergence);
  CHECK(clf.n_iter() == 3);
}

TEST_CASE("LinearSVC: the same seed gives the same model on any thread count",
          "[linear_svc][determinism]") {
  arma::arma_rng::set_seed(5);
  Matrix X(20000, 12, arma::fill::randn);
  const Vector z = X * arma::linspace(-1, 1, 12) + 0.2;
  Labels y(X.n_rows);
  for (fitkit::Index i = 0; i < y.n_elem; ++i) y(i) = z(i) > 0.7 * arma::randn() ? 1 : 0;
  for (const auto dual : {LinearSVMDual::yes, LinearSVMDual::no}) {
    fitkit::set_num_threads(1);
    LinearSVC one({.dual = dual, .seed = 7});
    one.fit(X, y);
    fitkit::set_num_threads(2);
    LinearSVC two({.dual = dual, .seed = 7});
    two.fit(X, y);
    fitkit::set_num_threads(0);
    if (dual == LinearSVMDual::yes) {
      // Coordinate descent orders every sum itself: bit for bit.
      CHECK(arma::approx_equal(one.coef(), two.coef(), "absdiff", 0.0));
    } else {
      // The primal solver's products go through BLAS: to rounding.
      CHECK(arma::approx_equal(one.coef(), two.coef(), "absdiff", 1e-9));
    }
  }
}

TEST_CASE("LinearSVC save and load give identical predictions", "[linear_svc]") {
  ScratchDir dir;
  const Problem iris = standardised("iris");
  LinearSVC clf({.C = 0.5});
  clf.fit(iris.X, iris.y);
  for (const std::string ext : {".bin", ".json"}) {
    const std::string path = dir.file("svc" + ext);
    fitkit::save(clf, path);
    const auto loaded = fitkit::load<LinearSVC>(path);
    CHECK(arma::all(loaded.predict(iris.X) == clf.predict(iris.X)));
    CHECK(arma::approx_equal(loaded.decision_function(iris.X), clf.decision_function(iris.X),
                             "absdiff", 0.0));
  }
}

TEST_CASE("LinearSVC rejects bad inputs with a clear error", "[linear_svc]") {
  const Problem iris = standardised("iris");
  SECTION("C <= 0, tol <= 0, intercept_scaling <= 0") {
    CHECK_THROWS_AS(LinearSVC({.C = 0.0}).fit(iris.X, iris.y), fitkit::InvalidParameter);
    CHECK_THROWS_AS(LinearSVC({.C = -1.0}).fit(iris.X, iris.y), fitkit::InvalidParameter);
    CHECK_THROWS_AS(LinearSVC({.tol = 0.0}).fit(iris.X, iris.y), fitkit::InvalidParameter);
    CHECK_THROWS_AS(LinearSVC({.intercept_scaling = 0.0}).fit(iris.X, iris.y),
                    fitkit::InvalidParameter);
  }
  SECTION("combinations liblinear does not have") {
    CHECK_THROWS_WITH(LinearSVC({.penalty = LinearSVCPenalty::l1, .loss = LinearSVCLoss::hinge})
                          .fit(iris.X, iris.y),
                      Catch::Contains("penalty l1 and loss hinge"));
    CHECK_THROWS_WITH(
        LinearSVC({.loss = LinearSVCLoss::hinge, .dual = LinearSVMDual::no}).fit(iris.X, iris.y),
        Catch::Contains("dual false"));
    CHECK_THROWS_WITH(LinearSVC({.penalty = LinearSVCPenalty::l1, .dual = LinearSVMDual::yes})
                          .fit(iris.X, iris.y),
                      Catch::Contains("dual true"));
  }
  SECTION("one class only") {
    const Labels one(iris.y.n_elem, arma::fill::zeros);
    CHECK_THROWS_AS(LinearSVC().fit(iris.X, one), fitkit::DataError);
  }
  SECTION("NaN, mismatched lengths, wrong width at predict, predict before fit") {
    Matrix bad = iris.X;
    bad(3, 1) = arma::datum::nan;
    CHECK_THROWS_AS(LinearSVC().fit(bad, iris.y), fitkit::DataError);
    CHECK_THROWS(LinearSVC().fit(iris.X, Labels(iris.y.head(10))));
    LinearSVC clf;
    CHECK_THROWS_AS(clf.predict(iris.X), fitkit::NotFitted);
    clf.fit(iris.X, iris.y);
    CHECK_THROWS_AS(clf.predict(Matrix(iris.X.cols(0, 2))), fitkit::DimensionMismatch);
  }
  SECTION("a failed fit leaves the model as it was") {
    LinearSVC clf;
    clf.fit(iris.X, iris.y);
    const Matrix before = clf.coef();
    clf.params().C = -1.0;
    CHECK_THROWS(clf.fit(iris.X, iris.y));
    CHECK(arma::approx_equal(clf.coef(), before, "absdiff", 0.0));
  }
}
