#pragma once
// The whole of an estimator's program: `fit`, `predict`, `score` and `info` (a transformer's:
// `fit`, `transform` and `info`; `partial-fit` too when the estimator supports_partial_fit),
// its options generated from the estimator's parameters. An app's main is one line:
//
//   int main(int argc, char** argv) {
//     return fitkit::apps::run_estimator_app<fitkit::KMeans>(argc, argv, "fitkit-kmeans");
//   }

#include <functional>
#include <memory>
#include <string_view>

#include "fitkit/core/estimator.hpp"

namespace fitkit::apps {

using EstimatorFactory = std::function<std::unique_ptr<Estimator>()>;

// `name` is the program's name in apps/common/app_registry.cpp, which gives its description.
int run_estimator_app(int argc, char** argv, std::string_view name, const EstimatorFactory& make);

template <class T>
int run_estimator_app(int argc, char** argv, std::string_view name) {
  return run_estimator_app(argc, argv, name,
                           []() -> std::unique_ptr<Estimator> { return std::make_unique<T>(); });
}

}  // namespace fitkit::apps
