#include "fitkit/model_selection/validation_split.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <utility>

#include "fitkit/core/error.hpp"
#include "fitkit/core/params.hpp"
#include "fitkit/core/random.hpp"

namespace fitkit {

std::vector<unsigned char> validation_split(Index n, double fraction, const arma::uvec* strata,
                                            std::uint64_t seed) {
  const auto n_val = static_cast<Index>(std::ceil(fraction * static_cast<double>(n)));
  if (n_val == 0 || n_val >= n)
    throw DataError("a held-out fraction of " + detail::format_double(fraction) + " of " +
                    std::to_string(n) + " samples leaves an empty " +
                    (n_val == 0 ? "held-out" : "training") + " set");
  std::vector<unsigned char> held_out(n, 0);
  Random rng(seed);
  // Picks `count` of `members` at random (a partial Fisher-Yates shuffle).
  const auto pick = [&](std::vector<Index>& members, Index count) {
    for (Index k = 0; k < count; ++k) {
      std::swap(members[k], members[k + rng.uniform_index(members.size() - k)]);
      held_out[members[k]] = 1;
    }
  };
  if (strata == nullptr) {
    std::vector<Index> all(n);
    std::iota(all.begin(), all.end(), Index{0});
    pick(all, n_val);
    return held_out;
  }
  // Each class its share of n_val: the floors of the exact shares, then one more for the
  // classes with the largest remainders.
  const Index n_classes = strata->max() + 1;
  std::vector<std::vector<Index>> members(n_classes);
  for (Index i = 0; i < n; ++i) members[(*strata)(i)].push_back(i);
  std::vector<Index> share(n_classes);
  std::vector<std::pair<double, Index>> remainder;
  Index given = 0;
  for (Index c = 0; c < n_classes; ++c) {
    const double exact = static_cast<double>(n_val) * static_cast<double>(members[c].size()) /
                         static_cast<double>(n);
    share[c] = static_cast<Index>(std::floor(exact));
    given += share[c];
    remainder.emplace_back(exact - std::floor(exact), c);
  }
  std::stable_sort(remainder.begin(), remainder.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (Index k = 0; given < n_val && k < remainder.size(); ++k, ++given)
    ++share[remainder[k].second];
  for (Index c = 0; c < n_classes; ++c)
    pick(members[c], std::min<Index>(share[c], members[c].size()));
  return held_out;
}

}  // namespace fitkit
