#pragma once
// The charts of `fitkit report`, each an inline <svg> element (svg.hpp's markup). What a
// reader or a test needs to recover the data is in the markup:
//
//   <g class="plot" data-xmin data-xmax data-left data-right data-ymin data-ymax data-bottom
//      data-top>   the plot area: data x in [xmin, xmax] drawn at pixels [left, right], data
//                  y in [ymin, ymax] at [bottom, top] (SVG's y grows downwards)
//   <polyline class="series" data-name="..." points="x,y ...">   a line chart's curve
//   <polyline class="guide" ...>                                 a dashed reference line
//   <circle class="point" data-group="k" cx cy>                  a scatter chart's point
//   <rect class="cell" data-row data-col> <text class="cell">    a heat map's cell, its value
//   <rect class="bar" data-name data-value>                      a bar chart's bar

#include <cstddef>
#include <string>
#include <vector>

#include "fitkit/core/types.hpp"

namespace fitkit::apps {

// A curve or a guide through the points (x(i), y(i)).
struct Series {
  std::string name;
  Vector x, y;
};

// An axis: its label and the data range it shows (min < max), or, left equal, the range of
// what is drawn on it with a margin.
struct Axis {
  std::string label;
  double min = 0, max = 0;
};

// Lines and points in one plot area: `lines` coloured in order with a legend of their names,
// `guides` dashed grey, points coloured by `group` (empty: one colour) with a legend of
// group_names when given.
struct XyChart {
  std::string title;
  Axis x, y;
  std::vector<Series> lines;
  std::vector<Series> guides;
  Vector point_x, point_y;
  std::vector<std::size_t> group;
  std::vector<std::string> group_names;
};
std::string xy_chart(const XyChart& chart);

// Counts or weights as a grid of shaded cells, each with its value: rows `row_names` (labelled
// on the left, titled row_label), columns `column_names` (below, column_label).
std::string heat_map(const std::string& title, const Matrix& values,
                     const std::vector<std::string>& row_names,
                     const std::vector<std::string>& column_names, const std::string& row_label,
                     const std::string& column_label);

// One horizontal bar per value (named by `names`, one each), sorted by decreasing magnitude (the
// first `limit` of them), negative values to the left of zero.
std::string bar_chart(const std::string& title, const std::vector<std::string>& names,
                      const Vector& values, std::size_t limit = 30);

}  // namespace fitkit::apps
