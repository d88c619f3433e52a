#include "svm/smo_solver.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <utility>
#include <vector>

#include "fitkit/core/progress.hpp"

namespace fitkit::detail {
namespace {

constexpr double kTau = 1e-12;  // the curvature used where Q's 2 x 2 block is not positive
constexpr double kInf = std::numeric_limits<double>::infinity();

enum class Bound : std::uint8_t { lower, upper, free };

class Smo {
 public:
  Smo(QMatrix& Q, const Vector& p, const arma::ivec& y, const Vector& C, const Vector& alpha,
      const SmoOptions& options)
      : Q_(Q), l_(p.n_elem), options_(options) {
    p_.assign(p.begin(), p.end());
    C_.assign(C.begin(), C.end());
    alpha_.assign(alpha.begin(), alpha.end());
    y_.resize(l_);
    QD_.resize(l_);
    order_.resize(l_);
    bound_.resize(l_);
    for (Index i = 0; i < l_; ++i) {
      y_[i] = y(i) > 0 ? 1 : -1;
      QD_[i] = Q_.diagonal(i);
      order_[i] = i;
      update_bound(i);
    }
  }

  SmoResult run() {
    active_size_ = l_;
    G_.assign(p_.begin(), p_.end());
    G_bar_.assign(l_, 0.0);
    for (Index i = 0; i < l_; ++i) {
      if (is_lower(i)) continue;
      const double* Qi = Q_.column(i, l_);
      for (Index k = 0; k < l_; ++k) G_[k] += alpha_[i] * Qi[k];
      if (is_upper(i))
        for (Index k = 0; k < l_; ++k) G_bar_[k] += C_[i] * Qi[k];
    }

    SmoResult result;
    std::int64_t iter = 0;
    Index counter = std::min<Index>(l_, 1000) + 1;
    while (options_.max_iter < 0 || iter < options_.max_iter) {
      if (--counter == 0) {
        counter = std::min<Index>(l_, 1000);
        if (options_.shrinking) shrink();
      }
      Index i = 0, j = 0;
      if (select_working_set(i, j)) {
        reconstruct_gradient();
        active_size_ = l_;
        if (select_working_set(i, j)) break;
        counter = 1;  // shrink again at the next step
      }
      ++iter;
      step(i, j);
      if ((iter & 1023) == 0) show_progress(iter);
    }
    if (options_.max_iter >= 0 && iter >= options_.max_iter) {
      result.reached_max_iter = true;
      if (active_size_ < l_) {
        reconstruct_gradient();
        active_size_ = l_;
      }
    }
    calculate_rho(result);
    double obj = 0;
    for (Index i = 0; i < l_; ++i) obj += alpha_[i] * (G_[i] + p_[i]);
    result.objective = 0.5 * obj;
    result.alpha.set_size(l_);
    result.gradient.set_size(l_);
    for (Index i = 0; i < l_; ++i) {
      result.alpha(order_[i]) = alpha_[i];
      result.gradient(order_[i]) = G_[i];
    }
    result.n_iter = iter;
    return result;
  }

 private:
  void show_progress(std::int64_t iter) const {
    Progress* progress = options_.progress;
    if (progress == nullptr || !progress->active()) return;
    char status[80];
    std::snprintf(status, sizeof status, "SMO iteration %lld, gap %.3g (tol %.3g)",
                  static_cast<long long>(iter), gap_, options_.eps);
    progress->update(options_.progress_done, status);
  }

  bool is_upper(Index i) const { return bound_[i] == Bound::upper; }
  bool is_lower(Index i) const { return bound_[i] == Bound::lower; }
  bool is_free(Index i) const { return bound_[i] == Bound::free; }
  void update_bound(Index i) {
    bound_[i] = alpha_[i] >= C_[i] ? Bound::upper : alpha_[i] <= 0 ? Bound::lower : Bound::free;
  }

  void swap_index(Index i, Index j) {
    Q_.swap(i, j);
    std::swap(y_[i], y_[j]);
    std::swap(G_[i], G_[j]);
    std::swap(bound_[i], bound_[j]);
    std::swap(alpha_[i], alpha_[j]);
    std::swap(p_[i], p_[j]);
    std::swap(C_[i], C_[j]);
    std::swap(order_[i], order_[j]);
    std::swap(G_bar_[i], G_bar_[j]);
    std::swap(QD_[i], QD_[j]);
  }

  // The two-variable sub-problem on (i, j), solved exactly and clipped to the box.
  void step(Index i, Index j) {
    const double* Qi = Q_.column(i, active_size_);
    const double* Qj = Q_.column(j, active_size_);
    const double Ci = C_[i], Cj = C_[j];
    const double old_ai = alpha_[i], old_aj = alpha_[j];
    double& ai = alpha_[i];
    double& aj = alpha_[j];
    if (y_[i] != y_[j]) {
      double quad = QD_[i] + QD_[j] + 2 * Qi[j];
      if (quad <= 0) quad = kTau;
      const double delta = (-G_[i] - G_[j]) / quad;
      const double diff = ai - aj;
      ai += delta;
      aj += delta;
      if (diff > 0) {
        if (aj < 0) {
          aj = 0;
          ai = diff;
        }
      } else if (ai < 0) {
        ai = 0;
        aj = -diff;
      }
      if (diff > Ci - Cj) {
        if (ai > Ci) {
          ai = Ci;
          aj = Ci - diff;
        }
      } else if (aj > Cj) {
        aj = Cj;
        ai = Cj + diff;
      }
    } else {
      double quad = QD_[i] + QD_[j] - 2 * Qi[j];
      if (quad <= 0) quad = kTau;
      const double delta = (G_[i] - G_[j]) / quad;
      const double sum = ai + aj;
      ai -= delta;
      aj += delta;
      if (sum > Ci) {
        if (ai > Ci) {
          ai = Ci;
          aj = sum - Ci;
        }
      } else if (aj < 0) {
        aj = 0;
        ai = sum;
      }
      if (sum > Cj) {
        if (aj > Cj) {
          aj = Cj;
          ai = sum - Cj;
        }
      } else if (ai < 0) {
        ai = 0;
        aj = sum;
      }
    }
    const double dai = ai - old_ai, daj = aj - old_aj;
    for (Index k = 0; k < active_size_; ++k) G_[k] += Qi[k] * dai + Qj[k] * daj;

    const bool ui = is_upper(i), uj = is_upper(j);
    update_bound(i);
    update_bound(j);
    if (ui != is_upper(i)) {
      const double* Q_full = Q_.column(i, l_);
      const double c = ui ? -Ci : Ci;
      for (Index k = 0; k < l_; ++k) G_bar_[k] += c * Q_full[k];
    }
    if (uj != is_upper(j)) {
      const double* Q_full = Q_.column(j, l_);
      const double c = uj ? -Cj : Cj;
      for (Index k = 0; k < l_; ++k) G_bar_[k] += c * Q_full[k];
    }
  }

  bool select_working_set(Index& out_i, Index& out_j) {
    return options_.nu_variant ? select_working_set_nu(out_i, out_j)
                               : select_working_set_c(out_i, out_j);
  }

  // WSS3: i the maximal violator, j the one that gives the largest decrease of the objective
  // with i. True when the maximal violation is below eps (optimal on the active set).
  bool select_working_set_c(Index& out_i, Index& out_j) {
    double Gmax = -kInf, Gmax2 = -kInf;
    Index i = kNone;
    for (Index t = 0; t < active_size_; ++t) {
      if (y_[t] > 0) {
        if (!is_upper(t) && -G_[t] >= Gmax) {
          Gmax = -G_[t];
          i = t;
        }
      } else if (!is_lower(t) && G_[t] >= Gmax) {
        Gmax = G_[t];
        i = t;
      }
    }
    const double* Qi = i != kNone ? Q_.column(i, active_size_) : nullptr;
    Index j = kNone;
    double obj_diff_min = kInf;
    for (Index t = 0; t < active_size_; ++t) {
      if (y_[t] > 0) {
        if (is_lower(t)) continue;
        const double grad_diff = Gmax + G_[t];
        if (G_[t] >= Gmax2) Gmax2 = G_[t];
        if (grad_diff > 0) {
          const double quad = QD_[i] + QD_[t] - 2.0 * y_[i] * Qi[t];
          const double obj_diff = -(grad_diff * grad_diff) / (quad > 0 ? quad : kTau);
          if (obj_diff <= obj_diff_min) {
            j = t;
            obj_diff_min = obj_diff;
          }
        }
      } else {
        if (is_upper(t)) continue;
        const double grad_diff = Gmax - G_[t];
        if (-G_[t] >= Gmax2) Gmax2 = -G_[t];
        if (grad_diff > 0) {
          const double quad = QD_[i] + QD_[t] + 2.0 * y_[i] * Qi[t];
          const double obj_diff = -(grad_diff * grad_diff) / (quad > 0 ? quad : kTau);
          if (obj_diff <= obj_diff_min) {
            j = t;
            obj_diff_min = obj_diff;
          }
        }
      }
    }
    gap_ = Gmax + Gmax2;
    if (Gmax + Gmax2 < options_.eps || j == kNone) return true;
    out_i = i;
    out_j = j;
    return false;
  }

  // The nu variant's WSS3 (libsvm's Solver_NU): its two equality constraints keep both
  // variables of a step in one class, so the maximal violator and its partner are searched
  // within each class, and the pair of the larger decrease is taken.
  bool select_working_set_nu(Index& out_i, Index& out_j) {
    double Gmaxp = -kInf, Gmaxp2 = -kInf, Gmaxn = -kInf, Gmaxn2 = -kInf;
    Index ip = kNone, in = kNone;
    for (Index t = 0; t < active_size_; ++t) {
      if (y_[t] > 0) {
        if (!is_upper(t) && -G_[t] >= Gmaxp) {
          Gmaxp = -G_[t];
          ip = t;
        }
      } else if (!is_lower(t) && G_[t] >= Gmaxn) {
        Gmaxn = G_[t];
        in = t;
      }
    }
    const double* Qip = ip != kNone ? Q_.column(ip, active_size_) : nullptr;
    const double* Qin = in != kNone ? Q_.column(in, active_size_) : nullptr;
    Index j = kNone;
    double obj_diff_min = kInf;
    for (Index t = 0; t < active_size_; ++t) {
      double grad_diff = 0, quad = 0;
      if (y_[t] > 0) {
        if (is_lower(t)) continue;
        grad_diff = Gmaxp + G_[t];
        if (G_[t] >= Gmaxp2) Gmaxp2 = G_[t];
        if (grad_diff <= 0) continue;
        quad = QD_[ip] + QD_[t] - 2.0 * Qip[t];
      } else {
        if (is_upper(t)) continue;
        grad_diff = Gmaxn - G_[t];
        if (-G_[t] >= Gmaxn2) Gmaxn2 = -G_[t];
        if (grad_diff <= 0) continue;
        quad = QD_[in] + QD_[t] - 2.0 * Qin[t];
      }
      const double obj_diff = -(grad_diff * grad_diff) / (quad > 0 ? quad : kTau);
      if (obj_diff <= obj_diff_min) {
        j = t;
        obj_diff_min = obj_diff;
      }
    }
    gap_ = std::max(Gmaxp + Gmaxp2, Gmaxn + Gmaxn2);
    if (gap_ < options_.eps || j == kNone) return true;
    out_i = y_[j] > 0 ? ip : in;
    out_j = j;
    return false;
  }

  // How far a variable at a bound may be from the violators before it leaves the active set:
  // the largest -G over the variables that may still grow and the largest G over those that
  // may still shrink, pooled over both classes (one equality constraint) or kept per class
  // (the nu variant's two).
  struct ShrinkThresholds {
    double upper_pos, upper_neg, lower_pos, lower_neg;
    double gap;
  };

  ShrinkThresholds shrink_thresholds() const {
    double up_pos = -kInf, up_neg = -kInf, low_pos = -kInf, low_neg = -kInf;
    for (Index i = 0; i < active_size_; ++i) {
      double& up = y_[i] > 0 ? up_pos : up_neg;
      double& low = y_[i] > 0 ? low_pos : low_neg;
      if (!is_upper(i)) up = std::max(up, -G_[i]);
      if (!is_lower(i)) low = std::max(low, G_[i]);
    }
    if (options_.nu_variant)
      return {up_pos, up_neg, low_pos, low_neg, std::max(up_pos + low_pos, up_neg + low_neg)};
    const double Gmax1 = std::max(up_pos, low_neg), Gmax2 = std::max(low_pos, up_neg);
    return {Gmax1, Gmax2, Gmax2, Gmax1, Gmax1 + Gmax2};
  }

  bool be_shrunk(Index i, const ShrinkThresholds& t) const {
    if (is_upper(i)) return -G_[i] > (y_[i] > 0 ? t.upper_pos : t.upper_neg);
    if (is_lower(i)) return G_[i] > (y_[i] > 0 ? t.lower_pos : t.lower_neg);
    return false;
  }

  void shrink() {
    const ShrinkThresholds t = shrink_thresholds();
    if (!unshrink_ && t.gap <= options_.eps * 10) {
      // Close to the end: bring every variable back once, with its true gradient.
      unshrink_ = true;
      reconstruct_gradient();
      active_size_ = l_;
    }
    for (Index i = 0; i < active_size_; ++i) {
      if (!be_shrunk(i, t)) continue;
      --active_size_;
      while (active_size_ > i) {
        if (!be_shrunk(active_size_, t)) {
          swap_index(i, active_size_);
          break;
        }
        --active_size_;
      }
    }
  }

  // The gradient of the inactive variables, from G_bar and the free variables' columns.
  void reconstruct_gradient() {
    if (active_size_ == l_) return;
    for (Index k = active_size_; k < l_; ++k) G_[k] = G_bar_[k] + p_[k];
    Index n_free = 0;
    for (Index k = 0; k < active_size_; ++k)
      if (is_free(k)) ++n_free;
    const double inactive = static_cast<double>(l_ - active_size_);
    if (static_cast<double>(n_free) * static_cast<double>(l_) >
        2.0 * static_cast<double>(active_size_) * inactive) {
      for (Index i = active_size_; i < l_; ++i) {
        const double* Qi = Q_.column(i, active_size_);
        double g = 0;
        for (Index k = 0; k < active_size_; ++k)
          if (is_free(k)) g += alpha_[k] * Qi[k];
        G_[i] += g;
      }
    } else {
      for (Index i = 0; i < active_size_; ++i) {
        if (!is_free(i)) continue;
        const double* Qi = Q_.column(i, l_);
        const double a = alpha_[i];
        for (Index k = active_size_; k < l_; ++k) G_[k] += a * Qi[k];
      }
    }
  }

  // rho from the free variables' y G (their mean), else the middle of the bounds the others
  // put on it: once over all variables, or per class for the nu variant, whose rho and r
  // are half the difference and half the sum of the two classes' values.
  void calculate_rho(SmoResult& result) const {
    struct Estimate {
      Index n_free = 0;
      double sum_free = 0, ub = kInf, lb = -kInf;
      double value() const {
        return n_free > 0 ? sum_free / static_cast<double>(n_free) : (ub + lb) / 2;
      }
    };
    Estimate pos, neg;
    for (Index i = 0; i < active_size_; ++i) {
      Estimate& e = options_.nu_variant && y_[i] < 0 ? neg : pos;
      // The nu variant's per-class estimates use G itself (y = +1 within a class).
      const int sign = options_.nu_variant ? 1 : y_[i];
      const double yG = sign * G_[i];
      if (is_free(i)) {
        ++e.n_free;
        e.sum_free += yG;
      } else if (is_upper(i) == (sign > 0)) {
        e.lb = std::max(e.lb, yG);
      } else {
        e.ub = std::min(e.ub, yG);
      }
    }
    if (!options_.nu_variant) {
      result.rho = pos.value();
      return;
    }
    const double r1 = pos.value(), r2 = neg.value();
    result.rho = (r1 - r2) / 2;
    result.r = (r1 + r2) / 2;
  }

  static constexpr Index kNone = static_cast<Index>(-1);
  QMatrix& Q_;
  Index l_;
  SmoOptions options_;
  std::vector<double> p_, C_, alpha_, G_, G_bar_, QD_;
  std::vector<int> y_;
  std::vector<Bound> bound_;
  std::vector<Index> order_;  // position -> index in the problem
  Index active_size_ = 0;
  bool unshrink_ = false;
  double gap_ = 0;
};

}  // namespace

SmoResult solve_smo(QMatrix& Q, const Vector& p, const arma::ivec& y, const Vector& C, Vector alpha,
                    const SmoOptions& options) {
  Smo smo(Q, p, y, C, alpha, options);
  return smo.run();
}

}  // namespace fitkit::detail
