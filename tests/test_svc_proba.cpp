// probability=true of SVC and NuSVC: Platt's sigmoid against an independent fit
// (scikit-learn's _sigmoid_calibration, polished), the pairwise coupling against the identity
// it must satisfy, probA / probB / predict_proba against scikit-learn on the same folds
// (tests/reference/make_svc_proba.py), the argmax guarantee, seeds and threads, tags, files.

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/model/model_io.hpp"
#include "fitkit/svm/nu_svc.hpp"
#include "fitkit/svm/svc.hpp"
#include "support.hpp"
#include "svc_support.hpp"
#include "svm/platt.hpp"

using fitkit::ClassWeightMode;
using fitkit::Index;
using fitkit::Labels;
using fitkit::Matrix;
using fitkit::NuSVC;
using fitkit::NuSVCParams;
using fitkit::SVC;
using fitkit::SVCParams;
using fitkit::SvmKernel;
using fitkit::Vector;
using namespace fitkit::test;
using namespace fitkit::test::svm_data;

namespace {

struct Threads {
  explicit Threads(int n) : previous(fitkit::get_num_threads()) {
    fitkit::set_num_threads(n);
    fitkit::detail::set_min_nanoseconds_per_thread(0);
  }
  ~Threads() {
    fitkit::set_num_threads(previous);
    fitkit::detail::set_min_nanoseconds_per_thread(fitkit::detail::kDefaultMinNanosecondsPerThread);
  }
  int previous;
};

// predict is the argmax of predict_proba, row by row (the first class of the largest).
template <class Model>
void check_argmax(const Model& model, const Matrix& X) {
  const Matrix proba = model.predict_proba(X);
  const Labels expected = model.classes()(arma::index_max(proba, 1));
  CHECK(arma::all(model.predict(X) == expected));
}

// probA / probB and the probabilities against scikit-learn's, fitted on the same folds with
// tol 1e-8. The fold models are then solved to 1e-8, and libsvm's only other difference is
// its single-precision kernel cache, so the cross-validated decision values agree to about
// 1e-6 and so do the sigmoids fitted to them (the Newton stops at a gradient of 1e-5 either
// way); 1e-5 leaves room for that and fails on any other fold, target or coupling.
template <class Model>
void check_probability_case(const std::string& name, const Split& s, Model model) {
  model.params().tol = 1e-8;
  model.fit(s.X, s.y);
  const std::string dir = "svc_proba/" + name + "/";
  INFO(name);
  const Vector probA = reference_vector(dir + "probA.csv");
  const Vector probB = reference_vector(dir + "probB.csv");
  REQUIRE(model.probA().n_elem == probA.n_elem);
  REQUIRE(model.probB().n_elem == probB.n_elem);
  CHECK(arma::abs(model.probA() - probA).max() < 1e-5);
  CHECK(arma::abs(model.probB() - probB).max() < 1e-5);
  const Matrix proba = model.predict_proba(s.Xt);
  const Index k = model.n_classes();
  // Two classes: the sigmoid on scikit-learn's decision values, clipped as libsvm; more: the
  // coupling with libsvm's iteration and stopping rule, which scikit-learn runs too.
  const Matrix expected = reference_matrix(dir + (k == 2 ? "proba_sigmoid.csv" : "proba.csv"));
  REQUIRE(proba.n_rows == expected.n_rows);
  REQUIRE(proba.n_cols == expected.n_cols);
  CHECK(arma::abs(proba - expected).max() < 1e-5);
  if (k == 2) {
    // scikit-learn 1.2 runs its coupling iteration on two classes too and stops it early.
    const Matrix sklearn = reference_matrix(dir + "proba.csv");
    CHECK(arma::abs(proba - sklearn).max() < 1e-2);
  }
  CHECK(arma::approx_equal(Vector(arma::sum(proba, 1)), Vector(proba.n_rows, arma::fill::ones),
                           "absdiff", 1e-12));
  check_argmax(model, s.Xt);
  check_argmax(model, s.X);
}

}  // namespace

TEST_CASE("Platt's sigmoid agrees with an independent fit of the same loss", "[svc][reference]") {
  for (const std::string name : {"sigmoid_200", "sigmoid_1000"}) {
    INFO(name);
    const Vector f = reference_vector("svc_proba/" + name + "/f.csv");
    const arma::ivec y = arma::conv_to<arma::ivec>::from(
        arma::round(reference_vector("svc_proba/" + name + "/y.csv")));
    const Vector ab = reference_vector("svc_proba/" + name + "/ab.csv");
    const fitkit::detail::Sigmoid s = fitkit::detail::fit_sigmoid(f, y);
    CHECK(s.converged);
    CHECK(std::abs(s.A - ab(0)) < 1e-6);
    CHECK(std::abs(s.B - ab(1)) < 1e-6);
  }
  // The sigmoid's value, on both sides of 0 and far out, without overflow.
  CHECK(fitkit::detail::sigmoid_probability(0.0, -2.0, 0.0) == 0.5);
  CHECK(fitkit::detail::sigmoid_probability(1.0, -2.0, 0.5) ==
        Approx(1.0 / (1.0 + std::exp(-1.5))).epsilon(1e-15));
  CHECK(fitkit::detail::sigmoid_probability(-1e3, -2.0, 0.0) == 0.0);
  CHECK(fitkit::detail::sigmoid_probability(1e3, -2.0, 0.0) == 1.0);
}

TEST_CASE("The pairwise coupling recovers p from consistent r_ij = p_i / (p_i + p_j)", "[svc]") {
  arma::arma_rng::set_seed(3);
  for (const Index k : {2, 3, 5, 10}) {
    INFO("k = " << k);
    Vector p = Vector(k, arma::fill::randu) + 0.05;
    p /= arma::accu(p);
    Matrix r(k, k, arma::fill::zeros);
    for (Index i = 0; i < k; ++i)
      for (Index j = 0; j < k; ++j)
        if (i != j) r(i, j) = p(i) / (p(i) + p(j));
    // Run to convergence, the minimiser is p itself (the objective is 0 there).
    const Vector tight = fitkit::detail::couple_pairwise(r, 1e-15, 100000);
    CHECK(arma::abs(tight - p).max() < 1e-10);
    // libsvm's stopping rule stops near it, on the simplex.
    const Vector libsvm = fitkit::detail::couple_pairwise(r);
    CHECK(std::abs(arma::accu(libsvm) - 1.0) < 1e-12);
    CHECK(arma::abs(libsvm - p).max() < 0.05);
  }
}

TEST_CASE("SVC's probA, probB and predict_proba agree with scikit-learn on the same folds",
          "[svc][reference]") {
  check_probability_case("svc_cancer", cancer(), SVC({.probability = true, .seed = 0}));
  check_probability_case(
      "svc_cancer_seed7_linear", cancer(),
      SVC({.C = 0.1, .kernel = SvmKernel::linear, .probability = true, .seed = 7}));
  check_probability_case("svc_iris", iris(), SVC({.probability = true, .seed = 0}));
  check_probability_case(
      "svc_iris_balanced_seed3", iris(),
      SVC({.C = 2.0, .probability = true, .class_weight = ClassWeightMode::balanced, .seed = 3}));
  check_probability_case("svc_digits", digits(300), SVC({.probability = true, .seed = 0}));
}

TEST_CASE("NuSVC's probA, probB and predict_proba agree with scikit-learn on the same folds",
          "[nu_svc][reference]") {
  check_probability_case("nusvc_cancer", cancer(), NuSVC({.probability = true, .seed = 0}));
  check_probability_case("nusvc_iris", iris(), NuSVC({.nu = 0.3, .probability = true, .seed = 5}));
}

TEST_CASE("With probability, predict is the argmax of predict_proba", "[svc]") {
  // Where scikit-learn's predict (the vote) and its probabilities disagree on some rows.
  const Split s = iris();
  SVC svc({.probability = true, .seed = 0});
  svc.fit(s.X, s.y);
  check_argmax(svc, s.Xt);
  SVC vote = svc;
  vote.set_param("probability", "false");  // the same model, predicting by the vote
  CHECK(arma::any(vote.predict(s.Xt) != svc.predict(s.Xt)));
  // break_ties does not change it: the probabilities decide.
  SVC ties({.probability = true, .break_ties = true, .seed = 0});
  ties.fit(s.X, s.y);
  check_argmax(ties, s.Xt);
  NuSVC nu({.probability = true, .seed = 1});
  nu.fit(s.X, s.y);
  check_argmax(nu, s.Xt);
}

TEST_CASE("probability's folds follow the seed, not the thread count", "[svc][determinism]") {
  const Split s = digits(400);
  const SVCParams params{.probability = true, .seed = 11};
  SVC one(params), two(params), other(params);
  {
    const Threads threads(1);
    one.fit(s.X, s.y);
  }
  {
    const Threads threads(2);
    two.fit(s.X, s.y);
  }
  other.set_param("seed", "12");
  other.fit(s.X, s.y);
  // The kernel sums are fitkit's own, in feature order: bit for bit on any thread count.
  CHECK(arma::approx_equal(one.probA(), two.probA(), "absdiff", 0.0));
  CHECK(arma::approx_equal(one.probB(), two.probB(), "absdiff", 0.0));
  CHECK(arma::approx_equal(one.predict_proba(s.Xt), two.predict_proba(s.Xt), "absdiff", 1e-12));
  CHECK(arma::abs(one.probA() - other.probA()).max() > 1e-6);
  // The same fit again gives the same model.
  SVC again(params);
  again.fit(s.X, s.y);
  CHECK(arma::approx_equal(one.probA(), again.probA(), "absdiff", 0.0));
}

TEST_CASE("SVC has predict_proba only with probability=true", "[svc]") {
  const Split s = iris();
  SVC plain;
  CHECK_FALSE(plain.tags().predict_proba);
  plain.fit(s.X, s.y);
  CHECK_THROWS_WITH(plain.predict_proba(s.Xt), Catch::Matchers::Contains("probability=true"));
  CHECK(plain.probA().is_empty());
  // Switched on after a fit without it: a clear error until the next fit, and predict stays
  // the vote.
  SVC later = plain;
  later.set_param("probability", "true");
  CHECK(later.tags().predict_proba);
  CHECK_THROWS_WITH(later.predict_proba(s.Xt), Catch::Matchers::Contains("fit again"));
  CHECK(arma::all(later.predict(s.Xt) == plain.predict(s.Xt)));
  SVC calibrated({.probability = true});
  CHECK(calibrated.tags().predict_proba);
  CHECK_THROWS_AS(calibrated.predict_proba(s.Xt), fitkit::NotFitted);
}

TEST_CASE("SVC and NuSVC with probability save and load with probA and probB", "[svc]") {
  const Split s = iris();
  SVC svc({.C = 3.0, .probability = true, .seed = 4});
  svc.fit(s.X, s.y);
  NuSVC nu({.nu = 0.4, .kernel = SvmKernel::poly, .degree = 2, .probability = true});
  nu.fit(s.X, s.y);
  ScratchDir dir;
  for (const std::string name : {"m.bin", "m.json"}) {
    const std::string path = dir.file(name);
    fitkit::save(svc, path);
    const auto back = fitkit::load<SVC>(path);
    CHECK(arma::approx_equal(back.probA(), svc.probA(), "absdiff", 0.0));
    CHECK(arma::approx_equal(back.probB(), svc.probB(), "absdiff", 0.0));
    CHECK(arma::approx_equal(back.predict_proba(s.Xt), svc.predict_proba(s.Xt), "absdiff", 0.0));
    CHECK(arma::all(back.predict(s.Xt) == svc.predict(s.Xt)));
    fitkit::save(nu, path);
    const auto nu_back = fitkit::load<NuSVC>(path);
    CHECK(arma::approx_equal(nu_back.predict_proba(s.Xt), nu.predict_proba(s.Xt), "absdiff", 0.0));
    CHECK(nu_back.get_params() == nu.get_params());
  }
}
