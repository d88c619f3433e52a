#include "svm/one_vs_one.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <numeric>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "core/parallel.hpp"
#include "core/payload.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/params.hpp"
#include "fitkit/core/progress.hpp"
#include "svm/kernel_matrix.hpp"
#include "svm/platt.hpp"
#include "svm/smo_solver.hpp"
#include "svm/svm_qmatrix.hpp"

namespace fitkit::detail {
namespace {

// One binary problem's solution over its rows: the coefficients y_i a_i (for the nu
// formulation already divided by r, as libsvm) and rho (decision value sum c_i K(x_i, x) - rho,
// positive for the rows of sign +1).
struct PairSolution {
  Vector coef;
  double rho = 0;
  double objective = 0;
  std::int64_t n_iter = 0;
  bool reached_max_iter = false;
};

// `upper`: SVC's C_i (C * class weight * sample weight) or NuSVC's sample weight w_i.
// `progress`, when given, shows SMO's iterations and gap as step `done` of the fit's bar.
PairSolution solve_pair(const SvcSettings& settings, const KernelSpec& spec, const Matrix& X,
                        const arma::uvec& rows, const arma::ivec& signs, const Vector& upper,
                        Progress* progress = nullptr, std::size_t done = 0) {
  const Index l = rows.n_elem;
  SignedKernelQ Q(spec, X, rows, signs, settings.cache_size);
  SmoOptions options;
  options.eps = settings.tol;
  options.shrinking = settings.shrinking;
  options.max_iter = settings.max_iter;
  options.progress = progress;
  options.progress_done = done;
  PairSolution out;
  if (!settings.nu_variant) {
    const SmoResult r = solve_smo(Q, -Vector(l, arma::fill::ones), signs, upper,
                                  Vector(l, arma::fill::zeros), options);
    out.coef = r.alpha % arma::conv_to<Vector>::from(signs);
    out.rho = r.rho;
    out.objective = r.objective;
    out.n_iter = r.n_iter;
    out.reached_max_iter = r.reached_max_iter;
    return out;
  }
  // libsvm's solve_nu_svc: e'a = nu * sum w, half on each side, filled in order up to the
  // bounds; no linear term; the solution divided by r (the nu variant's second multiplier).
  double nu_l = 0;
  for (Index i = 0; i < l; ++i) nu_l += settings.nu * upper(i);
  double left_pos = nu_l / 2, left_neg = nu_l / 2;
  Vector alpha(l);
  for (Index i = 0; i < l; ++i) {
    double& left = signs(i) > 0 ? left_pos : left_neg;
    alpha(i) = std::min(upper(i), left);
    left -= alpha(i);
  }
  options.nu_variant = true;
  const SmoResult r = solve_smo(Q, Vector(l, arma::fill::zeros), signs, upper, alpha, options);
  out.coef = r.alpha % arma::conv_to<Vector>::from(signs) / r.r;
  out.rho = r.rho / r.r;
  out.objective = r.objective / (r.r * r.r);
  out.n_iter = r.n_iter;
  out.reached_max_iter = r.reached_max_iter;
  return out;
}

// sum_k coef_k K(x_i, x_rows(k)) - rho for the rows `at` of X, over the nonzero coefficients.
Vector solution_values(const KernelSpec& spec, const Matrix& X, const arma::uvec& rows,
                       const PairSolution& solution, const arma::uvec& at) {
  const arma::uvec nonzero = arma::find(solution.coef != 0);
  const arma::uvec sv_rows = rows(nonzero);
  const Vector coef = solution.coef(nonzero);
  Matrix K;
  if (spec.kernel == SvmKernel::precomputed)
    K = X.submat(at, sv_rows);
  else
    K = kernel_matrix(spec, X.rows(at), X.rows(sv_rows));
  return K * coef - solution.rho;
}

// One fold of libsvm's svm_binary_svc_probability: the model of the other folds' rows, trained
// as libsvm trains it (its classes sorted, so the pair's second class comes first), gives the
// decision values of the fold's rows, positive for the pair's first class (a fold whose
// training rows hold one class only gives +-1). True when a model was trained.
bool solve_fold(const SvcSettings& settings, const KernelSpec& spec, const Matrix& X,
                const arma::uvec& rows, const arma::ivec& signs, const Vector& upper,
                const std::vector<Index>& perm, Index fold, Vector& values) {
  constexpr Index kFolds = 5;
  const Index l = rows.n_elem;
  const Index begin = fold * l / kFolds, end = (fold + 1) * l / kFolds;
  std::vector<Index> negatives, positives;  // the training positions, in libsvm's order
  for (Index k = 0; k < l; ++k) {
    if (k >= begin && k < end) continue;
    (signs(perm[k]) > 0 ? positives : negatives).push_back(perm[k]);
  }
  if (positives.empty() || negatives.empty()) {
    const double fill = !positives.empty() ? 1.0 : !negatives.empty() ? -1.0 : 0.0;
    for (Index k = begin; k < end; ++k) values(perm[k]) = fill;
    return false;
  }
  const Index m = negatives.size() + positives.size();
  arma::uvec sub(m);
  arma::ivec sub_signs(m);
  Vector sub_upper(m);
  Index t = 0;
  for (const Index k : negatives) {
    sub(t) = k;
    sub_signs(t) = 1;
    sub_upper(t++) = upper(k);
  }
  for (const Index k : positives) {
    sub(t) = k;
    sub_signs(t) = -1;
    sub_upper(t++) = upper(k);
  }
  const arma::uvec sub_rows = rows(sub);
  const PairSolution solution = solve_pair(settings, spec, X, sub_rows, sub_signs, sub_upper);
  arma::uvec held(end - begin);
  for (Index k = begin; k < end; ++k) held(k - begin) = rows(perm[k]);
  // The fold's model is positive for the pair's second class: turned back.
  const Vector f = -solution_values(spec, X, sub_rows, solution, held);
  for (Index k = begin; k < end; ++k) values(perm[k]) = f(k - begin);
  return true;
}

// libsvm's svm_binary_svc_probability: decision values of the pair's rows from a 5-fold
// cross-validation, each fold's model trained as libsvm trains it (its classes sorted, so the
// pair's second class comes first), then Platt's sigmoid fitted to them. The folds come from
// `random`, which libsvm reseeds after every model it trains.
Sigmoid pair_probability(const SvcSettings& settings, const KernelSpec& spec, const Matrix& X,
                         const arma::uvec& rows, const arma::ivec& signs, const Vector& upper,
                         LibsvmRandom& random) {
  constexpr Index kFolds = 5;
  const Index l = rows.n_elem;
  std::vector<Index> perm(l);
  std::iota(perm.begin(), perm.end(), Index{0});
  for (Index i = 0; i < l; ++i) {
    const Index j = i + random.bounded(static_cast<std::uint32_t>(l - i));
    std::swap(perm[i], perm[j]);
  }
  Vector values(l, arma::fill::zeros);
  // The folds are independent problems: solved in parallel where they are worth it (each on
  // one thread, its kernel columns and BLAS calls serial, with a share of the cache), every
  // value computed as on one thread.
  const double fold_rows = static_cast<double>(l) * (kFolds - 1) / kFolds;
  const double width =
      settings.kernel == SvmKernel::precomputed ? 1.0 : static_cast<double>(X.n_cols);
  const int threads =
      threads_for(kFolds * fold_rows * fold_rows * width * kStreamNanoseconds, kFolds);
  SvcSettings fold_settings = settings;
  fold_settings.cache_size = settings.cache_size / threads;
  bool trained = false;
  std::vector<std::exception_ptr> errors(kFolds);
  {
    const ScopedThreadLimit serial_inside(threads > 1 ? 1 : 0);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) reduction(|| : trained)
    for (Index fold = 0; fold < kFolds; ++fold) {
      try {
        trained =
            solve_fold(fold_settings, spec, X, rows, signs, upper, perm, fold, values) || trained;
      } catch (...) {
        errors[fold] = std::current_exception();
      }
    }
  }
  for (const std::exception_ptr& error : errors)
    if (error) std::rethrow_exception(error);
  // libsvm reseeds its generator with every model it trains.
  if (trained) random.reseed();
  return fit_sigmoid(values, signs);
}

}  // namespace

OvoFit fit_one_vs_one(const SvcSettings& settings, const Matrix& X, const arma::uvec& class_index,
                      const Labels& classes, const Vector& class_C, const Vector* sample_weight,
                      const std::string& who) {
  const Index n = X.n_rows;
  const Index n_classes = classes.n_elem;
  const KernelSpec spec = fit_kernel(settings, X, who);

  // The upper bound of each sample: SVC's C * class weight * sample weight, NuSVC's sample
  // weight. Samples of zero weight take no part (scikit-learn's libsvm drops them).
  Vector upper(n);
  std::vector<std::vector<Index>> members(n_classes);  // kept samples of each class, in order
  Vector class_total(n_classes, arma::fill::zeros);    // weighted counts, for nu's feasibility
  for (Index i = 0; i < n; ++i) {
    const double w = sample_weight != nullptr ? (*sample_weight)(i) : 1.0;
    upper(i) = settings.nu_variant ? w : class_C(class_index(i)) * w;
    if (w > 0) {
      members[class_index(i)].push_back(i);
      class_total(class_index(i)) += w;
    }
  }
  for (Index c = 0; c < n_classes; ++c)
    if (members[c].empty())
      throw DataError(who + ": class " + std::to_string(classes(c)) +
                      " has no sample of positive weight");
  if (settings.nu_variant) {
    // libsvm's feasibility check: a pair's nu problem has a solution only when
    // nu (n1 + n2) / 2 <= min(n1, n2).
    for (Index a = 0; a < n_classes; ++a)
      for (Index b = a + 1; b < n_classes; ++b) {
        const double n1 = class_total(a), n2 = class_total(b);
        if (settings.nu * (n1 + n2) / 2 > std::min(n1, n2))
          throw InvalidParameter(
              "nu", who + ": specified nu is infeasible: nu * (n1 + n2) / 2 = " +
                        format_double(settings.nu * (n1 + n2) / 2) +
                        " exceeds min(n1, n2) = " + format_double(std::min(n1, n2)) +
                        " for classes " + std::to_string(classes(a)) + " and " +
                        std::to_string(classes(b)) + " (the largest feasible nu there is " +
                        format_double(2 * std::min(n1, n2) / (n1 + n2)) + ")");
      }
  }

  // One binary problem per pair of classes (a, b), a < b: a is +1, b is -1.
  const Index n_pairs = n_classes * (n_classes - 1) / 2;
  std::vector<Vector> coef(n_pairs);  // y_i a_i over the pair's rows
  std::vector<arma::uvec> pair_rows(n_pairs);
  Vector rho(n_pairs);
  OvoFit out;
  SvcState& s = out.state;
  s.n_iter.set_size(n_pairs);
  s.objective.set_size(n_pairs);
  if (settings.probability) {
    s.prob_a.set_size(n_pairs);
    s.prob_b.set_size(n_pairs);
  }
  LibsvmRandom random(libsvm_seed(settings.seed));
  std::vector<bool> is_sv(n, false);
  Progress progress(who, n_pairs);
  Index p = 0;
  for (Index a = 0; a < n_classes; ++a) {
    for (Index b = a + 1; b < n_classes; ++b, ++p) {
      const Index na = members[a].size(), nb = members[b].size();
      arma::uvec rows(na + nb);
      arma::ivec signs(na + nb);
      for (Index k = 0; k < na; ++k) {
        rows(k) = members[a][k];
        signs(k) = 1;
      }
      for (Index k = 0; k < nb; ++k) {
        rows(na + k) = members[b][k];
        signs(na + k) = -1;
      }
      const Vector pair_upper = upper(rows);
      if (settings.probability) {
        // Before the pair's own problem, as libsvm (the order matters for the folds only).
        const Sigmoid sigmoid =
            pair_probability(settings, spec, X, rows, signs, pair_upper, random);
        s.prob_a(p) = sigmoid.A;
        s.prob_b(p) = sigmoid.B;
        out.probability_not_converged = out.probability_not_converged || !sigmoid.converged;
      }
      PairSolution solution = solve_pair(settings, spec, X, rows, signs, pair_upper, &progress, p);
      progress.update(p + 1);
      for (Index k = 0; k < rows.n_elem; ++k)
        if (solution.coef(k) != 0) is_sv[rows(k)] = true;
      coef[p] = std::move(solution.coef);
      pair_rows[p] = std::move(rows);
      rho(p) = solution.rho;
      s.n_iter(p) = static_cast<arma::uword>(solution.n_iter);
      s.objective(p) = solution.objective;
      out.reached_max_iter = out.reached_max_iter || solution.reached_max_iter;
    }
  }

  // Support vectors grouped by class, in training order within each.
  std::vector<Index> support;
  s.n_support.zeros(n_classes);
  std::vector<Index> position(n, 0);  // sample -> column of dual_coef
  for (Index c = 0; c < n_classes; ++c)
    for (const Index i : members[c])
      if (is_sv[i]) {
        position[i] = support.size();
        support.push_back(i);
        ++s.n_support(c);
      }
  const Index n_sv = support.size();
  s.dual_coef.zeros(n_classes - 1, n_sv);
  s.intercept.set_size(n_pairs);
  p = 0;
  for (Index a = 0; a < n_classes; ++a) {
    for (Index b = a + 1; b < n_classes; ++b, ++p) {
      for (Index k = 0; k < pair_rows[p].n_elem; ++k) {
        const Index i = pair_rows[p](k);
        if (!is_sv[i]) continue;
        const Index row = class_index(i) == a ? b - 1 : a;
        s.dual_coef(row, position[i]) = coef[p](k);
      }
      s.intercept(p) = -rho(p);
    }
  }
  if (n_classes == 2) {
    // scikit-learn's binary convention: the second class is the positive one.
    s.dual_coef = -s.dual_coef;
    s.intercept = -s.intercept;
  }
  if (!s.dual_coef.is_finite() || !s.intercept.is_finite() || !s.prob_a.is_finite() ||
      !s.prob_b.is_finite())
    throw Error(who + ": the solver diverged (non-finite coefficients)" +
                (settings.nu_variant
                     ? std::string("; a nu at the edge of feasibility (nu (n1 + n2) / 2 = "
                                   "min(n1, n2) for a pair of classes) leaves nothing to "
                                   "rescale by: take a smaller nu")
                     : std::string()));
  s.support = arma::conv_to<arma::uvec>::from(support);
  s.support_vectors =
      settings.kernel == SvmKernel::precomputed ? Matrix(0, X.n_cols) : Matrix(X.rows(s.support));
  s.gamma = spec.gamma;
  return out;
}

Matrix pairwise_values(const SvcSettings& settings, const SvcState& state, Index n_classes,
                       const Matrix& X) {
  const Index n_pairs = state.intercept.n_elem;
  const Index n_sv = state.support.n_elem;
  // The coefficients of every pair over all support vectors (zero outside its two classes),
  // in libsvm's sign (positive: the first class of the pair).
  arma::uvec start(n_classes + 1, arma::fill::zeros);
  for (Index c = 0; c < n_classes; ++c) start(c + 1) = start(c) + state.n_support(c);
  Matrix W(n_sv, n_pairs, arma::fill::zeros);
  Vector b(n_pairs);
  const double sign = n_classes == 2 ? -1.0 : 1.0;
  Index p = 0;
  for (Index a = 0; a < n_classes; ++a)
    for (Index c = a + 1; c < n_classes; ++c, ++p) {
      for (Index k = start(a); k < start(a + 1); ++k) W(k, p) = sign * state.dual_coef(c - 1, k);
      for (Index k = start(c); k < start(c + 1); ++k) W(k, p) = sign * state.dual_coef(a, k);
      b(p) = sign * state.intercept(p);
    }
  Matrix values = kernel_expansion(kernel_spec(settings, state.gamma), X, state.support_vectors,
                                   state.support, W);
  values.each_row() += b.t();
  return values;
}

Matrix decision_from_pairwise(const SvcSettings& settings, const Matrix& dec, Index n_classes) {
  if (n_classes == 2) return -dec;
  if (settings.decision_function_shape == DecisionFunctionShape::ovo) return dec;
  // scikit-learn's _ovr_decision_function(dec < 0, -dec, n_classes).
  Matrix votes(dec.n_rows, n_classes, arma::fill::zeros);
  Matrix confidence(dec.n_rows, n_classes, arma::fill::zeros);
  Index p = 0;
  for (Index a = 0; a < n_classes; ++a)
    for (Index c = a + 1; c < n_classes; ++c, ++p)
      for (Index i = 0; i < dec.n_rows; ++i) {
        const double d = dec(i, p);
        confidence(i, a) += d;
        confidence(i, c) -= d;
        votes(i, d < 0 ? c : a) += 1;
      }
  return votes + confidence / (3.0 * (arma::abs(confidence) + 1.0));
}

arma::uvec vote(const Matrix& dec, Index n_classes) {
  // libsvm's vote: a pair's value > 0 goes to its first class; the first class of most votes.
  arma::uvec index(dec.n_rows);
  std::vector<Index> votes(n_classes);
  for (Index i = 0; i < dec.n_rows; ++i) {
    std::fill(votes.begin(), votes.end(), 0);
    Index p = 0;
    for (Index a = 0; a < n_classes; ++a)
      for (Index c = a + 1; c < n_classes; ++c, ++p) ++votes[dec(i, p) > 0 ? a : c];
    index(i) = std::max_element(votes.begin(), votes.end()) - votes.begin();
  }
  return index;
}

Matrix probabilities(const SvcState& state, const Matrix& dec, Index n_classes) {
  // libsvm keeps every pairwise probability in [1e-7, 1 - 1e-7].
  constexpr double kMinProbability = 1e-7;
  const auto pairwise = [&](Index i, Index p) {
    const double q = sigmoid_probability(dec(i, p), state.prob_a(p), state.prob_b(p));
    return std::min(std::max(q, kMinProbability), 1 - kMinProbability);
  };
  Matrix proba(dec.n_rows, n_classes);
  if (n_classes == 2) {
    for (Index i = 0; i < dec.n_rows; ++i) {
      proba(i, 0) = pairwise(i, 0);
      proba(i, 1) = 1 - proba(i, 0);
    }
    return proba;
  }
  Matrix r(n_classes, n_classes, arma::fill::zeros);
  for (Index i = 0; i < dec.n_rows; ++i) {
    Index p = 0;
    for (Index a = 0; a < n_classes; ++a)
      for (Index c = a + 1; c < n_classes; ++c, ++p) {
        r(a, c) = pairwise(i, p);
        r(c, a) = 1 - r(a, c);
      }
    proba.row(i) = couple_pairwise(r).t();
  }
  return proba;
}

void check_state(const SvcState& s, Index k, Index n_features, bool precomputed, bool probability) {
  const Index n_pairs = k * (k - 1) / 2;
  const Index n_sv = s.support.n_elem;
  const auto fail = [](const std::string& what) { throw FormatProblem(what); };
  if (s.n_support.n_elem != k || arma::accu(s.n_support) != n_sv)
    fail("n_support does not match the classes and support vectors");
  if (s.dual_coef.n_rows != k - 1 || s.dual_coef.n_cols != n_sv)
    fail("dual_coef is " + std::to_string(s.dual_coef.n_rows) + " x " +
         std::to_string(s.dual_coef.n_cols) + ", expected " + std::to_string(k - 1) + " x " +
         std::to_string(n_sv));
  if (s.intercept.n_elem != n_pairs || s.n_iter.n_elem != n_pairs || s.objective.n_elem != n_pairs)
    fail("expected " + std::to_string(n_pairs) + " intercepts, iteration counts, objectives");
  const Index n_prob = probability ? n_pairs : 0;
  if (s.prob_a.n_elem != n_prob || s.prob_b.n_elem != n_prob)
    fail("expected " + std::to_string(n_prob) + " values of probA and probB (probability " +
         (probability ? "true" : "false") + ")");
  if (s.support_vectors.n_cols != n_features ||
      s.support_vectors.n_rows != (precomputed ? 0 : n_sv))
    fail("support_vectors does not match the support and the width");
  if (n_sv > 0 && s.support.max() >= (precomputed ? n_features : ~arma::uword{0}))
    fail("support index out of range");
  if (!s.dual_coef.is_finite() || !s.intercept.is_finite() || !s.support_vectors.is_finite() ||
      !std::isfinite(s.gamma) || !s.prob_a.is_finite() || !s.prob_b.is_finite())
    fail("non-finite values");
}

void describe_state(std::ostream& out, const SvcState& s, SvmKernel kernel) {
  out << "support vectors: " << s.support.n_elem << " (per class:";
  for (const arma::uword k : s.n_support) out << " " << k;
  out << ")\n";
  if (kernel != SvmKernel::precomputed && kernel != SvmKernel::linear)
    out << "gamma: " << format_double(s.gamma) << "\n";
  out << "intercept:";
  for (const double b : s.intercept) out << " " << format_double(b);
  out << "\nSMO iterations:";
  for (const arma::uword k : s.n_iter) out << " " << k;
  out << "\n";
  if (!s.prob_a.is_empty()) {
    out << "probA:";
    for (const double a : s.prob_a) out << " " << format_double(a);
    out << "\nprobB:";
    for (const double b : s.prob_b) out << " " << format_double(b);
    out << "\n";
  }
}

}  // namespace fitkit::detail
