// The Params visitor (core/params.hpp): parsing, constraints and descriptions, on a
// parameter struct with every supported kind of field.

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "fitkit/core/types.hpp"

using fitkit::Vector;

#include "fitkit/core/class_weight.hpp"
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

  CHECK_THROWS_WITH(fitkit::set_param(p, "alphas", ""), Contains("at least one value"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "alphas", "1,,2"),
                    Contains("expected a number, found '' in the list '1,,2'"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "alphas", "1,x"), Contains("found 'x'"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "alphas", "1,nan"), Contains("finite"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "alphas", "1,0"),
                    "parameter 'alphas': every value must be greater than 0, got 0");
  CHECK(p.alphas == std::vector<double>{0.5, 2.0, 1000.0});  // unchanged by the failures

  p.alphas.clear();
  CHECK_THROWS_WITH(fitkit::validate_params(p), Contains("at least one value"));

  const auto info = fitkit::describe_params(p);
  REQUIRE(info.size() == 1);
  CHECK(info[0].type == "floats");
  CHECK(info[0].constraint == "greater than 0");
}

namespace {

enum class Gamma { scale, automatic };
enum class MaxFeatures { sqrt, log2 };

}  // namespace

template <>
struct fitkit::EnumNames<Gamma> {
  static constexpr std::array values{std::pair{Gamma::scale, "scale"},
                                     std::pair{Gamma::automatic, "auto"}};
};

template <>
struct fitkit::EnumNames<MaxFeatures> {
  static constexpr std::array values{std::pair{MaxFeatures::sqrt, "sqrt"},
                                     std::pair{MaxFeatures::log2, "log2"}};
};

namespace {

struct RichParams {
  std::optional<int> max_depth;
  fitkit::KeywordOr<Gamma, double> gamma = Gamma::scale;
  std::optional<fitkit::KeywordOr<MaxFeatures, std::int64_t, double>> max_features;
  std::vector<int> layers{100};
  std::vector<std::string> categorical;
  fitkit::ClassWeight class_weight;

  template <class V>
  void visit(V&& v) {
    v("max_depth", max_depth, "deepest level (none: no limit)", fitkit::at_least(1));
    v("gamma", gamma, "kernel width", fitkit::greater_than(0.0));
    v("max_features", max_features, "features per split", fitkit::greater_than(0.0));
    v("layers", layers, "sizes", fitkit::at_least(1));
    v("categorical", categorical, "columns by name");
    v("class_weight", class_weight, "class weights");
  }
};

}  // namespace

TEST_CASE("optional values read none as scikit-learn's None, and check the value otherwise",
          "[params]") {
  RichParams p;
  CHECK(fitkit::params_to_map(p).at("max_depth") == "none");
  fitkit::set_param(p, "max_depth", "4");
  REQUIRE(p.max_depth.has_value());
  CHECK(*p.max_depth == 4);
  fitkit::set_param(p, "max_depth", "None");
  CHECK_FALSE(p.max_depth.has_value());
  CHECK_THROWS_WITH(fitkit::set_param(p, "max_depth", "0"),
                    "parameter 'max_depth': must be at least 1, got 0");
  CHECK_THROWS_WITH(fitkit::set_param(p, "max_depth", "deep"),
                    Contains("expected an integer, found 'deep' or none"));
  const auto info = fitkit::describe_params(p);
  CHECK(info[0].type == "int or none");
  CHECK(info[0].value_hint == "int|none");
}

TEST_CASE("keyword-or-number values: a keyword, an integer count or a float fraction", "[params]") {
  RichParams p;
  CHECK(fitkit::params_to_map(p).at("gamma") == "scale");
  fitkit::set_param(p, "gamma", "0.25");
  CHECK_FALSE(p.gamma.is_keyword());
  CHECK(p.gamma.number() == 0.25);
  fitkit::set_param(p, "gamma", "auto");
  CHECK(p.gamma.keyword() == Gamma::automatic);
  CHECK_THROWS_WITH(fitkit::set_param(p, "gamma", "-1"), Contains("greater than 0"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "gamma", "wide"),
                    Contains("expected one of scale, auto or a number, found 'wide'"));

  fitkit::set_param(p, "max_features", "7");
  REQUIRE(p.max_features.has_value());
  CHECK(p.max_features->holds<std::int64_t>());
  CHECK(p.max_features->get<std::int64_t>() == 7);
  fitkit::set_param(p, "max_features", "0.5");
  CHECK(p.max_features->holds<double>());
  fitkit::set_param(p, "max_features", "sqrt");
  CHECK(p.max_features->keyword() == MaxFeatures::sqrt);
  CHECK(fitkit::params_to_map(p).at("max_features") == "sqrt");
  // A fraction that is a whole number prints with its point, so it reads back as a fraction
  // (scikit-learn's max_features=1.0, all the features, is not 1 feature).
  fitkit::set_param(p, "max_features", "1.0");
  CHECK(p.max_features->holds<double>());
  const std::string text = fitkit::params_to_map(p).at("max_features");
  CHECK(text == "1.0");
  fitkit::set_param(p, "max_features", text);
  CHECK(p.max_features->holds<double>());
  p.max_features = 2e20;  // the same in exponent form
  CHECK(fitkit::params_to_map(p).at("max_features") == "2e+20");
  fitkit::set_param(p, "max_features", "none");
  CHECK_FALSE(p.max_features.has_value());

  // Defaults in code: an integer literal is a count, a float literal a fraction.
  const fitkit::KeywordOr<MaxFeatures, std::int64_t, double> count = 3, fraction = 0.3;
  CHECK(count.holds<std::int64_t>());
  CHECK(fraction.holds<double>());
  const auto info = fitkit::describe_params(p);
  CHECK(info[1].choices == std::vector<std::string>{"scale", "auto"});
  CHECK(info[1].value_hint == "scale|auto|number");
}

TEST_CASE("lists of integers and of strings", "[params]") {
  RichParams p;
  fitkit::set_param(p, "layers", "64, 32,8");
  CHECK(p.layers == std::vector<int>{64, 32, 8});
  CHECK(fitkit::params_to_map(p).at("layers") == "64,32,8");
  CHECK_THROWS_WITH(fitkit::set_param(p, "layers", "64,0"),
                    "parameter 'layers': every value must be at least 1, got 0");
  CHECK_THROWS_WITH(fitkit::set_param(p, "layers", "64,x"), Contains("found 'x' in the list"));
  fitkit::set_param(p, "categorical", "colour, size");
  CHECK(p.categorical == std::vector<std::string>{"colour", "size"});
  fitkit::set_param(p, "categorical", "");
  CHECK(p.categorical.empty());
  CHECK(fitkit::describe_params(p)[3].type == "ints");
  CHECK(fitkit::describe_params(p)[4].type == "strings");
}

TEST_CASE("class weights: none, balanced, or label:weight pairs", "[params]") {
  RichParams p;
  CHECK(fitkit::params_to_map(p).at("class_weight") == "none");
  fitkit::set_param(p, "class_weight", "balanced");
  CHECK(p.class_weight.mode == fitkit::ClassWeightMode::balanced);
  fitkit::set_param(p, "class_weight", "0:1, 2:2.5");
  CHECK(p.class_weight == fitkit::ClassWeight::given({{0, 1.0}, {2, 2.5}}));
  CHECK(fitkit::params_to_map(p).at("class_weight") == "0:1,2:2.5");
  CHECK_THROWS_WITH(fitkit::set_param(p, "class_weight", "0:1,0:2"), Contains("given twice"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "class_weight", "0=1"), Contains("label:weight"));
  CHECK_THROWS_WITH(fitkit::set_param(p, "class_weight", "0:-1"), Contains("non-negative"));

  const fitkit::Labels classes = {-1, 2, 7};
  const arma::uvec index = {0, 0, 0, 1, 2, 2};
  const Vector balanced =
      fitkit::ClassWeight(fitkit::ClassWeightMode::balanced).per_class(classes, index);
  // scikit-learn's compute_class_weight("balanced"): n / (n_classes * count).
  CHECK(arma::approx_equal(balanced, Vector{6.0 / 9, 6.0 / 3, 6.0 / 6}, "reldiff", 1e-15));
  const Vector given = fitkit::ClassWeight::given({{7, 3.0}}).per_class(classes, index);
  CHECK(arma::approx_equal(given, Vector{1, 1, 3}, "absdiff", 0.0));
  CHECK_THROWS_WITH(fitkit::ClassWeight::given({{5, 1.0}}).per_class(classes, index),
                    Contains("class 5 is not among the classes"));
}
