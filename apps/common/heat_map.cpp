// A matrix as shaded cells with their values: the confusion matrix of `fitkit report`.

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/chart_frame.hpp"
#include "common/charts.hpp"

namespace fitkit::apps {
namespace {

// White to a deep blue as `share` goes from 0 to 1.
std::string shade(double share) {
  share = std::clamp(share, 0.0, 1.0);
  const auto mix = [share](int from, int to) {
    return static_cast<int>(std::lround(from + (to - from) * share));
  };
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", mix(247, 8), mix(251, 48), mix(255, 107));
  return buffer;
}

}  // namespace

std::string heat_map(const std::string& title, const Matrix& values,
                     const std::vector<std::string>& row_names,
                     const std::vector<std::string>& column_names, const std::string& row_label,
                     const std::string& column_label) {
  const double n = static_cast<double>(std::max(values.n_rows, values.n_cols));
  const double cell = std::clamp(440.0 / std::max(n, 1.0), 22.0, 72.0);
  const double left = 150, top = 48;
  const double width = left + cell * static_cast<double>(values.n_cols) + 24;
  const double height = top + cell * static_cast<double>(values.n_rows) + 64;
  const double largest = values.is_empty() ? 0.0 : values.max();
  const double font = std::min(14.0, cell / 3);

  std::string cells;
  for (Index i = 0; i < values.n_rows; ++i)
    for (Index j = 0; j < values.n_cols; ++j) {
      const double share = largest > 0 ? values(i, j) / largest : 0.0;
      const double x = left + cell * static_cast<double>(j),
                   y = top + cell * static_cast<double>(i);
      cells += svg::element("rect", {{"class", "cell"},
                                     {"data-row", std::to_string(i)},
                                     {"data-col", std::to_string(j)},
                                     {"x", svg::number(x)},
                                     {"y", svg::number(y)},
                                     {"width", svg::number(cell)},
                                     {"height", svg::number(cell)},
                                     {"fill", shade(share)}});
      cells += svg::text_element("text",
                                 {{"class", "cell"},
                                  {"x", svg::number(x + cell / 2)},
                                  {"y", svg::number(y + cell / 2 + font / 3)},
                                  {"text-anchor", "middle"},
                                  {"font-size", svg::number(font)},
                                  {"fill", share > 0.5 ? "#ffffff" : "#111111"}},
                                 detail::tick_text(values(i, j)));
    }
  std::string labels;
  for (Index i = 0; i < values.n_rows && i < row_names.size(); ++i)
    labels +=
        svg::text_element("text",
                          {{"class", "tick"},
                           {"x", svg::number(left - 8)},
                           {"y", svg::number(top + cell * (static_cast<double>(i) + 0.5) + 4)},
                           {"text-anchor", "end"}},
                          row_names[i]);
  const double bottom = top + cell * static_cast<double>(values.n_rows);
  for (Index j = 0; j < values.n_cols && j < column_names.size(); ++j)
    labels += svg::text_element("text",
                                {{"class", "tick"},
                                 {"x", svg::number(left + cell * (static_cast<double>(j) + 0.5))},
                                 {"y", svg::number(bottom + 18)},
                                 {"text-anchor", "middle"}},
                                column_names[j]);
  labels +=
      svg::text_element("text",
                        {{"class", "label"},
                         {"x", svg::number(left + cell * static_cast<double>(values.n_cols) / 2)},
                         {"y", svg::number(bottom + 44)},
                         {"text-anchor", "middle"}},
                        column_label);
  const std::string mid = svg::number((top + bottom) / 2);
  labels += svg::text_element("text",
                              {{"class", "label"},
                               {"x", "18"},
                               {"y", mid},
                               {"text-anchor", "middle"},
                               {"transform", "rotate(-90 18 " + mid + ")"}},
                              row_label);
  return detail::chart_svg(width, height, title,
                           svg::element("g", {{"class", "heat-map"}}, cells) + labels);
}

}  // namespace fitkit::apps
