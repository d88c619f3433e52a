#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/metrics/classification.hpp"

namespace fitkit {
namespace {

// Python's str.format "{:>N.Df}".
std::string fixed(double value, int digits, int width) {
  char text[64];
  std::snprintf(text, sizeof text, "%*.*f", width, digits, value);
  return text;
}

std::string right(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

// A support as Python prints it: an integer count, or a weight sum as its repr (the shortest
// digits that read back, "59.5", "188.0").
std::string support_text(double support, bool weighted) {
  if (!weighted) return std::to_string(static_cast<long long>(std::llround(support)));
  char text[64];
  const auto [end, ec] = std::to_chars(text, text + sizeof text, support, std::chars_format::fixed);
  std::string out(text, end);
  if (out.find('.') == std::string::npos) out += ".0";
  return out;
}

}  // namespace

std::string classification_report(const Labels& y_true, const Labels& y_pred,
                                  const std::vector<std::string>& target_names,
                                  const Vector& sample_weight, int digits) {
  if (digits < 0) throw InvalidParameter("digits", "must be at least 0");
  const Labels labels = unique_labels(y_true, y_pred);
  if (!target_names.empty() && target_names.size() != labels.n_elem)
    throw InvalidParameter("target_names", "got " + std::to_string(target_names.size()) +
                                               " names for " + std::to_string(labels.n_elem) +
                                               " classes");
  std::vector<std::string> names;
  for (Index k = 0; k < labels.n_elem; ++k)
    names.push_back(target_names.empty() ? std::to_string(labels(k)) : target_names[k]);
  const PrecisionRecallFscore prf = precision_recall_fscore(y_true, y_pred, 1.0, sample_weight);
  const bool weighted = !sample_weight.is_empty();

  std::size_t width = std::string("weighted avg").size();
  for (const std::string& name : names) width = std::max(width, name.size());
  width = std::max<std::size_t>(width, digits);
  std::string report = std::string(width, ' ') + " ";
  for (const char* header : {"precision", "recall", "f1-score", "support"})
    report += " " + right(header, 9);
  report += "\n\n";
  const auto row = [&](const std::string& heading, double p, double r, double f, double s) {
    return right(heading, width) + " " + " " + fixed(p, digits, 9) + " " + fixed(r, digits, 9) +
           " " + fixed(f, digits, 9) + " " + right(support_text(s, weighted), 9) + "\n";
  };
  for (Index k = 0; k < labels.n_elem; ++k)
    report += row(names[k], prf.precision(k), prf.recall(k), prf.fscore(k), prf.support(k));
  report += "\n";
  const double total = arma::accu(prf.support);
  // The micro average is the accuracy, printed alone in the F1 column.
  report += right("accuracy", width) + " " + " " + std::string(9, ' ') + " " + std::string(9, ' ') +
            " " + fixed(f1_score(y_true, y_pred, Average::micro, sample_weight), digits, 9) + " " +
            right(support_text(total, weighted), 9) + "\n";
  for (const auto& [average, heading] :
       {std::pair{Average::macro, "macro avg"}, {Average::weighted, "weighted avg"}})
    report += row(heading, precision_score(y_true, y_pred, average, sample_weight),
                  recall_score(y_true, y_pred, average, sample_weight),
                  f1_score(y_true, y_pred, average, sample_weight), total);
  return report;
}

}  // namespace fitkit
