#pragma once
// How KMeans and MiniBatchKMeans choose their first centres (scikit-learn's `init`), and their
// `n_init`:
//
//   fitkit::KMeans km({.n_clusters = 3});                                   // k-means++
//   fitkit::KMeans km({.n_clusters = 3, .init = fitkit::KMeansInitMethod::random});
//   fitkit::KMeans km({.n_clusters = 2, .init = fitkit::Matrix{{0, 0}, {5, 5}}});  // given
//   fitkit::KMeans km({.n_clusters = 3, .init = fitkit::KMeansInit::file("centres.csv")});
//
// On the command line `--init` takes k-means++, random, the path of a CSV file of centres (one
// row per cluster, one column per feature, with or without a header line), or the centres
// themselves as rows separated by ';' ("0,0;5,5"). A file is read when fit starts; the model
// file records the path. Given centres run once (n_init 1), as scikit-learn's.

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "fitkit/core/params.hpp"
#include "fitkit/core/types.hpp"

namespace fitkit {

enum class KMeansInitMethod { kmeans_plus_plus, random, given };

struct KMeansInit {
  KMeansInitMethod method = KMeansInitMethod::kmeans_plus_plus;
  std::string path;  // given: a CSV file of centres, read at fit (empty: `centers`)
  Matrix centers;    // given in memory: n_clusters x n_features

  KMeansInit() = default;
  KMeansInit(KMeansInitMethod m) : method(m) {}  // NOLINT: implicit, as the field's default
  KMeansInit(Matrix given)                       // NOLINT: implicit, `.init = centres`
      : method(KMeansInitMethod::given), centers(std::move(given)) {}
  static KMeansInit file(std::string path);

  bool is_given() const { return method == KMeansInitMethod::given; }
  // The given centres: read from `path` when it is set (FileError, DataError), checked against
  // the shape (InvalidParameter naming init when it is not n_clusters x n_features, or holds
  // NaN or Inf).
  Matrix given_centers(Index n_clusters, Index n_features) const;

  bool operator==(const KMeansInit& other) const;

  // TextParam (core/params.hpp).
  std::string to_text() const;
  static std::string from_text(std::string_view text, KMeansInit& out);
  static std::string param_type_name() { return "k-means++|random|FILE|centres"; }
};

// n_init = "auto": 1 run for k-means++ and given centres, more (10 for KMeans, 3 for
// MiniBatchKMeans, scikit-learn 1.2's defaults) for random, as scikit-learn >= 1.4 does.
enum class NInitKeyword { automatic };

template <>
struct EnumNames<NInitKeyword> {
  static constexpr std::array values{std::pair{NInitKeyword::automatic, "auto"}};
};

using NInit = KeywordOr<NInitKeyword, int>;

// The runs `n_init` asks for: given centres run once; "auto" as above (`random_runs` for
// random).
int resolve_n_init(const NInit& n_init, const KMeansInit& init, int random_runs);

}  // namespace fitkit
