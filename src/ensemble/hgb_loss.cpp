#include "ensemble/hgb_loss.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

#include "core/helped_loop.hpp"
#include "core/vector_exp.hpp"

namespace fitkit::detail::hgb {
namespace {

// Serial cost of one sample's gradient and hessian (an exp and a few flops).
constexpr double kGradientNanoseconds = 3.0;
// Samples whose exponentials are computed together.
constexpr Index kChunk = 512;

double weighted_mean(const Vector& values, const Vector* weights) {
  if (weights == nullptr) return arma::mean(values);
  return arma::dot(values, *weights) / arma::accu(*weights);
}

// The entries of raw, exponentiated, in a scratch buffer.
std::vector<double> exp_of(const double* raw, Index n, double sign) {
  std::vector<double> out(n);
  for (Index i = 0; i < n; ++i) out[i] = sign * raw[i];
  exp_inplace(out.data(), n);
  return out;
}

// Per row, exp(raw_k - max_k raw_k) and their sum: the softmax's pieces.
void softmax_terms(const Matrix& raw, Matrix& terms, Vector& row_max, Vector& row_sum) {
  const Index n = raw.n_rows;
  row_max = arma::max(raw, 1);
  terms = raw.each_col() - row_max;
  exp_inplace(terms.memptr(), terms.n_elem);
  row_sum = arma::sum(terms, 1);
  (void)n;
}

// body(begin, end) on the rows in chunks of kChunk, as helped-loop tasks: between a tree's
// loops the grower's helpers are awake, and an OpenMP team would compete with them for the
// cores.
void for_each_chunk(Index n, double nanoseconds_per_row,
                    const std::function<void(Index, Index)>& body) {
  const Index chunks = (n + kChunk - 1) / kChunk;
  const double work = nanoseconds_per_row * static_cast<double>(n);
  helped_loop(chunks, threads_for_helped(work, static_cast<double>(chunks)),
              [&](Index c) { body(c * kChunk, std::min(n, (c + 1) * kChunk)); });
}

}  // namespace

bool Loss::constant_hessian(bool weighted) const {
  const bool unit = kind == LossKind::squared_error || kind == LossKind::absolute_error ||
                    kind == LossKind::quantile;
  return unit && !weighted;
}

double percentile_linear(std::vector<double>& values, double q) {
  std::sort(values.begin(), values.end());
  const auto n = static_cast<double>(values.size());
  const double index = (n - 1) * q;
  const double below = std::floor(index);
  const auto last = static_cast<double>(values.size() - 1);
  const double a = values[static_cast<std::size_t>(std::clamp(below, 0.0, last))];
  const double b = values[static_cast<std::size_t>(std::clamp(below + 1, 0.0, last))];
  const double gamma = index - below;
  const double diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

double weighted_percentile(const std::vector<double>& values, const std::vector<double>& weights,
                           double q) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> cdf(values.size());
  double total = 0;
  for (std::size_t i = 0; i < order.size(); ++i) cdf[i] = total += weights[order[i]];
  double target = q * total;
  // For q = 0, leading samples of zero weight are skipped, as scikit-learn does.
  if (target == 0) target = std::nextafter(target, 1.0);
  std::size_t index = std::lower_bound(cdf.begin(), cdf.end(), target) - cdf.begin();
  index = std::min(index, values.size() - 1);
  return values[order[index]];
}

Vector Loss::baseline(const Vector& y, const Vector* sample_weight) const {
  const Index n = y.n_elem;
  switch (kind) {
    case LossKind::squared_error:
      return Vector{weighted_mean(y, sample_weight)};
    case LossKind::poisson:
      return Vector{std::log(weighted_mean(y, sample_weight))};
    case LossKind::absolute_error:
    case LossKind::quantile: {
      std::vector<double> values(y.begin(), y.end());
      if (sample_weight != nullptr) {
        const std::vector<double> w(sample_weight->begin(), sample_weight->end());
        return Vector{weighted_percentile(values, w, kind == LossKind::quantile ? quantile : 0.5)};
      }
      return Vector{leaf_value(values, nullptr)};
    }
    case LossKind::binomial: {
      const double eps = std::numeric_limits<double>::epsilon();
      const double p = std::clamp(weighted_mean(y, sample_weight), eps, 1 - eps);
      return Vector{std::log(p / (1 - p))};
    }
    case LossKind::multinomial: {
      const double eps = std::numeric_limits<double>::epsilon();
      Vector log_p(n_classes);
      for (Index k = 0; k < n_classes; ++k) {
        Vector indicator(n);
        for (Index i = 0; i < n; ++i) indicator(i) = y(i) == static_cast<double>(k) ? 1.0 : 0.0;
        log_p(k) = std::log(std::clamp(weighted_mean(indicator, sample_weight), eps, 1 - eps));
      }
      return log_p - arma::mean(log_p);
    }
  }
  return {};
}

void Loss::gradients(const Vector& y, const Matrix& raw, const Vector* sample_weight,
                     std::vector<GradientPair>& pairs) const {
  const Index n = y.n_elem;
  const Index columns = n_trees_per_iteration();
  pairs.resize(n * columns);
  const bool constant = constant_hessian(sample_weight != nullptr);
  const double* w = sample_weight != nullptr ? sample_weight->memptr() : nullptr;
  const double* r = raw.memptr();
  const double* t = y.memptr();
  GradientPair* out = pairs.data();
  const double per_row = kGradientNanoseconds * static_cast<double>(columns);
  switch (kind) {
    case LossKind::squared_error:
    case LossKind::absolute_error:
    case LossKind::quantile: {
      for_each_chunk(n, per_row, [&](Index begin, Index end) {
        for (Index i = begin; i < end; ++i) {
          double grad;
          if (kind == LossKind::squared_error)
            grad = r[i] - t[i];
          else if (kind == LossKind::absolute_error)
            grad = r[i] > t[i] ? 1.0 : -1.0;
          else
            grad = t[i] >= r[i] ? -quantile : 1 - quantile;
          out[i] = {static_cast<float>(w != nullptr ? w[i] * grad : grad),
                    constant ? 0.0f : static_cast<float>(w[i])};
        }
      });
      break;
    }
    case LossKind::poisson: {
      const std::vector<double> e = exp_of(r, n, 1.0);
      for_each_chunk(n, per_row, [&](Index begin, Index end) {
        for (Index i = begin; i < end; ++i) {
          const double wi = w != nullptr ? w[i] : 1.0;
          out[i] = {static_cast<float>(wi * (e[i] - t[i])), static_cast<float>(wi * e[i])};
        }
      });
      break;
    }
    case LossKind::binomial: {
      // e = exp(-|raw|): p = expit(raw) and p (1 - p) = e / (1 + e)^2 without overflow. Chunks
      // small enough for L1, so that the exponentials are not written out and read back.
      for_each_chunk(n, per_row, [&](Index begin, Index end) {
        const Index size = end - begin;
        double e[kChunk];
        for (Index j = 0; j < size; ++j) e[j] = -std::abs(r[begin + j]);
        exp_inplace(e, size);
        // The numerator chosen by value, not by branch (the signs are random), so that the
        // loop vectorises: the divisions are the cost.
        const double* rc = r + begin;
        const double* tc = t + begin;
        GradientPair* pc = out + begin;
        if (w == nullptr) {
          for (Index j = 0; j < size; ++j) {
            const double d = 1 + e[j];
            const double numerator = rc[j] >= 0 ? 1.0 : e[j];
            pc[j] = {static_cast<float>(numerator / d - tc[j]), static_cast<float>(e[j] / (d * d))};
          }
        } else {
          const double* wc = w + begin;
          for (Index j = 0; j < size; ++j) {
            const double d = 1 + e[j];
            const double numerator = rc[j] >= 0 ? 1.0 : e[j];
            pc[j] = {static_cast<float>(wc[j] * (numerator / d - tc[j])),
                     static_cast<float>(wc[j] * (e[j] / (d * d)))};
          }
        }
      });
      break;
    }
    case LossKind::multinomial: {
      Matrix terms;
      Vector row_max, row_sum;
      softmax_terms(raw, terms, row_max, row_sum);
      for_each_chunk(n, per_row, [&](Index begin, Index end) {
        for (Index i = begin; i < end; ++i) {
          const double wi = w != nullptr ? w[i] : 1.0;
          for (Index k = 0; k < columns; ++k) {
            const double p = terms(i, k) / row_sum(i);
            const double indicator = t[i] == static_cast<double>(k) ? 1.0 : 0.0;
            out[k * n + i] = {static_cast<float>(wi * (p - indicator)),
                              static_cast<float>(wi * (p * (1 - p)))};
          }
        }
      });
      break;
    }
  }
}

double Loss::mean_loss(const Vector& y, const Matrix& raw, const Vector* sample_weight) const {
  const Index n = y.n_elem;
  Vector per_sample(n);
  switch (kind) {
    case LossKind::squared_error:
      for (Index i = 0; i < n; ++i) per_sample(i) = 0.5 * (y(i) - raw(i, 0)) * (y(i) - raw(i, 0));
      break;
    case LossKind::absolute_error:
      for (Index i = 0; i < n; ++i) per_sample(i) = std::abs(y(i) - raw(i, 0));
      break;
    case LossKind::quantile:
      for (Index i = 0; i < n; ++i) {
        const double diff = y(i) - raw(i, 0);
        per_sample(i) = diff >= 0 ? quantile * diff : (quantile - 1) * diff;
      }
      break;
    case LossKind::poisson: {
      const std::vector<double> e = exp_of(raw.memptr(), n, 1.0);
      for (Index i = 0; i < n; ++i) per_sample(i) = e[i] - y(i) * raw(i, 0);
      break;
    }
    case LossKind::binomial: {
      std::vector<double> e(n);
      for (Index i = 0; i < n; ++i) e[i] = -std::abs(raw(i, 0));
      exp_inplace(e.data(), n);
      for (Index i = 0; i < n; ++i)
        per_sample(i) = std::max(raw(i, 0), 0.0) + std::log1p(e[i]) - y(i) * raw(i, 0);
      break;
    }
    case LossKind::multinomial: {
      Matrix terms;
      Vector row_max, row_sum;
      softmax_terms(raw, terms, row_max, row_sum);
      for (Index i = 0; i < n; ++i)
        per_sample(i) = row_max(i) + std::log(row_sum(i)) - raw(i, static_cast<Index>(y(i)));
      break;
    }
  }
  return weighted_mean(per_sample, sample_weight);
}

double Loss::leaf_value(std::vector<double>& residuals, const std::vector<double>* weights) const {
  const double q = kind == LossKind::quantile ? quantile : 0.5;
  if (weights != nullptr) return weighted_percentile(residuals, *weights, q);
  if (kind == LossKind::absolute_error) {
    // np.median: the mean of the two middle values for an even count.
    std::sort(residuals.begin(), residuals.end());
    const std::size_t m = residuals.size();
    return m % 2 == 1 ? residuals[m / 2] : (residuals[m / 2 - 1] + residuals[m / 2]) / 2;
  }
  return percentile_linear(residuals, q);
}

}  // namespace fitkit::detail::hgb
