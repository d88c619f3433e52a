#include "common/chart_frame.hpp"

#include <cmath>
#include <cstdio>

namespace fitkit::apps::detail {

std::string chart_svg(double width, double height, const std::string& title,
                      const std::string& content) {
  const std::string heading = svg::text_element(
      "text", {{"class", "title"}, {"x", svg::number(width / 2)}, {"y", "22"}}, title);
  return svg::element("svg",
                      {{"xmlns", "http://www.w3.org/2000/svg"},
                       {"class", "chart"},
                       {"width", svg::number(width)},
                       {"height", svg::number(height)},
                       {"viewBox", "0 0 " + svg::number(width) + " " + svg::number(height)},
                       {"role", "img"}},
                      svg::text_element("title", {}, title) + heading + content);
}

std::vector<double> ticks(double min, double max, int count) {
  const double raw = (max - min) / count;
  if (!(raw > 0) || !std::isfinite(raw)) return {min};
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
    step = factor * power;
    if (step >= raw) break;
  }
  std::vector<double> out;
  for (double k = std::ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k += 1)
    out.push_back(std::abs(k * step) < step * 1e-9 ? 0.0 : k * step);
  return out;
}

std::string tick_text(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

}  // namespace fitkit::apps::detail
