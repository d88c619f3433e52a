// Named values as horizontal bars, largest magnitude first: coefficients and importances.

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/chart_frame.hpp"
#include "common/charts.hpp"

namespace fitkit::apps {

std::string bar_chart(const std::string& title, const std::vector<std::string>& names,
                      const Vector& values, std::size_t limit) {
  std::vector<std::size_t> order(values.n_elem);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::abs(values(a)) > std::abs(values(b));
  });
  if (order.size() > limit) order.resize(limit);

  double low = 0, high = 0;
  for (const std::size_t k : order) {
    low = std::min(low, values(k));
    high = std::max(high, values(k));
  }
  if (low == high) high = 1;
  const double left = 150, right = 520, top = 44, bar = 20, gap = 6;
  const double height = top + (bar + gap) * static_cast<double>(order.size()) + 44;
  const detail::Scale sx{low, high, left, right};
  const double bottom = top + (bar + gap) * static_cast<double>(order.size());

  std::string out;
  for (const double t : detail::ticks(low, high)) {
    const std::string px = svg::number(sx(t));
    out += svg::element("line", {{"class", "grid"},
                                 {"x1", px},
                                 {"x2", px},
                                 {"y1", svg::number(top)},
                                 {"y2", svg::number(bottom)}});
    out += svg::text_element(
        "text",
        {{"class", "tick"}, {"x", px}, {"y", svg::number(bottom + 16)}, {"text-anchor", "middle"}},
        detail::tick_text(t));
  }
  std::string bars;
  for (std::size_t r = 0; r < order.size(); ++r) {
    const std::size_t k = order[r];
    const double v = values(k), y = top + (bar + gap) * static_cast<double>(r);
    const double x0 = sx(std::min(v, 0.0)), x1 = sx(std::max(v, 0.0));
    const std::string& name = names.at(k);
    bars += svg::element("rect", {{"class", "bar"},
                                  {"data-name", name},
                                  {"data-value", svg::exact(v)},
                                  {"x", svg::number(x0)},
                                  {"y", svg::number(y)},
                                  {"width", svg::number(x1 - x0)},
                                  {"height", svg::number(bar)},
                                  {"fill", v < 0 ? "#d62728" : "#1f77b4"}});
    bars += svg::text_element("text",
                              {{"class", "tick"},
                               {"x", svg::number(left - 8)},
                               {"y", svg::number(y + bar / 2 + 4)},
                               {"text-anchor", "end"}},
                              name);
  }
  const std::string zero = svg::number(sx(0.0));
  out += svg::element("g",
                      {{"class", "bars"},
                       {"data-xmin", svg::exact(low)},
                       {"data-xmax", svg::exact(high)},
                       {"data-left", svg::number(left)},
                       {"data-right", svg::number(right)}},
                      bars);
  out += svg::element("line", {{"class", "zero"},
                               {"x1", zero},
                               {"x2", zero},
                               {"y1", svg::number(top)},
                               {"y2", svg::number(bottom)}});
  return detail::chart_svg(right + 24, height, title, out);
}

}  // namespace fitkit::apps
