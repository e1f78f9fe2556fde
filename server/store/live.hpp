// Queries behind the live feed, the watch list and the caller lookup: the work-order change number, the orders
// changed since a number, the open emergencies, the open orders with their lifecycle events, elders by phone / ID.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include "store/orders.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

// The change number of work orders: the id of the newest audit event of entity "work_order" (every create and
// every lifecycle action writes one in the same transaction as the change). 0 when there is none.
std::int64_t order_change_seq(SQLite::Database& db);

struct ChangeScope {               // which orders a viewer's feed may name
    std::optional<Id> town;        // town staff: orders of their town
    std::optional<Id> provider;    // provider staff: orders dispatched to them
};
struct ChangedOrders {
    std::vector<Id> ids;           // newest change first, each order once
    bool truncated = false;        // more changed than we looked at / returned: reload the whole view
};
// Orders with an audit event newer than `after`, scoped. Looks at no more than `scan_limit` events (newest
// first) and returns at most `limit` ids.
ChangedOrders changed_orders_since(SQLite::Database& db, std::int64_t after, const ChangeScope& scope,
                                   int limit, int scan_limit);

struct EmergencyRow {
    WorkOrder order;
    std::string town_name;
    std::string acknowledged_by_name;   // display name of acknowledged_by ("" when not acknowledged)
};
// Emergencies still open (not closed / cancelled) that are not yet dispatched or not yet acknowledged, oldest
// first, at most `limit`.
// Emergencies still waiting for help: received, escalated, or dispatched but not yet accepted by the provider,
// and not both acknowledged and dispatched. Once a provider has accepted, help is under way and the alarm
// stops even if nobody pressed 确认接警 (the indicator records that). Created at or after `since` (older ones
// are overdue cases for the watch list, not alarms).
std::vector<EmergencyRow> open_emergencies(SQLite::Database& db, LocalSeconds since, int limit);

// Open orders (every status but closed, cancelled, answered on the spot), oldest first, at most `limit`
// (truncated = there were more).
struct OpenOrders {
    std::vector<StoredOrder> orders;
    bool truncated = false;
};
OpenOrders open_orders(SQLite::Database& db, int limit);

// A user's display name ("" when unknown).
std::string user_display_name(SQLite::Database& db, Id user_id);
// Provider names by id (all providers; a few hundred rows).
std::map<Id, std::string> provider_names(SQLite::Database& db);

// Exact matches only (the phone and ID-number indexes); at most `limit` elder ids, ascending.
std::vector<Id> elder_ids_by_phone(SQLite::Database& db, const std::string& phone, int limit);
std::vector<Id> elder_ids_by_id_number(SQLite::Database& db, const std::string& id_number, int limit);
// The most recent orders (by created_at) of these elders, at most `limit`.
std::vector<StoredOrder> recent_orders_of(SQLite::Database& db, const std::vector<Id>& elder_ids, int limit);

}  // namespace yiyang::store
