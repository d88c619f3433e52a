#include "fitkit/cluster/kmeans_init.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "fitkit/core/error.hpp"
#include "fitkit/io/csv.hpp"

namespace fitkit {
namespace {

constexpr const char* kPlusPlus = "k-means++";
constexpr const char* kRandom = "random";

// "0,0;5,5" as a matrix, or false when the text is not rows of numbers of one width.
bool parse_centers(std::string_view text, Matrix& out) {
  std::vector<std::vector<double>> rows;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(';', start), text.size());
    std::vector<double> row;
    for (const std::string_view item : detail::split_list(text.substr(start, end - start))) {
      double x = 0;
      if (!detail::parse_double(item, x)) return false;
      row.push_back(x);
    }
    if (row.empty() || (!rows.empty() && row.size() != rows.front().size())) return false;
    rows.push_back(std::move(row));
    start = end + 1;
  }
  if (rows.empty()) return false;
  out.set_size(rows.size(), rows.front().size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = 0; j < rows[i].size(); ++j) out(i, j) = rows[i][j];
  return true;
}

Matrix read_centers(const std::string& path) {
  io::CsvOptions options;
  options.has_target = false;
  Dataset data = io::read_csv(path, options);
  // A first line of numbers is a centre, not a header (pandas would take it for one).
  if (io::names_are_numbers(data)) {
    options.has_header = false;
    data = io::read_csv(path, options);
  }
  return data.X;
}

}  // namespace

KMeansInit KMeansInit::file(std::string path) {
  KMeansInit init(KMeansInitMethod::given);
  init.path = std::move(path);
  return init;
}

Matrix KMeansInit::given_centers(Index n_clusters, Index n_features) const {
  const Matrix centers_read = path.empty() ? centers : read_centers(path);
  const std::string from = path.empty() ? "the initial centres" : "the initial centres in " + path;
  if (centers_read.n_rows != n_clusters || centers_read.n_cols != n_features)
    throw InvalidParameter("init", from + " are " + std::to_string(centers_read.n_rows) + " x " +
                                       std::to_string(centers_read.n_cols) + ", expected " +
                                       std::to_string(n_clusters) + " (n_clusters) x " +
                                       std::to_string(n_features) + " (the features of X)");
  if (!centers_read.is_finite())
    throw InvalidParameter("init", from + " hold NaN or infinite values");
  return centers_read;
}

bool KMeansInit::operator==(const KMeansInit& other) const {
  return method == other.method && path == other.path &&
         arma::size(centers) == arma::size(other.centers) &&
         arma::approx_equal(centers, other.centers, "absdiff", 0.0);
}

std::string KMeansInit::to_text() const {
  switch (method) {
    case KMeansInitMethod::kmeans_plus_plus:
      return kPlusPlus;
    case KMeansInitMethod::random:
      return kRandom;
    case KMeansInitMethod::given:
      break;
  }
  if (!path.empty()) return path;
  std::string text;
  for (Index i = 0; i < centers.n_rows; ++i) {
    if (i > 0) text += ';';
    for (Index j = 0; j < centers.n_cols; ++j)
      text += (j > 0 ? "," : "") + detail::format_double(centers(i, j));
  }
  return text;
}

std::string KMeansInit::from_text(std::string_view text, KMeansInit& out) {
  if (text == kPlusPlus) {
    out = KMeansInit(KMeansInitMethod::kmeans_plus_plus);
  } else if (text == kRandom) {
    out = KMeansInit(KMeansInitMethod::random);
  } else if (text.empty()) {
    return "expected k-means++, random, a CSV file of centres or centres as 'a,b;c,d', found ''";
  } else if (Matrix centers; parse_centers(text, centers)) {
    out = KMeansInit(std::move(centers));
  } else {
    out = file(std::string(text));
  }
  return "";
}

int resolve_n_init(const NInit& n_init, const KMeansInit& init, int random_runs) {
  if (init.is_given()) return 1;
  if (!n_init.is_keyword()) return n_init.get<int>();
  return init.method == KMeansInitMethod::random ? random_runs : 1;
}

}  // namespace fitkit
