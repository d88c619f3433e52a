#include "fitkit/svm/linear_svc.hpp"

#include "core/payload.hpp"

#include <algorithm>
#include <ostream>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/core/warnings.hpp"
#include "linear/logistic_loss.hpp"
#include "svm/linear_svm_solvers.hpp"

namespace fitkit {
namespace {

enum class Solver { dual_cd, primal_newton, l1_primal, crammer_singer };

// scikit-learn's table of what liblinear offers (_get_liblinear_solver_type), with dual=auto
// resolved as scikit-learn 1.3 does.
Solver choose_solver(const LinearSVCParams& p, Index n_samples, Index n_features) {
  if (p.multi_class == LinearSVCMultiClass::crammer_singer) return Solver::crammer_singer;
  const bool l1 = p.penalty == LinearSVCPenalty::l1;
  const bool hinge = p.loss == LinearSVCLoss::hinge;
  if (l1 && hinge)
    throw InvalidParameter("loss",
                           "the combination of penalty l1 and loss hinge is not supported (use "
                           "squared_hinge with penalty l1)");
  const bool has_dual = !l1;
  const bool has_primal = !hinge;
  bool dual = false;
  switch (p.dual) {
    case LinearSVMDual::yes:
      if (!has_dual)
        throw InvalidParameter("dual",
                               "penalty l1 with loss squared_hinge is not supported with dual "
                               "true (use dual false or auto)");
      dual = true;
      break;
    case LinearSVMDual::no:
      if (!has_primal)
        throw InvalidParameter("dual",
                               "penalty l2 with loss hinge is not supported with dual false (use "
                               "dual true or auto)");
      dual = false;
      break;
    case LinearSVMDual::automatic:
      dual = n_samples < n_features ? has_dual : !has_primal;
      break;
  }
  if (dual) return Solver::dual_cd;
  return l1 ? Solver::l1_primal : Solver::primal_newton;
}

}  // namespace

LinearSVC& LinearSVC::fit(const Matrix& X, const Labels& y) {
  return fit_weighted(X, y, nullptr);
}

LinearSVC& LinearSVC::fit(const Matrix& X, const Labels& y, const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight);
}

LinearSVC& LinearSVC::fit_weighted(const Matrix& X, const Labels& y, const Vector* sample_weight) {
  validate_params(params_);
  auto [classes, index] = index_classes(X, y);
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);
  const Solver solver = choose_solver(params_, X.n_rows, X.n_cols);
  const Index n_classes = classes.n_elem;
  const Index n_features = X.n_cols;
  const Vector class_weight = params_.class_weight.per_class(classes, index);
  Vector base_cost(X.n_rows);
  base_cost.fill(params_.C);
  if (sample_weight != nullptr) base_cost %= *sample_weight;

  // BLAS in the primal solver and the transpose: all threads only where the work pays.
  const detail::ScopedThreadLimit blas(
      detail::threads_for(detail::kFlopNanoseconds * static_cast<double>(X.n_elem) * 20));
  const Matrix Xt = detail::linear_svm_samples(X, params_.fit_intercept, params_.intercept_scaling);
  const Random rng(params_.seed);

  Matrix coef;
  Vector intercept;
  Index n_iter = 0;
  bool converged = true;
  double measure = 0;
  auto take = [&](const detail::LinearSvmSolution& s) {
    n_iter = std::max(n_iter, s.n_iter);
    if (!s.converged) {
      converged = false;
      measure = std::max(measure, s.measure);
    }
  };
  if (solver == Solver::crammer_singer) {
    Vector cost = base_cost;
    for (Index i = 0; i < cost.n_elem; ++i) cost(i) *= class_weight(index(i));
    Random stream = rng.substream(0);
    const detail::LinearSvmMulticlassSolution s = detail::crammer_singer(
        Xt, index, n_classes, cost, params_.tol, static_cast<Index>(params_.max_iter), stream);
    n_iter = s.n_iter;
    converged = s.converged;
    measure = s.measure;
    // s.W: width x n_classes. Two classes: the difference of the rows, as scikit-learn.
    Matrix W = s.W.t();
    if (n_classes == 2) W = W.row(1) - W.row(0);
    coef = W.cols(0, n_features - 1);
    intercept = params_.fit_intercept ? Vector(params_.intercept_scaling * W.col(n_features))
                                      : Vector(W.n_rows, arma::fill::zeros);
  } else {
    const Index n_problems = n_classes == 2 ? 1 : n_classes;
    coef.set_size(n_problems, n_features);
    intercept.zeros(n_problems);
    Matrix Xf;  // features as columns, for the l1 solver
    if (solver == Solver::l1_primal) Xf = Xt.t();
    for (Index k = 0; k < n_problems; ++k) {
      const Index positive = n_classes == 2 ? 1 : k;
      Vector target(X.n_rows), cost = base_cost;
      for (Index i = 0; i < X.n_rows; ++i) {
        const bool pos = index(i) == positive;
        target(i) = pos ? 1.0 : -1.0;
        // liblinear: two classes weigh each by its own class weight; one-vs-rest weighs the
        // positive class only (the rest at C).
        if (n_classes == 2)
          cost(i) *= class_weight(index(i));
        else if (pos)
          cost(i) *= class_weight(k);
      }
      Random stream = rng.substream(k);
      detail::LinearSvmSolution s;
      const auto max_iter = static_cast<Index>(params_.max_iter);
      // liblinear's primal solvers stop at tol scaled by the smaller side's share.
      const Index n_pos = arma::accu(target > 0);
      const double primal_tol =
          params_.tol * static_cast<double>(std::max<Index>(std::min(n_pos, X.n_rows - n_pos), 1)) /
          static_cast<double>(X.n_rows);
      switch (solver) {
        case Solver::dual_cd:
          s = detail::dual_cd_classification(Xt, target, cost,
                                             params_.loss == LinearSVCLoss::squared_hinge,
                                             params_.tol, max_iter, stream);
          break;
        case Solver::primal_newton:
          s = detail::primal_newton(Xt, target, cost, true, 0.0, primal_tol, max_iter);
          break;
        case Solver::l1_primal:
          s = detail::l1_primal_cd(Xf, target, cost, primal_tol, max_iter, stream);
          break;
        case Solver::crammer_singer:
          break;
      }
      take(s);
      coef.row(k) = s.w.head(n_features).t();
      if (params_.fit_intercept) intercept(k) = params_.intercept_scaling * s.w(n_features);
    }
  }
  if (!coef.is_finite() || !intercept.is_finite())
    throw Error("LinearSVC: the solver diverged (non-finite coefficients)");
  if (!converged)
    warn_not_converged(type_name(), static_cast<Index>(params_.max_iter),
                       "stopping measure " + detail::format_double(measure) + " > tol " +
                           detail::format_double(params_.tol));

  reset_fitted();
  classes_ = std::move(classes);
  coef_ = std::move(coef);
  intercept_ = std::move(intercept);
  n_iter_ = n_iter;
  set_n_features_in(X.n_cols);
  return *this;
}

Tags LinearSVC::tags() const {
  Tags t = Classifier::tags();
  t.sample_weight = true;
  t.decision_function = true;
  return t;
}

Matrix LinearSVC::decision_function(const Matrix& X) const {
  check_predict_input(X);
  return detail::linear_scores(X, coef_, intercept_);
}

Labels LinearSVC::predict(const Matrix& X) const {
  return labels_of(detail::linear_decision_classes(decision_function(X)));
}

const Matrix& LinearSVC::coef() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return coef_;
}

const Vector& LinearSVC::intercept() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return intercept_;
}

Index LinearSVC::n_iter() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return n_iter_;
}

void LinearSVC::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  describe_classes(out);
  out << n_iter_ << " iterations\n";
  describe_class_coefficients(out, coef_, intercept_);
}

template <class Archive>
void LinearSVC::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::uint64_t n_iter = n_iter_;
  ar(cereal::make_nvp("coef", detail::arma_ref(coef_)),
     cereal::make_nvp("intercept", detail::arma_ref(intercept_)),
     cereal::make_nvp("n_iter", n_iter));
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

FITKIT_DEFINE_PAYLOAD(LinearSVC)

}  // namespace fitkit
