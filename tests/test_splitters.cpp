// KFold, StratifiedKFold, GroupKFold, ShuffleSplit, StratifiedShuffleSplit and train_test_split
// against scikit-learn's indices for the same random_state (fixtures made by
// tests/reference/make_splits.py: every fold of each case, in scikit-learn's order), numpy's
// RandomState.permutation, and the bad inputs scikit-learn refuses.

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/numpy_random_state.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/warnings.hpp"
#include "fitkit/model_selection/splitters.hpp"
#include "support.hpp"

using fitkit::Fold;
using fitkit::Index;
using fitkit::Labels;
using fitkit::SplitSize;
using namespace fitkit::test;

namespace {

struct Case {
  std::map<std::string, std::string> params;
  std::vector<Fold> folds;

  bool has(const std::string& key) const { return params.count(key) != 0; }
  Index count(const std::string& key) const { return std::stoul(params.at(key)); }
  SplitSize size(const std::string& key) const {
    if (!has(key)) return {};
    const std::string& text = params.at(key);
    return text.find('.') != std::string::npos ? SplitSize::fraction(std::stod(text))
                                               : SplitSize::count(std::stoul(text));
  }
  std::string describe() const {
    std::string out;
    for (const auto& [key, value] : params) out += key + "=" + value + " ";
    return out;
  }
};

arma::uvec indices(std::istringstream& line) {
  std::vector<Index> values;
  for (Index v; line >> v;) values.push_back(v);
  return arma::uvec(values);
}

std::vector<Case> read_cases(const std::string& splitter) {
  std::ifstream in(source_path("tests/reference/model_selection/" + splitter + ".txt"));
  if (!in) throw std::runtime_error("cannot read fixture " + splitter);
  std::vector<Case> cases;
  for (std::string text; std::getline(in, text);) {
    std::istringstream line(text);
    std::string word;
    line >> word;
    if (word == "case") {
      cases.emplace_back();
      while (line >> word) {
        const auto eq = word.find('=');
        cases.back().params[word.substr(0, eq)] = word.substr(eq + 1);
      }
    } else if (word == "train") {
      cases.back().folds.push_back({indices(line), {}});
    } else if (word == "test") {
      cases.back().folds.back().test = indices(line);
    }
  }
  REQUIRE(!cases.empty());
  return cases;
}

Labels labels(const std::string& name) {
  std::ifstream in(source_path("tests/reference/model_selection/labels/" + name + ".csv"));
  std::vector<std::int64_t> values;
  for (std::int64_t v; in >> v;) values.push_back(v);
  REQUIRE(!values.empty());
  return Labels(values);
}

bool equal(const arma::uvec& a, const arma::uvec& b) {
  return a.n_elem == b.n_elem && arma::all(a == b);
}

void check_equal_folds(const std::vector<Fold>& actual, const Case& c) {
  INFO(c.describe());
  REQUIRE(actual.size() == c.folds.size());
  Index wrong = 0;
  for (std::size_t f = 0; f < actual.size(); ++f)
    wrong += !equal(actual[f].train, c.folds[f].train) || !equal(actual[f].test, c.folds[f].test);
  CHECK(wrong == 0);
}

std::uint32_t seed_of(const Case& c) {
  return static_cast<std::uint32_t>(c.count("seed"));
}

}  // namespace

TEST_CASE("NumpyRandomState.permutation is numpy's", "[model_selection]") {
  // np.random.RandomState(0).permutation(10) and RandomState(7).permutation(5)
  fitkit::detail::NumpyRandomState zero(0);
  CHECK(equal(zero.permutation(10), arma::uvec{2, 8, 4, 9, 1, 6, 7, 3, 0, 5}));
  fitkit::detail::NumpyRandomState seven(7);
  std::vector<int> values{10, 20, 30, 40, 50};
  seven.shuffle(values);  // RandomState(7).shuffle of an array: [10, 40, 30, 20, 50]
  CHECK(values == std::vector<int>{10, 40, 30, 20, 50});
}

TEST_CASE("KFold gives scikit-learn's folds", "[model_selection]") {
  for (const Case& c : read_cases("kfold")) {
    const fitkit::KFold cv{c.count("n_splits"), c.count("shuffle") != 0, seed_of(c)};
    check_equal_folds(cv.split(c.count("n")), c);
  }
}

TEST_CASE("StratifiedKFold gives scikit-learn's folds", "[model_selection]") {
  fitkit::WarningCapture quiet;
  for (const Case& c : read_cases("stratified_kfold")) {
    const fitkit::StratifiedKFold cv{c.count("n_splits"), c.count("shuffle") != 0, seed_of(c)};
    check_equal_folds(cv.split(labels(c.params.at("labels"))), c);
  }
}

TEST_CASE("GroupKFold gives scikit-learn's folds", "[model_selection]") {
  for (const Case& c : read_cases("group_kfold")) {
    const fitkit::GroupKFold cv{c.count("n_splits")};
    check_equal_folds(cv.split(labels(c.params.at("labels"))), c);
  }
}

TEST_CASE("ShuffleSplit gives scikit-learn's splits", "[model_selection]") {
  for (const Case& c : read_cases("shuffle_split")) {
    const fitkit::ShuffleSplit cv{c.count("n_splits"), c.size("test_size"), c.size("train_size"),
                                  seed_of(c)};
    check_equal_folds(cv.split(c.count("n")), c);
  }
}

TEST_CASE("StratifiedShuffleSplit gives scikit-learn's splits", "[model_selection]") {
  for (const Case& c : read_cases("stratified_shuffle_split")) {
    const fitkit::StratifiedShuffleSplit cv{c.count("n_splits"), c.size("test_size"),
                                            c.size("train_size"), seed_of(c)};
    check_equal_folds(cv.split(labels(c.params.at("labels"))), c);
  }
}

TEST_CASE("train_test_split gives scikit-learn's split", "[model_selection]") {
  for (const Case& c : read_cases("train_test_split")) {
    const Labels y = labels(c.params.at("labels"));
    const Fold split = fitkit::train_test_split(
        c.count("n"), c.size("test_size"), c.size("train_size"), seed_of(c),
        c.count("shuffle") != 0, c.count("stratify") != 0 ? &y : nullptr);
    check_equal_folds({split}, c);
  }
}

TEST_CASE("Splitters refuse what scikit-learn refuses", "[model_selection]") {
  using fitkit::DataError;
  using fitkit::InvalidParameter;
  const Labels y{0, 0, 0, 1, 1, 1, 2, 2, 2, 2};
  CHECK_THROWS_AS(fitkit::KFold{1}.split(10), InvalidParameter);
  CHECK_THROWS_AS(fitkit::StratifiedKFold{0}.split(y), InvalidParameter);
  CHECK_THROWS_AS(fitkit::GroupKFold{1}.split(y), InvalidParameter);
  CHECK_THROWS_AS(fitkit::KFold{11}.split(10), DataError);
  CHECK_THROWS_AS(fitkit::GroupKFold{4}.split(y), DataError);       // 3 groups
  CHECK_THROWS_AS(fitkit::StratifiedKFold{5}.split(y), DataError);  // every class < 5
  {
    fitkit::WarningCapture warnings;
    CHECK(fitkit::StratifiedKFold{4}.split(y).size() == 4);  // class 0 has 3 members
    CHECK(warnings.warnings().size() == 1);
  }
  const Labels single{0, 0, 0, 1, 1, 1, 2};
  CHECK_THROWS_WITH(fitkit::StratifiedShuffleSplit{}.split(single),
                    Catch::Contains("The least populated class in y has only 1 member"));
  CHECK_THROWS_WITH(fitkit::train_test_split(7, SplitSize::fraction(0.5), {}, 0, true, &single),
                    Catch::Contains("which is too few"));
  // test_size / train_size out of range, as fractions and counts.
  for (const SplitSize bad :
       {SplitSize::fraction(0.0), SplitSize::fraction(1.0), SplitSize::fraction(-0.5),
        SplitSize::count(0), SplitSize::count(10)}) {
    CHECK_THROWS_AS(fitkit::train_test_split(10, bad, {}, 0), InvalidParameter);
    CHECK_THROWS_AS(fitkit::train_test_split(10, {}, bad, 0), InvalidParameter);
    CHECK_THROWS_AS((fitkit::ShuffleSplit{2, bad, {}, 0}.split(10)), InvalidParameter);
  }
  CHECK_THROWS_AS(
      fitkit::train_test_split(10, SplitSize::fraction(0.6), SplitSize::fraction(0.5), 0),
      InvalidParameter);
  CHECK_THROWS_AS(fitkit::train_test_split(10, SplitSize::count(6), SplitSize::count(5), 0),
                  DataError);
  // An empty training set: ceil(0.95 * 10) = 10 test rows.
  CHECK_THROWS_WITH(fitkit::train_test_split(10, SplitSize::fraction(0.95), {}, 0),
                    Catch::Contains("the resulting train set will be empty"));
  CHECK_THROWS_AS(fitkit::train_test_split(0, {}, {}, 0), DataError);
  // Fewer test rows than classes.
  CHECK_THROWS_AS(fitkit::train_test_split(10, SplitSize::count(2), {}, 0, true, &y), DataError);
  CHECK_THROWS_AS(fitkit::train_test_split(10, {}, {}, 0, false, &y), InvalidParameter);
  CHECK_THROWS_AS(fitkit::train_test_split(9, {}, {}, 0, true, &y), fitkit::DimensionMismatch);
}
