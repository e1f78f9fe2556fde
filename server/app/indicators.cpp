// Indicators from the aggregates, drill-down ID lists from the records (indicators.hpp).
//
// Caching: a city year is summed from the monthly aggregates in a few milliseconds, so the stale-while-revalidate
// scheme of the first version (a 1.2 s computation replied stale while a worker recomputed it) is gone: every
// reply is fresh. The per-data-version reply cache stays (repeated reads between writes cost a map lookup), and so
// does one for drill-down ID lists, which are still computed from the records (a city month ~1 s): paging through
// a list must not recompute it per page.
#include "app/indicators.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

#include "app/clocks.hpp"
#include "store/kpi_daily.hpp"
#include "store/kpi_inputs.hpp"
#include "store/operation_reports.hpp"
#include "store/orders.hpp"
#include "store/provider_supervision.hpp"   // issue 13, providers
#include "store/visits.hpp"
#include "store/activities.hpp"
#include "yiyang/activity_kpi.hpp"
#include "yiyang/kpi_aggregate.hpp"
#include "yiyang/provider_kpi.hpp"   // issue 13, providers
#include "yiyang/operation_report.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/sla_kpi.hpp"
#include "yiyang/visit_kpi.hpp"

namespace yiyang::app {

using nlohmann::json;

const char* const kNotCityWide = "话务记录不区分镇街和服务商，话务指标只按全市统计";
const char* const kEntered = "人工填报指标（需附佐证），由工作人员另行录入，此处不计算";
const char* const kHallCityWide = "展厅参观与开放日不区分镇街和服务商，只按全市统计";
const char* const kActivitiesCityWide = "工作台账是调度中心的工作记录，不区分镇街和服务商，只按全市统计";
const char* const kProvidersCityWide = "服务商监管指标只按全市统计";   // issue 13, providers
const char* const kReportsCityWide = "运营分析报告按全市签署，只按全市统计";

std::string IndicatorScope::key(const Period& p) const {
    return p.code() + ":" + (town ? std::to_string(*town) : "-") + ":" + (provider ? std::to_string(*provider) : "-");
}

namespace {

wire::KpiItemReply item_base(const KpiTarget& t) {
    wire::KpiItemReply j;
    j.code = t.code;
    j.name_zh = t.name_zh;
    j.item = t.item;
    j.unit = t.unit;
    j.period = t.period;
    j.source = code(t.source);
    j.target_text = t.target_text();
    j.requirement_zh = t.requirement_zh;
    return j;
}

// A computed figure into its reply item.
void set_figure(wire::KpiItemReply& j, const KpiResult& r) {
    j.applicable = true;
    j.value = wire::KpiFraction{r.value.num, r.value.den};
    j.display = r.display;
    j.met = r.met;
    j.numerator_count = r.numerator_count;
    j.denominator_count = r.denominator_count;
    j.failure_count = r.failure_count;
}

void no_value(wire::KpiItemReply& j, const char* note) {
    j.applicable = false;
    j.display = "—";
    j.note = note;
}

// The ID lists of drill-downs, by (period, scope, code), for one data version: anything written drops them.
class IdCache {
public:
    std::shared_ptr<const FigureIds> get(const std::string& key, std::uint64_t version) {
        std::lock_guard<std::mutex> lock(m_);
        if (version != version_) return nullptr;
        auto it = values_.find(key);
        return it == values_.end() ? nullptr : it->second;
    }
    void put(const std::string& key, std::uint64_t version, std::shared_ptr<const FigureIds> ids) {
        std::lock_guard<std::mutex> lock(m_);
        if (version != version_) {
            if (version < version_) return;
            values_.clear();
            version_ = version;
        }
        if (values_.size() > 64) values_.clear();   // a city month's list holds ~200 000 IDs
        values_[key] = std::move(ids);
    }
private:
    std::mutex m_;
    std::uint64_t version_ = 0;
    std::map<std::string, std::shared_ptr<const FigureIds>> values_;
};
IdCache& id_cache() {
    static IdCache cache;
    return cache;
}

double ms_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

KpiResult visit_kpi(AppContext& ctx, SQLite::Database& db, const Period& period, const KpiTarget& target) {
    const Date today = date_of(ctx.now());
    return visits::compute_visit_kpi(target, store::kpi_bookings(db, period.first_day(), period.last_day()),
                                     store::kpi_open_days(db, period.first_day(), period.last_day()),
                                     ctx.rules().on<visits::VisitRule>(period.last_day()), today);
}

// issue 13: an entered indicator from the approved activity records (工作台账) of the period.
activity::ActivityFigure activity_kpi(AppContext& ctx, SQLite::Database& db, const Period& period, const KpiTarget& target) {
    const Date first = period.first_day(), last = period.last_day();
    return activity::compute_activity_kpi(target, ctx.rules().on<activity::ActivityKinds>(last),
                                          store::kpi_activities(db, activity::records_from(first), activity::records_to(last)),
                                          first, last, date_of(ctx.now()));
}

// issue 13, providers: the provider indicators of the period (provider_kpi.hpp), city-wide. `input`: read once per reply.
KpiResult provider_kpi(AppContext& ctx, SQLite::Database& db, const Period& period, const KpiTarget& target,
                       std::optional<providers::ProviderKpiInput>* input) {
    std::optional<providers::ProviderKpiInput> local;
    auto& in = input ? *input : local;
    if (!in) in = store::provider_kpi_input(db, period.first_day(), period.last_day());
    return providers::compute_provider_kpi(target, *in, period.first_day(), period.last_day(), date_of(ctx.now()),
                                           ctx.rules().on<providers::EvaluationRule>(period.last_day()));
}

KpiResult report_kpi(SQLite::Database& db, const Period& period, const KpiTarget& target) {
    return reports::compute_report_kpi(target, store::signed_report_refs(db, period.first_day(), period.last_day()),
                                       period.first_day(), period.last_day());
}

wire::KpisReply indicators(AppContext& ctx, const Period& period, const IndicatorScope& scope) {
    return indicators_reply(ctx, period, scope)->value.get<wire::KpisReply>();
}

CachedPtr indicators_reply(AppContext& ctx, const Period& period, const IndicatorScope& scope) {
    const auto version = ctx.db.data_version();
    const auto key = "kpis:" + scope.key(period);
    if (auto cached = ctx.cache.find(key, version)) return cached;
    const auto started = std::chrono::steady_clock::now();
    auto& db = ctx.db.reader();
    // Aggregates never built (a database from before them) or built with other SLA rules: (re)built once, in a
    // write, before anything is summed. Normally done by migrate() when the server starts.
    if (!store::kpi_aggregates_current(db)) {
        ctx.db.write([](SQLite::Database& w) { store::refresh_kpi_aggregates(w); });
    }
    const auto& targets = ctx.rules().kpi_targets_on(period.last_day());
    bool need_calls = false;
    for (const auto& t : targets.items) need_calls = need_calls || (t.source == KpiSource::Records && is_call_kpi(t.code));
    const LocalSeconds now = ctx.now();
    auto sums = store::read_kpi_sums(db, period, scope.town, scope.provider, need_calls && scope.city());
    // Orders whose SLA clocks may still change without a write (the open ones): judged now, from their records.
    std::size_t pending = sums.pending.size();
    if (!sums.pending.empty()) {
        const auto found = store::get_orders(db, sums.pending);
        std::vector<store::StoredOrder> orders;
        orders.reserve(found.size());
        for (const auto& [id, s] : found) orders.push_back(s);
        for (const auto& clocks : clocks_of_orders(ctx, db, orders, now)) add_sla_clocks(sums.sla, clocks);
    }
    const Date judged = last_judged_day(period.last_day(), date_of(now));
    const Date judged_from =
        need_calls && scope.city() ? first_judged_day(period.first_day(), period.last_day(), store::first_call_day(db))
                                   : period.first_day();

    wire::KpisReply body{period_info(period), scope_info(scope), targets.version, format_timestamp(now), {}};
    auto& items = body.items;
    std::optional<providers::ProviderKpiInput> provider_input;   // issue 13, providers
    for (const auto& t : targets.items) {
        wire::KpiItemReply j = item_base(t);
        if (t.source == KpiSource::Entered && providers::is_provider_kpi(t.code)) {   // issue 13, providers
            j.kind = t.code == "service_item_online_rate" ? "towns" : "providers";
            if (scope.city()) set_figure(j, provider_kpi(ctx, db, period, t, &provider_input));
            else no_value(j, kProvidersCityWide);
            items.push_back(std::move(j));
            continue;
        }
        if (t.source == KpiSource::Entered && reports::is_report_kpi(t.code)) {
            // Issue 13, part reports: counted from the signed operation reports (city-wide only).
            j.kind = "reports";
            if (scope.city()) set_figure(j, report_kpi(db, period, t));
            else no_value(j, kReportsCityWide);
            items.push_back(std::move(j));
            continue;
        }
        if (t.source == KpiSource::Entered) {
            if (activity::is_activity_kpi(t.code)) {
                // issue 13: from the approved activity records (工作台账); city-wide (the desk's own work).
                j.kind = "activities";
                if (!scope.city()) {
                    no_value(j, kActivitiesCityWide);
                } else {
                    const auto f = activity_kpi(ctx, db, period, t);
                    set_figure(j, f.result);
                    if (!f.note_zh.empty()) j.note = f.note_zh;
                }
                items.push_back(std::move(j));
                continue;
            }
            no_value(j, kEntered);
            items.push_back(std::move(j));
            continue;
        }
        if (visits::is_visit_kpi(t.code)) {
            // The exhibition hall (issue 12): city-wide only, from the bookings and open days of the period.
            j.kind = "visits";
            if (!scope.city()) {
                no_value(j, kHallCityWide);
                items.push_back(std::move(j));
                continue;
            }
            set_figure(j, visit_kpi(ctx, db, period, t));
            items.push_back(std::move(j));
            continue;
        }
        const bool order_kpi = is_order_kpi(t.code), call_kpi = is_call_kpi(t.code), sla_kpi = is_sla_kpi(t.code);
        if (!order_kpi && !call_kpi && !sla_kpi) {
            no_value(j, "尚无计算公式");
            items.push_back(std::move(j));
            continue;
        }
        if (call_kpi && !scope.city()) {
            no_value(j, kNotCityWide);
            j.kind = "calls";
            items.push_back(std::move(j));
            continue;
        }
        const KpiResult r = order_kpi ? order_kpi_from_counts(t, sums.orders)
                            : sla_kpi ? sla_kpi_from_counts(t, sums.sla[sla_kpi_rule(t.code)])
                                      : call_kpi_from_days(t, sums.call_days, judged_from, judged,
                                                           ctx.rules().calendar_on(period.last_day()));
        j.kind = call_kpi ? "calls" : "orders";
        set_figure(j, r);
        items.push_back(std::move(j));
    }
    auto entry = ctx.cache.put(key, version, json(body));
    if (std::getenv("YIYANG_KPI_TIMING")) {
        std::fprintf(stderr, "kpis %s: %zu pending orders, %.1f ms\n", key.c_str(), pending, ms_since(started));
    }
    return entry;
}

std::shared_ptr<const FigureIds> figure_ids(AppContext& ctx, const Period& period, const IndicatorScope& scope,
                                            const KpiTarget& target) {
    const auto version = ctx.db.data_version();
    const auto key = scope.key(period) + ":" + target.code;
    if (auto ids = id_cache().get(key, version)) return ids;
    auto& db = ctx.db.reader();
    KpiResult r;
    std::string kind = "orders";
    if (activity::is_activity_kpi(target.code)) {
        kind = "activities";   // issue 13: the approved activity records behind the figure
        r = activity_kpi(ctx, db, period, target).result;
    } else if (providers::is_provider_kpi(target.code)) {   // issue 13, providers: provider (or town) ids
        kind = target.code == "service_item_online_rate" ? "towns" : "providers";
        r = provider_kpi(ctx, db, period, target, nullptr);
    } else if (reports::is_report_kpi(target.code)) {
        kind = "reports";   // the signed operation reports (issue 13, part reports)
        r = report_kpi(db, period, target);
    } else if (visits::is_visit_kpi(target.code)) {
        kind = "visits";   // booking ids (the reception rate) or open-day ids (open days held)
        r = visit_kpi(ctx, db, period, target);
    } else if (is_call_kpi(target.code)) {
        kind = "calls";
        const auto calls = store::load_kpi_calls(db, period);
        r = compute_call_kpi(target, calls,
                             first_judged_day(period.first_day(), period.last_day(), store::first_call_day(db)),
                             last_judged_day(period.last_day(), date_of(ctx.now())),
                             ctx.rules().calendar_on(period.last_day()));
    } else if (is_sla_kpi(target.code)) {
        auto orders = store::load_kpi_orders(db, period, scope.town, scope.provider, /*with_times=*/true);
        auto clocks = clocks_of_orders(ctx, db, orders, ctx.now());
        std::vector<OrderClocks> clocked;
        clocked.reserve(orders.size());
        for (std::size_t i = 0; i < orders.size(); ++i) clocked.push_back(OrderClocks{std::move(orders[i]), std::move(clocks[i])});
        r = compute_sla_kpi(target, clocked);
    } else {
        // Kept books never die (context.hpp): the formulas read the SLA rules of each order's day from this one.
        const auto& book = ctx.rules();
        r = compute_order_kpi(target, store::load_kpi_orders(db, period, scope.town, scope.provider),
                              [&book](const Date& d) -> const SlaRuleSet& { return book.sla_on(d); });
    }
    auto ids = std::make_shared<const FigureIds>(FigureIds{kind, std::move(r.numerator_ids), std::move(r.denominator_ids)});
    id_cache().put(key, version, ids);
    return ids;
}

wire::KpiPeriodInfo period_info(const Period& p) {
    return {p.code(), p.label_zh(), format_date(p.first_day()), format_date(p.last_day())};
}

wire::KpiScopeInfo scope_info(const IndicatorScope& s) {
    wire::KpiScopeInfo out;
    out.town_id = s.town;
    if (s.town) out.town_name = s.town_name;
    out.provider_id = s.provider;
    if (s.provider) out.provider_name = s.provider_name;
    return out;
}

}  // namespace yiyang::app
