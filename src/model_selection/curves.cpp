#include "fitkit/model_selection/curves.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "core/numpy_random_state.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/params.hpp"
#include "fitkit/metrics/scorer.hpp"
#include "model_selection/fold_tasks.hpp"

namespace fitkit {
namespace {

// scikit-learn's _translate_train_sizes.
Vector absolute_sizes(const std::vector<SplitSize>& train_sizes, Index n_max) {
  if (train_sizes.empty()) throw InvalidParameter("train_sizes", "is empty");
  Vector sizes(train_sizes.size());
  for (std::size_t i = 0; i < train_sizes.size(); ++i) {
    const double s = train_sizes[i].value();
    if (train_sizes[i].is_fraction()) {
      if (!(s > 0.0 && s <= 1.0))
        throw InvalidParameter("train_sizes",
                               "fractions must be in (0, 1], got " + detail::format_double(s));
      sizes(i) = std::clamp<double>(std::trunc(s * static_cast<double>(n_max)), 1.0,
                                    static_cast<double>(n_max));
    } else {
      if (!(s >= 1.0 && s <= static_cast<double>(n_max)))
        throw InvalidParameter("train_sizes", "counts must be in [1, " + std::to_string(n_max) +
                                                  "], got " + detail::format_double(s));
      sizes(i) = s;
    }
  }
  return arma::unique(sizes);
}

}  // namespace

CurveScores validation_curve(const Estimator& estimator, const Matrix& X, const Vector& y,
                             const std::string& param_name,
                             const std::vector<std::string>& param_range,
                             const std::vector<Fold>& folds, const std::string& scoring) {
  if (!scoring.empty()) get_scorer(scoring);
  if (param_range.empty()) throw InvalidParameter("param_range", "is empty");
  detail::check_folds(folds, X.n_rows);
  std::vector<std::unique_ptr<Estimator>> models;
  for (const std::string& value : param_range) {
    models.push_back(estimator.clone());
    models.back()->set_param(param_name, value);
  }
  const Index n_values = param_range.size(), n_folds = folds.size();
  CurveScores out;
  out.train_scores.set_size(n_values, n_folds);
  out.test_scores.set_size(n_values, n_folds);
  detail::run_fold_tasks(n_values * n_folds, [&](Index task, detail::FoldBuffers& buffers) {
    const Index k = task / n_values, v = task % n_values;
    detail::load_fold(X, y, {}, folds, k, buffers);
    const std::unique_ptr<Estimator> model = models[v]->clone();
    model->fit(buffers.train.X, buffers.train.y);
    out.train_scores(v, k) =
        detail::score_by_name(scoring, *model, buffers.train.X, buffers.train.y);
    out.test_scores(v, k) = detail::score_by_name(scoring, *model, buffers.test.X, buffers.test.y);
  });
  return out;
}

CurveScores learning_curve(const Estimator& estimator, const Matrix& X, const Vector& y,
                           const std::vector<SplitSize>& train_sizes,
                           const std::vector<Fold>& given_folds, const std::string& scoring,
                           bool shuffle, std::uint32_t seed) {
  if (!scoring.empty()) get_scorer(scoring);
  detail::check_folds(given_folds, X.n_rows);
  std::vector<Fold> folds = given_folds;
  if (shuffle) {
    detail::NumpyRandomState rng(seed);
    for (Fold& fold : folds) rng.shuffle(fold.train);
  }
  CurveScores out;
  out.ticks = absolute_sizes(train_sizes, folds[0].train.n_elem);
  for (const Fold& fold : folds)
    if (fold.train.n_elem < out.ticks.max())
      throw DataError("learning_curve: a fold has " + std::to_string(fold.train.n_elem) +
                      " training rows, fewer than the largest size " +
                      detail::format_double(out.ticks.max()));
  const Index n_ticks = out.ticks.n_elem, n_folds = folds.size();
  out.train_scores.set_size(n_ticks, n_folds);
  out.test_scores.set_size(n_ticks, n_folds);
  detail::run_fold_tasks(n_ticks * n_folds, [&](Index task, detail::FoldBuffers& buffers) {
    const Index k = task / n_ticks, t = task % n_ticks;
    detail::load_fold(X, y, {}, folds, k, buffers);
    const auto size = static_cast<Index>(out.ticks(t));
    const Matrix train_X = buffers.train.X.head_rows(size);
    const Vector train_y = buffers.train.y.head(size);
    const std::unique_ptr<Estimator> model = estimator.clone();
    model->fit(train_X, train_y);
    out.train_scores(t, k) = detail::score_by_name(scoring, *model, train_X, train_y);
    out.test_scores(t, k) = detail::score_by_name(scoring, *model, buffers.test.X, buffers.test.y);
  });
  return out;
}

}  // namespace fitkit
