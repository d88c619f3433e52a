#pragma once
// The one-vs-one machinery SVC and NuSVC share (include/fitkit/svm/svc.hpp): one binary
// problem per pair of classes (SVC's C formulation or NuSVC's nu formulation, both solved by
// svm/smo_solver.hpp), the support vectors and dual coefficients in libsvm's layout, Platt's
// sigmoids from an internal 5-fold cross-validation, and prediction (pairwise decision values
// in one kernel GEMM, votes, the ovr transformation, probabilities).

#include <iosfwd>
#include <string>

#include "fitkit/core/types.hpp"
#include "fitkit/svm/svc.hpp"

namespace fitkit::detail {

struct OvoFit {
  SvcState state;
  bool reached_max_iter = false;
  bool probability_not_converged = false;
};

// `class_index`: each sample's class in [0, n_classes); `class_C`: SVC's C times the class
// weight of each class (unused by the nu formulation); `sample_weight` null or one per
// sample. Throws InvalidParameter for an infeasible nu, DataError for a class without a sample
// of positive weight. `who` names the estimator in messages.
OvoFit fit_one_vs_one(const SvcSettings& settings, const Matrix& X, const arma::uvec& class_index,
                      const Labels& classes, const Vector& class_C, const Vector* sample_weight,
                      const std::string& who);

// libsvm's pairwise decision values (n x n_pairs), positive for the first class of each pair.
Matrix pairwise_values(const SvcSettings& settings, const SvcState& state, Index n_classes,
                       const Matrix& X);
// scikit-learn's decision_function from the pairwise values (binary, ovo or ovr).
Matrix decision_from_pairwise(const SvcSettings& settings, const Matrix& pairwise, Index n_classes);
// libsvm's vote: the index of the first class of most votes, per row.
arma::uvec vote(const Matrix& pairwise, Index n_classes);
// The probabilities (n x n_classes) from the pairwise values and the sigmoids.
Matrix probabilities(const SvcState& state, const Matrix& pairwise, Index n_classes);

// The checks of a state read from a model file (FormatProblem on failure).
void check_state(const SvcState& state, Index n_classes, Index n_features, bool precomputed,
                 bool probability);

// `fitkit info`'s lines after the classes.
void describe_state(std::ostream& out, const SvcState& state, SvmKernel kernel);

}  // namespace fitkit::detail
