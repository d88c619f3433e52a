// Line charts and scatter charts: one plot area with ticked axes, curves, guides and points.

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/chart_frame.hpp"
#include "common/charts.hpp"

namespace fitkit::apps {
namespace {

constexpr double width = 500, plot_height = 400, legend_row = 18;
constexpr double margin_left = 70, margin_right = 24, margin_top = 40, margin_bottom = 56;

// The axis's range, or that of the finite values drawn on it with a 4% margin on each side.
std::pair<double, double> range(const Axis& axis, const std::vector<const Vector*>& drawn) {
  if (axis.min < axis.max) return {axis.min, axis.max};
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (const Vector* values : drawn)
    for (const double v : *values)
      if (std::isfinite(v)) {
        low = std::min(low, v);
        high = std::max(high, v);
      }
  if (!(low <= high)) return {0, 1};
  if (low == high) return {low - 1, high + 1};
  const double pad = 0.04 * (high - low);
  return {low - pad, high + pad};
}

std::string points_text(const Series& series, const detail::Scale& sx, const detail::Scale& sy) {
  std::string out;
  for (Index i = 0; i < series.x.n_elem && i < series.y.n_elem; ++i) {
    if (!std::isfinite(series.x(i)) || !std::isfinite(series.y(i))) continue;
    if (!out.empty()) out += " ";
    out += svg::number(sx(series.x(i))) + "," + svg::number(sy(series.y(i)));
  }
  return out;
}

std::string axes(const Axis& x, const Axis& y, const detail::Scale& sx, const detail::Scale& sy) {
  std::string out;
  const std::string left = svg::number(sx.from), right = svg::number(sx.to);
  const std::string bottom = svg::number(sy.from), top = svg::number(sy.to);
  out += svg::element("rect", {{"class", "frame"},
                               {"x", left},
                               {"y", top},
                               {"width", svg::number(sx.to - sx.from)},
                               {"height", svg::number(sy.from - sy.to)}});
  for (const double t : detail::ticks(sx.min, sx.max)) {
    const std::string px = svg::number(sx(t));
    out += svg::element("line",
                        {{"class", "grid"}, {"x1", px}, {"x2", px}, {"y1", top}, {"y2", bottom}});
    out += svg::text_element(
        "text",
        {{"class", "tick"}, {"x", px}, {"y", svg::number(sy.from + 16)}, {"text-anchor", "middle"}},
        detail::tick_text(t));
  }
  for (const double t : detail::ticks(sy.min, sy.max)) {
    const std::string py = svg::number(sy(t));
    out += svg::element("line",
                        {{"class", "grid"}, {"x1", left}, {"x2", right}, {"y1", py}, {"y2", py}});
    out += svg::text_element("text",
                             {{"class", "tick"},
                              {"x", svg::number(sx.from - 6)},
                              {"y", svg::number(sy(t) + 4)},
                              {"text-anchor", "end"}},
                             detail::tick_text(t));
  }
  out += svg::text_element("text",
                           {{"class", "label"},
                            {"x", svg::number((sx.from + sx.to) / 2)},
                            {"y", svg::number(sy.from + 40)},
                            {"text-anchor", "middle"}},
                           x.label);
  const std::string mid_y = svg::number((sy.from + sy.to) / 2);
  out += svg::text_element("text",
                           {{"class", "label"},
                            {"x", "18"},
                            {"y", mid_y},
                            {"text-anchor", "middle"},
                            {"transform", "rotate(-90 18 " + mid_y + ")"}},
                           y.label);
  return svg::element("g", {{"class", "axes"}}, out);
}

// Swatches and names, one row each, under the plot area.
std::string legend(const std::vector<std::string>& names, double x, double y, bool lines) {
  std::string out;
  for (std::size_t k = 0; k < names.size(); ++k) {
    const double row = y + legend_row * static_cast<double>(k);
    if (lines)
      out += svg::element("line", {{"x1", svg::number(x)},
                                   {"x2", svg::number(x + 18)},
                                   {"y1", svg::number(row)},
                                   {"y2", svg::number(row)},
                                   {"stroke", svg::colour(k)},
                                   {"stroke-width", "2.5"}});
    else
      out += svg::element("circle", {{"cx", svg::number(x + 9)},
                                     {"cy", svg::number(row)},
                                     {"r", "4"},
                                     {"fill", svg::colour(k)}});
    out += svg::text_element("text", {{"x", svg::number(x + 24)}, {"y", svg::number(row + 4)}},
                             names[k]);
  }
  return svg::element("g", {{"class", "legend"}}, out);
}

}  // namespace

std::string xy_chart(const XyChart& chart) {
  std::vector<const Vector*> xs = {&chart.point_x}, ys = {&chart.point_y};
  for (const Series& s : chart.lines) {
    xs.push_back(&s.x);
    ys.push_back(&s.y);
  }
  const auto [xmin, xmax] = range(chart.x, xs);
  const auto [ymin, ymax] = range(chart.y, ys);
  std::vector<std::string> legend_names;
  for (const Series& s : chart.lines) legend_names.push_back(s.name);
  if (chart.lines.empty()) legend_names = chart.group_names;
  const double height =
      plot_height +
      (legend_names.empty() ? 0 : 8 + legend_row * static_cast<double>(legend_names.size()));
  const double right = width - margin_right;
  const detail::Scale sx{xmin, xmax, margin_left, right};
  const detail::Scale sy{ymin, ymax, plot_height - margin_bottom, margin_top};

  std::string plot;
  for (const Series& guide : chart.guides)
    plot += svg::element(
        "polyline",
        {{"class", "guide"}, {"data-name", guide.name}, {"points", points_text(guide, sx, sy)}});
  for (std::size_t k = 0; k < chart.lines.size(); ++k)
    plot += svg::element("polyline", {{"class", "series"},
                                      {"data-name", chart.lines[k].name},
                                      {"stroke", svg::colour(k)},
                                      {"points", points_text(chart.lines[k], sx, sy)}});
  for (Index i = 0; i < chart.point_x.n_elem; ++i) {
    const std::size_t g = chart.group.empty() ? 0 : chart.group[i];
    plot += svg::element("circle", {{"class", "point"},
                                    {"data-group", std::to_string(g)},
                                    {"cx", svg::number(sx(chart.point_x(i)))},
                                    {"cy", svg::number(sy(chart.point_y(i)))},
                                    {"r", "3"},
                                    {"fill", svg::colour(g)}});
  }
  const std::string plot_area = svg::element("g",
                                             {{"class", "plot"},
                                              {"data-xmin", svg::exact(xmin)},
                                              {"data-xmax", svg::exact(xmax)},
                                              {"data-left", svg::number(sx.from)},
                                              {"data-right", svg::number(sx.to)},
                                              {"data-ymin", svg::exact(ymin)},
                                              {"data-ymax", svg::exact(ymax)},
                                              {"data-bottom", svg::number(sy.from)},
                                              {"data-top", svg::number(sy.to)}},
                                             plot);
  std::string content = axes(chart.x, chart.y, sx, sy) + plot_area;
  if (!legend_names.empty())
    content += legend(legend_names, margin_left, plot_height + 4, !chart.lines.empty());
  return detail::chart_svg(width, height, chart.title, content);
}

}  // namespace fitkit::apps
