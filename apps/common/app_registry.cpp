#include "common/app_registry.hpp"

#include <stdexcept>
#include <string>

namespace fitkit::apps {

const std::vector<AppInfo>& registered_apps() {
  // One line per program, sorted by name.
  static const std::vector<AppInfo> apps = {
      {"fitkit-elastic-net", "Linear regression with L1 and L2 penalties (elastic net)"},
      {"fitkit-lasso", "Linear regression with an L1 penalty (lasso)"},
      {"fitkit-linear-regression", "Ordinary least squares linear regression"},
      {"fitkit-logistic-regression", "Logistic regression: binary, multinomial, l2/l1/elasticnet"},
      {"fitkit-polynomial-features", "Polynomial and interaction features (a transformer)"},
      {"fitkit-ridge", "Linear least squares with an L2 penalty (ridge regression)"},
      {"fitkit-ridge-cv", "Ridge with alpha chosen by efficient leave-one-out cross-validation"},
      {"fitkit-sgd-classifier",
       "Linear classifiers (SVM, logistic, ...) by stochastic gradient descent"},
      {"fitkit-sgd-regressor", "Linear regression by stochastic gradient descent"},
  };
  return apps;
}

const AppInfo& registered_app(std::string_view name) {
  for (const AppInfo& app : registered_apps())
    if (app.name == name) return app;
  throw std::logic_error(std::string(name) + " is missing from apps/common/app_registry.cpp");
}

}  // namespace fitkit::apps
