// GET /api/v1/kpis (every indicator of a period and scope, with its target and met / not met) and
// GET /api/v1/kpis/{code}/records (the orders or calls behind a figure): parse the period and scope (the role's
// own town / provider forced), ask app/indicators, reply.
#include <algorithm>

#include "app/indicators.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/calls.hpp"
#include "store/kpi_inputs.hpp"
#include "yiyang/kpi.hpp"
#include "yiyang/sla_kpi.hpp"

namespace yiyang::http {

// Defined in call_routes.cpp: calls as JSON with the outside number masked for roles that may not see it.
json calls_json(const std::vector<store::StoredCall>& calls, Role role);

namespace {

using app::IndicatorScope;
using app::kNotCityWide;
using app::period_json;
using app::scope_json;

// Period and scope from the query, with the role's own town / provider forced; false when a reply was sent.
bool read_scope(app::AppContext& ctx, const httplib::Request& req, httplib::Response& res, const AuthUser& u,
                Period& period, IndicatorScope& scope) {
    if (auto p = req.get_param_value("period"); !p.empty()) {
        auto parsed = parse_period(p);
        if (!parsed) {
            reply_bad_query(res, "period", "应为 2026-10（月）、2026-Q4（季度）或 2026（年度）", p);
            return false;
        }
        period = *parsed;
    } else {
        period = month_of(date_of(ctx.now()));
    }
    std::optional<std::int64_t> town, provider;
    if (!query_int(req, res, "town", 1, 1'000'000'000, town) ||
        !query_int(req, res, "provider", 1, 1'000'000'000, provider)) {
        return false;
    }
    if (u.user.role == Role::Town) {
        if (town && town != u.user.town_id) {
            reply_error(res, 403, "forbidden", "镇街用户只能查看本镇街的指标");
            return false;
        }
        town = u.user.town_id;
    }
    if (u.user.role == Role::Provider) {
        if (provider && provider != u.user.provider_id) {
            reply_error(res, 403, "forbidden", "服务商用户只能查看本服务商的指标");
            return false;
        }
        provider = u.user.provider_id;
    }
    // Name look-ups by key: too cheap to queue at the admission gate (a cached reply then never queues).
    auto& db = ctx.db.reader(store::Database::Admission::Direct);
    if (town) {
        auto name = store::town_name(db, *town);
        if (!name) {
            reply_bad_query(res, "town", "应为已有镇街的编号（未找到该镇街）", std::to_string(*town));
            return false;
        }
        scope.town = *town;
        scope.town_name = *name;
    }
    if (provider) {
        auto name = store::provider_name(db, *provider);
        if (!name) {
            reply_bad_query(res, "provider", "应为已有服务商的编号（未找到该服务商）", std::to_string(*provider));
            return false;
        }
        scope.provider = *provider;
        scope.provider_name = *name;
    }
    return true;
}

json order_row_json(const store::KpiOrderRow& r) {
    return {{"id", r.id},
            {"code", r.code},
            {"type", code(r.type)},
            {"channel", code(r.channel)},
            {"status", code(r.status)},
            {"created_at", format_timestamp(r.created_at)},
            {"town_id", r.town_id},
            {"town_name", r.town_name},
            {"provider_id", r.provider_id ? json(*r.provider_id) : json(nullptr)},
            {"provider_name", r.provider_id ? json(r.provider_name) : json(nullptr)},
            {"satisfaction", r.satisfaction ? json(*r.satisfaction) : json(nullptr)}};
}

}  // namespace

void register_kpi_routes(Router& r, app::AppContext& ctx) {
    const json scope_params = {
        query_param("period", "string", "2026-10 (month), 2026-Q4 (quarter) or 2026 (year); default the current month"),
        query_param("town", "integer", "town id (a town user is held to its own town)"),
        query_param("provider", "integer", "provider id (a provider user is held to its own provider)")};

    r.add({"GET", "/api/v1/kpis",
           "Indicators (绩效指标) of a period for the city, a town or a provider: value, target, met; entered ones listed",
           "kpis", "admin, supervisor, agent, town (own town), provider (own provider); not kiosk", scope_params, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res) {
        auto u = require_user(ctx, req, res);
        if (!u || !require_password_changed(res, *u)) return;
        if (u->user.role == Role::Kiosk) return reply_error(res, 403, "forbidden", "当前角色（展示终端）无权查看绩效指标");
        Period period;
        IndicatorScope scope;
        if (!read_scope(ctx, req, res, *u, period, scope)) return;
        reply_cached(req, res, 200, *app::indicators_reply(ctx, period, scope));
    });

    json record_params = scope_params;
    record_params.insert(record_params.begin(), json{{"name", "code"}, {"in", "path"}, {"required", true},
                                                     {"schema", {{"type", "string"}}},
                                                     {"description", "indicator code, e.g. response_rate"}});
    record_params.push_back(query_param("side", "string", "numerator | denominator (default numerator)"));
    record_params.push_back(query_param("page", "integer", "1-based page"));
    record_params.push_back(query_param("page_size", "integer", "1..200, default 20"));
    r.add({"GET", "/api/v1/kpis/{code}/records",
           "The work orders or calls behind an indicator's numerator or denominator (drill-down), paged", "kpis",
           "as GET /api/v1/kpis", record_params, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res) {
        auto u = require_user(ctx, req, res);
        if (!u || !require_password_changed(res, *u)) return;
        if (u->user.role == Role::Kiosk) return reply_error(res, 403, "forbidden", "当前角色（展示终端）无权查看指标明细");
        const std::string kpi = req.matches.size() > 1 ? std::string(req.matches[1]) : std::string();
        Period period;
        IndicatorScope scope;
        if (!read_scope(ctx, req, res, *u, period, scope)) return;
        const auto& targets = ctx.rules().kpi_targets_on(period.last_day());
        const KpiTarget* target = targets.find(kpi);
        if (!target) {
            return reply_error(res, 404, "not_found", "没有代码为“" + kpi + "”的绩效指标（指标目标版本 " + targets.version + "）");
        }
        const auto side = req.has_param("side") ? req.get_param_value("side") : std::string("numerator");
        if (side != "numerator" && side != "denominator") {
            return reply_bad_query(res, "side", "只能是 numerator（分子）或 denominator（分母）", side);
        }
        std::optional<std::int64_t> page, page_size;
        if (!query_int(req, res, "page", 1, 1'000'000, page) || !query_int(req, res, "page_size", 1, 200, page_size)) return;
        if (target->source == KpiSource::Entered) {
            return reply_error(res, 422, "not_computed", "“" + target->name_zh + "”是人工填报指标，没有可下钻的记录");
        }
        if (!is_order_kpi(kpi) && !is_call_kpi(kpi) && !is_sla_kpi(kpi)) {
            return reply_error(res, 422, "not_computed", "“" + target->name_zh + "”尚无计算公式，没有可下钻的记录");
        }
        if (is_call_kpi(kpi) && !scope.city()) {
            return reply_error(res, 422, "not_applicable", std::string("“") + target->name_zh + "”：" + kNotCityWide);
        }
        if (is_call_kpi(kpi) && !require_role(res, *u, {Role::Admin, Role::Supervisor, Role::Agent})) return;
        const auto ids = app::figure_ids(ctx, period, scope, *target);
        const auto& list = side == "numerator" ? ids->numerator : ids->denominator;
        const int pg = static_cast<int>(page.value_or(1));
        const int ps = static_cast<int>(page_size.value_or(20));
        const std::size_t total = list.size();
        const std::size_t first = std::min(total, static_cast<std::size_t>(pg - 1) * static_cast<std::size_t>(ps));
        const std::size_t last = std::min(total, first + static_cast<std::size_t>(ps));
        std::vector<Id> page_ids;
        for (std::size_t i = first; i < last; ++i) page_ids.push_back(list[i]);
        auto& db = ctx.db.reader();
        json items = json::array();
        const std::string& kind = ids->kind;
        if (kind == "orders") {
            for (const auto& row : store::kpi_order_rows(db, page_ids)) items.push_back(order_row_json(row));
        } else {
            items = calls_json(store::calls_by_ids(db, page_ids), u->user.role);
        }
        reply_json(res, 200, {{"code", kpi}, {"name_zh", target->name_zh}, {"kind", kind}, {"side", side},
                              {"period", period_json(period)}, {"scope", scope_json(scope)},
                              {"items", items}, {"total", total}, {"page", pg}, {"page_size", ps}});
    });
}

}  // namespace yiyang::http
