#pragma once
// The one registry of estimator types (DESIGN.md §1, §5, §6): for each, its type name (as
// model files give it), its factory, its program and the program's one-line description,
// and any verbs its program offers beyond those its tags give (a tree's "export"). load_any,
// `fitkit list` and every program read it; adding an estimator adds one line to its list in
// src/model/registry.cpp.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fitkit/core/estimator.hpp"

namespace fitkit {

struct EstimatorType {
  std::string type_name;                 // "LinearRegression"
  std::unique_ptr<Estimator> (*make)();  // a default-constructed one
  std::string program;                   // "fitkit-linear-regression"
  std::string description;               // "Ordinary least squares linear regression"
  std::vector<std::string> extra_verbs;  // implemented in apps/common/extra_verbs.cpp
};

// Sorted by program name.
const std::vector<EstimatorType>& registered_estimators();
// Estimators made of others (Pipeline): types without a program, default-constructed empty.
const std::vector<EstimatorType>& composite_estimators();
// nullptr when there is no such type or program (types: registered or composite).
const EstimatorType* find_estimator_type(std::string_view type_name);
const EstimatorType* find_estimator_program(std::string_view program);

// A default-constructed estimator of a registered type, or nullptr.
std::unique_ptr<Estimator> make_estimator(std::string_view type_name);
std::vector<std::string> registered_estimator_types();

}  // namespace fitkit
