// Built against an installed fitkit by the install_and_consume (CMake) and install_pkg_config
// tests: the README's example.
#include <cstdio>
#include <fitkit/fitkit.hpp>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  arma::arma_rng::set_seed(1);
  fitkit::Matrix X(200, 3, arma::fill::randn);
  const fitkit::Vector coef{1.5, -2.0, 0.5};
  const fitkit::Vector y = X * coef + 3.0;
  fitkit::LinearRegression lr;
  lr.fit(X, y);
  fitkit::save(lr, argv[1]);
  auto back = fitkit::load<fitkit::LinearRegression>(argv[1]);
  const double diff = arma::abs(back.predict(X) - lr.predict(X)).max();
  std::printf("R2 %.6f intercept %.6f max diff %g\n", back.score(X, y), back.intercept(), diff);
  return diff == 0.0 && std::abs(back.intercept() - 3.0) < 1e-9 ? 0 : 1;
}
