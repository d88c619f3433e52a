#pragma once
// What the charts share: the <svg> element around them, nice tick steps, and the mapping of a
// data range onto a span of pixels.

#include <string>
#include <vector>

#include "common/svg.hpp"

namespace fitkit::apps::detail {

// <svg> of that size, titled (<title> for readers, a heading drawn at the top), holding content.
std::string chart_svg(double width, double height, const std::string& title,
                      const std::string& content);

// Tick positions in [min, max]: multiples of 1, 2 or 5 times a power of ten, about `count`.
std::vector<double> ticks(double min, double max, int count = 5);

// A tick's text: the shortest of %g with up to 6 digits.
std::string tick_text(double value);

// Data [min, max] onto pixels [from, to] (to < from for SVG's downward y).
struct Scale {
  double min, max, from, to;
  double operator()(double value) const { return from + (value - min) / (max - min) * (to - from); }
};

}  // namespace fitkit::apps::detail
