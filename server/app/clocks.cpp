// SLA clocks of many orders (clocks.hpp).
#include "app/clocks.hpp"

namespace yiyang::app {
namespace {

template <typename OrderAt>
std::vector<std::vector<SlaClock>> clocks_with(AppContext& ctx, SQLite::Database& db, std::size_t n, OrderAt order_at,
                                               const std::vector<Id>& with_history, LocalSeconds now) {
    const auto histories = store::order_histories(db, with_history);
    const std::vector<AuditEvent> none;
    std::vector<std::vector<SlaClock>> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const WorkOrder& o = order_at(i);
        const Date created = date_of(o.created_at);
        const auto h = histories.find(o.id);
        out.push_back(clocks_for(o, h == histories.end() ? none : h->second, ctx.rules().sla_on(created),
                                 ctx.rules().calendar_on(created), now));
    }
    return out;
}

}  // namespace

std::vector<std::vector<SlaClock>> clocks_of_orders(AppContext& ctx, SQLite::Database& db,
                                                    const std::vector<store::StoredOrder>& orders, LocalSeconds now) {
    std::vector<Id> ids;
    for (const auto& s : orders) {
        if (s.version > 1) ids.push_back(s.order.id);
    }
    return clocks_with(ctx, db, orders.size(), [&](std::size_t i) -> const WorkOrder& { return orders[i].order; },
                       ids, now);
}

std::vector<std::vector<SlaClock>> clocks_of_orders(AppContext& ctx, SQLite::Database& db,
                                                    const std::vector<WorkOrder>& orders, LocalSeconds now) {
    std::vector<Id> ids;
    ids.reserve(orders.size());
    for (const auto& o : orders) ids.push_back(o.id);
    return clocks_with(ctx, db, orders.size(), [&](std::size_t i) -> const WorkOrder& { return orders[i]; }, ids, now);
}

}  // namespace yiyang::app
