#include "core/row_gather.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "core/huge_pages.hpp"

namespace fitkit::detail {

void gather_rows(const Matrix& X, const arma::uvec& rows, Matrix& out) {
  // Fresh memory for a large matrix costs more in page faults than the copy: huge pages.
  const bool fresh = out.n_elem != rows.n_elem * X.n_cols;
  out.set_size(rows.n_elem, X.n_cols);
  if (fresh) advise_huge_pages(out.memptr(), out.n_elem * sizeof(double));
  std::vector<std::pair<Index, Index>> runs;  // (first row, length)
  for (Index i = 0; i < rows.n_elem;) {
    Index length = 1;
    while (i + length < rows.n_elem && rows(i + length) == rows(i) + length) ++length;
    runs.emplace_back(rows(i), length);
    i += length;
  }
  for (Index j = 0; j < X.n_cols; ++j) {
    const double* from = X.colptr(j);
    double* to = out.colptr(j);
    for (const auto& [first, length] : runs) to = std::copy_n(from + first, length, to);
  }
}

}  // namespace fitkit::detail
