#include "fitkit/svm/svc.hpp"

#include "core/payload.hpp"

#include <ostream>
#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/core/warnings.hpp"
#include "fitkit/svm/nu_svc.hpp"
#include "svm/kernel_matrix.hpp"
#include "svm/one_vs_one.hpp"

namespace fitkit::detail {

template <class Derived, class P>
SvcSettings KernelSvmClassifier<Derived, P>::settings() const {
  const P& p = this->params_;
  SvcSettings s;
  s.kernel = p.kernel;
  s.degree = p.degree;
  s.gamma = p.gamma;
  s.coef0 = p.coef0;
  if constexpr (requires { p.nu; }) {
    s.nu_variant = true;
    s.nu = p.nu;
  } else {
    s.C = p.C;
  }
  s.shrinking = p.shrinking;
  s.probability = p.probability;
  s.tol = p.tol;
  s.cache_size = p.cache_size;
  s.max_iter = p.max_iter;
  s.decision_function_shape = p.decision_function_shape;
  s.break_ties = p.break_ties;
  s.seed = p.seed;
  return s;
}

template <class Derived, class P>
void KernelSvmClassifier<Derived, P>::fit_weighted(const Matrix& X, const Labels& y,
                                                   const Vector* sample_weight) {
  validate_params(this->params_);
  const std::string who = this->type_name();
  auto [classes, index] = this->index_classes(X, y);
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);
  check_precomputed_square(this->params_.kernel, X, who);
  const SvcSettings s = settings();
  // Checks the labels of a given class_weight against the classes, for NuSVC too.
  Vector class_C = this->params_.class_weight.per_class(classes, index);
  if (s.nu_variant) {
    if (!this->params_.class_weight.is_none())
      warn(WarningKind::runtime, who +
                                     ": class_weight has no effect (as in scikit-learn, whose "
                                     "libsvm applies class weights to SVC's C only)");
  } else {
    class_C *= s.C;
  }
  OvoFit fit = fit_one_vs_one(s, X, index, classes, class_C, sample_weight, who);
  if (fit.reached_max_iter)
    warn_not_converged(who, this->params_.max_iter,
                       "SMO stopped before the maximal KKT violation fell below tol " +
                           format_double(this->params_.tol));
  if (fit.probability_not_converged)
    warn(WarningKind::convergence,
         who +
             ": Platt's sigmoid fit stopped before its gradient fell below 1e-5 (line search "
             "failed or 100 iterations) for some pair of classes");

  this->reset_fitted();
  this->classes_ = std::move(classes);
  state_ = std::move(fit.state);
  this->set_n_features_in(X.n_cols);
}

template <class Derived, class P>
Tags KernelSvmClassifier<Derived, P>::tags() const {
  Tags t = Classifier::tags();
  t.sample_weight = true;
  t.decision_function = true;
  t.predict_proba = this->params_.probability;
  return t;
}

template <class Derived, class P>
Matrix KernelSvmClassifier<Derived, P>::decision_function(const Matrix& X) const {
  this->check_predict_input(X);
  const SvcSettings s = settings();
  const Index k = this->classes_.n_elem;
  return decision_from_pairwise(s, pairwise_values(s, state_, k, X), k);
}

template <class Derived, class P>
Matrix KernelSvmClassifier<Derived, P>::predict_proba(const Matrix& X) const {
  if (!this->params_.probability)
    throw Error(this->type_name() + " has predict_proba only when fitted with probability=true");
  this->check_predict_input(X);
  if (state_.prob_a.is_empty())
    throw Error(this->type_name() +
                " was fitted with probability=false: fit again with probability=true for "
                "predict_proba");
  const SvcSettings s = settings();
  const Index k = this->classes_.n_elem;
  return probabilities(state_, pairwise_values(s, state_, k, X), k);
}

template <class Derived, class P>
Labels KernelSvmClassifier<Derived, P>::predict(const Matrix& X) const {
  this->check_predict_input(X);
  const SvcSettings s = settings();
  const Index k = this->classes_.n_elem;
  const Matrix dec = pairwise_values(s, state_, k, X);
  if (s.probability && !state_.prob_a.is_empty()) {
    // fitkit's guarantee: the label is the argmax of predict_proba (its first, on a tie).
    return this->labels_of(arma::index_max(probabilities(state_, dec, k), 1));
  }
  if (s.break_ties && k > 2 && s.decision_function_shape == DecisionFunctionShape::ovr)
    return this->labels_of(arma::index_max(decision_from_pairwise(s, dec, k), 1));
  return this->labels_of(vote(dec, k));
}

template <class Derived, class P>
const SvcState& KernelSvmClassifier<Derived, P>::fitted_state() const {
  if (!this->is_fitted()) throw NotFitted(this->type_name());
  return state_;
}

template <class Derived, class P>
const arma::uvec& KernelSvmClassifier<Derived, P>::support() const {
  return fitted_state().support;
}
template <class Derived, class P>
const Matrix& KernelSvmClassifier<Derived, P>::support_vectors() const {
  return fitted_state().support_vectors;
}
template <class Derived, class P>
const arma::uvec& KernelSvmClassifier<Derived, P>::n_support() const {
  return fitted_state().n_support;
}
template <class Derived, class P>
const Matrix& KernelSvmClassifier<Derived, P>::dual_coef() const {
  return fitted_state().dual_coef;
}
template <class Derived, class P>
const Vector& KernelSvmClassifier<Derived, P>::intercept() const {
  return fitted_state().intercept;
}
template <class Derived, class P>
const arma::uvec& KernelSvmClassifier<Derived, P>::n_iter() const {
  return fitted_state().n_iter;
}
template <class Derived, class P>
const Vector& KernelSvmClassifier<Derived, P>::dual_objective() const {
  return fitted_state().objective;
}
template <class Derived, class P>
double KernelSvmClassifier<Derived, P>::gamma_value() const {
  return fitted_state().gamma;
}
template <class Derived, class P>
const Vector& KernelSvmClassifier<Derived, P>::probA() const {
  return fitted_state().prob_a;
}
template <class Derived, class P>
const Vector& KernelSvmClassifier<Derived, P>::probB() const {
  return fitted_state().prob_b;
}

template <class Derived, class P>
void KernelSvmClassifier<Derived, P>::describe_fitted(std::ostream& out) const {
  if (!this->is_fitted()) throw NotFitted(this->type_name());
  this->describe_classes(out);
  describe_state(out, state_, this->params_.kernel);
}

template <class Derived, class P>
template <class Archive>
void KernelSvmClassifier<Derived, P>::serialize(Archive& ar, std::uint32_t version,
                                                std::uint32_t probability_version) {
  SvcState& s = state_;
  ar(cereal::make_nvp("support", arma_ref(s.support)),
     cereal::make_nvp("support_vectors", arma_ref(s.support_vectors)),
     cereal::make_nvp("n_support", arma_ref(s.n_support)),
     cereal::make_nvp("dual_coef", arma_ref(s.dual_coef)),
     cereal::make_nvp("intercept", arma_ref(s.intercept)),
     cereal::make_nvp("n_iter", arma_ref(s.n_iter)),
     cereal::make_nvp("dual_objective", arma_ref(s.objective)), cereal::make_nvp("gamma", s.gamma));
  if (version >= probability_version) {
    ar(cereal::make_nvp("probA", arma_ref(s.prob_a)),
       cereal::make_nvp("probB", arma_ref(s.prob_b)));
  } else if constexpr (Archive::is_loading::value) {
    s.prob_a.reset();  // written before probability existed: its parameter is false
    s.prob_b.reset();
  }
  if constexpr (Archive::is_loading::value)
    check_state(s, this->classes_.n_elem, this->n_features_in(),
                this->params_.kernel == SvmKernel::precomputed, this->params_.probability);
}

template class KernelSvmClassifier<SVC, SVCParams>;
template class KernelSvmClassifier<NuSVC, NuSVCParams>;

}  // namespace fitkit::detail

namespace fitkit {

FITKIT_DEFINE_PAYLOAD(SVC)
FITKIT_DEFINE_PAYLOAD(NuSVC)

}  // namespace fitkit
