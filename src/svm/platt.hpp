#pragma once
// Probability estimates of the kernel SVM classifiers (SVC and NuSVC with probability=true),
// as libsvm computes them:
//
//  * Platt's sigmoid P(first class | f) = 1 / (1 + exp(A f + B)) fitted to decision values f
//    by Lin, Lin & Weng's method (Machine Learning 68, 2007): Platt's regularised targets
//    (n+ + 1) / (n+ + 2) and 1 / (n- + 2), Newton's method on (A, B) with a tiny ridge on the
//    Hessian and a backtracking line search, every log and exp written so that it cannot
//    overflow.
//  * The coupling of the pairwise probabilities r_ij ~ P(i | i or j) into one distribution
//    (Wu, Lin & Weng, JMLR 5, 2004, method 2): min sum_i sum_{j != i} (r_ji p_i - r_ij p_j)^2
//    over the simplex, by libsvm's coordinate iteration.
//  * The random fold assignment of the internal 5-fold cross-validation, as scikit-learn's
//    libsvm draws it (a 32-bit Mersenne twister and Lemire's bounded integers), so that a
//    given seed gives scikit-learn's folds for the same random_state.

#include <cstdint>
#include <random>

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

struct Sigmoid {
  double A = 0;
  double B = 0;
  int n_iter = 0;
  bool converged = true;  // false: the line search failed or the iterations ran out
};

// Fits (A, B) to decision values f_i and labels (positive: the first class).
Sigmoid fit_sigmoid(const Vector& f, const arma::ivec& positive);

// 1 / (1 + exp(A f + B)), evaluated without overflow.
double sigmoid_probability(double f, double A, double B);

// Couples r (k x k; r(i, j) ~ P(i | i or j), r(j, i) = 1 - r(i, j), diagonal ignored) into p
// (k, summing to 1). Stops when max_t |(Qp)_t - p'Qp| < eps (libsvm: 0.005 / k) or after
// max_iter sweeps (libsvm: max(100, k)).
Vector couple_pairwise(const Matrix& r, double eps, int max_iter);
// libsvm's stopping rule.
Vector couple_pairwise(const Matrix& r);

// scikit-learn's libsvm generator: std::mt19937 seeded as set_seed(seed) and libsvm's
// bounded_rand_int (Lemire's multiply-shift with rejection, O'Neill's variant).
class LibsvmRandom {
 public:
  explicit LibsvmRandom(std::uint32_t seed) : seed_(seed), engine_(seed) {}
  void reseed() { engine_.seed(seed_); }
  // Uniform in [0, range), range > 0.
  std::uint32_t bounded(std::uint32_t range);

 private:
  std::uint32_t seed_;
  std::mt19937 engine_;
};

// The libsvm seed scikit-learn derives from random_state = seed
// (RandomState(seed).randint(2**31 - 1)); seeds of 2^32 and above are folded to 32 bits first.
std::uint32_t libsvm_seed(std::uint64_t seed);

}  // namespace fitkit::detail
