// GET /api/v1/kpis (every indicator of a period and scope, with its target and met / not met) and
// GET /api/v1/kpis/{code}/records (the orders or calls behind a figure). Figures come from shared/kpi; this
// file loads the period's records once per data version and keeps the reply and the ID lists cached.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>

#include "app/clocks.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/calls.hpp"
#include "store/kpi_inputs.hpp"
#include "store/orders.hpp"
#include "yiyang/kpi.hpp"
#include "yiyang/sla_kpi.hpp"

namespace yiyang::http {

// Defined in call_routes.cpp: calls as JSON with the outside number masked for roles that may not see it.
json calls_json(const std::vector<store::StoredCall>& calls, Role role);

namespace {

const char* kNotCityWide = "话务记录不区分镇街和服务商，话务指标只按全市统计";
const char* kEntered = "人工填报指标（需附佐证），由工作人员另行录入，此处不计算";

struct Scope {
    std::optional<Id> town;
    std::optional<Id> provider;
    std::string town_name;
    std::string provider_name;
    bool city() const { return !town && !provider; }
    std::string key(const Period& p) const {
        return p.code() + ":" + (town ? std::to_string(*town) : "-") + ":" + (provider ? std::to_string(*provider) : "-");
    }
};

json period_json(const Period& p) {
    return {{"code", p.code()}, {"label", p.label_zh()}, {"first", format_date(p.first_day())},
            {"last", format_date(p.last_day())}};
}

json scope_json(const Scope& s) {
    return {{"town_id", s.town ? json(*s.town) : json(nullptr)},
            {"town_name", s.town ? json(s.town_name) : json(nullptr)},
            {"provider_id", s.provider ? json(*s.provider) : json(nullptr)},
            {"provider_name", s.provider ? json(s.provider_name) : json(nullptr)}};
}

// The ID lists behind each figure, kept beside the cached reply (as vectors: a city month holds ~200 000
// IDs per list, far too many to keep or copy as JSON). Same rule as VersionedCache: anything written
// invalidates all of it.
struct FigureIds {
    std::string kind;   // "orders" | "calls"
    std::vector<Id> numerator, denominator;
};
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
        if (values_.size() > 512) values_.clear();
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

json item_base(const KpiTarget& t) {
    return {{"code", t.code}, {"name_zh", t.name_zh}, {"item", t.item}, {"unit", t.unit}, {"period", t.period},
            {"source", code(t.source)}, {"target_text", t.target_text()}, {"requirement_zh", t.requirement_zh}};
}

void no_value(json& j, const char* note) {
    j["applicable"] = false;
    j["kind"] = nullptr;
    j["value"] = nullptr;
    j["display"] = "—";
    j["met"] = nullptr;
    j["numerator_count"] = nullptr;
    j["denominator_count"] = nullptr;
    j["note"] = note;
}

// Computes every indicator of (period, scope); caches the reply and each figure's ID lists under the data
// version read BEFORE loading, so a write during the computation leaves nothing stale behind.
// Stale-while-revalidate: when the data changed since the last computation and that computation was slow
// (config.stale_after_ms; a city month takes ~1.2 s), the last figures are replied with "stale": true and the
// refresher recomputes them in the background; the client asks again a moment later.
json compute_kpis(app::AppContext& ctx, const Period& period, const Scope& scope, bool use_cache = true) {
    const auto version = ctx.db.data_version();
    const auto key = "kpis:" + scope.key(period);
    if (use_cache) {
        if (auto cached = ctx.cache.get(key, version)) return *cached;
        const int stale_after = ctx.config.stale_after_ms;
        if (auto last = ctx.latest.get(key); last && stale_after >= 0 && last->cost_ms >= stale_after) {
            // At most one recomputation per key every max(1 s, 2 × its cost): a busy centre writes every few
            // seconds, and a city month must not keep a core busy. Later polls start the next one.
            if (app::steady_ms() - last->done_ms >= std::max(1000.0, 2 * last->cost_ms) || stale_after == 0) {
                ctx.refresher.request(key, [&ctx, period, scope] { compute_kpis(ctx, period, scope, false); });
            }
            json body = std::move(last->value);
            body["stale"] = true;
            return body;
        }
    }

    const auto started = std::chrono::steady_clock::now();
    auto& db = ctx.db.reader();
    const auto& targets = ctx.rules.kpi_targets_on(period.last_day());
    bool need_orders = false, need_calls = false, need_clocks = false;
    for (const auto& t : targets.items) {
        if (t.source != KpiSource::Records) continue;
        need_orders = need_orders || is_order_kpi(t.code);
        need_calls = need_calls || (scope.city() && is_call_kpi(t.code));
        need_clocks = need_clocks || is_sla_kpi(t.code);
    }
    std::vector<WorkOrder> orders;
    std::vector<KpiCall> calls;
    std::vector<OrderClocks> clocked;   // SLA compliance: every order of the period with its clocks
    // One load serves the order formulas and, with its timestamps, the SLA clocks.
    if (need_orders || need_clocks) orders = store::load_kpi_orders(db, period, scope.town, scope.provider, need_clocks);
    if (need_calls) calls = store::load_kpi_calls(db, period);
    std::vector<std::vector<SlaClock>> clocks;   // per order, same order as `orders`
    if (need_clocks) clocks = app::clocks_of_orders(ctx, db, orders, ctx.now());
    const auto loaded = std::chrono::steady_clock::now();

    // The order formulas first; then the orders move into (order, clocks) pairs for the SLA formulas.
    std::map<std::string, KpiResult> results;
    for (const auto& t : targets.items) {
        if (t.source == KpiSource::Records && is_order_kpi(t.code)) results.emplace(t.code, compute_order_kpi(t, orders));
    }
    if (need_clocks) {
        clocked.reserve(orders.size());
        for (std::size_t i = 0; i < orders.size(); ++i) clocked.push_back(OrderClocks{std::move(orders[i]), std::move(clocks[i])});
        orders.clear();
    }
    json items = json::array();
    for (const auto& t : targets.items) {
        json j = item_base(t);
        if (t.source == KpiSource::Entered) {
            no_value(j, kEntered);
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
            j["kind"] = "calls";
            items.push_back(std::move(j));
            continue;
        }
        const KpiResult r = order_kpi ? results.at(t.code)
                            : sla_kpi ? compute_sla_kpi(t, clocked)
                                      : compute_call_kpi(t, calls, period.first_day(),
                                                         last_judged_day(period.last_day(), date_of(ctx.now())),
                                                         ctx.rules.calendar_on(period.last_day()));
        j["applicable"] = true;
        j["kind"] = call_kpi ? "calls" : "orders";
        j["value"] = {{"num", r.value.num}, {"den", r.value.den}};
        j["display"] = r.display;
        j["met"] = r.met;
        j["numerator_count"] = r.numerator_ids.size();
        j["denominator_count"] = r.denominator_ids.size();
        j["note"] = nullptr;
        id_cache().put(scope.key(period) + ":" + t.code, version,
                       std::make_shared<const FigureIds>(FigureIds{call_kpi ? "calls" : "orders", r.numerator_ids,
                                                                   r.denominator_ids}));
        items.push_back(std::move(j));
    }
    json body = {{"period", period_json(period)},
                 {"scope", scope_json(scope)},
                 {"targets_version", targets.version},
                 {"as_of", format_timestamp(ctx.now())},
                 {"stale", false},
                 {"items", items}};
    ctx.cache.put(key, version, body);
    const auto done = std::chrono::steady_clock::now();
    auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
    ctx.latest.put(key, {version, ms(started, done), app::steady_ms(), body});
    if (std::getenv("YIYANG_KPI_TIMING")) {
        std::fprintf(stderr, "kpis %s: %zu orders, %zu calls, load %.1f ms, compute %.1f ms\n", key.c_str(),
                     std::max(orders.size(), clocked.size()), calls.size(), ms(started, loaded), ms(loaded, done));
    }
    return body;
}

// Period and scope from the query, with the role's own town / provider forced; false when a reply was sent.
bool read_scope(app::AppContext& ctx, const httplib::Request& req, httplib::Response& res, const AuthUser& u,
                Period& period, Scope& scope) {
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
    auto& db = ctx.db.reader();
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
        Scope scope;
        if (!read_scope(ctx, req, res, *u, period, scope)) return;
        reply_json(res, 200, compute_kpis(ctx, period, scope));
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
        Scope scope;
        if (!read_scope(ctx, req, res, *u, period, scope)) return;
        const auto& targets = ctx.rules.kpi_targets_on(period.last_day());
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
        // The ID lists live in the cache next to the reply; a cold or invalidated cache recomputes both.
        const auto ids_key = scope.key(period) + ":" + kpi;
        auto ids = id_cache().get(ids_key, ctx.db.data_version());
        for (int attempt = 0; !ids && attempt < 3; ++attempt) {
            compute_kpis(ctx, period, scope, /*use_cache=*/false);
            ids = id_cache().get(ids_key, ctx.db.data_version());
        }
        if (!ids) return reply_error(res, 503, "busy", "数据正在更新，请稍后重试");
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
