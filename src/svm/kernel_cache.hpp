#pragma once
// The SMO solver's cache of kernel columns (libsvm's Cache): a least-recently-used list of
// columns within a memory budget. A column is stored from position 0 up to the length last
// asked for; asking for a longer one extends it, and the caller fills only the new part.
// When the solver swaps two positions (shrinking), cached columns swap the two entries, and
// a column that holds only one of them is dropped.
//
// Every column has a slot of n entries in one arena on transparent huge pages, reused as
// columns are dropped: filling a cache a column at a time from the allocator faulted in every
// 4 KiB page of it, which on a virtual machine took as long as the kernel arithmetic.
//
// T is double (SVC's columns) or float (SVR's, as libsvm keeps every column: twice the columns
// in the same budget).

#include <cstddef>
#include <memory>
#include <vector>

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

template <class T>
class BasicColumnCache {
 public:
  // n columns (and positions); at most `bytes` of column data, but always room for two full
  // columns (the solver's working pair).
  BasicColumnCache(Index n, std::size_t bytes);

  // Column i with room for `len` entries; `filled` receives how many of them are already
  // computed (the caller computes [filled, len)). The pointer stays valid until the next get
  // of another column that needs memory beyond the two most recently used columns.
  T* get(Index i, Index len, Index& filled);
  void swap(Index i, Index j);

 private:
  struct Column {
    T* data = nullptr;  // its slot; uninitialised beyond len
    Index len = 0;      // the cached length
    Index prev = kNone, next = kNone;
    bool listed = false;
  };
  static constexpr Index kNone = static_cast<Index>(-1);
  void unlink(Index i);
  void push_back(Index i);  // most recently used
  void drop(Index i);

  std::vector<Column> columns_;
  Index head_ = kNone, tail_ = kNone;  // least and most recently used
  std::unique_ptr<T[]> arena_;         // slots of n entries, touched as they are first used
  std::vector<T*> free_slots_;         // the next one handed out last
};

extern template class BasicColumnCache<double>;
extern template class BasicColumnCache<float>;
using ColumnCache = BasicColumnCache<double>;

}  // namespace fitkit::detail
