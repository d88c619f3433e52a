#pragma once
// Walks a block of rows down one tree, kLanes rows at once, each step advancing every lane:
// their node loads are independent, so their latencies overlap. A lane whose row reaches its
// leaf records it and takes the next row at once, so that no lane waits for the group's deepest
// row: a forest's leaves lie at very different depths. Shared by the predictor's layouts
// (forest_predictor.cpp, ranked_forest.cpp), which differ in how a node is stepped.

#include <cstdint>

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

// Row i of the block starts at rows + i * row_width. advance(node, row) moves node to its
// child and returns true, or returns false at a leaf; record(i, leaf) is called once per row.
template <class Value, class Advance, class Record>
inline void walk_in_lanes(const Value* rows, Index n_rows, Index row_width, std::int32_t root,
                          Advance&& advance, Record&& record) {
  constexpr Index kLanes = 8;
  constexpr Index kIdle = static_cast<Index>(-1);
  std::int32_t node[kLanes];
  const Value* row[kLanes];
  Index lane_row[kLanes];
  Index next_row = 0, active = 0;
  for (Index l = 0; l < kLanes; ++l) {
    node[l] = root;
    row[l] = rows;
    lane_row[l] = kIdle;
    if (next_row < n_rows) {
      lane_row[l] = next_row;
      row[l] = rows + next_row * row_width;
      ++next_row;
      ++active;
    }
  }
  while (active > 0) {
    for (Index l = 0; l < kLanes; ++l) {
      if (advance(node[l], row[l])) [[likely]]
        continue;
      if (lane_row[l] == kIdle) continue;
      record(lane_row[l], node[l]);
      if (next_row < n_rows) {
        lane_row[l] = next_row;
        row[l] = rows + next_row * row_width;
        node[l] = root;
        ++next_row;
      } else {
        lane_row[l] = kIdle;
        --active;
      }
    }
  }
}

}  // namespace fitkit::detail
