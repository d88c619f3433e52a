#pragma once
// The page `fitkit report` writes: one XHTML document, its style inline, no script and nothing
// fetched, made of a heading, what was reported on, the score table and the charts.

#include <string>
#include <utility>
#include <vector>

namespace fitkit::apps {

struct ReportPage {
  std::string title;
  std::vector<std::pair<std::string, std::string>> facts;  // "model" -> "m.bin", ...
  std::vector<std::pair<std::string, double>> scores;      // as `fitkit score` prints them
  struct Section {
    std::string heading;
    std::string note;                 // a sentence under the heading, or empty
    std::vector<std::string> charts;  // charts.hpp's <svg> elements, side by side
  };
  std::vector<Section> sections;
};

// The whole document. Scores are written as `score` prints them (6 significant digits).
std::string render_report(const ReportPage& page);

}  // namespace fitkit::apps
