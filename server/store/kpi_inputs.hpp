// The records behind the indicators (KPIs), read from SQLite as cheaply as possible: a period's work orders
// (only the columns the formulas read) scoped to a town or provider, a period's calls, and the rows behind a
// figure for its drill-down list. The figures themselves are summed from the aggregates (store/kpi_daily); these
// full loads serve the drill-down, which lists the exact records.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <optional>
#include <string>
#include <vector>
#include "yiyang/kpi.hpp"
#include "yiyang/period.hpp"
#include "yiyang/records.hpp"

namespace yiyang::store {

// Orders created within the period (created_at, as kpi.hpp requires), optionally of one town / provider.
// Filled: what the order formulas of shared/kpi read — id, channel, type, status, satisfaction,
// complaint_valid, town_id, provider_id, created_at, and acknowledged_at (+ urgency) of emergencies. A new
// formula that reads another field must add it here (and, to stay fast, to the index work_orders_kpi).
// with_times: also every timestamp and state the SLA clocks read (urgency, dispatched/completed/closed,
// paused_since, acknowledged_at/by) for all orders — one pass over the table instead of the covering index (the
// SLA drill-down). Code, description, categories and elder stay empty.
std::vector<WorkOrder> load_kpi_orders(SQLite::Database& db, const Period& period, std::optional<Id> town,
                                       std::optional<Id> provider, bool with_times = false);
// Calls started within the period, for the telephony indicators.
std::vector<KpiCall> load_kpi_calls(SQLite::Database& db, const Period& period);
// The day of the first call ever recorded (the hotline's go-live), nullopt when there is none: the staffing
// walk of a period starts there (shared first_judged_day).
std::optional<Date> first_call_day(SQLite::Database& db);

// Names for the scope of a reply; nullopt when there is no such town / provider.
std::optional<std::string> town_name(SQLite::Database& db, Id id);
std::optional<std::string> provider_name(SQLite::Database& db, Id id);

// One row of a drill-down list of orders (no personal data in it).
struct KpiOrderRow {
    Id id = 0;
    std::string code;
    OrderType type = OrderType::Consultation;
    Channel channel = Channel::Hotline;
    OrderStatus status = OrderStatus::Received;
    LocalSeconds created_at = 0;
    Id town_id = 0;
    std::string town_name;
    std::optional<Id> provider_id;
    std::string provider_name;
    std::optional<int> satisfaction;
};
// The orders with these ids, in the order given (missing ids are skipped).
std::vector<KpiOrderRow> kpi_order_rows(SQLite::Database& db, const std::vector<Id>& ids);

}  // namespace yiyang::store
