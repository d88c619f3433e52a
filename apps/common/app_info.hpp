#pragma once

#include <string>

namespace fitkit::apps {

// A program as `fitkit list` and `--help` show it.
struct AppInfo {
  std::string name;         // "fitkit-linear-regression"
  std::string description;  // one line: "Ordinary least squares linear regression"
};

}  // namespace fitkit::apps
