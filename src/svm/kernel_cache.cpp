#include "svm/kernel_cache.hpp"

#include <algorithm>
#include <utility>

#include "core/huge_pages.hpp"

namespace fitkit::detail {

template <class T>
BasicColumnCache<T>::BasicColumnCache(Index n, std::size_t bytes) : columns_(n) {
  if (n == 0) return;
  const std::size_t slot_bytes = static_cast<std::size_t>(n) * sizeof(T);
  const std::size_t slots = std::min<std::size_t>(static_cast<std::size_t>(n),
                                                  std::max<std::size_t>(2, bytes / slot_bytes));
  // Not zero-filled: a page is touched (and faulted in) only when a column first needs it.
  arena_.reset(new T[slots * static_cast<std::size_t>(n)]);
  advise_huge_pages(arena_.get(), slots * slot_bytes);
  free_slots_.reserve(slots);
  for (std::size_t s = slots; s-- > 0;) free_slots_.push_back(arena_.get() + s * n);
}

template <class T>
void BasicColumnCache<T>::unlink(Index i) {
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

template <class T>
void BasicColumnCache<T>::push_back(Index i) {
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

template <class T>
void BasicColumnCache<T>::drop(Index i) {
  unlink(i);
  Column& c = columns_[i];
  if (c.data != nullptr) free_slots_.push_back(c.data);
  c.data = nullptr;
  c.len = 0;
}

template <class T>
T* BasicColumnCache<T>::get(Index i, Index len, Index& filled) {
  Column& c = columns_[i];
  unlink(i);
  if (c.data == nullptr) {
    while (free_slots_.empty() && head_ != kNone) drop(head_);
    c.data = free_slots_.back();
    free_slots_.pop_back();
    c.len = 0;
  }
  filled = std::min<Index>(c.len, len);
  c.len = std::max<Index>(c.len, len);  // a slot holds a full column
  push_back(i);
  return c.data;
}

template <class T>
void BasicColumnCache<T>::swap(Index i, Index j) {
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

template class BasicColumnCache<double>;
template class BasicColumnCache<float>;

}  // namespace fitkit::detail
