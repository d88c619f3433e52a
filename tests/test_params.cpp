// The Params visitor (core/params.hpp): parsing, constraints and descriptions, on a
// parameter struct with every supported kind of field.

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "fitkit/core/error.hpp"
#include "fitkit/core/params.hpp"

namespace {

enum class Init { random, kmeans_plus_plus };

}  // namespace

template <>
struct fitkit::EnumNames<Init> {
  static constexpr std::array values{std::pair{Init::random, "random"},
                                     std::pair{Init::kmeans_plus_plus, "k-means++"}};
};

namespace {

struct ExampleParams {
  int n_clusters = 8;
  double tol = 1e-4;
  double l1_ratio = 0.5;
  std::uint64_t seed = 0;
  bool fit_intercept = true;
  Init init = Init::kmeans_plus_plus;
  std::string name = "default";

  template <class V>
  void visit(V&& v) {
    v("n_clusters", n_clusters, "number of clusters", fitkit::at_least(1));
    v("tol", tol, "tolerance", fitkit::greater_than(0.0));
    v("l1_ratio", l1_ratio, "mixing", fitkit::in_range(0.0, 1.0));
    v("seed", seed, "random seed");
    v("fit_intercept", fit_intercept, "intercept");
    v("init", init, "initialisation", fitkit::one_of_enum());
    v("name", name, "a label");
  }
};

}  // namespace

using Catch::Matchers::Contains;

TEST_CASE("parameters read from text, checked against their constraints", "[params]") {
  ExampleParams p;
  fitkit::set_param(p, "n_clusters", "3");
  fitkit::set_param(p, "tol", "1e-6");
  fitkit::set_param(p, "l1_ratio", "1");
  fitkit::set_param(p, "seed", "18446744073709551615");
  fitkit::set_param(p, "fit_intercept", "False");
  fitkit::set_param(p, "init", "random");
  fitkit::set_param(p, "name", "x y");
  CHECK(p.n_clusters == 3);
  CHECK(p.tol == 1e-6);
  CHECK(p.l1_ratio == 1.0);
  CHECK(p.seed == UINT64_MAX);
  CHECK_FALSE(p.fit_intercept);
  CHECK(p.init == Init::random);
  CHECK(p.name == "x y");

  CHECK_THROWS_WITH(fitkit::set_param(p, "n_clusters", "0"),
                    "parameter 'n_clusters': must be at least 1, got 0");
  CHECK_THROWS_WITH(fitkit::set_param(p, "n_clusters", "-2"), Contains("at least 1"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "n_clusters", "2.5"), Contains("expected an integer"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "n_clusters", "99999999999"), Contains("out of range"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "seed", "-1"), Contains("non-negative integer"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "tol", "0"), Contains("greater than 0"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "tol", "nan"), Contains("expected a finite number"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "tol", "inf"), Contains("expected a finite number"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "tol", "1e-3x"), Contains("expected a number"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "l1_ratio", "1.5"), Contains("in [0, 1]"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "init", "kmeans"),
                    Contains("expected one of random, k-means++"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "fit_intercept", "2"), Contains("true or false"));
  CHECK_THROWS_AS(fitkit::set_param(p, "alpha", "1"), fitkit::InvalidParameter);
  // A failed set leaves the old value.
  CHECK(p.n_clusters == 3);
}

TEST_CASE("parameters validated, listed and written back as text", "[params]") {
  ExampleParams p;
  CHECK_NOTHROW(fitkit::validate_params(p));
  p.n_clusters = 0;
  CHECK_THROWS_WITH(fitkit::validate_params(p), Contains("'n_clusters': must be at least 1"));
  p.n_clusters = 8;
  p.tol = -1;
  CHECK_THROWS_AS(fitkit::validate_params(p), fitkit::InvalidParameter);
  p.tol = 0.1;

  const fitkit::ParamMap map = fitkit::params_to_map(p);
  CHECK(map.at("tol") == "0.1");
  CHECK(map.at("init") == "k-means++");
  ExampleParams copy;
  fitkit::set_params(copy, map);
  CHECK(fitkit::params_to_map(copy) == map);

  const auto info = fitkit::describe_params(p);
  REQUIRE(info.size() == 7);
  CHECK(info[0].name == "n_clusters");
  CHECK(info[0].type == "int");
  CHECK(info[0].value == "8");
  CHECK(info[0].constraint == "at least 1");
  CHECK(info[2].constraint == "in [0, 1]");
  CHECK(info[3].constraint.empty());
  CHECK(info[5].type == "choice");
  CHECK(info[5].choices == std::vector<std::string>{"random", "k-means++"});
}

TEST_CASE("doubles are written in the shortest text that reads back exactly", "[params]") {
  for (const double x : {0.1, 1.0 / 3.0, 1e-300, 123456789.123456789, -2.5e17}) {
    double back = 0;
    REQUIRE(fitkit::detail::parse_double(fitkit::detail::format_double(x), back));
    CHECK(back == x);
  }
  CHECK(fitkit::detail::format_double(0.1) == "0.1");
}

namespace {

struct ListParams {
  std::vector<double> alphas{0.1, 1.0, 10.0};

  template <class V>
  void visit(V&& v) {
    v("alphas", alphas, "penalties to try", fitkit::greater_than(0.0));
  }
};

}  // namespace

TEST_CASE("a list of floats reads and prints as comma-separated numbers", "[params]") {
  ListParams p;
  CHECK(fitkit::params_to_map(p).at("alphas") == "0.1,1,10");
  fitkit::set_param(p, "alphas", "0.5, 2,1e3");
  CHECK(p.alphas == std::vector<double>{0.5, 2.0, 1000.0});

  CHECK_THROWS_WITH(fitkit::set_param(p, "alphas", ""), Contains("numbers separated by commas"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "alphas", "1,,2"), Contains("found '' in '1,,2'"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "alphas", "1,x"), Contains("found 'x'"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "alphas", "1,nan"), Contains("finite"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "alphas", "1,0"),
                    "parameter 'alphas': every value must be greater than 0, got 0");
  CHECK(p.alphas == std::vector<double>{0.5, 2.0, 1000.0});  // unchanged by the failures

  p.alphas.clear();
  CHECK_THROWS_WITH(fitkit::validate_params(p), Contains("at least one number"));

  const auto info = fitkit::describe_params(p);
  REQUIRE(info.size() == 1);
  CHECK(info[0].type == "floats");
  CHECK(info[0].constraint == "greater than 0");
}
