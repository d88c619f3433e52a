// The estimator types fitkit knows, one line each: an explicit list rather than static
// self-registration, which a static link would silently drop.

#include "fitkit/model/registry.hpp"

#include <algorithm>

#include "fitkit/cluster/agglomerative_clustering.hpp"
#include "fitkit/cluster/dbscan.hpp"
#include "fitkit/cluster/gaussian_mixture.hpp"
#include "fitkit/cluster/kmeans.hpp"
#include "fitkit/cluster/minibatch_kmeans.hpp"
#include "fitkit/decomposition/pca.hpp"
#include "fitkit/decomposition/truncated_svd.hpp"
#include "fitkit/ensemble/extra_trees_classifier.hpp"
#include "fitkit/ensemble/extra_trees_regressor.hpp"
#include "fitkit/ensemble/hist_gradient_boosting_classifier.hpp"
#include "fitkit/ensemble/hist_gradient_boosting_regressor.hpp"
#include "fitkit/ensemble/random_forest_classifier.hpp"
#include "fitkit/ensemble/random_forest_regressor.hpp"
#include "fitkit/linear/elastic_net.hpp"
#include "fitkit/linear/linear_regression.hpp"
#include "fitkit/linear/logistic_regression.hpp"
#include "fitkit/linear/ridge.hpp"
#include "fitkit/linear/ridge_cv.hpp"
#include "fitkit/linear/sgd_classifier.hpp"
#include "fitkit/linear/sgd_regressor.hpp"
#include "fitkit/neighbors/kneighbors_classifier.hpp"
#include "fitkit/neighbors/kneighbors_regressor.hpp"
#include "fitkit/neighbors/nearest_neighbors.hpp"
#include "fitkit/pipeline/column_transformer.hpp"
#include "fitkit/pipeline/pipeline.hpp"
#include "fitkit/preprocessing/encoders.hpp"
#include "fitkit/preprocessing/kbins_discretizer.hpp"
#include "fitkit/preprocessing/normalizer.hpp"
#include "fitkit/preprocessing/polynomial_features.hpp"
#include "fitkit/preprocessing/scalers.hpp"
#include "fitkit/preprocessing/simple_imputer.hpp"
#include "fitkit/svm/linear_svc.hpp"
#include "fitkit/svm/linear_svr.hpp"
#include "fitkit/svm/nu_svc.hpp"
#include "fitkit/svm/one_class_svm.hpp"
#include "fitkit/svm/svc.hpp"
#include "fitkit/svm/svr.hpp"
#include "fitkit/tree/decision_tree_classifier.hpp"
#include "fitkit/tree/decision_tree_regressor.hpp"

namespace fitkit {
namespace {

template <class T>
EstimatorType entry(std::string program, std::string description,
                    std::vector<std::string> extra_verbs = {}) {
  return {T().type_name(), [] { return std::unique_ptr<Estimator>(std::make_unique<T>()); },
          std::move(program), std::move(description), std::move(extra_verbs)};
}

std::vector<EstimatorType> make_registry() {
  std::vector<EstimatorType> types = {
      entry<AgglomerativeClustering>("fitkit-agglomerative-clustering",
                                     "Hierarchical clustering: ward, complete, average or single "
                                     "linkage (transductive)"),
      entry<DBSCAN>("fitkit-dbscan",
                    "Density-based clustering (DBSCAN): core samples, border points, noise -1"),
      entry<DecisionTreeClassifier>("fitkit-decision-tree-classifier",
                                    "Decision tree classification (exact CART: gini, entropy)",
                                    {"export"}),
      entry<DecisionTreeRegressor>(
          "fitkit-decision-tree-regressor",
          "Decision tree regression (exact CART: squared, absolute or Poisson error)", {"export"}),
      entry<ElasticNet>("fitkit-elastic-net",
                        "Linear regression with L1 and L2 penalties (elastic net)"),
      entry<ExtraTreesClassifier>(
          "fitkit-extra-trees-classifier",
          "Extremely randomised trees for classification (random thresholds), NaN and categories",
          {"export"}),
      entry<ExtraTreesRegressor>(
          "fitkit-extra-trees-regressor",
          "Extremely randomised trees for regression (random thresholds), NaN and categories",
          {"export"}),
      entry<GaussianMixture>("fitkit-gaussian-mixture",
                             "Gaussian mixture fitted by EM (full, tied, diag, spherical)",
                             {"sample"}),
      entry<HistGradientBoostingClassifier>(
          "fitkit-hist-gradient-boosting-classifier",
          "Gradient boosting of histogram trees for classification (log-loss), NaN and categories"),
      entry<HistGradientBoostingRegressor>(
          "fitkit-hist-gradient-boosting-regressor",
          "Gradient boosting of histogram trees for regression, NaN and categories"),
      entry<KMeans>("fitkit-kmeans", "K-means clustering (Lloyd or Elkan, k-means++ starts)"),
      entry<Lasso>("fitkit-lasso", "Linear regression with an L1 penalty (lasso)"),
      entry<KNeighborsClassifier>("fitkit-kneighbors-classifier",
                                  "Classification by a vote of the k nearest neighbours"),
      entry<KNeighborsRegressor>("fitkit-kneighbors-regressor",
                                 "Regression by the mean target of the k nearest neighbours"),
      entry<NearestNeighbors>(
          "fitkit-nearest-neighbors",
          "Nearest-neighbour search (transform: the k nearest training rows and distances)",
          {"kneighbors", "radius-neighbors"}),
      entry<LinearRegression>("fitkit-linear-regression",
                              "Ordinary least squares linear regression"),
      entry<LinearSVC>("fitkit-linear-svc",
                       "Linear support vector classification (liblinear's solvers)"),
      entry<LinearSVR>("fitkit-linear-svr",
                       "Linear support vector regression (liblinear's solvers)"),
      entry<LogisticRegression>("fitkit-logistic-regression",
                                "Logistic regression: binary, multinomial, l2/l1/elasticnet"),
      entry<MaxAbsScaler>("fitkit-max-abs-scaler",
                          "Scales each feature by its largest absolute value (a transformer)"),
      entry<MinMaxScaler>("fitkit-min-max-scaler",
                          "Maps each feature's range to feature_range (a transformer)"),
      entry<MiniBatchKMeans>("fitkit-minibatch-kmeans",
                             "Mini-batch k-means clustering, with partial-fit on chunks"),
      entry<Normalizer>("fitkit-normalizer",
                        "Scales each row to unit l1, l2 or max norm (a "
                        "transformer)"),
      entry<PCA>("fitkit-pca",
                 "Principal component analysis: the centred data's SVD (a transformer)"),
      entry<TruncatedSVD>("fitkit-truncated-svd",
                          "Truncated SVD (latent semantic analysis): the uncentred data's first "
                          "singular vectors, randomized or exact (a transformer)"),
      entry<PolynomialFeatures>("fitkit-polynomial-features",
                                "Polynomial and interaction features (a transformer)"),
      entry<RandomForestClassifier>(
          "fitkit-random-forest-classifier",
          "Random forest classification (bootstrapped CART trees, binned or exact splits)",
          {"export"}),
      entry<RandomForestRegressor>(
          "fitkit-random-forest-regressor",
          "Random forest regression (bootstrapped CART trees, binned or exact splits)", {"export"}),
      entry<Ridge>("fitkit-ridge", "Linear least squares with an L2 penalty (ridge regression)"),
      entry<RidgeCV>("fitkit-ridge-cv",
                     "Ridge with alpha chosen by efficient leave-one-out cross-validation"),
      entry<RobustScaler>(
          "fitkit-robust-scaler",
          "Centres each feature at its median and scales it by a quantile range (a transformer)"),
      entry<NuSVC>("fitkit-nu-svc",
                   "Nu-support vector classification with kernels (libsvm's SMO), one-vs-one"),
      entry<SVC>("fitkit-svc",
                 "Support vector classification with kernels (libsvm's SMO), one-vs-one"),
      entry<SGDClassifier>(
          "fitkit-sgd-classifier",
          "Linear classifiers (SVM, logistic, ...) by stochastic gradient descent"),
      entry<SGDRegressor>("fitkit-sgd-regressor",
                          "Linear regression by stochastic gradient descent"),
      entry<SimpleImputer>("fitkit-simple-imputer",
                           "Fills missing values by each column's mean, median, most frequent "
                           "value or a constant (a transformer)"),
      entry<StandardScaler>("fitkit-standard-scaler",
                            "Centres each feature at its mean and scales it to unit variance (a "
                            "transformer)"),
      entry<NuSVR>("fitkit-nu-svr",
                   "Nu-support vector regression with kernels (libsvm's SMO, nu variant)"),
      entry<SVR>("fitkit-svr", "Epsilon-support vector regression with kernels (libsvm's SMO)"),
      entry<OneClassSVM>("fitkit-one-class-svm",
                         "Outlier detection by a one-class SVM with kernels (libsvm's SMO)"),
      entry<OneHotEncoder>("fitkit-one-hot-encoder",
                           "One 0/1 column per category of each column, text columns included "
                           "(a transformer)"),
      entry<OrdinalEncoder>("fitkit-ordinal-encoder",
                            "Each value's index among its column's categories, text columns "
                            "included (a transformer)"),
      entry<KBinsDiscretizer>("fitkit-kbins-discretizer",
                              "Cuts each feature into bins: uniform, quantile or k-means edges, "
                              "as bin indices or one-hot (a transformer)"),
  };
  std::sort(types.begin(), types.end(),
            [](const EstimatorType& a, const EstimatorType& b) { return a.program < b.program; });
  return types;
}

// Estimators made of others: no program of their own (the programs' --scale, --impute and
// --one-hot make them), and nothing to fit until given their parts, but model files hold them.
std::vector<EstimatorType> make_composites() {
  return {entry<ColumnTransformer>("", "Transformers each of their own columns, side by side"),
          entry<Pipeline>("", "Transformers applied in turn, then any estimator")};
}

}  // namespace

const std::vector<EstimatorType>& registered_estimators() {
  static const std::vector<EstimatorType> types = make_registry();
  return types;
}

const std::vector<EstimatorType>& composite_estimators() {
  static const std::vector<EstimatorType> types = make_composites();
  return types;
}

const EstimatorType* find_estimator_type(std::string_view type_name) {
  for (const auto* list : {&registered_estimators(), &composite_estimators()})
    for (const EstimatorType& type : *list)
      if (type.type_name == type_name) return &type;
  return nullptr;
}

const EstimatorType* find_estimator_program(std::string_view program) {
  for (const EstimatorType& type : registered_estimators())
    if (type.program == program) return &type;
  return nullptr;
}

std::unique_ptr<Estimator> make_estimator(std::string_view type_name) {
  const EstimatorType* type = find_estimator_type(type_name);
  return type == nullptr ? nullptr : type->make();
}

std::vector<std::string> registered_estimator_types() {
  std::vector<std::string> names;
  for (const EstimatorType& type : registered_estimators()) names.push_back(type.type_name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace fitkit
