#pragma once
// Every fitkit program, for `fitkit list`. Each estimator app takes its description from
// here, so an app missing from the list fails on its first run (and in tests/test_cli.cpp)
// instead of going unlisted.

#include <string_view>
#include <vector>

#include "common/app_info.hpp"

namespace fitkit::apps {

const std::vector<AppInfo>& registered_apps();

// Throws std::logic_error for a program missing from the list.
const AppInfo& registered_app(std::string_view name);

}  // namespace fitkit::apps
