#include "common/report_page.hpp"

#include <sstream>

#include "common/svg.hpp"

namespace fitkit::apps {
namespace {

// No < or & in it: it sits in the XML as text.
constexpr const char* style = R"(
body { font-family: sans-serif; margin: 24px; color: #111; background: #fff; }
h1 { font-size: 22px; margin: 0 0 8px; }
h2 { font-size: 17px; margin: 28px 0 6px; border-bottom: 1px solid #ccc; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 2px 14px; margin: 0; }
dl.facts dt { color: #555; }
dl.facts dd { margin: 0; font-family: monospace; }
table.scores { border-collapse: collapse; }
table.scores th, table.scores td { padding: 3px 12px; border-bottom: 1px solid #ddd; }
table.scores th { text-align: left; }
table.scores td { text-align: right; font-family: monospace; }
p.note { color: #555; margin: 4px 0; }
div.charts { display: flex; flex-wrap: wrap; gap: 16px; }
svg.chart { font-size: 12px; background: #fff; }
svg.chart text.title { font-size: 14px; font-weight: bold; text-anchor: middle; }
svg.chart text.label { font-size: 12px; fill: #333; }
svg.chart text.tick { font-size: 11px; fill: #555; }
svg.chart rect.frame { fill: none; stroke: #999; }
svg.chart line.grid { stroke: #eee; }
svg.chart line.zero { stroke: #666; }
svg.chart polyline.series { fill: none; stroke-width: 2; }
svg.chart polyline.guide { fill: none; stroke: #999; stroke-dasharray: 4 4; }
svg.chart circle.point { fill-opacity: 0.7; }
svg.chart rect.cell { stroke: #fff; }
)";

std::string score_text(double value) {
  std::ostringstream out;
  out.precision(6);
  out << value;
  return out.str();
}

}  // namespace

std::string render_report(const ReportPage& page) {
  std::string body = svg::text_element("h1", {}, page.title);
  std::string facts;
  for (const auto& [name, value] : page.facts)
    facts += svg::text_element("dt", {}, name) + svg::text_element("dd", {}, value);
  if (!facts.empty()) body += svg::element("dl", {{"class", "facts"}}, facts);

  std::string rows = "<tr><th>metric</th><th>value</th></tr>";
  for (const auto& [name, value] : page.scores)
    rows += svg::element(
        "tr", {},
        svg::text_element("th", {}, name) + svg::text_element("td", {}, score_text(value)));
  body += svg::text_element("h2", {}, "Scores") +
          svg::element("table", {{"class", "scores"}, {"id", "scores"}}, rows);

  for (const ReportPage::Section& section : page.sections) {
    body += '\n';
    body += svg::text_element("h2", {}, section.heading);
    if (!section.note.empty()) body += svg::text_element("p", {{"class", "note"}}, section.note);
    std::string charts;
    for (const std::string& chart : section.charts) {
      charts += '\n';
      charts += chart;
    }
    if (!charts.empty()) body += svg::element("div", {{"class", "charts"}}, charts);
  }

  const std::string head = svg::element("head", {},
                                        svg::element("meta", {{"charset", "utf-8"}}) +
                                            svg::text_element("title", {}, page.title) +
                                            svg::element("style", {}, style));
  body += '\n';
  std::string html(1, '\n');
  html += head;
  html += '\n';
  html += svg::element("body", {}, body);
  html += '\n';
  std::string document = "<!DOCTYPE html>\n";
  document +=
      svg::element("html", {{"xmlns", "http://www.w3.org/1999/xhtml"}, {"lang", "en"}}, html);
  document += '\n';
  return document;
}

}  // namespace fitkit::apps
