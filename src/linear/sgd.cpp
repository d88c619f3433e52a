#include "linear/sgd.hpp"

#include <omp.h>

#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <limits>
#include <memory>
#include <new>
#include <numeric>
#include <string>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/progress.hpp"
#include "fitkit/core/random.hpp"
#include "fitkit/model_selection/validation_split.hpp"

namespace fitkit::detail {
namespace {

// ---- losses: value and derivative in the prediction p, scikit-learn's definitions ---------

struct Hinge {
  double threshold;
  double loss(double p, double y) const {
    const double z = p * y;
    return z <= threshold ? threshold - z : 0.0;
  }
  double dloss(double p, double y) const { return p * y <= threshold ? -y : 0.0; }
};

struct SquaredHinge {
  double loss(double p, double y) const {
    const double z = 1.0 - p * y;
    return z > 0 ? z * z : 0.0;
  }
  double dloss(double p, double y) const {
    const double z = 1.0 - p * y;
    return z > 0 ? -2 * y * z : 0.0;
  }
};

struct ModifiedHuber {
  double loss(double p, double y) const {
    const double z = p * y;
    if (z >= 1.0) return 0.0;
    if (z >= -1.0) return (1.0 - z) * (1.0 - z);
    return -4.0 * z;
  }
  double dloss(double p, double y) const {
    const double z = p * y;
    if (z >= 1.0) return 0.0;
    if (z >= -1.0) return 2.0 * (1.0 - z) * -y;
    return -4.0 * y;
  }
};

// Beyond |z| = 18 the log and exp are replaced by their asymptotes, as scikit-learn does (it
// changes the iterates, so it is kept).
struct Log {
  double loss(double p, double y) const {
    const double z = p * y;
    if (z > 18) return std::exp(-z);
    if (z < -18) return -z;
    return std::log(1.0 + std::exp(-z));
  }
  double dloss(double p, double y) const {
    const double z = p * y;
    if (z > 18.0) return std::exp(-z) * -y;
    if (z < -18.0) return -y;
    return -y / (std::exp(z) + 1.0);
  }
};

struct SquaredError {
  double loss(double p, double y) const { return 0.5 * (p - y) * (p - y); }
  double dloss(double p, double y) const { return p - y; }
};

struct Huber {
  double c;
  double loss(double p, double y) const {
    const double r = p - y, abs_r = std::fabs(r);
    return abs_r <= c ? 0.5 * r * r : c * abs_r - 0.5 * c * c;
  }
  double dloss(double p, double y) const {
    const double r = p - y;
    if (std::fabs(r) <= c) return r;
    return r > 0.0 ? c : -c;
  }
};

struct EpsilonInsensitive {
  double epsilon;
  double loss(double p, double y) const {
    const double r = std::fabs(y - p) - epsilon;
    return r > 0 ? r : 0.0;
  }
  double dloss(double p, double y) const {
    if (y - p > epsilon) return -1.0;
    if (p - y > epsilon) return 1.0;
    return 0.0;
  }
};

struct SquaredEpsilonInsensitive {
  double epsilon;
  double loss(double p, double y) const {
    const double r = std::fabs(y - p) - epsilon;
    return r > 0 ? r * r : 0.0;
  }
  double dloss(double p, double y) const {
    const double z = y - p;
    if (z > epsilon) return -2 * (z - epsilon);
    if (z < -epsilon) return 2 * (-z - epsilon);
    return 0.0;
  }
};

// ---- the data as the epochs read it ------------------------------------------------------

// Memory for what a shuffled epoch reads in random order. Large buffers are 2 MB aligned and
// marked for transparent huge pages: a random row then costs one TLB entry per 2 MB instead
// of a page walk per 4 KB, which (with prefetching) halves an epoch on large data.
class PageBuffer {
 public:
  explicit PageBuffer(std::size_t n_doubles) {
    constexpr std::size_t huge = std::size_t{2} << 20;
    std::size_t bytes = std::max<std::size_t>(n_doubles, 1) * sizeof(double);
    const bool use_huge = bytes >= 2 * huge;
    const std::size_t align = use_huge ? huge : 64;
    bytes = (bytes + align - 1) / align * align;
    data_.reset(static_cast<double*>(std::aligned_alloc(align, bytes)));
    if (!data_) throw std::bad_alloc();
    if (use_huge) madvise(data_.get(), bytes, MADV_HUGEPAGE);  // a hint: failure is harmless
  }
  double* get() const { return data_.get(); }

 private:
  struct Free {
    void operator()(double* p) const { std::free(p); }
  };
  std::unique_ptr<double[], Free> data_;
};

// X (column-major, features contiguous) as rows: sample i at i * d, its d features contiguous.
PageBuffer sample_rows(const Matrix& X) {
  const Index n = X.n_rows, d = X.n_cols;
  PageBuffer rows(n * d);
  double* out = rows.get();
  constexpr Index block = 64;  // samples per block: a block's rows stay in cache while written
  const auto n_blocks = static_cast<long long>((n + block - 1) / block);
  const int threads = threads_for(2 * kStreamNanoseconds * n * d, n_blocks);
#pragma omp parallel for schedule(static) num_threads(threads)
  for (long long b = 0; b < n_blocks; ++b) {
    const Index lo = static_cast<Index>(b) * block, hi = std::min(n, lo + block);
    for (Index j = 0; j < d; ++j) {
      const double* col = X.colptr(j);
      for (Index i = lo; i < hi; ++i) out[i * d + j] = col[i];
    }
  }
  return rows;
}

// ---- dense kernels over one sample ---------------------------------------------------------

// One running sum in index order, as scikit-learn's loop: the iterates then agree with its
// to rounding. (Partial sums would vectorise, but SGD amplifies the last-bit differences
// into visibly different models; the sum's latency mostly hides under memory access.)
double dot(const double* w, const double* x, Index d) {
  double s = 0;
  for (Index j = 0; j < d; ++j) s += w[j] * x[j];
  return s;
}

void axpy(double* __restrict w, const double* __restrict x, double a, Index d) {
  for (Index j = 0; j < d; ++j) w[j] += x[j] * a;
}

// Rows ahead of the current one that a shuffled epoch asks the memory for.
constexpr Index prefetch_distance = 8;

void prefetch_row(const double* row, Index d) {
  const char* bytes = reinterpret_cast<const char*>(row);
  for (Index off = 0; off < d * sizeof(double); off += 64) __builtin_prefetch(bytes + off);
}

constexpr double max_dloss = 1e12;  // scikit-learn clips the derivative there
constexpr double min_wscale = 1e-9;

// w as wscale * v, with the averaged-SGD accumulators of Bottou's "Stochastic gradient
// descent tricks" (2012): the mean of the iterates is (aw + average_a v) / average_b.
class ScaledWeights {
 public:
  ScaledWeights(Vector& v, Vector* average) : v_(v.memptr()), d_(v.n_elem) {
    if (average != nullptr) aw_ = average->memptr();
  }

  double* data() { return v_; }
  double scale() const { return wscale_; }
  double dot(const double* x) const { return detail::dot(v_, x, d_) * wscale_; }
  void add(const double* x, double c) { axpy(v_, x, c / wscale_, d_); }

  void shrink(double c) {
    wscale_ *= c;
    if (wscale_ < min_wscale) reset();
  }

  // One more iterate into the mean, the num_iter-th since averaging began.
  void add_average(const double* x, double c, double num_iter) {
    const double mu = 1.0 / num_iter;
    const double a = average_a_, step = -c / wscale_;
    for (Index j = 0; j < d_; ++j) aw_[j] += a * x[j] * step;
    if (num_iter > 1) average_b_ /= (1.0 - mu);
    average_a_ += mu * average_b_ * wscale_;
  }

  // Folds the scale into v (and the accumulators into the mean).
  void reset() {
    if (aw_ != nullptr) {
      const double inv_b = 1.0 / average_b_;
      for (Index j = 0; j < d_; ++j) aw_[j] = (aw_[j] + average_a_ * v_[j]) * inv_b;
      average_a_ = 0.0;
      average_b_ = 1.0;
    }
    for (Index j = 0; j < d_; ++j) v_[j] *= wscale_;
    wscale_ = 1.0;
  }

 private:
  double* v_;
  Index d_;
  double* aw_ = nullptr;
  double wscale_ = 1.0;
  double average_a_ = 0.0;
  double average_b_ = 1.0;
};

// Tsuruoka, Tsujii and Ananiadou (2009): each weight pays what is left of the cumulative L1
// penalty u, q[j] being what it has paid so far, and is clipped at zero.
void cumulative_l1(ScaledWeights& w, double* q, Index d, double u) {
  double* v = w.data();
  const double wscale = w.scale();
  for (Index j = 0; j < d; ++j) {
    const double z = v[j];
    if (wscale * z > 0.0)
      v[j] = std::max(0.0, v[j] - (u + q[j]) / wscale);
    else if (wscale * z < 0.0)
      v[j] = std::min(0.0, v[j] + (u - q[j]) / wscale);
    q[j] += wscale * (v[j] - z);
  }
}

// The samples as the epochs see them: rows (sample i at X + i * d) and, per sample, its target
// and weight side by side (a shuffled step then reads two cache lines less).
struct Samples {
  const double* X;
  Index n, d;
  const double* yw;
  const unsigned char* held_out;         // validation mask, or null
  const std::vector<Index>* validation;  // its indices
};

// The score early stopping watches, on the held-out samples with their weights: accuracy of
// the sign of p for a classifier, R² for a regressor (scikit-learn's est.score).
double validation_score(const SgdSettings& s, const Samples& data, ScaledWeights& w,
                        double intercept) {
  double total = 0, good = 0, sum_y = 0;
  for (const Index i : *data.validation) {
    const double y = data.yw[2 * i], weight = data.yw[2 * i + 1];
    total += weight;
    sum_y += weight * y;
    if (s.score_accuracy) {
      const double p = w.dot(data.X + i * data.d) + intercept;
      if ((p > 0 ? 1.0 : -1.0) == y) good += weight;
    }
  }
  if (s.score_accuracy) return total > 0 ? good / total : 0.0;
  const double mean = total > 0 ? sum_y / total : 0.0;
  double ss_res = 0, ss_tot = 0;
  for (const Index i : *data.validation) {
    const double y = data.yw[2 * i], weight = data.yw[2 * i + 1];
    const double r = y - (w.dot(data.X + i * data.d) + intercept);
    ss_res += weight * r * r;
    ss_tot += weight * (y - mean) * (y - mean);
  }
  if (ss_tot == 0) return ss_res == 0 ? 1.0 : 0.0;
  return 1.0 - ss_res / ss_tot;
}

template <class Loss>
Index run_epochs(const Loss& loss, const SgdSettings& s, const Samples& data,
                 const SgdTargets& targets, double t, int max_iter, std::uint64_t seed,
                 SgdLine& line, Progress* progress) {
  const Index n = data.n, d = data.d;
  const double* yw = data.yw;
  const bool averaging = s.average > 0;
  if (averaging && line.average_coef.n_elem != d) line.average_coef.zeros(d);
  ScaledWeights w(line.coef, averaging ? &line.average_coef : nullptr);
  double intercept = line.intercept;
  double average_intercept = line.average_intercept;

  const bool l1 = s.penalty == SgdPenalty::l1 || s.penalty == SgdPenalty::elasticnet;
  const bool shrinks = s.penalty == SgdPenalty::l2 || s.penalty == SgdPenalty::elasticnet;
  const double l1_ratio =
      s.penalty == SgdPenalty::l2 ? 0.0 : (s.penalty == SgdPenalty::l1 ? 1.0 : s.l1_ratio);
  std::vector<double> q(l1 ? d : 0, 0.0);
  double u = 0.0;

  double eta = s.eta0;
  double optimal_init = 0.0;
  if (s.learning_rate == SgdLearningRate::optimal) {
    // Bottou's heuristic: t0 such that the first step is about that of a typical weight
    // 1 / sqrt(alpha).
    const double typw = std::sqrt(1.0 / std::sqrt(s.alpha));
    const double initial_eta0 = typw / std::max(1.0, loss.dloss(-typw, 1.0));
    optimal_init = 1.0 / (initial_eta0 * s.alpha);
  }

  std::vector<Index> order(n);
  std::iota(order.begin(), order.end(), Index{0});
  Random rng(seed);
  const double tol_n = s.tol * static_cast<double>(n);
  double best_loss = std::numeric_limits<double>::infinity();
  double best_score = -std::numeric_limits<double>::infinity();
  const bool early_stopping = s.early_stopping && data.held_out != nullptr;
  int no_improvement = 0;
  Index epoch = 0;
  for (; epoch < static_cast<Index>(max_iter); ++epoch) {
    if (s.shuffle)
      for (Index i = n; i > 1; --i) std::swap(order[i - 1], order[rng.uniform_index(i)]);
    double sumloss = 0;
    for (Index k = 0; k < n; ++k) {
      const Index i = order[k];
      // A shuffled epoch reads rows in random order: ask for a later one now, so that the
      // memory latency overlaps with this step's work (as the hardware does for plain order).
      if (s.shuffle && k + prefetch_distance < n) {
        const Index next = order[k + prefetch_distance];
        prefetch_row(data.X + next * d, d);
        __builtin_prefetch(yw + 2 * next);
      }
      if (data.held_out != nullptr && data.held_out[i]) continue;  // not learned from
      const double* x = data.X + i * d;
      const double yi = yw[2 * i], sample_weight = yw[2 * i + 1];
      const double p = w.dot(x) + intercept;
      if (s.learning_rate == SgdLearningRate::optimal)
        eta = 1.0 / (s.alpha * (optimal_init + t - 1));
      else if (s.learning_rate == SgdLearningRate::invscaling)
        eta = s.eta0 / std::pow(t, s.power_t);
      sumloss += loss.loss(p, yi);
      const double class_weight = yi > 0.0 ? targets.weight_pos : targets.weight_neg;
      const double dloss = std::clamp(loss.dloss(p, yi), -max_dloss, max_dloss);
      double update = -eta * dloss;
      update *= class_weight * sample_weight;
      if (shrinks) w.shrink(std::max(0.0, 1.0 - ((1.0 - l1_ratio) * eta * s.alpha)));
      if (update != 0.0) {
        w.add(x, update);
        if (s.fit_intercept) intercept += update;
      }
      if (averaging && static_cast<double>(s.average) <= t) {
        const double num_iter = t - static_cast<double>(s.average) + 1;
        w.add_average(x, update, num_iter);
        average_intercept += (intercept - average_intercept) / num_iter;
      }
      if (l1) {
        u += l1_ratio * eta * s.alpha;
        cumulative_l1(w, q.data(), d, u);
      }
      t += 1;
    }

    bool finite = std::isfinite(intercept);
    for (Index j = 0; j < d && finite; ++j) finite = std::isfinite(w.data()[j]);
    if (!finite)
      throw Error("SGD: floating-point overflow at epoch " + std::to_string(epoch + 1) +
                  "; scale the features (e.g. to zero mean and unit variance) or lower eta0");

    if (progress != nullptr) progress->update(epoch + 1);
    if (early_stopping) {
      const double score = validation_score(s, data, w, intercept);
      if (s.tol >= 0 && score < best_score + s.tol)
        ++no_improvement;
      else
        no_improvement = 0;
      if (score > best_score) best_score = score;
    } else {
      if (s.tol >= 0 && sumloss > best_loss - tol_n)
        ++no_improvement;
      else
        no_improvement = 0;
      if (sumloss < best_loss) best_loss = sumloss;
    }
    if (no_improvement >= s.n_iter_no_change) {
      if (s.learning_rate == SgdLearningRate::adaptive && eta > 1e-6) {
        eta /= 5;
        no_improvement = 0;
      } else {
        ++epoch;
        break;
      }
    }
  }
  w.reset();
  line.intercept = intercept;
  line.average_intercept = average_intercept;
  return epoch;
}

Index run_line(const SgdSettings& s, const PageBuffer& rows, Index n, Index d, const Vector& sw,
               const SgdTargets& targets, double t, int max_iter, std::uint64_t seed, SgdLine& line,
               const std::vector<unsigned char>& held_out, const std::vector<Index>& validation,
               Progress* progress) {
  PageBuffer yw(2 * n);
  for (Index i = 0; i < n; ++i) {
    yw.get()[2 * i] = targets.y(i);
    yw.get()[2 * i + 1] = sw(i);
  }
  const Samples data{rows.get(), n, d, yw.get(), held_out.empty() ? nullptr : held_out.data(),
                     &validation};
  auto run = [&](const auto& loss) {
    return run_epochs(loss, s, data, targets, t, max_iter, seed, line, progress);
  };
  switch (s.loss) {
    case SgdLoss::hinge:
      return run(Hinge{1.0});
    case SgdLoss::perceptron:
      return run(Hinge{0.0});
    case SgdLoss::log:
      return run(Log{});
    case SgdLoss::modified_huber:
      return run(ModifiedHuber{});
    case SgdLoss::squared_hinge:
      return run(SquaredHinge{});
    case SgdLoss::squared_error:
      return run(SquaredError{});
    case SgdLoss::huber:
      return run(Huber{s.epsilon});
    case SgdLoss::epsilon_insensitive:
      return run(EpsilonInsensitive{s.epsilon});
    case SgdLoss::squared_epsilon_insensitive:
      return run(SquaredEpsilonInsensitive{s.epsilon});
  }
  return 0;
}

}  // namespace

std::vector<unsigned char> early_stopping_split(Index n, double fraction, const arma::uvec* strata,
                                                std::uint64_t seed) {
  try {
    return validation_split(n, fraction, strata, seed);
  } catch (const DataError& e) {
    throw DataError(std::string("early_stopping: ") + e.what() +
                    "; change validation_fraction or turn early_stopping off");
  }
}

void check_sgd_settings(const SgdSettings& s) {
  if (s.learning_rate != SgdLearningRate::optimal && !(s.eta0 > 0))
    throw InvalidParameter("eta0",
                           "must be > 0 with learning_rate constant, invscaling or "
                           "adaptive, got " +
                               format_double(s.eta0));
  if (s.learning_rate == SgdLearningRate::optimal && !(s.alpha > 0))
    throw InvalidParameter("alpha",
                           "must be > 0 with learning_rate optimal (its step sizes "
                           "are 1 / (alpha t)), got " +
                               format_double(s.alpha));
}

Index sgd_fit_lines(const SgdSettings& settings, const Matrix& X, const Vector& sample_weight,
                    const std::function<SgdTargets(Index)>& targets, double t, int max_iter,
                    std::uint64_t seed, std::vector<SgdLine>& lines,
                    const std::vector<unsigned char>& held_out) {
  const PageBuffer rows = sample_rows(X);
  std::vector<Index> validation;
  for (Index i = 0; i < held_out.size(); ++i)
    if (held_out[i]) validation.push_back(i);
  const Random streams(seed);
  // The bar follows the first problem (one-vs-rest problems run alongside it).
  Progress progress("SGD epochs", static_cast<std::size_t>(max_iter));
  const auto n_lines = static_cast<long long>(lines.size());
  std::vector<Index> n_iter(lines.size(), 0);
  std::exception_ptr failure;
  // Every line makes at least one epoch: a dot product and usually an update per sample.
  const int threads = threads_for(
      4 * kStreamNanoseconds * static_cast<double>(X.n_elem) * static_cast<double>(n_lines),
      static_cast<double>(n_lines));
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (long long k = 0; k < n_lines; ++k) {
    try {
      const auto index = static_cast<Index>(k);
      const std::uint64_t line_seed = streams.substream(index)();
      n_iter[index] = run_line(settings, rows, X.n_rows, X.n_cols, sample_weight, targets(index), t,
                               max_iter, line_seed, lines[index], held_out, validation,
                               index == 0 && max_iter > 1 ? &progress : nullptr);
    } catch (...) {
#pragma omp critical(fitkit_sgd_failure)
      if (!failure) failure = std::current_exception();
    }
  }
  progress.finish();
  if (failure) std::rethrow_exception(failure);
  return n_lines == 0 ? 0 : *std::max_element(n_iter.begin(), n_iter.end());
}

}  // namespace fitkit::detail
