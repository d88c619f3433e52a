// fitkit-linear-svc and fitkit-linear-svr run as a user runs them: a LIBSVM data file, fit,
// predict (labels and --decision), against the scikit-learn fixtures of
// tests/reference/make_linear_svm.py; and bad parameters answered with an error.

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "cli_support.hpp"

using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

// The generated classification problem as a LIBSVM file (1-based feature indices).
std::string libsvm_of(const Matrix& X, const Vector& y) {
  std::ostringstream out;
  out.precision(17);
  for (fitkit::Index i = 0; i < X.n_rows; ++i) {
    out << y(i);
    for (fitkit::Index j = 0; j < X.n_cols; ++j) out << " " << j + 1 << ":" << X(i, j);
    out << "\n";
  }
  return out.str();
}

}  // namespace

TEST_CASE("fitkit-linear-svc reads LIBSVM files and gives scikit-learn's model",
          "[cli][linear_svc][reference]") {
  ScratchDir dir;
  const Matrix X = reference_matrix("linear_svm/generated_svc/X.csv");
  const Vector y = reference_vector("linear_svm/generated_svc/y.csv");
  const std::string data = dir.write("g.svm", libsvm_of(X, y));
  const std::string model = dir.file("m.json");
  require_success(run(dir, "fitkit-linear-svc",
                      {"fit", "--data", data, "--model", model, "--dual", "true", "--C", "2",
                       "--tol", "1e-8", "--max-iter", "100000"}));
  const Result predict =
      run(dir, "fitkit-linear-svc", {"predict", "--model", model, "--data", data});
  require_success(predict);
  CHECK(arma::all(predictions_in(predict.out) ==
                  reference_vector("linear_svm/generated_dual/pred.csv")));
  const Result decision =
      run(dir, "fitkit-linear-svc", {"predict", "--model", model, "--data", data, "--decision"});
  require_success(decision);
  const Vector d = predictions_in(decision.out);
  REQUIRE(d.n_elem == X.n_rows);
  const Vector expected = reference_vector("linear_svm/generated_dual/decision.csv");
  // As tests/test_linear_svc.cpp: both within 1e-4 of the optimum's coefficients.
  CHECK(arma::abs(d.head(expected.n_elem) - expected).max() <
        2e-3 * std::max(1.0, arma::abs(expected).max()));
}

TEST_CASE("fitkit-linear-svc and -svr refuse bad parameters", "[cli][linear_svc]") {
  ScratchDir dir;
  const std::string iris = source_path("datasets/iris.csv");
  const Result zero_c = run(dir, "fitkit-linear-svc",
                            {"fit", "--data", iris, "--model", dir.file("m.bin"), "--C", "0"});
  CHECK(zero_c.status != 0);
  CHECK_THAT(zero_c.err, Catch::Matchers::Contains("C"));
  CHECK_FALSE(exists(dir.file("m.bin")));
  const Result combination = run(
      dir, "fitkit-linear-svc",
      {"fit", "--data", iris, "--model", dir.file("m.bin"), "--penalty", "l1", "--loss", "hinge"});
  CHECK(combination.status == 2);  // InvalidParameter: a usage error
  CHECK_THAT(combination.err, Catch::Matchers::Contains("penalty l1 and loss hinge"));
  const Result primal_svr = run(dir, "fitkit-linear-svr",
                                {"fit", "--data", source_path("datasets/diabetes.csv"), "--model",
                                 dir.file("r.bin"), "--dual", "false"});
  CHECK(primal_svr.status == 2);
  CHECK_THAT(primal_svr.err, Catch::Matchers::Contains("dual false"));
}
