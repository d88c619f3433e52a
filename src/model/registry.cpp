// The estimator types load_any can build. One line per estimator: an explicit list rather
// than static self-registration, which a static link would silently drop.

#include <functional>
#include <map>

#include "fitkit/linear/elastic_net.hpp"
#include "fitkit/linear/linear_regression.hpp"
#include "fitkit/linear/logistic_regression.hpp"
#include "fitkit/linear/ridge.hpp"
#include "fitkit/linear/ridge_cv.hpp"
#include "fitkit/linear/sgd_classifier.hpp"
#include "fitkit/linear/sgd_regressor.hpp"
#include "fitkit/model/model_io.hpp"
#include "fitkit/preprocessing/polynomial_features.hpp"

namespace fitkit {
namespace {

template <class T>
std::unique_ptr<Estimator> make() {
  return std::make_unique<T>();
}

using Factory = std::unique_ptr<Estimator> (*)();

const std::map<std::string, Factory, std::less<>>& registry() {
  static const std::map<std::string, Factory, std::less<>> types = {
      {"ElasticNet", &make<ElasticNet>},
      {"Lasso", &make<Lasso>},
      {"LinearRegression", &make<LinearRegression>},
      {"LogisticRegression", &make<LogisticRegression>},
      {"PolynomialFeatures", &make<PolynomialFeatures>},
      {"Ridge", &make<Ridge>},
      {"RidgeCV", &make<RidgeCV>},
      {"SGDClassifier", &make<SGDClassifier>},
      {"SGDRegressor", &make<SGDRegressor>},
  };
  return types;
}

}  // namespace

std::unique_ptr<Estimator> make_estimator(std::string_view type_name) {
  const auto it = registry().find(type_name);
  return it == registry().end() ? nullptr : it->second();
}

std::vector<std::string> registered_estimator_types() {
  std::vector<std::string> names;
  for (const auto& [name, factory] : registry()) names.push_back(name);
  return names;
}

}  // namespace fitkit
