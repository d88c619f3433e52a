#pragma once
// What SGDClassifier and SGDRegressor share (scikit-learn's BaseSGD): the penalty, the
// learning-rate schedule and the options listed once for both Params::visit. See
// sgd_classifier.hpp and sgd_regressor.hpp.

#include <array>
#include <utility>

#include "fitkit/core/params.hpp"

namespace fitkit {

enum class SgdPenalty { l2, l1, elasticnet, none };

template <>
struct EnumNames<SgdPenalty> {
  static constexpr std::array values{
      std::pair{SgdPenalty::l2, "l2"}, std::pair{SgdPenalty::l1, "l1"},
      std::pair{SgdPenalty::elasticnet, "elasticnet"}, std::pair{SgdPenalty::none, "none"}};
};

// constant: eta0; optimal: 1 / (alpha (t0 + t)) (Bottou's heuristic t0); invscaling:
// eta0 / t^power_t; adaptive: eta0, divided by 5 whenever n_iter_no_change epochs in a row
// fail to improve by tol.
enum class SgdLearningRate { constant, optimal, invscaling, adaptive };

template <>
struct EnumNames<SgdLearningRate> {
  static constexpr std::array values{std::pair{SgdLearningRate::constant, "constant"},
                                     std::pair{SgdLearningRate::optimal, "optimal"},
                                     std::pair{SgdLearningRate::invscaling, "invscaling"},
                                     std::pair{SgdLearningRate::adaptive, "adaptive"}};
};

namespace detail {

// The options both Params list, in scikit-learn's order, after their own `loss`.
template <class P, class V>
void visit_sgd_options(P& p, V& v) {
  v("penalty", p.penalty, "l2, l1, elasticnet or none", one_of_enum());
  v("alpha", p.alpha,
    "strength of the penalty (and, for learning_rate optimal, of the step size decay)",
    at_least(0.0));
  v("l1_ratio", p.l1_ratio, "elasticnet mixing: 0 is l2, 1 is l1", in_range(0.0, 1.0));
  v("fit_intercept", p.fit_intercept, "whether to fit an (unpenalised) intercept");
  v("max_iter", p.max_iter, "maximum number of epochs (passes over the data)", at_least(1));
  v("tol", p.tol,
    "stop when an epoch's summed loss fails n_iter_no_change times in a row to fall below the "
    "best by tol * n_samples; negative: never stop early (scikit-learn's None)");
  v("shuffle", p.shuffle, "shuffle the samples before each epoch");
  v("epsilon", p.epsilon,
    "huber: where the loss turns linear; epsilon_insensitive: the width of the insensitive "
    "zone",
    at_least(0.0));
  v("learning_rate", p.learning_rate,
    "the step size schedule: constant, optimal, invscaling or "
    "adaptive",
    one_of_enum());
  v("eta0", p.eta0, "initial step size (constant, invscaling, adaptive; must then be > 0)",
    at_least(0.0));
  v("power_t", p.power_t, "exponent of the invscaling schedule");
  v("early_stopping", p.early_stopping,
    "hold out validation_fraction of the samples and stop when their score (accuracy or R²) "
    "fails n_iter_no_change times in a row to beat the best by tol (not with partial_fit)");
  v("validation_fraction", p.validation_fraction,
    "early_stopping: the share of samples held out (stratified by class for a classifier)",
    Range{0.0, 1.0, true, true});
  v("n_iter_no_change", p.n_iter_no_change, "epochs without improvement before stopping",
    at_least(1));
  v("warm_start", p.warm_start, "start fit from the coefficients of the previous fit");
  v("average", p.average,
    "averaged SGD: 0 off, 1 (scikit-learn's True) averages every update, N > 1 starts "
    "averaging once N samples have been seen",
    at_least(0));
  v("seed", p.seed, "random seed for shuffle");
}

}  // namespace detail

}  // namespace fitkit
