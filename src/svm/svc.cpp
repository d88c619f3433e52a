#include "fitkit/svm/svc.hpp"

#include "core/payload.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/core/warnings.hpp"
#include "svm/kernel_cache.hpp"
#include "svm/kernel_matrix.hpp"
#include "svm/smo_solver.hpp"

namespace fitkit {
namespace {

// Q(i, k) = y_i y_k K(x_i, x_k) over one binary problem's rows, columns cached.
class SvcQ final : public detail::QMatrix {
 public:
  SvcQ(const detail::KernelSpec& spec, const Matrix& X, const arma::uvec& rows, const arma::ivec& y,
       double cache_mb)
      : kernel_(spec, X, rows),
        cache_(rows.n_elem, static_cast<std::size_t>(std::max(cache_mb, 0.0) * 1048576.0)),
        y_(y.begin(), y.end()),
        diagonal_(rows.n_elem) {
    for (Index i = 0; i < rows.n_elem; ++i) diagonal_[i] = kernel_.diagonal(i);
  }

  const double* column(Index i, Index len) override {
    Index filled = 0;
    double* data = cache_.get(i, len, filled);
    if (filled < len) {
      kernel_.column(i, filled, len, data + filled);
      if (y_[i] > 0) {
        for (Index k = filled; k < len; ++k)
          if (y_[k] < 0) data[k] = -data[k];
      } else {
        for (Index k = filled; k < len; ++k)
          if (y_[k] > 0) data[k] = -data[k];
      }
    }
    return data;
  }
  double diagonal(Index i) const override { return diagonal_[i]; }
  void swap(Index i, Index j) override {
    cache_.swap(i, j);
    kernel_.swap(i, j);
    std::swap(y_[i], y_[j]);
    std::swap(diagonal_[i], diagonal_[j]);
  }

 private:
  detail::KernelColumns kernel_;
  detail::ColumnCache cache_;
  std::vector<arma::sword> y_;
  std::vector<double> diagonal_;
};

detail::KernelSpec kernel_spec(const SVCParams& params, double gamma) {
  return {params.kernel, params.degree, gamma, params.coef0};
}

// Rows of the kernel matrix between X and the support vectors computed at once: a block of
// at most this many entries (32 MB).
constexpr Index kBlockEntries = Index{1} << 22;

}  // namespace

SVC& SVC::fit(const Matrix& X, const Labels& y) {
  return fit_weighted(X, y, nullptr);
}

SVC& SVC::fit(const Matrix& X, const Labels& y, const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight);
}

SVC& SVC::fit_weighted(const Matrix& X, const Labels& y, const Vector* sample_weight) {
  validate_params(params_);
  auto [classes, index] = index_classes(X, y);
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);
  if (params_.kernel == SvmKernel::precomputed && X.n_rows != X.n_cols)
    throw DimensionMismatch(
        "SVC: a precomputed kernel must be a square matrix (n_samples x "
        "n_samples); X is " +
        std::to_string(X.n_rows) + " x " + std::to_string(X.n_cols));
  const Index n = X.n_rows;
  const Index n_classes = classes.n_elem;
  const double gamma =
      params_.kernel == SvmKernel::precomputed ? 0.0 : detail::resolve_gamma(params_.gamma, X);
  const detail::KernelSpec spec = kernel_spec(params_, gamma);

  // C per sample; samples of zero weight take no part (scikit-learn's libsvm drops them).
  const Vector class_C = params_.C * params_.class_weight.per_class(classes, index);
  Vector C(n);
  std::vector<std::vector<Index>> members(n_classes);  // kept samples of each class, in order
  for (Index i = 0; i < n; ++i) {
    const double w = sample_weight != nullptr ? (*sample_weight)(i) : 1.0;
    C(i) = class_C(index(i)) * w;
    if (w > 0) members[index(i)].push_back(i);
  }
  for (Index c = 0; c < n_classes; ++c)
    if (members[c].empty())
      throw DataError("SVC: class " + std::to_string(classes(c)) +
                      " has no sample of positive weight");

  // One binary problem per pair of classes (a, b), a < b: a is +1, b is -1.
  const Index n_pairs = n_classes * (n_classes - 1) / 2;
  std::vector<Vector> coef(n_pairs);  // y_i a_i over the pair's rows
  std::vector<arma::uvec> pair_rows(n_pairs);
  Vector rho(n_pairs);
  arma::uvec n_iter(n_pairs);
  Vector objective(n_pairs);
  std::vector<bool> is_sv(n, false);
  bool reached_max_iter = false;
  detail::SmoOptions options;
  options.eps = params_.tol;
  options.shrinking = params_.shrinking;
  options.max_iter = params_.max_iter;
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
      SvcQ Q(spec, X, rows, signs, params_.cache_size);
      const Vector ones(rows.n_elem, arma::fill::ones);
      const detail::SmoResult r = detail::solve_smo(
          Q, -ones, signs, Vector(C(rows)), Vector(rows.n_elem, arma::fill::zeros), options);
      coef[p] = r.alpha % arma::conv_to<Vector>::from(signs);
      for (Index k = 0; k < rows.n_elem; ++k)
        if (r.alpha(k) > 0) is_sv[rows(k)] = true;
      pair_rows[p] = std::move(rows);
      rho(p) = r.rho;
      n_iter(p) = static_cast<arma::uword>(r.n_iter);
      objective(p) = r.objective;
      reached_max_iter = reached_max_iter || r.reached_max_iter;
    }
  }

  // Support vectors grouped by class, in training order within each.
  std::vector<Index> support;
  arma::uvec n_support(n_classes, arma::fill::zeros);
  std::vector<Index> position(n, 0);  // sample -> column of dual_coef
  for (Index c = 0; c < n_classes; ++c)
    for (const Index i : members[c])
      if (is_sv[i]) {
        position[i] = support.size();
        support.push_back(i);
        ++n_support(c);
      }
  const Index n_sv = support.size();
  Matrix dual_coef(n_classes - 1, n_sv, arma::fill::zeros);
  Vector intercept(n_pairs);
  p = 0;
  for (Index a = 0; a < n_classes; ++a) {
    for (Index b = a + 1; b < n_classes; ++b, ++p) {
      for (Index k = 0; k < pair_rows[p].n_elem; ++k) {
        const Index i = pair_rows[p](k);
        if (!is_sv[i]) continue;
        const Index row = index(i) == a ? b - 1 : a;
        dual_coef(row, position[i]) = coef[p](k);
      }
      intercept(p) = -rho(p);
    }
  }
  if (n_classes == 2) {
    // scikit-learn's binary convention: the second class is the positive one.
    dual_coef = -dual_coef;
    intercept = -intercept;
  }
  if (!dual_coef.is_finite() || !intercept.is_finite())
    throw Error("SVC: the solver diverged (non-finite coefficients)");
  if (reached_max_iter)
    warn_not_converged(type_name(), params_.max_iter,
                       "SMO stopped before the maximal KKT violation fell below tol " +
                           detail::format_double(params_.tol));

  reset_fitted();
  classes_ = std::move(classes);
  support_ = arma::conv_to<arma::uvec>::from(support);
  support_vectors_ =
      params_.kernel == SvmKernel::precomputed ? Matrix(0, X.n_cols) : Matrix(X.rows(support_));
  n_support_ = std::move(n_support);
  dual_coef_ = std::move(dual_coef);
  intercept_ = std::move(intercept);
  n_iter_ = std::move(n_iter);
  objective_ = std::move(objective);
  gamma_ = gamma;
  set_n_features_in(X.n_cols);
  return *this;
}

Tags SVC::tags() const {
  Tags t = Classifier::tags();
  t.sample_weight = true;
  t.decision_function = true;
  return t;
}

Matrix SVC::pairwise_values(const Matrix& X) const {
  check_predict_input(X);
  const Index n_classes = classes_.n_elem;
  const Index n_pairs = intercept_.n_elem;
  const Index n_sv = support_.n_elem;
  // The coefficients of every pair over all support vectors (zero outside its two classes),
  // in libsvm's sign (positive: the first class of the pair).
  arma::uvec start(n_classes + 1, arma::fill::zeros);
  for (Index c = 0; c < n_classes; ++c) start(c + 1) = start(c) + n_support_(c);
  Matrix W(n_sv, n_pairs, arma::fill::zeros);
  Vector b(n_pairs);
  const double sign = n_classes == 2 ? -1.0 : 1.0;
  Index p = 0;
  for (Index a = 0; a < n_classes; ++a)
    for (Index c = a + 1; c < n_classes; ++c, ++p) {
      for (Index k = start(a); k < start(a + 1); ++k) W(k, p) = sign * dual_coef_(c - 1, k);
      for (Index k = start(c); k < start(c + 1); ++k) W(k, p) = sign * dual_coef_(a, k);
      b(p) = sign * intercept_(p);
    }
  const bool precomputed = params_.kernel == SvmKernel::precomputed;
  const detail::KernelSpec spec = kernel_spec(params_, gamma_);
  Matrix values(X.n_rows, n_pairs);
  const Index block = std::max<Index>(1, kBlockEntries / std::max<Index>(n_sv, 1));
  for (Index from = 0; from < X.n_rows; from += block) {
    const Index to = std::min<Index>(X.n_rows, from + block);
    const Matrix rows = X.rows(from, to - 1);
    const Matrix K = precomputed ? Matrix(rows.cols(support_))
                                 : detail::kernel_matrix(spec, rows, support_vectors_);
    values.rows(from, to - 1) = K * W;
  }
  values.each_row() += b.t();
  return values;
}

Matrix SVC::decision_function(const Matrix& X) const {
  const Matrix dec = pairwise_values(X);
  const Index n_classes = classes_.n_elem;
  if (n_classes == 2) return -dec;
  if (params_.decision_function_shape == DecisionFunctionShape::ovo) return dec;
  // scikit-learn's _ovr_decision_function(dec < 0, -dec, n_classes).
  Matrix votes(X.n_rows, n_classes, arma::fill::zeros);
  Matrix confidence(X.n_rows, n_classes, arma::fill::zeros);
  Index p = 0;
  for (Index a = 0; a < n_classes; ++a)
    for (Index c = a + 1; c < n_classes; ++c, ++p)
      for (Index i = 0; i < X.n_rows; ++i) {
        const double d = dec(i, p);
        confidence(i, a) += d;
        confidence(i, c) -= d;
        votes(i, d < 0 ? c : a) += 1;
      }
  return votes + confidence / (3.0 * (arma::abs(confidence) + 1.0));
}

Labels SVC::predict(const Matrix& X) const {
  const Index n_classes = classes_.n_elem;
  arma::uvec index(X.n_rows);
  if (params_.break_ties && n_classes > 2 &&
      params_.decision_function_shape == DecisionFunctionShape::ovr) {
    index = arma::index_max(decision_function(X), 1);
    return labels_of(index);
  }
  const Matrix dec = pairwise_values(X);
  // libsvm's vote: a pair's value > 0 goes to its first class; the first class of most votes.
  std::vector<Index> votes(n_classes);
  for (Index i = 0; i < X.n_rows; ++i) {
    std::fill(votes.begin(), votes.end(), 0);
    Index p = 0;
    for (Index a = 0; a < n_classes; ++a)
      for (Index c = a + 1; c < n_classes; ++c, ++p) ++votes[dec(i, p) > 0 ? a : c];
    index(i) = std::max_element(votes.begin(), votes.end()) - votes.begin();
  }
  return labels_of(index);
}

#define FITKIT_SVC_FITTED(expr)                   \
  if (!is_fitted()) throw NotFitted(type_name()); \
  return expr;

const arma::uvec& SVC::support() const {
  FITKIT_SVC_FITTED(support_)
}
const Matrix& SVC::support_vectors() const {
  FITKIT_SVC_FITTED(support_vectors_)
}
const arma::uvec& SVC::n_support() const {
  FITKIT_SVC_FITTED(n_support_)
}
const Matrix& SVC::dual_coef() const {
  FITKIT_SVC_FITTED(dual_coef_)
}
const Vector& SVC::intercept() const {
  FITKIT_SVC_FITTED(intercept_)
}
const arma::uvec& SVC::n_iter() const {
  FITKIT_SVC_FITTED(n_iter_)
}
const Vector& SVC::dual_objective() const {
  FITKIT_SVC_FITTED(objective_)
}
double SVC::gamma_value() const {
  FITKIT_SVC_FITTED(gamma_)
}

#undef FITKIT_SVC_FITTED

void SVC::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  describe_classes(out);
  out << "support vectors: " << support_.n_elem << " (per class:";
  for (const arma::uword k : n_support_) out << " " << k;
  out << ")\n";
  if (params_.kernel != SvmKernel::precomputed && params_.kernel != SvmKernel::linear)
    out << "gamma: " << detail::format_double(gamma_) << "\n";
  out << "intercept:";
  for (const double b : intercept_) out << " " << detail::format_double(b);
  out << "\nSMO iterations:";
  for (const arma::uword k : n_iter_) out << " " << k;
  out << "\n";
}

template <class Archive>
void SVC::serialize(Archive& ar, std::uint32_t /*version*/) {
  ar(cereal::make_nvp("support", detail::arma_ref(support_)),
     cereal::make_nvp("support_vectors", detail::arma_ref(support_vectors_)),
     cereal::make_nvp("n_support", detail::arma_ref(n_support_)),
     cereal::make_nvp("dual_coef", detail::arma_ref(dual_coef_)),
     cereal::make_nvp("intercept", detail::arma_ref(intercept_)),
     cereal::make_nvp("n_iter", detail::arma_ref(n_iter_)),
     cereal::make_nvp("dual_objective", detail::arma_ref(objective_)),
     cereal::make_nvp("gamma", gamma_));
  if constexpr (Archive::is_loading::value) {
    const Index k = classes_.n_elem;  // read and checked by Classifier
    const Index n_pairs = k * (k - 1) / 2;
    const Index n_sv = support_.n_elem;
    const auto fail = [](const std::string& what) { throw detail::FormatProblem(what); };
    if (n_support_.n_elem != k || arma::accu(n_support_) != n_sv)
      fail("n_support does not match the classes and support vectors");
    if (dual_coef_.n_rows != k - 1 || dual_coef_.n_cols != n_sv)
      fail("dual_coef is " + std::to_string(dual_coef_.n_rows) + " x " +
           std::to_string(dual_coef_.n_cols) + ", expected " + std::to_string(k - 1) + " x " +
           std::to_string(n_sv));
    if (intercept_.n_elem != n_pairs || n_iter_.n_elem != n_pairs || objective_.n_elem != n_pairs)
      fail("expected " + std::to_string(n_pairs) + " intercepts, iteration counts, objectives");
    const bool precomputed = params_.kernel == SvmKernel::precomputed;
    if (support_vectors_.n_cols != n_features_in() ||
        support_vectors_.n_rows != (precomputed ? 0 : n_sv))
      fail("support_vectors does not match the support and the width");
    if (n_sv > 0 && support_.max() >= (precomputed ? n_features_in() : ~arma::uword{0}))
      fail("support index out of range");
    if (!dual_coef_.is_finite() || !intercept_.is_finite() || !support_vectors_.is_finite() ||
        !std::isfinite(gamma_))
      fail("non-finite values");
  }
}

FITKIT_DEFINE_PAYLOAD(SVC)

}  // namespace fitkit
