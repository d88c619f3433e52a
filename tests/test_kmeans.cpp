// KMeans against scikit-learn fixtures made by tests/reference/make_kmeans.py (from the same
// given centres: the same labels, inertia and centres with lloyd and elkan), k-means++ and its
// determinism across thread counts, save/load in both formats, and the bad inputs of DESIGN.md
// §8 plus the (n_clusters above the samples, identical points, one point, given
// centres of the wrong shape).

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "core/parallel.hpp"
#include "fitkit/cluster/kmeans.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/core/warnings.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/model/model_io.hpp"
#include "support.hpp"

using fitkit::Index;
using fitkit::KMeans;
using fitkit::KMeansAlgorithm;
using fitkit::KMeansInit;
using fitkit::KMeansInitMethod;
using fitkit::Labels;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;
using Catch::Matchers::Contains;

namespace {

Matrix bundled(const std::string& name, const std::string& target) {
  fitkit::io::CsvOptions options;
  options.target = target;
  return fitkit::io::read_csv(source_path("datasets/" + name + ".csv"), options).X;
}

Matrix data_for(const std::string& name) {
  if (name == "iris") return bundled("iris", "species");
  if (name == "wine") return bundled("wine", "cultivar");
  if (name == "digits") return bundled("digits", "digit");
  return reference_matrix("kmeans/blobs/X.csv");
}

Labels labels_in(const std::string& path) {
  return arma::conv_to<Labels>::from(reference_vector(path));
}

struct Case {
  const char* name;  // folder under tests/reference/kmeans
  const char* data;
  bool weighted;
  int max_iter;
  double tol;
};

constexpr Case kCases[] = {
    {"iris", "iris", false, 300, 1e-4},
    {"iris_weighted", "iris", true, 300, 1e-4},
    {"wine", "wine", false, 300, 1e-4},
    {"wine_weighted", "wine", true, 300, 1e-4},
    {"digits", "digits", false, 300, 1e-4},
    {"digits_weighted", "digits", true, 300, 1e-4},
    {"blobs", "blobs", false, 300, 1e-4},
    {"blobs_weighted", "blobs", true, 300, 1e-4},
    {"digits_random_rows", "digits", false, 300, 1e-4},
    {"iris_empty", "iris", false, 300, 1e-4},
    {"wine_max_iter_2", "wine", false, 2, 1e-4},
    {"blobs_tol_0", "blobs", false, 300, 0.0},
};

// An estimator's runs on a thread count, restored afterwards; every kernel on its threads even
// on small data.
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

Matrix overlapping_blobs(Index n, Index d, Index k, unsigned seed) {
  arma::arma_rng::set_seed(seed);
  const Matrix centres = 4.0 * Matrix(k, d, arma::fill::randn);
  Matrix X(n, d, arma::fill::randn);
  for (Index i = 0; i < n; ++i) X.row(i) += centres.row(i % k);
  return X;
}

}  // namespace

TEST_CASE("KMeans from given centres matches scikit-learn with lloyd and elkan",
          "[kmeans][reference]") {
  const auto algorithm = GENERATE(KMeansAlgorithm::lloyd, KMeansAlgorithm::elkan);
  for (const Case& c : kCases) {
    INFO(c.name << (algorithm == KMeansAlgorithm::lloyd ? " lloyd" : " elkan"));
    const std::string dir = "kmeans/" + std::string(c.name) + "/";
    const Matrix X = data_for(c.data);
    const Matrix init = reference_matrix(dir + "init.csv");
    const Vector w = c.weighted ? reference_vector(dir + "w.csv") : Vector();
    KMeans km({.n_clusters = static_cast<int>(init.n_rows),
               .init = init,
               .max_iter = c.max_iter,
               .tol = c.tol,
               .algorithm = algorithm});
    km.fit(X, w);
    CHECK(arma::all(km.labels() == labels_in(dir + "labels.csv")));
    const double inertia = reference_scalar(dir + "inertia.csv");
    CHECK(std::abs(km.inertia() - inertia) <= 1e-9 * inertia);
    const Matrix centers = reference_matrix(dir + "centers.csv");
    CHECK(arma::abs(km.cluster_centers() - centers).max() <= 1e-9 * arma::abs(centers).max());
    CHECK(km.n_iter() == static_cast<Index>(reference_scalar(dir + "n_iter.csv")));
    const double score = reference_scalar(dir + "score.csv");
    CHECK(std::abs(km.score(X, w) + inertia) <= 1e-9 * inertia);
    CHECK(std::abs(km.score(X, w) - score) <= 1e-9 * std::abs(score));
    // Predicting the training rows gives their labels; transform the distances whose
    // smallest is the label's.
    CHECK(arma::all(km.predict(X) == km.labels()));
    const Matrix D = km.transform(X);
    REQUIRE(D.n_rows == X.n_rows);
    REQUIRE(D.n_cols == init.n_rows);
    for (Index i = 0; i < X.n_rows; i += 7) {
      const double expected =
          arma::norm(X.row(i) - km.cluster_centers().row(static_cast<Index>(km.labels()(i))));
      CHECK(D(i, static_cast<Index>(km.labels()(i))) ==
            Approx(expected).epsilon(1e-7).margin(1e-6));
    }
  }
}

// Lloyd's search runs in single precision, except where the scores would overflow a float or
// round as subnormals: the labels must stay scikit-learn's there too. Scaling by a power of two
// is exact, so scikit-learn's run on the scaled data is its run on iris, scaled.
TEST_CASE("KMeans lloyd at scales beyond single precision matches scikit-learn's run scaled",
          "[kmeans][reference]") {
  const double scale = GENERATE(std::ldexp(1.0, 70), std::ldexp(1.0, -70), std::ldexp(1.0, -100));
  INFO("scale " << scale);
  const std::string dir = "kmeans/iris/";
  const Matrix init = reference_matrix(dir + "init.csv");
  KMeans km({.n_clusters = static_cast<int>(init.n_rows),
             .init = Matrix(init * scale),
             .algorithm = KMeansAlgorithm::lloyd});
  km.fit(Matrix(data_for("iris") * scale));
  CHECK(arma::all(km.labels() == labels_in(dir + "labels.csv")));
  const double inertia = reference_scalar(dir + "inertia.csv") * scale * scale;
  CHECK(std::abs(km.inertia() - inertia) <= 1e-9 * inertia);
  const Matrix centers = reference_matrix(dir + "centers.csv") * scale;
  CHECK(arma::abs(km.cluster_centers() - centers).max() <= 1e-9 * arma::abs(centers).max());
  CHECK(km.n_iter() == static_cast<Index>(reference_scalar(dir + "n_iter.csv")));
}

TEST_CASE("KMeans given centres come from a matrix, a file or text", "[kmeans]") {
  const Matrix X = data_for("iris");
  const Matrix init = reference_matrix("kmeans/iris/init.csv");
  KMeans from_matrix({.n_clusters = 3, .init = init});
  from_matrix.fit(X);
  ScratchDir dir;
  // A file with a header line, and one without.
  std::string with_header = "a,b,c,d\n", without;
  for (Index i = 0; i < init.n_rows; ++i) {
    std::string row;
    for (Index j = 0; j < init.n_cols; ++j)
      row += (j ? "," : "") + fitkit::detail::format_double(init(i, j));
    with_header += row + "\n";
    without += row + "\n";
  }
  for (const std::string& path :
       {dir.write("h.csv", with_header), dir.write("plain.csv", without)}) {
    KMeans from_file({.n_clusters = 3, .init = KMeansInit::file(path)});
    from_file.fit(X);
    CHECK(arma::approx_equal(from_file.cluster_centers(), from_matrix.cluster_centers(), "absdiff",
                             0.0));
    KMeans by_name;
    by_name.set_param("n_clusters", "3");
    by_name.set_param("init", path);
    CHECK(by_name.get_params().at("init") == path);
    by_name.fit(X);
    CHECK(arma::all(by_name.labels() == from_matrix.labels()));
  }
  // Text of the centres, exact both ways.
  KMeans by_text;
  by_text.set_param("n_clusters", "3");
  by_text.set_param("init", from_matrix.get_params().at("init"));
  CHECK(by_text.params().init == from_matrix.params().init);
  by_text.set_param("init", "random");
  CHECK(by_text.params().init.method == KMeansInitMethod::random);
  by_text.set_param("init", "k-means++");
  CHECK(by_text.params().init.method == KMeansInitMethod::kmeans_plus_plus);
  CHECK_THROWS_AS(by_text.set_param("init", ""), fitkit::InvalidParameter);
}

TEST_CASE("KMeans k-means++ with n_init 10 finds scikit-learn's optimum on iris",
          "[kmeans][reference]") {
  // scikit-learn's KMeans(3, n_init=10) on iris: inertia 78.851441426146, whatever its seed.
  const Matrix X = data_for("iris");
  for (const auto algorithm : {KMeansAlgorithm::lloyd, KMeansAlgorithm::elkan}) {
    for (const std::uint64_t seed : {0u, 1u, 2u}) {
      KMeans km({.n_clusters = 3, .algorithm = algorithm, .seed = seed});
      km.fit(X);
      CHECK(km.inertia() == Approx(78.851441426146).epsilon(1e-9));
    }
  }
  // The same from a random start, and one run of k-means++ ("auto").
  KMeans random({.n_clusters = 3, .init = KMeansInitMethod::random});
  random.fit(X);
  CHECK(random.inertia() == Approx(78.851441426146).epsilon(1e-9));
  KMeans one;
  one.set_param("n_clusters", "3");
  one.set_param("n_init", "auto");
  one.fit(X);
  CHECK(one.inertia() < 1.2 * 78.86);
}

TEST_CASE("KMeans k-means++ seeding: the same seed gives the same model on 1 and 2 threads",
          "[kmeans][determinism]") {
  const Matrix X = overlapping_blobs(30000, 5, 6, 11);  // several ranges of samples per pass
  const auto algorithm = GENERATE(KMeansAlgorithm::lloyd, KMeansAlgorithm::elkan);
  const fitkit::KMeansParams params{
      .n_clusters = 6, .n_init = 2, .algorithm = algorithm, .seed = 5};
  KMeans one(params), two(params), again(params), other_seed(params);
  {
    const Threads threads(1);
    one.fit(X);
  }
  {
    const Threads threads(2);
    two.fit(X);
    again.fit(X);
    other_seed.params().seed = 6;
    other_seed.params().n_init = 1;
    other_seed.fit(X);
  }
  CHECK(arma::approx_equal(one.cluster_centers(), two.cluster_centers(), "absdiff", 0.0));
  CHECK(arma::all(one.labels() == two.labels()));
  CHECK(one.inertia() == two.inertia());
  CHECK(one.n_iter() == two.n_iter());
  CHECK(arma::approx_equal(two.cluster_centers(), again.cluster_centers(), "absdiff", 0.0));
  // Another seed, another start: the model differs at least in its iterations or bits.
  CHECK_FALSE(
      (arma::approx_equal(one.cluster_centers(), other_seed.cluster_centers(), "absdiff", 0.0) &&
       one.n_iter() == other_seed.n_iter()));
}

TEST_CASE("KMeans weights act as repeated rows", "[kmeans]") {
  const Matrix X = data_for("blobs");
  const Matrix init = reference_matrix("kmeans/blobs/init.csv");
  Vector w(X.n_rows, arma::fill::ones);
  std::vector<Index> rows;
  for (Index i = 0; i < X.n_rows; ++i) {
    w(i) = 1 + i % 3;
    for (Index r = 0; r < w(i); ++r) rows.push_back(i);
  }
  const arma::uvec repeat(rows);
  for (const auto algorithm : {KMeansAlgorithm::lloyd, KMeansAlgorithm::elkan}) {
    KMeans weighted({.n_clusters = 5, .init = init, .algorithm = algorithm});
    weighted.fit(X, w);
    KMeans repeated({.n_clusters = 5, .init = init, .algorithm = algorithm});
    repeated.fit(X.rows(repeat));
    CHECK(arma::approx_equal(weighted.cluster_centers(), repeated.cluster_centers(), "absdiff",
                             1e-10));
    CHECK(weighted.inertia() == Approx(repeated.inertia()).epsilon(1e-10));
    CHECK(arma::all(repeated.labels() == weighted.labels()(repeat)));
  }
}

TEST_CASE("KMeans degenerate data: identical points, one point, one cluster", "[kmeans]") {
  SECTION("all points identical: fitted, with scikit-learn's warning") {
    const Matrix X(20, 3, arma::fill::value(2.5));
    for (const auto algorithm : {KMeansAlgorithm::lloyd, KMeansAlgorithm::elkan}) {
      fitkit::WarningCapture capture;
      KMeans km({.n_clusters = 3, .algorithm = algorithm});
      km.fit(X);
      REQUIRE(capture.warnings().size() == 1);
      CHECK(capture.warnings()[0].kind == fitkit::WarningKind::convergence);
      CHECK_THAT(capture.warnings()[0].message,
                 Contains("number of distinct clusters (1) found smaller than n_clusters (3)"));
      CHECK(km.inertia() == 0.0);
      CHECK(arma::all(km.labels() == km.labels()(0)));
      CHECK(arma::approx_equal(km.predict(X), km.labels(), "absdiff", 0));
    }
  }
  SECTION("a single point and one cluster") {
    const Matrix X = {{1.0, -2.0, 3.0}};
    KMeans km({.n_clusters = 1});
    km.fit(X);
    CHECK(arma::approx_equal(km.cluster_centers(), X, "absdiff", 1e-15));
    CHECK(km.inertia() == Approx(0.0).margin(1e-24));
    CHECK(km.labels()(0) == 0);
    KMeans elkan({.n_clusters = 1, .algorithm = KMeansAlgorithm::elkan});  // runs as lloyd
    const Matrix iris = data_for("iris");
    elkan.fit(iris);
    const Matrix centred = iris.each_row() - arma::mean(iris, 0);
    CHECK(elkan.inertia() == Approx(arma::accu(arma::square(centred))).epsilon(1e-12));
  }
  SECTION("duplicate rows: as many clusters as distinct rows") {
    const Matrix X = {{0, 0}, {0, 0}, {5, 5}, {5, 5}, {9, 0}, {9, 0}};
    fitkit::WarningCapture capture;
    KMeans km({.n_clusters = 3});
    km.fit(X);
    CHECK(capture.warnings().empty());
    CHECK(km.inertia() == Approx(0.0).margin(1e-20));
  }
  SECTION("max_iter reached: no warning (as scikit-learn)") {
    fitkit::WarningCapture capture;
    KMeans km({.n_clusters = 4, .max_iter = 1, .tol = 0.0});
    km.fit(data_for("wine"));
    CHECK(km.n_iter() == 1);
    CHECK(capture.warnings().empty());
  }
}

TEST_CASE("KMeans rejects bad input with clear errors", "[kmeans]") {
  const Matrix X = {{1, 2}, {3, 4}, {5, 7}, {0, 1}};
  KMeans km({.n_clusters = 2});
  CHECK_THROWS_AS(km.predict(X), fitkit::NotFitted);
  CHECK_THROWS_AS(km.transform(X), fitkit::NotFitted);
  CHECK_THROWS_AS(km.cluster_centers(), fitkit::NotFitted);
  CHECK_THROWS_AS(km.inertia(), fitkit::NotFitted);
  CHECK_THROWS_AS(km.labels(), fitkit::NotFitted);
  CHECK_THROWS_AS(km.score(X), fitkit::NotFitted);
  CHECK_THROWS_WITH(km.fit(Matrix(0, 2)), Contains("no rows"));
  CHECK_THROWS_WITH(km.fit(Matrix(3, 0)), Contains("no feature columns"));
  Matrix with_nan = X;
  with_nan(1, 1) = arma::datum::nan;
  CHECK_THROWS_WITH(km.fit(with_nan), Contains("NaN at row 2, column 2"));
  CHECK_THROWS_WITH(km.fit(X, Vector{1, -1, 1, 1}), Contains("negative at row 2"));
  CHECK_THROWS_AS(km.fit(X, Vector{1, 1}), fitkit::DimensionMismatch);

  // n_clusters above the samples (scikit-learn: "n_samples=4 should be >= n_clusters=5").
  KMeans many({.n_clusters = 5});
  CHECK_THROWS_AS(many.fit(X), fitkit::DataError);
  CHECK_THROWS_WITH(many.fit(X), Contains("X has 4 samples, fewer than n_clusters (5)"));
  CHECK_THROWS_WITH(KMeans().fit(Matrix{{1.0, 2.0}}), Contains("1 sample, fewer than n_clusters"));
  CHECK_FALSE(many.is_fitted());
  CHECK_THROWS_AS(KMeans({.n_clusters = 0}).fit(X), fitkit::InvalidParameter);
  CHECK_THROWS_AS(KMeans({.max_iter = 0}).fit(X), fitkit::InvalidParameter);
  CHECK_THROWS_AS(KMeans({.tol = -1.0}).fit(X), fitkit::InvalidParameter);
  CHECK_THROWS_AS(KMeans({.n_clusters = 2, .n_init = 0}).fit(X), fitkit::InvalidParameter);

  // Given centres of the wrong shape, or not finite.
  const auto init_error = [&](const KMeansInit& init, int k) {
    KMeans given({.n_clusters = k, .init = init});
    try {
      given.fit(X);
    } catch (const fitkit::InvalidParameter& e) {
      CHECK(e.name() == "init");
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(init_error(Matrix{{0, 0}, {1, 1}, {2, 2}}, 2),
             Contains("are 3 x 2, expected 2 (n_clusters) x 2 (the features of X)"));
  CHECK_THAT(init_error(Matrix{{0, 0, 0}, {1, 1, 1}}, 2), Contains("are 2 x 3"));
  CHECK_THAT(init_error(Matrix{{0, 0}, {1, arma::datum::inf}}, 2), Contains("NaN or infinite"));
  ScratchDir dir;
  CHECK_THROWS_AS(
      KMeans({.n_clusters = 2, .init = KMeansInit::file(dir.file("absent.csv"))}).fit(X),
      fitkit::Error);
  CHECK_THROWS_WITH(
      KMeans({.n_clusters = 2, .init = KMeansInit::file(dir.write("c.csv", "a,b\n1,x\n2,3\n"))})
          .fit(X),
      Contains("c.csv"));

  km.fit(X);
  CHECK_THROWS_WITH(km.predict(Matrix(2, 3, arma::fill::ones)),
                    Contains("X has 3 features, but KMeans was fitted with 2"));
  CHECK_THROWS_AS(km.transform(Matrix(2, 1, arma::fill::ones)), fitkit::DimensionMismatch);
  CHECK_THROWS_AS(km.predict(with_nan), fitkit::DataError);
  CHECK_THROWS_AS(km.score(X, Vector{1, 1}), fitkit::DimensionMismatch);
}

TEST_CASE("KMeans save and load give identical outputs in both formats", "[kmeans]") {
  fitkit::io::CsvOptions options;
  options.target = "species";
  const auto data = fitkit::io::read_csv(source_path("datasets/iris.csv"), options);
  const auto algorithm = GENERATE(KMeansAlgorithm::lloyd, KMeansAlgorithm::elkan);
  KMeans km({.n_clusters = 3, .algorithm = algorithm, .seed = 3});
  km.fit_dataset(data);
  ScratchDir dir;
  for (const std::string name : {"m.bin", "m.json"}) {
    const std::string path = dir.file(name);
    fitkit::save(km, path);
    const auto back = fitkit::load<KMeans>(path);
    CHECK(arma::approx_equal(back.cluster_centers(), km.cluster_centers(), "absdiff", 0.0));
    CHECK(arma::all(back.labels() == km.labels()));
    CHECK(arma::all(back.predict(data.X) == km.predict(data.X)));
    CHECK(arma::approx_equal(back.transform(data.X), km.transform(data.X), "absdiff", 0.0));
    CHECK(back.inertia() == km.inertia());
    CHECK(back.n_iter() == km.n_iter());
    CHECK(back.get_params() == km.get_params());
    CHECK(back.feature_names() == km.feature_names());
    const auto any = fitkit::load_any(path);
    CHECK(any->type_name() == "KMeans");
    CHECK(any->score(data.X) == km.score(data.X));
  }
  // Given centres travel with the parameters.
  KMeans given({.n_clusters = 3, .init = reference_matrix("kmeans/iris/init.csv")});
  given.fit(data.X);
  fitkit::save(given, dir.file("g.json"));
  CHECK(fitkit::load<KMeans>(dir.file("g.json")).params().init == given.params().init);
}

TEST_CASE("KMeans parameters by name", "[kmeans]") {
  KMeans km;
  const fitkit::ParamMap expected{
      {"algorithm", "lloyd"}, {"init", "k-means++"}, {"max_iter", "300"}, {"n_clusters", "8"},
      {"n_init", "10"},       {"seed", "0"},         {"tol", "1e-04"}};
  const fitkit::ParamMap params = km.get_params();
  CHECK(params.size() == expected.size());
  for (const auto& [name, value] : expected) {
    INFO(name);
    CHECK(params.count(name) == 1);
    if (params.count(name) == 1) CHECK(params.at(name) == value);
  }
  km.set_param("algorithm", "elkan");
  CHECK(km.params().algorithm == KMeansAlgorithm::elkan);
  CHECK_THROWS_WITH(km.set_param("algorithm", "full"), Contains("expected one of lloyd, elkan"));
  CHECK_THROWS_WITH(km.set_param("n_init", "0"), Contains("at least 1"));
  CHECK_THROWS_WITH(km.set_param("n_init", "many"), Contains("auto"));
  km.set_param("n_clusters", "2");
  km.fit(Matrix{{0, 0}, {1, 1}, {5, 5}});
  CHECK(km.feature_names_out() == std::vector<std::string>{"kmeans0", "kmeans1"});
}
