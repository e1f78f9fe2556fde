// Work orders (工单) in SQLite: insert with a daily code, read, filtered and paged search, update with an
// optimistic version check, service evidence, the lifecycle history from audit events, open load per provider.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include "yiyang/order_lifecycle.hpp"
#include "yiyang/period.hpp"
#include "yiyang/records.hpp"
#include "yiyang/work_queues.hpp"

namespace yiyang::store {

struct StoredOrder {
    WorkOrder order;
    std::int64_t version = 1;
};

struct OrderQuery {
    std::optional<OrderStatus> status;
    std::optional<OrderType> type;
    std::optional<Channel> channel;
    std::optional<Id> town;
    std::optional<Id> provider;
    std::optional<Id> elder;
    std::optional<Id> about_order;      // complaints about this order (投诉对象, partial index)
    std::optional<Id> about_provider;   // complaints about this provider
    std::optional<Period> created;      // created_at within the period
    std::optional<Date> created_from;   // created on or after this day (the list's date range, both ends kept)
    std::optional<Date> created_to;     // created on or before this day
    bool only_open = false;             // not closed, cancelled or answered on the spot
    // Find anything (GET /api/v1/orders?q=): at most one of these is set by the route.
    std::string code_prefix;            // order code from its start ("GD2026120400" → that day's orders)
    std::string elder_name;             // any part of the elder's name, >= 2 characters
    std::optional<std::vector<Id>> elder_in;   // one of these elders (a whole-phone lookup resolved first)
    // A named work queue (work_queues.hpp): its statuses and types, not paused; sorted in queue order
    // (emergencies first, then the oldest) instead of `sort`.
    std::optional<WorkQueue> queue;
    std::string sort = "created_at";   // one of order_sort_fields()
    bool descending = true;
    int page = 1;
    int page_size = 20;                 // 0 = no limit (callers bound the scan themselves)
    bool light = false;                 // code, description and categories left empty (scans that need clocks only)
};
// The fields a list may be sorted by (the query parameter is checked against this whitelist).
const std::vector<std::string>& order_sort_fields();

// Inserts the order with a new code "GD" + yyyymmdd of created_at + sequence of that day (4 digits, more past
// 9999), unique and gap-free (counter in order_code_seq, same transaction); sets
// order.id and order.code. Version 1.
Id insert_order(SQLite::Database& db, WorkOrder& order);
std::optional<StoredOrder> get_order(SQLite::Database& db, Id id);
// The order of a code ("GD202612040001"; codes are unique): deep links and shared URLs name orders by code.
std::optional<StoredOrder> get_order_by_code(SQLite::Database& db, const std::string& code);
// Several orders by id in one query, by id (missing ids are left out).
std::map<Id, StoredOrder> get_orders(SQLite::Database& db, const std::vector<Id>& ids);
std::vector<StoredOrder> find_orders(SQLite::Database& db, const OrderQuery& q);
std::int64_t count_orders(SQLite::Database& db, const OrderQuery& q);
// SQLite's plan for count_orders (EXPLAIN QUERY PLAN, one step a line; "order_counts" when that table answers):
// tests check that the queue counts read work_orders_queues.
std::string count_orders_plan(SQLite::Database& db, const OrderQuery& q);
// The SQL condition "the elder's name contains q" over elders e (2 characters: the name_bigrams table, elders.hpp;
// 3 and more: the FTS5 trigram index; 1: LIKE). Binds :name_q.
std::string elder_name_condition(const std::string& q, std::string& bind_value);
// The same as a subquery selecting the ids of the elders so named (what the order search filters elder_id by).
std::string elder_ids_named(const std::string& q, std::string& bind_value);
// Every status a work queue can hold, as work_orders_queues' partial-index WHERE spells it (migration 14).
inline constexpr const char* kQueueStatusesSql = "status IN ('completed', 'escalated', 'received', 'reviewed')";
// Recomputes the order_counts totals from work_orders (after a bulk load that bypassed its triggers).
void rebuild_order_counts(SQLite::Database& db);
// The requests (every order, cancelled ones too) created in the months of [first, last] — whole months — by
// channel, type and town, from order_counts: the operation reports' 按渠道 / 按类型 / 按镇街 tables.
struct RequestCount {
    std::string channel, type;   // the stored codes
    Id town = 0;
    std::int64_t n = 0;
};
std::vector<RequestCount> read_request_counts(SQLite::Database& db, const Date& first, const Date& last);
// Writes every mutable field when the stored version equals expected_version (then version + 1);
// false on a conflict.
bool update_order(SQLite::Database& db, const WorkOrder& order, std::int64_t expected_version);

void insert_evidence(SQLite::Database& db, Id order_id, const ServiceEvidence& e, LocalSeconds now);

// The audit row that records one lifecycle event (entity "work_order", changes = from, to, actor, details).
nlohmann::json lifecycle_changes(const yiyang::AuditEvent& e);
// The lifecycle events (audit_events of entity "work_order" whose action is a lifecycle action, oldest first)
// of many orders at once, by order id; orders without events are absent. One query: a range scan of the
// (entity, entity_id, id) index for dense ids, one probe per id for sparse ones. For the SLA clocks
// (app/clocks.hpp).
std::map<Id, std::vector<yiyang::AuditEvent>> order_histories(SQLite::Database& db, const std::vector<Id>& ids);

// Orders each provider holds open now (dispatched, accepted, in service); absent = 0.
std::map<Id, int> open_loads(SQLite::Database& db);

}  // namespace yiyang::store
