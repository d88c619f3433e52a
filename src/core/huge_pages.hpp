#pragma once
// Large outputs that are written once, right after allocation (a transformer's matrix), spend
// much of their time in page faults: one per 4 KiB page. Asking for transparent huge pages
// (as numpy does for its large arrays) makes that one per 2 MiB.

#include <cstddef>

namespace fitkit::detail {

// A hint on memory not yet touched; ignored where the system has no huge pages, and for small
// blocks.
void advise_huge_pages(void* data, std::size_t bytes);

}  // namespace fitkit::detail
