// GET /api/v1/kpis (every indicator of a period and scope, with its target and met / not met) and
// GET /api/v1/kpis/{code}/records (the orders or calls behind a figure): parse the period and scope (the role's
// own town / provider forced), ask app/indicators, reply.
#include <algorithm>
#include <functional>

#include "app/indicators.hpp"
#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "store/calls.hpp"
#include "store/kpi_inputs.hpp"
#include "store/activities.hpp"
#include "yiyang/activity_kpi.hpp"
#include "yiyang/rule_registry.hpp"
#include "store/operation_reports.hpp"
#include "yiyang/kpi.hpp"
#include "yiyang/provider_kpi.hpp"
#include "yiyang/sla_kpi.hpp"
#include "yiyang/visit_kpi.hpp"
#include "yiyang/operation_report.hpp"

namespace yiyang::http {

// Defined in call_routes.cpp: calls as JSON with the outside number masked for roles that may not see it.
std::vector<wire::CallRow> call_rows(const std::vector<store::StoredCall>& calls, Role role);

namespace {

using app::IndicatorScope;
using app::kNotCityWide;

// Period and scope from the query, with the role's own town / provider forced (throws the 400 / 403).
void read_scope(app::AppContext& ctx, const httplib::Request& req, const AuthUser& u, Period& period,
                IndicatorScope& scope) {
    if (auto p = req.get_param_value("period"); !p.empty()) {
        auto parsed = parse_period(p);
        if (!parsed) fail_bad_query("period", "应为 2026-10（月）、2026-Q4（季度）、2026（年度）或 2026-P02（自 2026 年 2 月起的项目年度；2026-P02-10 为其前 10 个月）", p);
        period = *parsed;
    } else {
        period = month_of(date_of(ctx.now()));
    }
    auto town = query_int(req, "town", 1, 1'000'000'000);
    auto provider = query_int(req, "provider", 1, 1'000'000'000);
    if (u.user.role == Role::Town) {
        if (town && town != u.user.town_id) fail(403, "forbidden", "镇街用户只能查看本镇街的指标");
        town = u.user.town_id;
    }
    if (u.user.role == Role::Provider) {
        if (provider && provider != u.user.provider_id) fail(403, "forbidden", "服务商用户只能查看本服务商的指标");
        provider = u.user.provider_id;
    }
    // Name look-ups by key: too cheap to queue at the admission gate (a cached reply then never queues).
    auto& db = ctx.db.reader(store::Database::Admission::Direct);
    if (town) {
        auto name = store::town_name(db, *town);
        if (!name) fail_bad_query("town", "应为已有镇街的编号（未找到该镇街）", std::to_string(*town));
        scope.town = *town;
        scope.town_name = *name;
    }
    if (provider) {
        auto name = store::provider_name(db, *provider);
        if (!name) fail_bad_query("provider", "应为已有服务商的编号（未找到该服务商）", std::to_string(*provider));
        scope.provider = *provider;
        scope.provider_name = *name;
    }
}

wire::KpiOrderRecord order_record(const store::KpiOrderRow& r) {
    wire::KpiOrderRecord o;
    o.id = r.id;
    o.code = r.code;
    o.type = code(r.type);
    o.channel = code(r.channel);
    o.status = code(r.status);
    o.created_at = format_timestamp(r.created_at);
    o.town_id = r.town_id;
    o.town_name = r.town_name;
    o.provider_id = r.provider_id;
    if (r.provider_id) o.provider_name = r.provider_name;
    o.satisfaction = r.satisfaction;
    return o;
}

}  // namespace

wire::KpiRecordsReply list_kpi_records(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user,
                                       const std::string& kpi, bool export_all) {
    Period period;
    IndicatorScope scope;
    read_scope(ctx, req, user, period, scope);
    const auto& targets = ctx.rules().kpi_targets_on(period.last_day());
    const KpiTarget* target = targets.find(kpi);
    if (!target) fail(404, "not_found", "没有代码为“" + kpi + "”的绩效指标（指标目标版本 " + targets.version + "）");
    const auto side = req.has_param("side") ? req.get_param_value("side") : std::string("numerator");
    if (side != "numerator" && side != "denominator" && side != "failures") {
        fail_bad_query("side", "只能是 numerator（分子）、denominator（分母）或 failures（未达标：分母中不在分子里的记录）", side);
    }
    const Paging paging = read_paging(req, export_all);
    const int pg = paging.page;
    const int ps = paging.page_size;
    const bool activity_kpi = activity::is_activity_kpi(kpi);   // issue 13: entered, backed by activity records
    const bool provider_kpi = providers::is_provider_kpi(kpi);   // issue 13, providers
    const bool report_kpi = reports::is_report_kpi(kpi);         // issue 13, part reports: the signed reports
    if (provider_kpi && !scope.city()) fail(422, "not_applicable", "“" + target->name_zh + "”：" + app::kProvidersCityWide);
    if (provider_kpi && !may(user.user.role, Permission::ReadProviderSupervision))
        fail(403, "forbidden", forbidden_message(user.user.role, Permission::ReadProviderSupervision));
    if (report_kpi && !scope.city()) fail(422, "not_applicable", "“" + target->name_zh + "”：" + app::kReportsCityWide);
    if (target->source == KpiSource::Entered && !activity_kpi && !provider_kpi && !report_kpi) {
        fail(422, "not_computed", "“" + target->name_zh + "”是人工填报指标，没有可下钻的记录");
    }
    if (activity_kpi && !scope.city()) {
        fail(422, "not_applicable", std::string("“") + target->name_zh + "”：" + app::kActivitiesCityWide);
    }
    if (visits::is_visit_kpi(kpi)) {   // issue 12, visits: the bookings are listed on the 展厅 screen
        fail(422, "not_applicable", "“" + target->name_zh + "”的参观预约与开放日明细请在“展厅”页面查看");
    }
    if (!activity_kpi && !provider_kpi && !report_kpi && !is_order_kpi(kpi) && !is_call_kpi(kpi) && !is_sla_kpi(kpi)) {
        fail(422, "not_computed", "“" + target->name_zh + "”尚无计算公式，没有可下钻的记录");
    }
    if (is_call_kpi(kpi) && !scope.city()) {
        fail(422, "not_applicable", std::string("“") + target->name_zh + "”：" + kNotCityWide);
    }
    if (is_call_kpi(kpi) && !may(user.user.role, Permission::ReadCallKpis))
        fail(403, "forbidden", forbidden_message(user.user.role, Permission::ReadCallKpis));
    const auto ids = app::figure_ids(ctx, period, scope, *target);
    if (side == "failures" && ids->denominator.empty() && !ids->numerator.empty()) {
        fail(422, "not_applicable", "“" + target->name_zh + "”是计数指标，没有未达标的记录可列");
    }
    // failures: the denominator's records not in the numerator (shared failure_ids), e.g. the unanswered requests.
    const std::vector<Id> failures = side == "failures" ? failure_ids(ids->numerator, ids->denominator)
                                                        : std::vector<Id>{};
    const auto& chosen = side == "numerator" ? ids->numerator : side == "failures" ? failures : ids->denominator;
    // Sorted by id, which is creation order for orders (their code and created_at follow it: codes are given in
    // the writer, one at a time) — so the columns 工单编号 / 受理时间 sort the same way. Calls: by id only.
    static const std::vector<std::string> order_keys = {"id", "code", "created_at"};
    static const std::vector<std::string> call_keys = {"id"};
    const auto sort = query_sort(req, ids->kind == "orders" ? order_keys : call_keys, {"id", false});
    std::vector<Id> list(chosen.begin(), chosen.end());
    if (sort.descending) std::sort(list.begin(), list.end(), std::greater<>());
    else std::sort(list.begin(), list.end());
    const std::size_t total = list.size();
    check_export_rows(paging, static_cast<std::int64_t>(total));
    const std::size_t first = std::min(total, static_cast<std::size_t>(pg - 1) * static_cast<std::size_t>(ps));
    const std::size_t last = std::min(total, first + static_cast<std::size_t>(ps));
    const std::vector<Id> page_ids(list.begin() + static_cast<std::ptrdiff_t>(first),
                                   list.begin() + static_cast<std::ptrdiff_t>(last));
    wire::KpiRecordsReply reply;
    reply.code = kpi;
    reply.name_zh = target->name_zh;
    reply.kind = ids->kind;
    reply.side = side;
    reply.period = app::period_info(period);
    reply.scope = app::scope_info(scope);
    reply.total = static_cast<std::int64_t>(total);
    reply.page = pg;
    reply.page_size = ps;
    auto& db = ctx.db.reader();
    if (provider_kpi) {
        reply.providers = provider_kpi_rows(ctx, *target, period, page_ids);   // in page_ids' order
    } else if (reply.kind == "reports") {
        for (Id id : page_ids)
            if (auto row = store::signed_operation_report(db, id))
                reply.reports.push_back({row->id, row->kind, row->period, row->title, row->signed_by_name,
                                         format_timestamp(row->signed_at), row->supplement_no});
    } else if (reply.kind == "orders") {
        for (const auto& row : store::kpi_order_rows(db, page_ids)) reply.orders.push_back(order_record(row));
    } else if (reply.kind == "activities") {
        const auto& kinds = ctx.rules().on<activity::ActivityKinds>(period.last_day());
        for (const auto& a : store::activities_by_ids(db, page_ids)) {
            const auto* k = kinds.find(a.input.kind);
            reply.activities.push_back({a.id, a.input.date, a.input.kind, k ? k->name_zh : a.input.kind, a.input.title,
                                        a.input.place, a.input.quantity, a.input.numerator, a.input.denominator,
                                        a.decided_by, a.decided_at ? format_timestamp(*a.decided_at) : std::string(), a.files});
        }
    } else {
        reply.calls = call_rows(store::calls_by_ids(db, page_ids), user.user.role);   // ascending by id
        if (sort.descending) std::reverse(reply.calls.begin(), reply.calls.end());
    }
    return reply;
}

wire::KpisReply list_kpis(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user) {
    Period period;
    IndicatorScope scope;
    read_scope(ctx, req, user, period, scope);
    return app::indicators_reply(ctx, period, scope)->value.get<wire::KpisReply>();
}

void register_kpi_routes(Router& r, app::AppContext& ctx) {
    const json scope_params = {
        query_param("period", "string", "2026-10 (month), 2026-Q4 (quarter) or 2026 (year); default the current month"),
        query_param("town", "integer", "town id (a town user is held to its own town)"),
        query_param("provider", "integer", "provider id (a provider user is held to its own provider)")};

    r.add({"GET", "/api/v1/kpis",
           "Indicators (绩效指标) of a period for the city, a town or a provider: value, target, met; entered ones listed",
           "kpis", needs(Permission::ReadKpis, "town: own town; provider: own provider; call indicators: read_call_kpis"), scope_params, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        Period period;
        IndicatorScope scope;
        read_scope(ctx, req, user, period, scope);
        reply_cached(req, res, 200, *app::indicators_reply(ctx, period, scope));
    });

    json record_params = scope_params;
    record_params.insert(record_params.begin(), json{{"name", "code"}, {"in", "path"}, {"required", true},
                                                     {"schema", {{"type", "string"}}},
                                                     {"description", "indicator code, e.g. response_rate"}});
    record_params.push_back(query_param("side", "string",
                                        "numerator | denominator | failures (denominator minus numerator); default numerator"));
    record_params.push_back(query_param("page", "integer", "1-based page"));
    record_params.push_back(query_param("page_size", "integer", "1..200, default 20"));
    record_params.push_back(query_param("sort", "string", "id (calls); id | code | created_at (orders: all creation order); '-' prefix = descending"));
    record_params.push_back(query_param("dir", "string", "asc | desc (instead of the '-' prefix)"));
    r.add({"GET", "/api/v1/kpis/{code}/records",
           "The work orders or calls behind an indicator's numerator or denominator (drill-down), paged", "kpis",
           needs(Permission::ReadKpis, "as GET /api/v1/kpis"), record_params, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const std::string kpi = req.matches.size() > 1 ? std::string(req.matches[1]) : std::string();
        reply_json(res, 200, list_kpi_records(ctx, req, user, kpi, false));
    });
}

}  // namespace yiyang::http
