#pragma once
// The pieces of AgglomerativeClustering (include/fitkit/cluster/agglomerative_clustering.hpp):
// building the merge tree for each linkage, numbering its nodes as scipy and scikit-learn do,
// and cutting it into flat clusters as scikit-learn's _hc_cut.
//
// A tree builder records its merges as scipy's nn_chain and MST do, by "slot": a merge of
// slots a and b leaves the new cluster in one of them, so a slot always holds the cluster of
// the sample of the same index. number_merges() then sorts the merges by distance (a stable
// sort) and names each merged cluster by a union-find over the samples, giving scikit-learn's
// children_.

#include <cstdint>
#include <vector>

#include "fitkit/cluster/agglomerative_clustering.hpp"
#include "fitkit/core/types.hpp"

namespace fitkit::detail {

// One merge of the clusters held in slots a and b, at `distance`.
struct Merge {
  Index a = 0, b = 0;
  double distance = 0;
};

// How the two children of a node are ordered.
enum class ChildOrder {
  smaller_first,  // scipy's label(): the smaller node id first (nn_chain, scipy's MST)
  as_merged,      // scikit-learn's single_linkage_label: the cluster of a, then that of b
};

// The merge tree as scikit-learn reports it.
struct MergeTree {
  AgglomerativeClustering::IndexMatrix children;  // (n - 1) x 2
  Vector distances;                               // n - 1
};

// Sorts the merges by distance (stable) and numbers the nodes: children and distances.
MergeTree number_merges(std::vector<Merge> merges, Index n_samples, ChildOrder order);

// Ward linkage by the nearest-neighbour chain on cluster sizes and centroids (O(n d) memory):
// scipy.cluster.hierarchy.ward's merges, in the slots its nn_chain uses.
std::vector<Merge> ward_merges(const Matrix& X);

// Complete or average linkage by the nearest-neighbour chain on the condensed distance matrix
// (n (n - 1) / 2 doubles), with scipy's Lance-Williams updates.
std::vector<Merge> condensed_chain_merges(const Matrix& X, Linkage linkage,
                                          AgglomerativeMetric metric);

// Single linkage: the edges of the minimum spanning tree in the order Prim's algorithm from
// sample 0 adds them (scikit-learn's mst_linkage_core, scipy's mst_single_linkage).
std::vector<Merge> single_linkage_merges(const Matrix& X, AgglomerativeMetric metric);

// scikit-learn's _hc_cut: labels 0 .. n_clusters - 1 of the leaves, numbered in the order of
// its heap of the largest nodes.
Labels cut_tree(const AgglomerativeClustering::IndexMatrix& children, Index n_clusters);

// The distance between two samples (each `features` contiguous values) by `metric`; cosine
// takes their Euclidean norms.
double pair_distance(const double* a, const double* b, Index features, AgglomerativeMetric metric,
                     double norm_a = 0, double norm_b = 0);

}  // namespace fitkit::detail
