// SLA clocks of many orders at once: the inputs of shared clocks_for gathered for each order — its lifecycle
// history (all of them read in one query) and the SLA rules and work calendar in force on the day it was
// created. Used by the order lists, the indicators and the watch list; the clocks themselves are shared/'s.
#pragma once
#include <vector>

#include "app/context.hpp"
#include "store/orders.hpp"
#include "yiyang/order_lifecycle.hpp"

namespace yiyang::app {

// Clocks per stored order, in the same order. Every lifecycle event bumps an order's version in the same
// transaction, so an order still at version 1 has no history and none is looked up for it.
std::vector<std::vector<SlaClock>> clocks_of_orders(AppContext& ctx, SQLite::Database& db,
                                                    const std::vector<store::StoredOrder>& orders, LocalSeconds now);
// Clocks per order without a known version (every history is looked up), in the same order.
std::vector<std::vector<SlaClock>> clocks_of_orders(AppContext& ctx, SQLite::Database& db,
                                                    const std::vector<WorkOrder>& orders, LocalSeconds now);

}  // namespace yiyang::app
