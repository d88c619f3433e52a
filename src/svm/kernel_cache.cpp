#include "svm/kernel_cache.hpp"

#include <algorithm>
#include <utility>

namespace fitkit::detail {

ColumnCache::ColumnCache(Index n, std::size_t bytes) : columns_(n) {
  free_ = std::max<std::size_t>(bytes / sizeof(double), 2 * static_cast<std::size_t>(n));
}

void ColumnCache::unlink(Index i) {
  Column& c = columns_[i];
  if (!c.listed) return;
  if (c.prev != kNone)
    columns_[c.prev].next = c.next;
  else
    head_ = c.next;
  if (c.next != kNone)
    columns_[c.next].prev = c.prev;
  else
    tail_ = c.prev;
  c.prev = c.next = kNone;
  c.listed = false;
}

void ColumnCache::push_back(Index i) {
  Column& c = columns_[i];
  c.prev = tail_;
  c.next = kNone;
  if (tail_ != kNone)
    columns_[tail_].next = i;
  else
    head_ = i;
  tail_ = i;
  c.listed = true;
}

void ColumnCache::drop(Index i) {
  unlink(i);
  Column& c = columns_[i];
  free_ += c.len;
  c.data.reset();
  c.len = 0;
}

double* ColumnCache::get(Index i, Index len, Index& filled) {
  Column& c = columns_[i];
  unlink(i);
  filled = std::min<Index>(c.len, len);
  if (c.len < len) {
    const std::size_t more = len - c.len;
    while (free_ < more && head_ != kNone) drop(head_);
    free_ -= std::min(free_, more);
    std::unique_ptr<double[]> longer(new double[len]);  // not zeroed: the caller fills it
    if (c.len > 0) std::copy(c.data.get(), c.data.get() + c.len, longer.get());
    c.data = std::move(longer);
    c.len = len;
  }
  push_back(i);
  return c.data.get();
}

void ColumnCache::swap(Index i, Index j) {
  if (i == j) return;
  if (i > j) std::swap(i, j);
  // Exchange the two columns' storage, keeping the list positions with the storage.
  const bool li = columns_[i].listed, lj = columns_[j].listed;
  // Unlink both, swap data, relink in the same recency order (approximately: at the end).
  unlink(i);
  unlink(j);
  std::swap(columns_[i].data, columns_[j].data);
  std::swap(columns_[i].len, columns_[j].len);
  if (li || columns_[i].len > 0) push_back(i);
  if (lj || columns_[j].len > 0) push_back(j);
  for (Index k = head_; k != kNone;) {
    const Index next = columns_[k].next;
    Column& c = columns_[k];
    if (c.len > j) {
      std::swap(c.data[i], c.data[j]);
    } else if (c.len > i) {
      drop(k);  // holds position i but not j: it can no longer be extended consistently
    }
    k = next;
  }
}

}  // namespace fitkit::detail
