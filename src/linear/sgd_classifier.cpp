#include "fitkit/linear/sgd_classifier.hpp"

#include "core/payload.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>

#include "fitkit/core/error.hpp"
#include "fitkit/core/random.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/core/warnings.hpp"
#include "linear/logistic_loss.hpp"
#include "linear/sgd.hpp"

namespace fitkit {
namespace {

detail::SgdLoss engine_loss(SgdClassifierLoss loss) {
  switch (loss) {
    case SgdClassifierLoss::hinge:
      return detail::SgdLoss::hinge;
    case SgdClassifierLoss::log_loss:
      return detail::SgdLoss::log;
    case SgdClassifierLoss::modified_huber:
      return detail::SgdLoss::modified_huber;
    case SgdClassifierLoss::squared_hinge:
      return detail::SgdLoss::squared_hinge;
    case SgdClassifierLoss::perceptron:
      return detail::SgdLoss::perceptron;
    case SgdClassifierLoss::squared_error:
      return detail::SgdLoss::squared_error;
    case SgdClassifierLoss::huber:
      return detail::SgdLoss::huber;
    case SgdClassifierLoss::epsilon_insensitive:
      return detail::SgdLoss::epsilon_insensitive;
    case SgdClassifierLoss::squared_epsilon_insensitive:
      return detail::SgdLoss::squared_epsilon_insensitive;
  }
  return detail::SgdLoss::hinge;
}

detail::SgdSettings settings_of(SGDClassifierParams& params) {
  validate_params(params);
  detail::SgdSettings settings = detail::sgd_settings(params, engine_loss(params.loss));
  settings.score_accuracy = true;
  detail::check_sgd_settings(settings);
  return settings;
}

// The random stream of the validation split (the problems use streams 0, 1, ...).
constexpr std::uint64_t validation_stream = std::uint64_t{1} << 40;

// Index of each label in `classes` (sorted); a label not there is a DataError.
arma::uvec index_in(const Labels& y, const Labels& classes, const std::string& estimator) {
  arma::uvec index(y.n_elem);
  for (Index i = 0; i < y.n_elem; ++i) {
    const auto it = std::lower_bound(classes.begin(), classes.end(), y(i));
    if (it == classes.end() || *it != y(i))
      throw DataError(estimator + ": label " + std::to_string(y(i)) + " at row " +
                      std::to_string(i + 1) +
                      " is not one of the classes given to the first partial_fit");
    index(i) = static_cast<arma::uword>(it - classes.begin());
  }
  return index;
}

double sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

}  // namespace

SGDClassifier& SGDClassifier::fit(const Matrix& X, const Labels& y) {
  return fit_weighted(X, y, nullptr);
}

SGDClassifier& SGDClassifier::fit(const Matrix& X, const Labels& y, const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight);
}

SGDClassifier& SGDClassifier::partial_fit(const Matrix& X, const Labels& y, const Labels& classes) {
  return partial_fit_weighted(X, y, classes, nullptr);
}

SGDClassifier& SGDClassifier::partial_fit(const Matrix& X, const Labels& y, const Labels& classes,
                                          const Vector& sample_weight) {
  return partial_fit_weighted(X, y, classes, &sample_weight);
}

void SGDClassifier::partial_fit_values(const Matrix& X, const Vector& y, const Vector& classes,
                                       const Vector& sample_weight) {
  const Labels labels = classes.is_empty() ? Labels() : labels_from_values(classes, type_name());
  partial_fit_weighted(X, labels_from_values(y, type_name()), labels,
                       sample_weight.is_empty() ? nullptr : &sample_weight);
}

// One-vs-rest over the classes of `index` (two classes: one problem, the second positive),
// from and into the standard/average state, `max_iter` epochs from sample count t_.
void SGDClassifier::run(const Matrix& X, const arma::uvec& index, const Vector& sample_weight,
                        const Vector& class_weight, int max_iter) {
  const detail::SgdSettings settings = settings_of(params_);
  const Index n_classes = class_weight.n_elem;
  const Index n_problems = n_classes == 2 ? 1 : n_classes;
  const bool averaging = params_.average > 0;
  std::vector<detail::SgdLine> lines(n_problems);
  for (Index k = 0; k < n_problems; ++k) {
    lines[k].coef = standard_coef_.row(k).t();
    lines[k].intercept = standard_intercept_(k);
    if (averaging && average_coef_.n_rows == n_problems) {
      lines[k].average_coef = average_coef_.row(k).t();
      lines[k].average_intercept = average_intercept_(k);
    }
  }
  const auto targets = [&](Index k) {
    const Index positive = n_classes == 2 ? 1 : k;
    detail::SgdTargets out;
    out.y.set_size(index.n_elem);
    for (Index i = 0; i < index.n_elem; ++i) out.y(i) = index(i) == positive ? 1.0 : -1.0;
    out.weight_pos = class_weight(positive);
    out.weight_neg = n_classes == 2 ? class_weight(0) : 1.0;
    return out;
  };
  // early_stopping (fit only): one validation split for all the classes, stratified.
  const std::vector<unsigned char> held_out =
      settings.early_stopping && max_iter > 1
          ? detail::early_stopping_split(index.n_elem, params_.validation_fraction, &index,
                                         Random(params_.seed).substream(validation_stream)())
          : std::vector<unsigned char>();
  const Index n_iter = detail::sgd_fit_lines(settings, X, sample_weight, targets, t_, max_iter,
                                             params_.seed, lines, held_out);

  for (Index k = 0; k < n_problems; ++k) {
    standard_coef_.row(k) = lines[k].coef.t();
    standard_intercept_(k) = lines[k].intercept;
  }
  if (averaging) {
    average_coef_.set_size(n_problems, X.n_cols);
    average_intercept_.set_size(n_problems);
    for (Index k = 0; k < n_problems; ++k) {
      average_coef_.row(k) = lines[k].average_coef.t();
      average_intercept_(k) = lines[k].average_intercept;
    }
  } else {
    average_coef_.reset();
    average_intercept_.reset();
  }
  t_ += static_cast<double>(n_iter) * static_cast<double>(X.n_rows);
  n_iter_ = n_iter;
  // scikit-learn's coef_: the mean once `average` samples have been seen, else the iterate.
  const bool use_average = averaging && static_cast<double>(params_.average) <= t_ - 1;
  coef_ = use_average ? average_coef_ : standard_coef_;
  intercept_ = use_average ? average_intercept_ : standard_intercept_;
}

SGDClassifier& SGDClassifier::fit_weighted(const Matrix& X, const Labels& y,
                                           const Vector* sample_weight) {
  settings_of(params_);  // parameter errors before anything else
  const bool warm = params_.warm_start && is_fitted();
  SGDClassifier next(params_);  // this model stays as it was if anything below throws
  auto [classes, index] = index_classes(X, y);
  next.classes_ = std::move(classes);
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);
  const Index n_classes = next.classes_.n_elem;
  const Index n_problems = n_classes == 2 ? 1 : n_classes;
  if (warm && (coef_.n_rows != n_problems || coef_.n_cols != X.n_cols))
    throw DimensionMismatch(type_name() + ": warm_start from a model of " +
                            std::to_string(coef_.n_rows) + " x " + std::to_string(coef_.n_cols) +
                            " coefficients, but this fit needs " + std::to_string(n_problems) +
                            " x " + std::to_string(X.n_cols));
  next.standard_coef_ = warm ? coef_ : Matrix(n_problems, X.n_cols, arma::fill::zeros);
  next.standard_intercept_ = warm ? intercept_ : Vector(n_problems, arma::fill::zeros);
  next.t_ = 1.0;
  const Vector weight =
      sample_weight != nullptr ? *sample_weight : Vector(X.n_rows, arma::fill::ones);
  const Vector class_weight = params_.class_weight.per_class(next.classes_, index);
  next.run(X, index, weight, class_weight, params_.max_iter);
  next.set_n_features_in(X.n_cols);
  *this = std::move(next);
  if (params_.tol >= 0 && n_iter_ == static_cast<Index>(params_.max_iter))
    warn_not_converged(type_name(), n_iter_,
                       "the epoch loss still fell by more than tol * n_samples");
  return *this;
}

SGDClassifier& SGDClassifier::partial_fit_weighted(const Matrix& X, const Labels& y,
                                                   const Labels& classes,
                                                   const Vector* sample_weight) {
  settings_of(params_);
  if (params_.early_stopping)
    throw InvalidParameter("early_stopping",
                           "needs a validation set from all the data; partial_fit sees one chunk "
                           "at a time (set it false)");
  if (params_.class_weight.mode == ClassWeightMode::balanced)
    throw InvalidParameter("class_weight",
                           "balanced needs the class counts of all the data, which partial_fit "
                           "does not see; give sample weights instead");
  check_fit_input(X, arma::conv_to<Vector>::from(y), type_name());
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);
  const bool first = !is_fitted();
  Labels known;
  if (first) {
    if (classes.is_empty())
      throw InvalidParameter("classes",
                             "must be given on the first call to partial_fit (every label the "
                             "data will hold)");
    known = arma::unique(classes);
    if (known.n_elem < 2)
      throw DataError(type_name() + " needs at least two classes, but classes lists only one");
  } else {
    if (X.n_cols != n_features_in())
      throw DimensionMismatch("X has " + std::to_string(X.n_cols) + " features, but " +
                              type_name() + " was fitted with " + std::to_string(n_features_in()));
    if (!classes.is_empty()) {
      const Labels given = arma::unique(classes);
      if (given.n_elem != classes_.n_elem || arma::any(given != classes_))
        throw InvalidParameter("classes",
                               "must be the model's classes, as given to the first "
                               "partial_fit");
    }
    known = classes_;
  }
  const arma::uvec index = index_in(y, known, type_name());
  const Index n_problems = known.n_elem == 2 ? 1 : known.n_elem;

  SGDClassifier next = *this;
  if (first) {
    next.reset_fitted();
    next.classes_ = known;
    next.standard_coef_.zeros(n_problems, X.n_cols);
    next.standard_intercept_.zeros(n_problems);
    next.average_coef_.reset();
    next.average_intercept_.reset();
    next.t_ = 1.0;
  }
  const Vector weight =
      sample_weight != nullptr ? *sample_weight : Vector(X.n_rows, arma::fill::ones);
  next.run(X, index, weight, params_.class_weight.per_class(known, index), 1);
  if (first) next.set_n_features_in(X.n_cols);
  *this = std::move(next);
  return *this;
}

Matrix SGDClassifier::decision_function(const Matrix& X) const {
  check_predict_input(X);
  return detail::linear_scores(X, coef_, intercept_);
}

Labels SGDClassifier::predict(const Matrix& X) const {
  return labels_of(detail::linear_decision_classes(decision_function(X)));
}

Tags SGDClassifier::tags() const {
  Tags t = Classifier::tags();
  t.sample_weight = true;
  t.decision_function = true;
  t.partial_fit = true;
  t.predict_proba = params_.loss == SgdClassifierLoss::log_loss ||
                    params_.loss == SgdClassifierLoss::modified_huber;
  return t;
}

Matrix SGDClassifier::predict_proba(const Matrix& X) const {
  if (!tags().predict_proba)
    throw Error("SGDClassifier has predict_proba only for loss log_loss or modified_huber");
  const Matrix scores = decision_function(X);
  const bool log_loss = params_.loss == SgdClassifierLoss::log_loss;
  // log_loss: sigmoids; modified_huber: (clip(score, -1, 1) + 1) / 2 (Zhang, 2004).
  const auto one = [&](double z) {
    return log_loss ? sigmoid(z) : (std::clamp(z, -1.0, 1.0) + 1.0) / 2.0;
  };
  if (scores.n_cols == 1) {
    Matrix proba(scores.n_rows, 2);
    for (Index i = 0; i < scores.n_rows; ++i) {
      proba(i, 1) = one(scores(i, 0));
      proba(i, 0) = 1.0 - proba(i, 1);
    }
    return proba;
  }
  // One-vs-rest probabilities normalised to sum to 1; rows where every class has 0 (possible
  // with modified_huber) are uniform, as scikit-learn makes them.
  Matrix proba = scores;
  proba.transform(one);
  for (Index i = 0; i < proba.n_rows; ++i) {
    const double sum = arma::accu(proba.row(i));
    if (sum == 0)
      proba.row(i).fill(1.0 / static_cast<double>(proba.n_cols));
    else
      proba.row(i) /= sum;
  }
  return proba;
}

const Matrix& SGDClassifier::coef() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return coef_;
}

const Vector& SGDClassifier::intercept() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return intercept_;
}

Index SGDClassifier::n_iter() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return n_iter_;
}

double SGDClassifier::t() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return t_;
}

void SGDClassifier::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  describe_classes(out);
  out << (coef_.n_rows == 1 ? "binary" : "one-vs-rest") << ", " << n_iter_ << " epochs, t "
      << detail::format_double(t_) << "\n";
  describe_class_coefficients(out, coef_, intercept_);
}

template <class Archive>
void SGDClassifier::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::uint64_t n_iter = n_iter_;
  ar(cereal::make_nvp("coef", detail::arma_ref(coef_)),
     cereal::make_nvp("intercept", detail::arma_ref(intercept_)),
     cereal::make_nvp("standard_coef", detail::arma_ref(standard_coef_)),
     cereal::make_nvp("standard_intercept", detail::arma_ref(standard_intercept_)),
     cereal::make_nvp("average_coef", detail::arma_ref(average_coef_)),
     cereal::make_nvp("average_intercept", detail::arma_ref(average_intercept_)),
     cereal::make_nvp("n_iter", n_iter), cereal::make_nvp("t", t_));
  if constexpr (Archive::is_loading::value) {
    n_iter_ = static_cast<Index>(n_iter);
    const Index k = classes_.n_elem;  // read and checked by Classifier
    const Index rows = k == 2 ? 1 : k;
    const Index cols = n_features_in();
    const auto check_shape = [&](const Matrix& m, const Vector& b, const char* what) {
      if (m.n_rows != rows || m.n_cols != cols || b.n_elem != rows)
        throw detail::FormatProblem(std::string(what) + " is " + std::to_string(m.n_rows) + " x " +
                                    std::to_string(m.n_cols) + " with " + std::to_string(b.n_elem) +
                                    " intercepts, expected " + std::to_string(rows) + " x " +
                                    std::to_string(cols));
      if (!m.is_finite() || !b.is_finite())
        throw detail::FormatProblem(std::string(what) + " is not finite");
    };
    check_shape(coef_, intercept_, "coef");
    check_shape(standard_coef_, standard_intercept_, "standard_coef");
    if (!average_coef_.is_empty() || !average_intercept_.is_empty())
      check_shape(average_coef_, average_intercept_, "average_coef");
    if (!std::isfinite(t_) || t_ < 1) throw detail::FormatProblem("t is below 1");
  }
}

FITKIT_DEFINE_PAYLOAD(SGDClassifier)

}  // namespace fitkit
