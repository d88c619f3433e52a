#include "fitkit/linear/logistic_regression.hpp"

#include "core/payload.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/core/warnings.hpp"
#include "linear/lbfgs.hpp"
#include "linear/logistic_loss.hpp"

namespace fitkit {
namespace {

struct Solution {
  Matrix W;  // n_features x n_outputs
  Vector b;  // n_outputs (zeros without an intercept)
  int n_iter = 0;
  double pg_max = 0;  // set when the solver stopped short of tol, else 0
  bool line_search_failed = false;
};

Solution solve(const Matrix& X, const Vector& weight, const arma::uvec& target, Index n_outputs,
               const LogisticRegressionParams& params) {
  double l2 = 0, l1 = 0;
  switch (params.penalty) {
    case LogisticPenalty::l2:
      l2 = 1.0 / params.C;
      break;
    case LogisticPenalty::l1:
      l1 = 1.0 / params.C;
      break;
    case LogisticPenalty::elasticnet:
      l2 = (1.0 - params.l1_ratio) / params.C;
      l1 = params.l1_ratio / params.C;
      break;
    case LogisticPenalty::none:
      break;
  }
  detail::LogisticProblem problem{&X, &weight, &target, n_outputs, params.fit_intercept, l2};
  const Index n_params = detail::logistic_n_params(problem);
  const Index n_w = X.n_cols * n_outputs;
  Vector theta(n_params, arma::fill::zeros);
  Vector l1_weights;
  if (l1 > 0) {
    l1_weights.zeros(n_params);
    l1_weights.head(n_w).fill(l1);
  }
  detail::LbfgsOptions options;
  options.max_iter = params.max_iter;
  options.gtol = params.tol;
  // scipy's relative decrease of 2.2e-9 (what scikit-learn stops on, in practice), or tol²
  // when that is smaller: a tight tol then really gives a tight solution.
  options.ftol = std::min(options.ftol, params.tol * params.tol);
  const auto result = detail::minimize_lbfgs(
      [&](const Vector& x, Vector& g) { return detail::logistic_loss_gradient(problem, x, g); },
      theta, l1_weights, options);
  Solution s;
  s.W = Matrix(theta.memptr(), X.n_cols, n_outputs);
  s.b = params.fit_intercept ? Vector(theta.tail(n_outputs)) : Vector(n_outputs, arma::fill::zeros);
  // Multinomial intercepts are defined up to a common shift: centre them (scikit-learn's
  // solvers, started from zero, keep their sum at zero).
  if (n_outputs > 1 && params.fit_intercept) s.b -= arma::mean(s.b);
  s.n_iter = result.n_iter;
  if (!result.converged) s.pg_max = result.pg_max;
  s.line_search_failed = result.line_search_failed;
  return s;
}

Matrix softmax_rows(Matrix scores) {
  for (Index i = 0; i < scores.n_rows; ++i) {
    const double zmax = scores.row(i).max();
    double sum = 0;
    for (Index k = 0; k < scores.n_cols; ++k) sum += (scores(i, k) = std::exp(scores(i, k) - zmax));
    scores.row(i) /= sum;
  }
  return scores;
}

double sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

}  // namespace

LogisticRegression& LogisticRegression::fit(const Matrix& X, const Labels& y) {
  return fit_weighted(X, y, nullptr);
}

LogisticRegression& LogisticRegression::fit(const Matrix& X, const Labels& y,
                                            const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight);
}

LogisticRegression& LogisticRegression::fit_weighted(const Matrix& X, const Labels& y,
                                                     const Vector* sample_weight) {
  validate_params(params_);
  auto [classes, index] = index_classes(X, y);
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);
  const Index n_classes = classes.n_elem;
  const bool multinomial = params_.multi_class == LogisticMultiClass::multinomial ||
                           (params_.multi_class == LogisticMultiClass::automatic && n_classes > 2);
  Vector weight = sample_weight != nullptr ? *sample_weight : Vector(X.n_rows, arma::fill::ones);
  // As scikit-learn: weights given per label apply to the labels as they are, and so does
  // balanced with one multinomial problem; with one-vs-rest, balanced weighs each binary
  // problem's two sides.
  const bool balanced = params_.class_weight.mode == ClassWeightMode::balanced;
  if (params_.class_weight.mode == ClassWeightMode::given || (balanced && multinomial)) {
    const Vector cw = params_.class_weight.per_class(classes, index);
    for (Index i = 0; i < weight.n_elem; ++i) weight(i) *= cw(index(i));
  }

  Matrix coef;
  Vector intercept;
  Index n_iter = 0;
  double pg_max = 0;  // of the solves that stopped short of tol
  bool line_search_failed = false;
  if (multinomial) {
    const Solution s = solve(X, weight, index, n_classes, params_);
    n_iter = static_cast<Index>(s.n_iter);
    pg_max = s.pg_max;
    line_search_failed = s.line_search_failed;
    if (n_classes == 2) {
      // scikit-learn keeps the second class's row, and predicts with the softmax of (-d, d):
      // the model's own probabilities only when the rows are opposite. With l1 they need
      // not be (|W0| + |W1| is flat along W0 + W1 where their signs differ); the opposite
      // pair with the same difference has the same loss and no larger penalty.
      coef = (0.5 * (s.W.col(1) - s.W.col(0))).t();
      intercept = Vector{s.b(1)};
    } else {
      coef = s.W.t();
      intercept = s.b;
    }
  } else {
    const Index n_problems = n_classes == 2 ? 1 : n_classes;
    coef.set_size(n_problems, X.n_cols);
    intercept.set_size(n_problems);
    for (Index k = 0; k < n_problems; ++k) {
      const Index positive = n_classes == 2 ? 1 : k;
      const arma::uvec target = arma::conv_to<arma::uvec>::from(index == positive);
      Vector w = weight;
      if (balanced) {
        const Vector cw = ClassWeight(ClassWeightMode::balanced).per_class(Labels{0, 1}, target);
        for (Index i = 0; i < w.n_elem; ++i) w(i) *= cw(target(i));
      }
      const Solution s = solve(X, w, target, 1, params_);
      coef.row(k) = s.W.col(0).t();
      intercept(k) = s.b(0);
      n_iter = std::max<Index>(n_iter, static_cast<Index>(s.n_iter));
      pg_max = std::max(pg_max, s.pg_max);
      line_search_failed = line_search_failed || s.line_search_failed;
    }
  }
  if (!coef.is_finite() || !intercept.is_finite())
    throw Error("LogisticRegression: the solver diverged (non-finite coefficients)");
  // As scikit-learn's ConvergenceWarning from lbfgs: at max_iter, or when the line search
  // stopped it (scipy's ABNORMAL_TERMINATION_IN_LNSRCH).
  if (pg_max > 0)
    warn_not_converged(type_name(),
                       line_search_failed ? n_iter : static_cast<Index>(params_.max_iter),
                       std::string(line_search_failed ? "the line search failed; " : "") +
                           "largest gradient entry " + detail::format_double(pg_max) + " > tol " +
                           detail::format_double(params_.tol));

  reset_fitted();
  classes_ = std::move(classes);
  coef_ = std::move(coef);
  intercept_ = std::move(intercept);
  n_iter_ = n_iter;
  multinomial_ = multinomial;
  set_n_features_in(X.n_cols);
  return *this;
}

Tags LogisticRegression::tags() const {
  Tags t = Classifier::tags();
  t.sample_weight = true;
  t.predict_proba = true;
  t.decision_function = true;
  return t;
}

Matrix LogisticRegression::decision_function(const Matrix& X) const {
  check_predict_input(X);
  return detail::linear_scores(X, coef_, intercept_);
}

Labels LogisticRegression::predict(const Matrix& X) const {
  return labels_of(detail::linear_decision_classes(decision_function(X)));
}

Matrix LogisticRegression::predict_proba(const Matrix& X) const {
  const Matrix scores = decision_function(X);
  if (multinomial_) {
    if (scores.n_cols == 1) return softmax_rows(arma::join_rows(-scores, scores));
    return softmax_rows(scores);
  }
  if (scores.n_cols == 1) {
    Matrix proba(scores.n_rows, 2);
    for (Index i = 0; i < scores.n_rows; ++i) {
      proba(i, 1) = sigmoid(scores(i, 0));
      proba(i, 0) = 1.0 - proba(i, 1);
    }
    return proba;
  }
  Matrix proba = scores;
  proba.transform([](double z) { return sigmoid(z); });
  proba.each_col() /= arma::sum(proba, 1);
  return proba;
}

Matrix LogisticRegression::predict_log_proba(const Matrix& X) const {
  const Matrix proba = predict_proba(X);
  // Armadillo's log would wake every thread from 320 entries up; one costs about 10 ns.
  constexpr double kLogNanoseconds = 10;
  const detail::ScopedThreadLimit elementwise(detail::threads_for(kLogNanoseconds * proba.n_elem));
  return arma::log(proba);
}

const Matrix& LogisticRegression::coef() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return coef_;
}

const Vector& LogisticRegression::intercept() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return intercept_;
}

Index LogisticRegression::n_iter() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return n_iter_;
}

void LogisticRegression::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  describe_classes(out);
  out << (multinomial_ ? "multinomial" : "one-vs-rest") << ", " << n_iter_ << " iterations\n";
  describe_class_coefficients(out, coef_, intercept_);
}

template <class Archive>
void LogisticRegression::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::uint64_t n_iter = n_iter_;
  ar(cereal::make_nvp("coef", detail::arma_ref(coef_)),
     cereal::make_nvp("intercept", detail::arma_ref(intercept_)),
     cereal::make_nvp("n_iter", n_iter), cereal::make_nvp("multinomial", multinomial_));
  if constexpr (Archive::is_loading::value) {
    n_iter_ = static_cast<Index>(n_iter);
    const Index k = classes_.n_elem;  // read and checked by Classifier
    const Index rows = k == 2 ? 1 : k;
    if (coef_.n_rows != rows || coef_.n_cols != n_features_in())
      throw detail::FormatProblem("coef is " + std::to_string(coef_.n_rows) + " x " +
                                  std::to_string(coef_.n_cols) + ", expected " +
                                  std::to_string(rows) + " x " + std::to_string(n_features_in()));
    if (intercept_.n_elem != rows)
      throw detail::FormatProblem("intercept has " + std::to_string(intercept_.n_elem) +
                                  " entries, expected " + std::to_string(rows));
    if (!coef_.is_finite() || !intercept_.is_finite())
      throw detail::FormatProblem("non-finite coefficients");
  }
}

FITKIT_DEFINE_PAYLOAD(LogisticRegression)

}  // namespace fitkit
