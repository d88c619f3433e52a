#include "svm/platt.hpp"

#include <algorithm>
#include <cmath>

namespace fitkit::detail {
namespace {

// log(1 + exp(-|z|)) and friends, written so that exp never sees a large positive argument.
// The negative log-likelihood of target t at z = A f + B, where P(first) = 1 / (1 + exp(z)):
//   t * z + log(1 + exp(-z))          for z >= 0
//   (t - 1) * z + log(1 + exp(z))     for z < 0
double loss_term(double t, double z) {
  return z >= 0 ? t * z + std::log1p(std::exp(-z)) : (t - 1) * z + std::log1p(std::exp(z));
}

}  // namespace

double sigmoid_probability(double f, double A, double B) {
  const double z = f * A + B;
  if (z >= 0) {
    const double e = std::exp(-z);
    return e / (1.0 + e);
  }
  return 1.0 / (1.0 + std::exp(z));
}

Sigmoid fit_sigmoid(const Vector& f, const arma::ivec& positive) {
  const Index n = f.n_elem;
  double n_pos = 0, n_neg = 0;
  for (Index i = 0; i < n; ++i) (positive(i) > 0 ? n_pos : n_neg) += 1;
  // Platt's targets: the maximum a posteriori estimate under a uniform prior, not 0 and 1.
  const double hi = (n_pos + 1.0) / (n_pos + 2.0);
  const double lo = 1.0 / (n_neg + 2.0);
  Vector t(n);
  for (Index i = 0; i < n; ++i) t(i) = positive(i) > 0 ? hi : lo;

  constexpr int kMaxIter = 100;
  constexpr double kMinStep = 1e-10;
  constexpr double kRidge = 1e-12;  // keeps the Hessian strictly positive definite
  constexpr double kEps = 1e-5;     // on both components of the gradient

  Sigmoid s;
  s.A = 0.0;
  s.B = std::log((n_neg + 1.0) / (n_pos + 1.0));
  const auto objective = [&](double A, double B) {
    double value = 0;
    for (Index i = 0; i < n; ++i) value += loss_term(t(i), f(i) * A + B);
    return value;
  };
  double value = objective(s.A, s.B);
  int iter = 0;
  for (; iter < kMaxIter; ++iter) {
    double h11 = kRidge, h22 = kRidge, h21 = 0, g1 = 0, g2 = 0;
    for (Index i = 0; i < n; ++i) {
      const double z = f(i) * s.A + s.B;
      // p = P(first) = 1 / (1 + e^z), q = 1 - p, each from the side where exp is small.
      double p, q;
      if (z >= 0) {
        const double e = std::exp(-z);
        p = e / (1.0 + e);
        q = 1.0 / (1.0 + e);
      } else {
        const double e = std::exp(z);
        p = 1.0 / (1.0 + e);
        q = e / (1.0 + e);
      }
      const double w = p * q;
      h11 += f(i) * f(i) * w;
      h22 += w;
      h21 += f(i) * w;
      const double d = t(i) - p;
      g1 += f(i) * d;
      g2 += d;
    }
    if (std::abs(g1) < kEps && std::abs(g2) < kEps) break;
    // Newton's direction -H^{-1} g, then halve the step until the decrease is sufficient.
    const double det = h11 * h22 - h21 * h21;
    const double dA = -(h22 * g1 - h21 * g2) / det;
    const double dB = -(-h21 * g1 + h11 * g2) / det;
    const double slope = g1 * dA + g2 * dB;
    double step = 1.0;
    for (; step >= kMinStep; step /= 2.0) {
      const double A = s.A + step * dA, B = s.B + step * dB;
      const double candidate = objective(A, B);
      if (candidate < value + 1e-4 * step * slope) {
        s.A = A;
        s.B = B;
        value = candidate;
        break;
      }
    }
    if (step < kMinStep) {
      s.converged = false;
      break;
    }
  }
  if (iter >= kMaxIter) s.converged = false;
  s.n_iter = iter;
  return s;
}

Vector couple_pairwise(const Matrix& r, double eps, int max_iter) {
  const Index k = r.n_rows;
  // Q(t, t) = sum_{j != t} r_jt^2, Q(t, j) = -r_jt r_tj: p'Qp is the objective.
  Matrix Q(k, k);
  for (Index t = 0; t < k; ++t) {
    double diagonal = 0;
    for (Index j = 0; j < k; ++j) {
      if (j == t) continue;
      diagonal += r(j, t) * r(j, t);
      Q(t, j) = -r(j, t) * r(t, j);
    }
    Q(t, t) = diagonal;
  }
  Vector p(k, arma::fill::value(1.0 / static_cast<double>(k)));
  Vector Qp(k);
  for (int iter = 0; iter < max_iter; ++iter) {
    // Recomputed each sweep, for accuracy; the optimum has (Qp)_t = p'Qp for every t.
    double pQp = 0;
    for (Index t = 0; t < k; ++t) {
      double s = 0;
      for (Index j = 0; j < k; ++j) s += Q(t, j) * p(j);
      Qp(t) = s;
      pQp += p(t) * s;
    }
    double max_error = 0;
    for (Index t = 0; t < k; ++t) max_error = std::max(max_error, std::abs(Qp(t) - pQp));
    if (max_error < eps) break;
    for (Index t = 0; t < k; ++t) {
      // Minimise over p_t with the others fixed, then rescale p back onto the simplex; Qp and
      // p'Qp follow the rescaling in closed form.
      const double diff = (-Qp(t) + pQp) / Q(t, t);
      p(t) += diff;
      const double scale = 1.0 + diff;
      pQp = (pQp + diff * (diff * Q(t, t) + 2.0 * Qp(t))) / scale / scale;
      for (Index j = 0; j < k; ++j) {
        Qp(j) = (Qp(j) + diff * Q(t, j)) / scale;
        p(j) /= scale;
      }
    }
  }
  return p;
}

Vector couple_pairwise(const Matrix& r) {
  const Index k = r.n_rows;
  return couple_pairwise(r, 0.005 / static_cast<double>(k),
                         std::max<int>(100, static_cast<int>(k)));
}

std::uint32_t LibsvmRandom::bounded(std::uint32_t range) {
  // Multiply a 32-bit draw by the range and keep the high half; reject the few low halves that
  // would make some values more likely than others ((2^32 - range) mod range of them).
  std::uint32_t x = static_cast<std::uint32_t>(engine_());
  std::uint64_t m = static_cast<std::uint64_t>(x) * range;
  auto low = static_cast<std::uint32_t>(m);
  if (low < range) {
    std::uint32_t threshold = -range;
    if (threshold >= range) {
      threshold -= range;
      if (threshold >= range) threshold %= range;
    }
    while (low < threshold) {
      x = static_cast<std::uint32_t>(engine_());
      m = static_cast<std::uint64_t>(x) * range;
      low = static_cast<std::uint32_t>(m);
    }
  }
  return static_cast<std::uint32_t>(m >> 32);
}

std::uint32_t libsvm_seed(std::uint64_t seed) {
  const auto folded = static_cast<std::uint32_t>(seed ^ (seed >> 32));
  // numpy's RandomState(seed) is init_genrand(seed), as std::mt19937(seed); randint(2^31 - 1)
  // masks each 32-bit draw to 31 bits and rejects 2^31 - 1.
  std::mt19937 engine(folded);
  std::uint32_t v = 0;
  do {
    v = static_cast<std::uint32_t>(engine()) & 0x7fffffffu;
  } while (v > 0x7ffffffeu);
  return v;
}

}  // namespace fitkit::detail
