#pragma once
// fitkit::Lasso and fitkit::lasso_path: the elastic net with l1_ratio fixed at 1. Both live
// in elastic_net.hpp, which shares their coordinate descent with fitkit::ElasticNet.

#include "fitkit/linear/elastic_net.hpp"
