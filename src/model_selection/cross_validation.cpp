#include "fitkit/model_selection/cross_validation.hpp"

#include <algorithm>
#include <memory>
#include <string>

#include "core/row_gather.hpp"
#include "fitkit/core/classifier.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/fold_fits.hpp"
#include "fitkit/core/timer.hpp"
#include "fitkit/metrics/scorer.hpp"
#include "model_selection/fold_tasks.hpp"

namespace fitkit {
std::vector<Fold> default_folds(const Estimator& estimator, const Vector& y, Index n_samples,
                                Index n_splits, bool shuffle, std::uint32_t seed) {
  if (estimator.kind() == EstimatorKind::classifier && !y.is_empty())
    return StratifiedKFold{n_splits, shuffle, seed}.split(labels_from_values(y, "StratifiedKFold"));
  return KFold{n_splits, shuffle, seed}.split(n_samples);
}

std::vector<Fold> predefined_split(const Vector& test_fold) {
  double n_folds = -1;
  for (const double k : test_fold) {
    if (k != std::floor(k))
      throw DataError("a test fold must be an integer, not " + std::to_string(k));
    n_folds = std::max(n_folds, k);
  }
  std::vector<Fold> folds;
  for (double k = 0; k <= n_folds; ++k) {
    const arma::uvec test = arma::find(test_fold == k);
    if (test.is_empty()) continue;
    folds.push_back({arma::find(test_fold != k), test});
  }
  return folds;
}

namespace {

// Folds whose test rows are every row once, each fold training on all the others (K-fold
// splits; not shuffle splits, which leave rows out).
bool partition_rows(const std::vector<Fold>& folds, Index n_rows) {
  arma::uvec tested(n_rows, arma::fill::zeros);
  std::vector<bool> in_test(n_rows);
  for (const Fold& fold : folds) {
    if (fold.train.n_elem + fold.test.n_elem != n_rows) return false;
    tested(fold.test) += 1;
    std::fill(in_test.begin(), in_test.end(), false);
    for (const arma::uword i : fold.test) in_test[i] = true;
    for (const arma::uword i : fold.train)
      if (in_test[i]) return false;
  }
  return arma::all(tested == 1);
}

// An estimator that fits every fold at once (FoldFits), when it can: the folds' models, then
// their test scores. False: the folds are to be fitted one by one.
bool cross_validate_at_once(const Estimator& estimator, const Matrix& X, const Vector& y,
                            const std::vector<Fold>& folds, const Vector& sample_weight,
                            const std::vector<std::string>& names, CrossValidation& out) {
  const auto* at_once = dynamic_cast<const FoldFits*>(&estimator);
  if (at_once == nullptr || !sample_weight.is_empty() || !partition_rows(folds, X.n_rows))
    return false;
  std::vector<arma::uvec> test_rows;
  for (const Fold& fold : folds) test_rows.push_back(fold.test);
  const Timer fitting;
  const std::vector<std::unique_ptr<Estimator>> models = at_once->fit_folds(X, y, test_rows);
  if (models.size() != folds.size()) return false;
  out.fit_time.fill(fitting.seconds() / static_cast<double>(folds.size()));
  detail::run_fold_tasks(folds.size(), [&](Index k, detail::FoldBuffers& buffers) {
    const Timer scoring;
    buffers.fold = -1;  // its training rows are not loaded
    detail::gather_rows(X, folds[k].test, buffers.test.X);
    const Vector test_y = y(folds[k].test);
    for (std::size_t s = 0; s < names.size(); ++s)
      out.test_scores(k, s) = detail::score_by_name(names[s], *models[k], buffers.test.X, test_y);
    out.score_time(k) = scoring.seconds();
  });
  return true;
}

}  // namespace

CrossValidation cross_validate(const Estimator& estimator, const Matrix& X, const Vector& y,
                               const std::vector<Fold>& folds, const CrossValidateOptions& options,
                               const Vector& sample_weight) {
  detail::check_folds(folds, X.n_rows);
  CrossValidation out;
  std::vector<std::string> names = options.scoring;
  if (names.empty()) names.push_back("");
  for (const std::string& name : names) {
    if (!name.empty()) get_scorer(name);  // an unknown name, before any fit
    out.scoring.push_back(name.empty() ? "score" : name);
  }
  const Index n_folds = folds.size();
  out.test_scores.set_size(n_folds, names.size());
  if (options.return_train_score) out.train_scores.set_size(n_folds, names.size());
  out.fit_time.set_size(n_folds);
  out.score_time.set_size(n_folds);
  if (!options.return_train_score &&
      cross_validate_at_once(estimator, X, y, folds, sample_weight, names, out))
    return out;
  detail::run_fold_tasks(n_folds, [&](Index k, detail::FoldBuffers& buffers) {
    detail::load_fold(X, y, sample_weight, folds, k, buffers);
    const detail::FoldData& train = buffers.train;
    const detail::FoldData& test = buffers.test;
    const std::unique_ptr<Estimator> model = estimator.clone();
    const Timer fitting;
    model->fit(train.X, train.y, train.sample_weight);
    out.fit_time(k) = fitting.seconds();
    const Timer scoring;
    for (std::size_t s = 0; s < names.size(); ++s) {
      out.test_scores(k, s) = detail::score_by_name(names[s], *model, test.X, test.y);
      if (options.return_train_score)
        out.train_scores(k, s) = detail::score_by_name(names[s], *model, train.X, train.y);
    }
    out.score_time(k) = scoring.seconds();
  });
  return out;
}

Vector cross_val_score(const Estimator& estimator, const Matrix& X, const Vector& y,
                       const std::vector<Fold>& folds, const std::string& scoring,
                       const Vector& sample_weight) {
  CrossValidateOptions options;
  options.scoring = {scoring};
  return cross_validate(estimator, X, y, folds, options, sample_weight).test_scores.col(0);
}

Matrix cross_val_predict(const Estimator& estimator, const Matrix& X, const Vector& y,
                         const std::vector<Fold>& folds, PredictMethod method,
                         const Vector& sample_weight) {
  detail::check_folds(folds, X.n_rows);
  arma::uvec tested(X.n_rows, arma::fill::zeros);
  for (const Fold& fold : folds) tested(fold.test) += 1;
  if (arma::any(tested != 1))
    throw DataError("cross_val_predict needs folds that test every row exactly once");
  std::vector<Matrix> outputs(folds.size());
  detail::run_fold_tasks(folds.size(), [&](Index k, detail::FoldBuffers& buffers) {
    detail::load_fold(X, y, sample_weight, folds, k, buffers);
    const detail::FoldData& train = buffers.train;
    const std::unique_ptr<Estimator> model = estimator.clone();
    model->fit(train.X, train.y, train.sample_weight);
    const Matrix& test = buffers.test.X;
    switch (method) {
      case PredictMethod::predict:
        outputs[k] = Matrix(model->predict(test));
        break;
      case PredictMethod::predict_proba:
        outputs[k] = model->predict_proba(test);
        break;
      case PredictMethod::decision_function:
        outputs[k] = model->decision_function(test);
        break;
    }
  });
  for (std::size_t k = 1; k < outputs.size(); ++k)
    if (outputs[k].n_cols != outputs[0].n_cols)
      throw DataError("cross_val_predict: fold " + std::to_string(k) + " gives " +
                      std::to_string(outputs[k].n_cols) + " columns and fold 0 " +
                      std::to_string(outputs[0].n_cols) +
                      " (a class missing from a fold's training rows)");
  Matrix out(X.n_rows, outputs[0].n_cols);
  for (std::size_t k = 0; k < folds.size(); ++k) out.rows(folds[k].test) = outputs[k];
  return out;
}

}  // namespace fitkit
