// Live-feed, watch-list and caller-lookup queries. Each walks an index: audit_events (entity, id) for the change
// number, work_orders (type, status) for emergencies, (status, created_at) for open orders, elders phone / id_number.
#include "store/live.hpp"

#include <algorithm>
#include <set>

#include "yiyang/order_lifecycle.hpp"

namespace yiyang::store {
namespace {

std::vector<Id> ids_of(SQLite::Statement& st) {
    std::vector<Id> out;
    while (st.executeStep()) out.push_back(st.getColumn(0).getInt64());
    return out;
}

}  // namespace

std::int64_t order_change_seq(SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT COALESCE(MAX(id), 0) FROM audit_events WHERE entity = 'work_order'");
    st.executeStep();
    return st.getColumn(0).getInt64();
}

ChangedOrders changed_orders_since(SQLite::Database& db, std::int64_t after, const ChangeScope& scope, int limit,
                                   int scan_limit) {
    // The newest `scan_limit` events after `after` first (bounded), then the scope through the order's row.
    std::string sql =
        "SELECT a.entity_id, a.id FROM (SELECT entity_id, id FROM audit_events WHERE entity = 'work_order' "
        "AND id > ? ORDER BY id DESC LIMIT ?) a JOIN work_orders o ON o.id = a.entity_id WHERE 1=1";
    if (scope.town) sql += " AND o.town_id = ?";
    if (scope.provider) sql += " AND o.provider_id = ?";
    sql += " ORDER BY a.id DESC";
    SQLite::Statement st(db, sql);
    int i = 1;
    st.bind(i++, static_cast<std::int64_t>(after));
    st.bind(i++, scan_limit + 1);
    if (scope.town) st.bind(i++, static_cast<std::int64_t>(*scope.town));
    if (scope.provider) st.bind(i++, static_cast<std::int64_t>(*scope.provider));
    ChangedOrders out;
    std::set<Id> seen;
    int rows = 0;
    while (st.executeStep()) {
        if (++rows > scan_limit) { out.truncated = true; break; }
        const Id id = st.getColumn(0).getInt64();
        if (!seen.insert(id).second) continue;
        if (static_cast<int>(out.ids.size()) >= limit) { out.truncated = true; break; }
        out.ids.push_back(id);
    }
    // Rows outside the scope do not reach the loop: count the scanned events to know whether we stopped short.
    if (!out.truncated && rows <= scan_limit) {
        SQLite::Statement n(db, "SELECT COUNT(*) FROM (SELECT id FROM audit_events WHERE entity = 'work_order' "
                                "AND id > ? LIMIT ?)");
        n.bind(1, static_cast<std::int64_t>(after));
        n.bind(2, scan_limit + 1);
        n.executeStep();
        if (n.getColumn(0).getInt() > scan_limit) out.truncated = true;
    }
    return out;
}

std::vector<EmergencyRow> open_emergencies(SQLite::Database& db, LocalSeconds since, int limit) {
    SQLite::Statement st(db, "SELECT o.id FROM work_orders o WHERE o.type = 'emergency' AND o.status IN "
                             "('received', 'dispatched', 'escalated') AND (o.dispatched_at IS NULL OR "
                             "o.acknowledged_at IS NULL) AND o.created_at >= ? ORDER BY o.created_at, o.id LIMIT ?");
    st.bind(1, static_cast<std::int64_t>(since));
    st.bind(2, limit);
    const auto ids = ids_of(st);
    std::map<Id, std::string> towns;
    {
        SQLite::Statement t(db, "SELECT id, name FROM towns");
        while (t.executeStep()) towns[t.getColumn(0).getInt64()] = t.getColumn(1).getString();
    }
    std::vector<EmergencyRow> out;
    for (Id id : ids) {
        auto s = get_order(db, id);
        if (!s) continue;
        EmergencyRow r;
        r.order = std::move(s->order);
        if (auto it = towns.find(r.order.town_id); it != towns.end()) r.town_name = it->second;
        if (r.order.acknowledged_by) r.acknowledged_by_name = user_display_name(db, *r.order.acknowledged_by);
        out.push_back(std::move(r));
    }
    return out;
}

OpenOrders open_orders(SQLite::Database& db, int limit) {
    OpenOrders out;
    for (OrderStatus s : open_statuses()) {
        OrderQuery q;
        q.status = s;
        q.sort = "created_at";
        q.descending = false;
        q.page_size = limit + 1;
        for (auto& o : find_orders(db, q)) out.orders.push_back(std::move(o));
    }
    std::sort(out.orders.begin(), out.orders.end(), [](const StoredOrder& a, const StoredOrder& b) {
        if (a.order.created_at != b.order.created_at) return a.order.created_at < b.order.created_at;
        return a.order.id < b.order.id;
    });
    if (static_cast<int>(out.orders.size()) > limit) {
        out.orders.resize(static_cast<std::size_t>(limit));
        out.truncated = true;
    }
    return out;
}

std::string user_display_name(SQLite::Database& db, Id user_id) {
    SQLite::Statement st(db, "SELECT display_name FROM users WHERE id = ?");
    st.bind(1, static_cast<std::int64_t>(user_id));
    return st.executeStep() ? st.getColumn(0).getString() : std::string();
}

std::map<Id, std::string> provider_names(SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT id, name FROM providers");
    std::map<Id, std::string> out;
    while (st.executeStep()) out[st.getColumn(0).getInt64()] = st.getColumn(1).getString();
    return out;
}

std::vector<Id> elder_ids_by_phone(SQLite::Database& db, const std::string& phone, int limit) {
    SQLite::Statement st(db, "SELECT id FROM elders WHERE phone = ? ORDER BY id LIMIT ?");
    st.bind(1, phone);
    st.bind(2, limit);
    return ids_of(st);
}

std::vector<Id> elder_ids_by_id_number(SQLite::Database& db, const std::string& id_number, int limit) {
    SQLite::Statement st(db, "SELECT id FROM elders WHERE id_number = ? ORDER BY id LIMIT ?");
    st.bind(1, id_number);
    st.bind(2, limit);
    return ids_of(st);
}

std::vector<StoredOrder> recent_orders_of(SQLite::Database& db, const std::vector<Id>& elder_ids, int limit) {
    std::vector<StoredOrder> out;
    for (Id e : elder_ids) {
        OrderQuery q;
        q.elder = e;
        q.sort = "created_at";
        q.descending = true;
        q.page_size = limit;
        for (auto& o : find_orders(db, q)) out.push_back(std::move(o));
    }
    std::sort(out.begin(), out.end(), [](const StoredOrder& a, const StoredOrder& b) {
        if (a.order.created_at != b.order.created_at) return a.order.created_at > b.order.created_at;
        return a.order.id > b.order.id;
    });
    if (static_cast<int>(out.size()) > limit) out.resize(static_cast<std::size_t>(limit));
    return out;
}

}  // namespace yiyang::store
