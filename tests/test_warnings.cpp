// Warnings (core/warnings.hpp): one replaceable handler, restored by WarningCapture.

#include <catch2/catch.hpp>

#include "fitkit/core/warnings.hpp"

TEST_CASE("warnings reach the installed handler, and the previous one comes back", "[warnings]") {
  std::vector<std::string> outer;
  const auto before =
      fitkit::set_warning_handler([&](const fitkit::Warning& w) { outer.push_back(w.message); });
  {
    fitkit::WarningCapture capture;
    fitkit::warn_not_converged("Lasso", 1000, "duality gap 0.5 > tol 0.01");
    REQUIRE(capture.warnings().size() == 1);
    CHECK(capture.warnings()[0].kind == fitkit::WarningKind::convergence);
    CHECK(capture.warnings()[0].message ==
          "Lasso did not converge in 1000 iterations (duality gap 0.5 > tol 0.01); increase "
          "max_iter or tol, or scale the features");
  }
  CHECK(outer.empty());
  fitkit::warn(fitkit::WarningKind::convergence, "after");
  CHECK(outer == std::vector<std::string>{"after"});
  fitkit::set_warning_handler(before);
}
