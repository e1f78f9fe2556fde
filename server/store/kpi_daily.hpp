// The indicator aggregates in SQLite (kpi_daily, kpi_monthly, kpi_sla_*, kpi_pending, kpi_calls_daily): kept
// current by the order and call write paths in the writer's transaction, rebuilt in one pass after a bulk load
// or when the SLA rules change, and summed for a period and scope (app/indicators).
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>
#include "yiyang/kpi_aggregate.hpp"
#include "yiyang/period.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

// ---- maintenance (call inside the write transaction that writes the order / calls) ----
// An order was inserted (id set, version 1, no lifecycle event yet).
void kpi_order_inserted(SQLite::Database& db, const WorkOrder& order);
// An order row changed from `before` to `after` (call after the UPDATE, before its lifecycle audit event is
// appended): the order counters move exactly; its SLA clocks leave the aggregates (the order becomes pending,
// evaluated from its records) until a later write settles it.
void kpi_order_updated(SQLite::Database& db, const WorkOrder& before, const WorkOrder& after);
// Calls were added on these days (yyyymmdd): each day's row is recomputed from all of that day's calls.
void kpi_calls_changed(SQLite::Database& db, const std::set<Date>& days);
// Settles up to `limit` pending orders whose recheck time has come by `now` (a lower bound of the real time):
// a settled order's clocks go into kpi_sla_*. Run by every order write; returns how many were settled.
int settle_kpi_pending(SQLite::Database& db, LocalSeconds now, int limit);

// Builds what is missing or out of date: everything when never built (after the migration or a bulk load
// that bypassed the write paths: call after clearing kpi_state), and again when the SLA rules or
// calendars in the `rules` table differ from those it was built with. Cheap when current.
void refresh_kpi_aggregates(SQLite::Database& db);
// Marks the aggregates as never built (the next refresh rebuilds all of them).
void invalidate_kpi_aggregates(SQLite::Database& db);
// True when refresh_kpi_aggregates has nothing to do (readers use it to decide whether a rebuild must run).
bool kpi_aggregates_current(SQLite::Database& db);

// ---- reading ----
struct KpiSums {
    OrderKpiCounts orders;
    std::map<std::string, SlaRuleCounts> sla;   // settled orders only
    std::vector<Id> pending;                    // orders of the scope whose clocks are evaluated now
    std::vector<KpiCallDay> call_days;          // city-wide, when asked
};
// Sums over the period's months (periods are whole months) for the scope; calls only when with_calls.
KpiSums read_kpi_sums(SQLite::Database& db, const Period& period, std::optional<Id> town, std::optional<Id> provider,
                      bool with_calls);

// The providers with at least one order created in the months of [first, last] (whole months), by id.
std::vector<Id> providers_with_orders(SQLite::Database& db, const Date& first, const Date& last);

}  // namespace yiyang::store
