// The indicators (绩效指标) of a period and scope: summed from the per-day aggregates the write paths keep
// (store/kpi_daily), plus the few orders whose SLA clocks are still undecided, evaluated now; and the ID lists
// behind one figure (drill-down), recomputed exactly from the records. Used by the KPI routes and the coming
// monthly assessment.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "app/context.hpp"
#include "yiyang/activity_kpi.hpp"
#include "yiyang/kpi.hpp"
#include "yiyang/provider_kpi.hpp"
#include "yiyang/period.hpp"
#include "yiyang/wire/kpis.hpp"

namespace yiyang::app {

struct IndicatorScope {
    std::optional<Id> town;
    std::optional<Id> provider;
    std::string town_name;
    std::string provider_name;
    bool city() const { return !town && !provider; }
    std::string key(const Period& p) const;
};

// Figures of every target in force on the period's last day: the reply of GET /api/v1/kpis (wire/kpis.hpp).
wire::KpisReply indicators(AppContext& ctx, const Period& period, const IndicatorScope& scope);
// The same as the cached entry, whose text is the reply (serialized once per data version).
CachedPtr indicators_reply(AppContext& ctx, const Period& period, const IndicatorScope& scope);
// The "period" and "scope" members of the indicator replies (figures and drill-down alike).
wire::KpiPeriodInfo period_info(const Period& p);
wire::KpiScopeInfo scope_info(const IndicatorScope& s);

// The records behind one computed figure: kind "orders" | "calls", ascending unique IDs. Computed from the
// records with the same shared formulas (compute_order_kpi, compute_sla_kpi, compute_call_kpi), cached per data
// version. The target must be computed from records (is_order_kpi / is_sla_kpi / is_call_kpi).
struct FigureIds {
    std::string kind;
    std::vector<Id> numerator, denominator;
};
std::shared_ptr<const FigureIds> figure_ids(AppContext& ctx, const Period& period, const IndicatorScope& scope,
                                            const KpiTarget& target);

// The exhibition hall's figures (visit_kpi.hpp) of a period, city-wide, from the bookings and open days.
KpiResult visit_kpi(AppContext& ctx, SQLite::Database& db, const Period& period, const KpiTarget& target);
// issue 13: an entered indicator (activity_kpi.hpp) of a period, city-wide, from the approved activity records.
activity::ActivityFigure activity_kpi(AppContext& ctx, SQLite::Database& db, const Period& period, const KpiTarget& target);

// issue 13, providers: a provider indicator (provider_kpi.hpp) of a period, city-wide; `input` (may be null) caches
// the records read for several indicators of one reply.
KpiResult provider_kpi(AppContext& ctx, SQLite::Database& db, const Period& period, const KpiTarget& target,
                       std::optional<providers::ProviderKpiInput>* input);

// The report indicators (operation_report.hpp is_report_kpi; issue 13, part reports) of a period, city-wide, from
// the signed operation reports whose covered period ends in it.
KpiResult report_kpi(SQLite::Database& db, const Period& period, const KpiTarget& target);

// Why a figure is not computed (for the reply's "note" and the drill-down's refusal).
extern const char* const kNotCityWide;   // telephony figures exist city-wide only
extern const char* const kEntered;       // entered by staff with evidence
extern const char* const kHallCityWide;  // the exhibition hall's figures exist city-wide only
extern const char* const kActivitiesCityWide;   // issue 13: the activity records' figures exist city-wide only
extern const char* const kProvidersCityWide;   // issue 13, providers: city-wide only
extern const char* const kReportsCityWide;   // the operation reports exist city-wide only

}  // namespace yiyang::app
