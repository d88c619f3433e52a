#include "fitkit/model_selection/search.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "fitkit/core/error.hpp"
#include "fitkit/core/random.hpp"
#include "fitkit/core/timer.hpp"
#include "fitkit/metrics/scorer.hpp"
#include "model_selection/fold_tasks.hpp"

namespace fitkit {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// scikit-learn's mean and (population) standard deviation of each row.
void mean_and_std(const Matrix& values, Vector& mean, Vector& std) {
  mean = arma::mean(values, 1);
  std.set_size(values.n_rows);
  for (Index i = 0; i < values.n_rows; ++i)
    std(i) = std::sqrt(arma::mean(arma::square(values.row(i).t() - mean(i))));
}

}  // namespace

ParamGrid parse_param_grid(std::string_view text) {
  ParamGrid grid;
  while (!trimmed(text).empty()) {
    const std::size_t end = text.find(';');
    const std::string_view item = trimmed(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (item.empty()) continue;
    const std::size_t equals = item.find('=');
    const std::string name(trimmed(item.substr(0, equals)));
    if (equals == std::string_view::npos || name.empty())
      throw InvalidParameter("grid", "'" + std::string(item) + "' is not name=value,value,...");
    std::vector<std::string> values;
    for (const std::string_view value : detail::split_list(item.substr(equals + 1)))
      values.emplace_back(value);
    if (values.empty() ||
        std::any_of(values.begin(), values.end(), [](const std::string& v) { return v.empty(); }))
      throw InvalidParameter("grid", "'" + name + "' has an empty value");
    for (const auto& [seen, _] : grid)
      if (seen == name) throw InvalidParameter("grid", "'" + name + "' is given twice");
    grid.emplace_back(name, std::move(values));
  }
  if (grid.empty()) throw InvalidParameter("grid", "no parameters to search");
  return grid;
}

std::vector<ParamMap> grid_candidates(const ParamGrid& grid) {
  ParamGrid sorted = grid;
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<ParamMap> out(1);
  for (const auto& [name, values] : sorted) {
    std::vector<ParamMap> next;
    for (const ParamMap& partial : out)
      for (const std::string& value : values) {
        next.push_back(partial);
        next.back()[name] = value;
      }
    out = std::move(next);
  }
  return out;
}

SearchCV::SearchCV(const Estimator& estimator, SearchOptions options)
    : estimator_(estimator.clone()), options_(std::move(options)) {}

SearchCV& SearchCV::fit(const Matrix& X, const Vector& y, const std::vector<Fold>& folds,
                        const Vector& sample_weight) {
  if (!options_.scoring.empty()) get_scorer(options_.scoring);
  detail::check_folds(folds, X.n_rows);
  const std::vector<ParamMap> params = candidates();
  std::vector<std::unique_ptr<Estimator>> models;
  for (const ParamMap& p : params) {
    models.push_back(estimator_->clone());
    models.back()->set_params(p);
  }
  const Index n_candidates = params.size(), n_folds = folds.size();
  Matrix scores(n_candidates, n_folds), fit_time(n_candidates, n_folds),
      score_time(n_candidates, n_folds);
  // Fold by fold, so that a thread's next task mostly finds its fold's rows copied already.
  detail::run_fold_tasks(n_candidates * n_folds, [&](Index task, detail::FoldBuffers& buffers) {
    const Index k = task / n_candidates, c = task % n_candidates;
    detail::load_fold(X, y, sample_weight, folds, k, buffers);
    const detail::FoldData& train = buffers.train;
    const detail::FoldData& test = buffers.test;
    const std::unique_ptr<Estimator> model = models[c]->clone();
    const Timer fitting;
    model->fit(train.X, train.y, train.sample_weight);
    fit_time(c, k) = fitting.seconds();
    const Timer scoring;
    scores(c, k) = detail::score_by_name(options_.scoring, *model, test.X, test.y);
    score_time(c, k) = scoring.seconds();
  });

  SearchResults r;
  r.params = params;
  r.split_test_scores = scores;
  mean_and_std(scores, r.mean_test_score, r.std_test_score);
  mean_and_std(fit_time, r.mean_fit_time, r.std_fit_time);
  mean_and_std(score_time, r.mean_score_time, r.std_score_time);
  // Rank 1 + the number of strictly better means (scipy's rankdata "min" of -mean); a NaN
  // mean ranks with the worst.
  r.rank_test_score.set_size(n_candidates);
  const auto better = [](double a, double b) { return !std::isnan(a) && (std::isnan(b) || a > b); };
  for (Index c = 0; c < n_candidates; ++c) {
    Index rank = 1;
    for (Index o = 0; o < n_candidates; ++o)
      if (better(r.mean_test_score(o), r.mean_test_score(c))) ++rank;
    r.rank_test_score(c) = rank;
  }
  best_index_ = r.rank_test_score.index_min();
  results_ = std::move(r);
  best_estimator_.reset();
  if (options_.refit) {
    best_estimator_ = std::move(models[best_index_]);
    best_estimator_->fit(X, y, sample_weight);
  }
  return *this;
}

const Estimator& SearchCV::best_estimator() const {
  if (!best_estimator_) throw NotFitted("the search (or its refit)");
  return *best_estimator_;
}

std::unique_ptr<Estimator> SearchCV::release_best_estimator() {
  if (!best_estimator_) throw NotFitted("the search (or its refit)");
  return std::move(best_estimator_);
}

GridSearchCV::GridSearchCV(const Estimator& estimator, ParamGrid grid, SearchOptions options)
    : SearchCV(estimator, std::move(options)), grid_(std::move(grid)) {
  if (grid_.empty()) throw InvalidParameter("grid", "no parameters to search");
}

std::vector<ParamMap> GridSearchCV::candidates() const {
  return grid_candidates(grid_);
}

RandomizedSearchCV::RandomizedSearchCV(const Estimator& estimator, ParamGrid distributions,
                                       Index n_iter, std::uint64_t seed, SearchOptions options)
    : SearchCV(estimator, std::move(options)),
      distributions_(std::move(distributions)),
      n_iter_(n_iter),
      seed_(seed) {
  if (distributions_.empty()) throw InvalidParameter("grid", "no parameters to search");
  if (n_iter_ < 1) throw InvalidParameter("n_iter", "must be at least 1");
}

std::vector<ParamMap> RandomizedSearchCV::candidates() const {
  std::vector<ParamMap> all = grid_candidates(distributions_);
  const Index n = std::min<Index>(n_iter_, all.size());
  Random rng(seed_);
  // The first n of a Fisher-Yates shuffle.
  for (Index i = 0; i < n; ++i) std::swap(all[i], all[i + rng.uniform_index(all.size() - i)]);
  all.resize(n);
  return all;
}

}  // namespace fitkit
