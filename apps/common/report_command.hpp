#pragma once
// `fitkit report`: a saved model on a data file as one self-contained HTML page (report_page):
// the scores `score` prints, then a classifier's confusion matrix, ROC and precision-recall
// curves, a regressor's predicted-against-true and residual plots, a clusterer's clusters on
// the data's first two principal components, and the coefficients or feature importances of a
// model that has them.

#include "common/model_commands.hpp"

namespace fitkit::apps {

Verb report_verb(ModelLoader load);

}  // namespace fitkit::apps
