// Incremental indicators: what ONE order or ONE day of calls contributes to the per-day aggregates the server
// keeps (kpi_daily & co.), and the figures computed back from summed aggregates. Every predicate is the one of
// kpi.hpp / sla_kpi.hpp, so a figure summed from contributions equals the full recomputation from the records.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>
#include "yiyang/calendar.hpp"
#include "yiyang/kpi.hpp"
#include "yiyang/sla.hpp"

namespace yiyang {

// Numerator and denominator counters of the order formulas, indexed like order_kpi_formulas().
constexpr std::size_t kOrderKpiFormulaCount = 8;   // the 7 order KPIs and kept_orders
struct OrderKpiCounts {
    std::array<std::int64_t, kOrderKpiFormulaCount> num{};
    std::array<std::int64_t, kOrderKpiFormulaCount> den{};
    OrderKpiCounts& operator+=(const OrderKpiCounts& o);
    OrderKpiCounts& operator-=(const OrderKpiCounts& o);
    bool zero() const;
    bool operator==(const OrderKpiCounts& o) const = default;
};
// One order's counters (each 0 or 1): in_denominator / in_numerator of every formula. Pure function of the
// order's row and the SLA rules in force on its created day (`sla`: the emergency answer window): no clock, no
// history, so a write replaces it exactly (subtract the old, add the new). A change of the SLA rules rebuilds
// the counters (store/kpi_daily).
OrderKpiCounts order_kpi_contribution(const WorkOrder& order, const SlaRuleSet& sla);
// The figure of one order formula from summed counters (same value, display and met as compute_order_kpi).
KpiResult order_kpi_from_counts(const KpiTarget& target, const OrderKpiCounts& sums);

// SLA compliance per rule. An order's clocks are time-dependent while one of them may still change state
// without a write (a running clock turns breached when its due time passes). An order is SETTLED when none can:
// every clock is stopped (met or breached) or already breached while running (past its due time it stays
// breached until a write changes the order), and the order is not paused (an open pause moves due times with
// "now"). A settled order's clocks go into the aggregates; an unsettled one is evaluated at query time from its
// records (few: the orders still open), and looked at again from recheck_at (the earliest due time among its
// running clocks), or on its next write.
struct SlaRuleCounts {
    std::int64_t met = 0;
    std::int64_t decided = 0;
    bool operator==(const SlaRuleCounts& o) const = default;
};
struct SlaContribution {
    bool settled = true;
    LocalSeconds recheck_at = 0;                    // unsettled: when it may settle (kNever: only by a write)
    std::map<std::string, SlaRuleCounts> by_rule;   // settled: per rule code, from sla_clock_decided / _met
};
constexpr LocalSeconds kNever = INT64_MAX / 4;
// clocks = clocks_for(order, history, rules, calendar, now); now = a time not later than the real one (a lower
// bound is enough: judged too early, an order merely stays unsettled).
SlaContribution sla_contribution(const WorkOrder& order, const std::vector<SlaClock>& clocks, LocalSeconds now);
// Counts the decided clocks of orders evaluated at query time into by_rule (compute_sla_kpi's predicates).
void add_sla_clocks(std::map<std::string, SlaRuleCounts>& by_rule, const std::vector<SlaClock>& clocks);
KpiResult sla_kpi_from_counts(const KpiTarget& target, const SlaRuleCounts& sums);

// One day of calls (the telephony formulas need the distinct agents per day, which do not add up across
// imports: the day's row is recomputed from all of that day's calls whenever an import adds calls to it).
struct KpiCallDay {
    Date day;
    std::int64_t inbound = 0;            // call_is_inbound
    std::int64_t connected = 0;          // call_connected
    std::int64_t calls = 0;              // every call (call volume)
    std::int64_t staffing_calls = 0;     // call_staffs_day (the IDs behind seats_per_workday)
    std::int64_t agents = 0;             // distinct agents of the staffing calls
    bool operator==(const KpiCallDay& o) const = default;
};
// The day rows of a set of calls (any days), ascending by day.
std::vector<KpiCallDay> call_days(const std::vector<KpiCall>& calls);
// A telephony figure from the day rows of a period (days without a row had no calls); first..last as
// compute_call_kpi (last = last_judged_day for seats_per_workday).
KpiResult call_kpi_from_days(const KpiTarget& target, const std::vector<KpiCallDay>& days, const Date& first,
                             const Date& last, const WorkCalendar& calendar);

}  // namespace yiyang
