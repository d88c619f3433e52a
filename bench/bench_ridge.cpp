// Driver for bench/bench_ridge.py: fits Ridge on raw float64 files
// written by numpy (X column-major, n x d) and prints one JSON line: fit seconds (best of
// --repeat), R², coefficients checksum, and the peak resident memory during fit relative to
// the size of X.

#include <fstream>
#include <iostream>
#include <string>

#include "fitkit/fitkit.hpp"

namespace {

fitkit::Matrix read_raw(const std::string& path, fitkit::Index rows, fitkit::Index cols) {
  fitkit::Matrix m(rows, cols);
  std::ifstream in(path, std::ios::binary);
  in.read(reinterpret_cast<char*>(m.memptr()), static_cast<std::streamsize>(m.n_elem * 8));
  if (!in) throw std::runtime_error("cannot read " + path);
  return m;
}

long status_kb(const std::string& field) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  return -1;
}

void reset_peak_memory() {
  std::ofstream("/proc/self/clear_refs") << "5";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 7) {
    std::cerr << "usage: bench_ridge X.f64 y.f64 n_rows n_cols solver alpha [repeat]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]);
  const int repeat = argc > 7 ? std::stoi(argv[7]) : 3;
  const fitkit::Matrix X = read_raw(argv[1], rows, cols);
  const fitkit::Vector y = read_raw(argv[2], rows, 1);
  fitkit::Ridge ridge;
  ridge.set_param("solver", argv[5]);
  ridge.set_param("alpha", argv[6]);

  double best = 1e300;
  long peak_kb = 0;
  for (int i = 0; i < repeat; ++i) {
    reset_peak_memory();
    fitkit::Timer timer;
    ridge.fit(X, y);
    best = std::min(best, timer.seconds());
    peak_kb = std::max(peak_kb, status_kb("VmHWM"));
  }
  const double x_mb = X.n_elem * 8.0 / 1e6;
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << best << ", \"r2\": " << ridge.score(X, y)
            << ", \"intercept\": " << ridge.intercept()
            << ", \"coef_sum\": " << arma::accu(ridge.coef()) << ", \"peak_mb\": " << peak_kb / 1e3
            << ", \"x_mb\": " << x_mb << ", \"n_iter\": " << ridge.n_iter()
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
}
