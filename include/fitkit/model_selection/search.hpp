#pragma once
// scikit-learn's GridSearchCV and RandomizedSearchCV over any estimator's parameters by name:
// every candidate fitted and scored on every fold (candidates and folds side by side on the
// threads set_num_threads allows, one fit per thread), ranked by mean test score, and the best
// refitted on all the data.
//
// Departures from scikit-learn: the searches are not estimators themselves (the refitted
// best_estimator is what a program saves); a candidate whose fit fails stops the search with
// that error (scikit-learn's error_score="raise"); RandomizedSearchCV samples value lists only
// (no scipy distributions), without replacement, with fitkit's own generator, so it picks the
// same candidates for a seed whatever the thread count, though not scikit-learn's.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fitkit/core/estimator.hpp"
#include "fitkit/model_selection/cross_validation.hpp"

namespace fitkit {

// Values to try, by parameter name, as the command line writes them:
// "max_depth=4,8,16;n_estimators=100,300".
using ParamGrid = std::vector<std::pair<std::string, std::vector<std::string>>>;
// InvalidParameter ("grid") for text that is not name=values;...
ParamGrid parse_param_grid(std::string_view text);
// Every combination, in scikit-learn's ParameterGrid order: names sorted, the last one
// varying fastest.
std::vector<ParamMap> grid_candidates(const ParamGrid& grid);

// scikit-learn's cv_results_, one entry per candidate.
struct SearchResults {
  std::vector<ParamMap> params;
  Matrix split_test_scores;  // candidates x folds
  Vector mean_test_score, std_test_score;
  arma::uvec rank_test_score;  // 1 for the best; equal means share the lower rank
  Vector mean_fit_time, std_fit_time, mean_score_time, std_score_time;
};

struct SearchOptions {
  std::string scoring;  // get_scorer's name; empty: the estimator's own score
  bool refit = true;
};

class SearchCV {
 public:
  virtual ~SearchCV() = default;
  // Checks every candidate's names and values on a clone first (InvalidParameter), before any
  // fit; DataError for bad folds.
  SearchCV& fit(const Matrix& X, const Vector& y, const std::vector<Fold>& folds,
                const Vector& sample_weight = {});

  const SearchResults& cv_results() const { return results_; }
  Index best_index() const { return best_index_; }
  const ParamMap& best_params() const { return results_.params.at(best_index_); }
  double best_score() const { return results_.mean_test_score(best_index_); }
  // The best candidate fitted on all the rows (refit); NotFitted before fit or without refit.
  const Estimator& best_estimator() const;
  std::unique_ptr<Estimator> release_best_estimator();

 protected:
  SearchCV(const Estimator& estimator, SearchOptions options);
  virtual std::vector<ParamMap> candidates() const = 0;

 private:
  std::unique_ptr<Estimator> estimator_;
  SearchOptions options_;
  SearchResults results_;
  Index best_index_ = 0;
  std::unique_ptr<Estimator> best_estimator_;
};

class GridSearchCV : public SearchCV {
 public:
  GridSearchCV(const Estimator& estimator, ParamGrid grid, SearchOptions options = {});

 protected:
  std::vector<ParamMap> candidates() const override;

 private:
  ParamGrid grid_;
};

// n_iter candidates drawn from the grid without replacement (all of them when it has fewer).
class RandomizedSearchCV : public SearchCV {
 public:
  RandomizedSearchCV(const Estimator& estimator, ParamGrid distributions, Index n_iter,
                     std::uint64_t seed, SearchOptions options = {});

 protected:
  std::vector<ParamMap> candidates() const override;

 private:
  ParamGrid distributions_;
  Index n_iter_;
  std::uint64_t seed_;
};

}  // namespace fitkit
