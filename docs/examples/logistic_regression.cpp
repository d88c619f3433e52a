// A classifier from a CSV file with text labels: weighted fit, save; the model file keeps the
// feature and class names, so the programs print "malignant", not 1. Built and run by the
// test suite (tests/consumer), which then predicts with the saved model through
// fitkit-logistic-regression.
//
//   logistic_regression datasets/breast_cancer.csv /tmp/clf.json
//   fitkit-logistic-regression predict --model /tmp/clf.json --data datasets/breast_cancer.csv

#include <algorithm>
#include <fitkit/fitkit.hpp>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " data.csv model.json\n";
    return 2;
  }
  try {
    fitkit::Dataset data = fitkit::io::read_csv(argv[1]);  // the last column is the target
    const fitkit::Labels labels = data.labels();           // label k stands for data.class_names[k]

    // Sample weights (scikit-learn's sample_weight): a malignant case counts twice.
    const auto malignant =
        std::ranges::find(data.class_names, "malignant") - data.class_names.begin();
    data.sample_weight = arma::ones(data.n_samples());
    data.sample_weight.elem(arma::find(labels == malignant)).fill(2.0);

    fitkit::LogisticRegression clf({.C = 1.0, .max_iter = 5000});
    clf.fit_dataset(data);  // uses data.sample_weight, keeps the names
    // The typed fit gives the same model without the names:
    //   clf.fit(data.X, labels, data.sample_weight);

    const fitkit::Labels predicted = clf.predict(data.X);
    std::cout << "accuracy " << clf.score(data.X, labels, data.sample_weight) << "\n";
    std::cout << "first row: " << data.class_names.at(predicted(0)) << "\n";

    fitkit::save(clf, argv[2]);
    return 0;
  } catch (const fitkit::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
