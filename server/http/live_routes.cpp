// GET /api/v1/live (the feed every signed-in screen polls each second), GET /api/v1/watch (supervisors' watch list
// of running clocks), GET /api/v1/callers/lookup (who is calling, audited) and POST /api/v1/elders/{id}/reveal
// (one masked field in full, audited). The shared domain computes the clocks; this file parses, scopes and caches.
#include <algorithm>

#include "app/clocks.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/audit.hpp"
#include "store/elders.hpp"
#include "store/live.hpp"
#include "store/orders.hpp"
#include "store/reference.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/order_lifecycle.hpp"

namespace yiyang::http {
namespace {

constexpr int kChangedLimit = 200;         // order ids one feed reply may name
constexpr int kChangedScan = 2000;         // audit events one feed reply may look at
constexpr int kEmergencyLimit = 100;       // open emergencies on the flashing screen
// An emergency still open after a day is an overdue case (the watch list shows it), not an alarm: the banner
// flashes for the last 24 hours only, so a backlog of old records cannot bury a new call.
constexpr LocalSeconds kEmergencyWindow = 24 * 3600;
constexpr int kDescriptionChars = 60;      // emergency description, truncated (characters)
constexpr int kWatchScanLimit = 50000;     // open orders the watch list examines (the city has ~20 000)
constexpr LocalSeconds kWatchBucket = 10;  // clocks move with time: the watch list is recomputed at most every 10 s
constexpr int kLookupElders = 20;          // elders sharing one phone
constexpr int kLookupOrders = 20;          // their most recent orders

std::string utf8_prefix(const std::string& s, int chars, bool& cut) {
    int n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (n == chars) { cut = true; return s.substr(0, i); }
            ++n;
        }
    }
    cut = false;
    return s;
}

std::size_t utf8_length(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool is_seat(Role r) { return r == Role::Agent || r == Role::Supervisor || r == Role::Admin; }

// ---- live feed -----------------------------------------------------------------------------------
std::int64_t cached_seq(app::AppContext& ctx, SQLite::Database& db, std::uint64_t version) {
    if (auto v = ctx.cache.get("live:seq", version)) return v->get<std::int64_t>();
    const auto seq = store::order_change_seq(db);
    ctx.cache.put("live:seq", version, seq);
    return seq;
}

json emergencies_json(app::AppContext& ctx, SQLite::Database& db, std::uint64_t version) {
    // Keyed by the minute too: an emergency leaves the 24-hour window without any write.
    const LocalSeconds now = ctx.now();
    const std::int64_t minute = now / 60;
    if (auto v = ctx.cache.get("live:emergencies", version); v && v->value("minute", std::int64_t{-1}) == minute)
        return v->at("list");
    json list = json::array();
    for (const auto& r : store::open_emergencies(db, now - kEmergencyWindow, kEmergencyLimit)) {
        // The answer deadline comes from the SLA rules in force on the day of the call (shared
        // emergency_answer_seconds); the banner counts down to it.
        const auto window = emergency_answer_seconds(ctx.rules().sla_on(date_of(r.order.created_at))).value_or(0);
        bool cut = false;
        std::string text = utf8_prefix(r.order.description, kDescriptionChars, cut);
        if (cut) text += "…";
        json j = {{"id", r.order.id},
                  {"code", r.order.code},
                  {"status", code(r.order.status)},
                  {"status_name", label_zh(r.order.status)},
                  {"created_at", format_timestamp(r.order.created_at)},
                  {"created_s", r.order.created_at},
                  {"due_at", format_timestamp(r.order.created_at + window)},
                  {"due_s", r.order.created_at + window},
                  {"dispatched_at", r.order.dispatched_at ? json(format_timestamp(*r.order.dispatched_at)) : json(nullptr)},
                  {"acknowledged_at",
                   r.order.acknowledged_at ? json(format_timestamp(*r.order.acknowledged_at)) : json(nullptr)},
                  {"acknowledged_by", r.order.acknowledged_by ? json(*r.order.acknowledged_by) : json(nullptr)},
                  {"acknowledged_by_name", r.order.acknowledged_by ? json(r.acknowledged_by_name) : json(nullptr)},
                  {"town_id", r.order.town_id},
                  {"town_name", r.town_name},
                  {"description", text}};
        list.push_back(std::move(j));
    }
    ctx.cache.put("live:emergencies", version, json{{"minute", minute}, {"list", list}});
    return list;
}

// ---- watch list ----------------------------------------------------------------------------------
// Every watch item of the open orders, computed once per (data version, 10 s bucket).
json watch_all(app::AppContext& ctx, SQLite::Database& db, LocalSeconds now) {
    const auto version = ctx.db.data_version();
    const std::string key = "watch:" + std::to_string(now / kWatchBucket);
    if (auto v = ctx.cache.get(key, version)) return *v;

    const auto open = store::open_orders(db, kWatchScanLimit);
    auto clocks = app::clocks_of_orders(ctx, db, open.orders, now);
    std::vector<OrderClocks> clocked;
    clocked.reserve(open.orders.size());
    for (std::size_t i = 0; i < open.orders.size(); ++i) {
        if (clocks[i].empty()) continue;
        clocked.push_back(OrderClocks{open.orders[i].order, std::move(clocks[i])});
    }
    std::map<Id, const WorkOrder*> by_id;
    for (const auto& oc : clocked) by_id[oc.order.id] = &oc.order;
    std::map<Id, std::string> towns;
    for (const auto& t : store::all_towns(db)) towns[t.id] = t.name;
    const auto providers = store::provider_names(db);

    json items = json::array();
    for (const WatchItem& w : watch_list(clocked)) {
        const WorkOrder& o = *by_id.at(w.order_id);
        json j = {{"order_id", w.order_id},
                  {"order_code", w.order_code},
                  {"order_type", code(o.type)},
                  {"order_type_name", label_zh(o.type)},
                  {"status", code(o.status)},
                  {"status_name", label_zh(o.status)},
                  {"town_id", w.town_id},
                  {"town_name", towns.count(w.town_id) ? towns.at(w.town_id) : ""},
                  {"provider_id", w.provider_id ? json(*w.provider_id) : json(nullptr)},
                  {"provider_name", w.provider_id && providers.count(*w.provider_id) ? json(providers.at(*w.provider_id))
                                                                                   : json(nullptr)},
                  {"rule_code", w.clock.rule_code},
                  {"rule_name", w.clock.name_zh},
                  {"started_at", format_timestamp(w.clock.started_at)},
                  {"due_at", format_timestamp(w.clock.due_at)},
                  {"seconds_to_due", w.clock.seconds_to_due},
                  {"state", code(w.clock.state)}};
        items.push_back(std::move(j));
    }
    json names_t = json::object();
    for (const auto& [id, name] : towns) names_t[std::to_string(id)] = name;
    json names_p = json::object();
    for (const auto& [id, name] : providers) names_p[std::to_string(id)] = name;
    json out = {{"items", items},
                {"as_of", format_timestamp(now)},
                {"open_orders_examined", open.orders.size()},
                {"truncated", open.truncated},
                {"town_names", names_t},
                {"provider_names", names_p}};
    ctx.cache.put(key, version, out);
    return out;
}

// ---- reveal --------------------------------------------------------------------------------------
struct RevealField {
    const char* code;
    const char* label;
};
constexpr RevealField kRevealFields[] = {
    {"phone", "联系电话"}, {"id_number", "身份证号"}, {"address", "住址"}, {"name", "姓名"}};

bool masked_for(const ElderFieldPolicy& p, const std::string& field) {
    if (field == "phone") return !p.full_phone;
    if (field == "id_number") return !p.full_id_number;
    if (field == "address") return !p.full_address;
    if (field == "name") return !p.full_name;
    return false;
}

std::string value_of(const Elder& e, const std::string& field) {
    if (field == "phone") return e.phone;
    if (field == "id_number") return e.id_number;
    if (field == "address") return e.address;
    return e.name;
}

std::string masked_search_value(const std::string& by, const std::string& value) {
    return by == "phone" ? mask_phone(value) : mask_resident_id(value);
}

}  // namespace

void register_live_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/live", "Live feed: work-order change number, orders changed since, open emergencies",
           "live", needs(Permission::ReadLive, "provider: own orders; town: own town; emergencies: admin, supervisor, agent"),
           {query_param("after", "integer", "the seq of the previous reply (absent: baseline, nothing listed)")}, "",
           ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        std::optional<std::int64_t> after;
        if (!query_int(req, res, "after", 0, 9'000'000'000'000'000'000, after)) return;
        const auto version = ctx.db.data_version();
        auto& db = ctx.db.reader();
        const auto now = ctx.now();
        const std::int64_t seq = cached_seq(ctx, db, version);

        store::ChangeScope scope;
        if (user.user.role == Role::Town) scope.town = user.user.town_id.value_or(-1);
        if (user.user.role == Role::Provider) scope.provider = user.user.provider_id.value_or(-1);
        json changed_ids = json::array();
        bool truncated = false;
        const bool changed = after && *after != seq;
        if (changed && *after > seq) {
            truncated = true;   // the client's number is from another database: reload everything
        } else if (changed) {
            const std::string key = "live:changed:" + std::to_string(*after) + ":" +
                                    std::to_string(scope.town.value_or(0)) + ":" +
                                    std::to_string(scope.provider.value_or(0));
            json c;
            if (auto v = ctx.cache.get(key, version)) {
                c = *v;
            } else {
                const auto found = store::changed_orders_since(db, *after, scope, kChangedLimit, kChangedScan);
                c = {{"ids", found.ids}, {"truncated", found.truncated}};
                ctx.cache.put(key, version, c);
            }
            changed_ids = c["ids"];
            truncated = c["truncated"].get<bool>();
        }
        json emergencies = json::array();
        if (is_seat(user.user.role)) {
            for (json e : emergencies_json(ctx, db, version)) {
                e["age_seconds"] = now - e["created_s"].get<LocalSeconds>();
                e.erase("created_s");
                emergencies.push_back(std::move(e));
            }
        }
        reply_json(res, 200, {{"seq", seq},
                              {"changed", changed},
                              {"changed_orders", changed_ids},
                              {"truncated", truncated},
                              {"emergencies", emergencies},
                              {"server_now", now},
                              {"server_time", format_timestamp(now)}});
    });

    r.add({"GET", "/api/v1/watch", "Watch list: running clocks of open orders overdue or due soon, with totals",
           "live", needs(Permission::ReadWatch, "town: own town"),
           {query_param("town", "integer", "town id"), query_param("provider", "integer", "provider id")}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        std::optional<std::int64_t> town, provider;
        if (!query_int(req, res, "town", 1, 1'000'000'000, town) ||
            !query_int(req, res, "provider", 1, 1'000'000'000, provider)) {
            return;
        }
        if (user.user.role == Role::Town) {
            if (town && town != user.user.town_id) return reply_error(res, 403, "forbidden", "镇街用户只能查看本镇街的逾期预警");
            town = user.user.town_id;
        }
        const json all = watch_all(ctx, ctx.db.reader(), ctx.now());
        json items = json::array();
        std::vector<WatchItem> kept;
        for (const json& j : all["items"]) {
            if (town && j["town_id"].get<std::int64_t>() != *town) continue;
            if (provider && (j["provider_id"].is_null() || j["provider_id"].get<std::int64_t>() != *provider)) continue;
            WatchItem w;
            w.order_id = j["order_id"].get<Id>();
            w.town_id = j["town_id"].get<Id>();
            if (!j["provider_id"].is_null()) w.provider_id = j["provider_id"].get<Id>();
            w.clock.state = j["state"] == code(SlaState::Breached) ? SlaState::Breached : SlaState::DueSoon;
            kept.push_back(w);
            items.push_back(j);
        }
        const json& town_names = all["town_names"];
        const json& provider_names = all["provider_names"];
        json by_town = json::array();
        for (const auto& [id, c] : watch_by_town(kept)) {
            const auto k = std::to_string(id);
            by_town.push_back({{"town_id", id}, {"town_name", town_names.value(k, "")}, {"overdue", c.overdue},
                               {"due_soon", c.due_soon}});
        }
        json by_provider = json::array();
        for (const auto& [id, c] : watch_by_provider(kept)) {
            const auto k = std::to_string(id);
            by_provider.push_back({{"provider_id", id == 0 ? json(nullptr) : json(id)},
                                   {"provider_name", id == 0 ? std::string("未派服务商") : provider_names.value(k, "")},
                                   {"overdue", c.overdue},
                                   {"due_soon", c.due_soon}});
        }
        int overdue = 0;
        for (const auto& w : kept) overdue += w.clock.state == SlaState::Breached ? 1 : 0;
        reply_json(res, 200, {{"as_of", all["as_of"]},
                              {"items", items},
                              {"total", kept.size()},
                              {"overdue", overdue},
                              {"due_soon", static_cast<int>(kept.size()) - overdue},
                              {"by_town", by_town},
                              {"by_provider", by_provider},
                              {"open_orders_examined", all["open_orders_examined"]},
                              {"truncated", all["truncated"]}});
    });

    r.add({"GET", "/api/v1/callers/lookup", "Who is calling: elders by exact phone or ID number, their recent orders",
           "live", needs(Permission::LookupCaller, "audited"),
           {query_param("phone", "string", "full mainland mobile number (11 digits)"),
            query_param("id_number", "string", "full resident ID number (18 characters)")},
           "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const std::string phone = req.get_param_value("phone");
        std::string id_number = req.get_param_value("id_number");
        if (phone.empty() == id_number.empty()) {
            return reply_error(res, 400, "bad_query", "请提供完整的来电号码（phone）或身份证号（id_number）之一",
                               {{"phone", "required", "请提供完整的来电号码（phone）或身份证号（id_number）之一"}});
        }
        std::string by = "phone";
        if (!phone.empty()) {
            const auto check = check_mobile(phone);
            if (!check.ok) {
                return reply_error(res, 400, "bad_query", "来电号码须为完整的11位手机号码：" + check.message_zh,
                                   {{"phone", "invalid", "来电号码须为完整的11位手机号码：" + check.message_zh}});
            }
        } else {
            by = "id_number";
            std::transform(id_number.begin(), id_number.end(), id_number.begin(),
                           [](char c) { return c == 'x' ? 'X' : c; });
            const auto check = check_resident_id(id_number, date_of(ctx.now()));
            if (!check.ok) {
                return reply_error(res, 400, "bad_query", "身份证号须为完整的18位号码：" + check.message_zh,
                                   {{"id_number", "invalid", "身份证号须为完整的18位号码：" + check.message_zh}});
            }
        }
        const std::string value = by == "phone" ? phone : id_number;
        const auto now = ctx.now();
        const auto policy = elder_policy(user.user.role);
        json elders = json::array();
        json orders = json::array();
        Id audit_id = 0;
        // The lookup is itself an audit event (who looked up what; the searched value stored masked). It changes
        // no figure any cache holds, so it does not invalidate them (a lookup per incoming call).
        ctx.db.write([&](SQLite::Database& db) {
            const auto ids = by == "phone" ? store::elder_ids_by_phone(db, value, kLookupElders)
                                           : store::elder_ids_by_id_number(db, value, kLookupElders);
            std::map<Id, std::string> towns;
            for (const auto& t : store::all_towns(db)) towns[t.id] = t.name;
            for (Id id : ids) {
                auto e = store::get_elder(db, id);
                if (!e) continue;
                json j = redact_elder(*e, policy, date_of(now));
                j["town_name"] = towns.count(e->town_id) ? towns.at(e->town_id) : "";
                elders.push_back(std::move(j));
            }
            for (const auto& s : store::recent_orders_of(db, ids, kLookupOrders)) {
                json cats = json::array();
                for (auto c : s.order.categories) cats.push_back(code(c));
                orders.push_back({{"id", s.order.id},
                                  {"code", s.order.code},
                                  {"elder_id", s.order.elder_id ? json(*s.order.elder_id) : json(nullptr)},
                                  {"type", code(s.order.type)},
                                  {"type_name", label_zh(s.order.type)},
                                  {"status", code(s.order.status)},
                                  {"status_name", label_zh(s.order.status)},
                                  {"created_at", format_timestamp(s.order.created_at)},
                                  {"categories", cats},
                                  {"description", s.order.description}});
            }
            audit_id = store::append_audit(db, {0, now, user.user.id, user.user.username, "caller_lookup", std::nullopt, "lookup",
                                     {{"by", by}, {"value", masked_search_value(by, value)}, {"elder_ids", ids}}, ""});
        }, store::Database::Touches::SessionsOnly);
        reply_json(res, 200, {{"by", by}, {"elders", elders}, {"orders", orders}, {"audit_id", audit_id}});
    });

    r.add({"POST", "/api/v1/elders/{id}/reveal", "Show one masked field of an elder in full (audited, with a reason)",
           "live", needs(Permission::RevealMasked, "fields masked for the role; audited"), {}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto id = path_id(req, res);
        if (!id) return;
        auto body = json_body(req, res);
        if (!body) return;
        std::vector<FieldError> errors;
        for (auto it = body->begin(); it != body->end(); ++it) {
            if (it.key() != "field" && it.key() != "reason") errors.push_back({it.key(), "unknown", "不认识的字段：" + it.key()});
        }
        const std::string field = body->contains("field") && (*body)["field"].is_string() ? (*body)["field"].get<std::string>() : "";
        const RevealField* f = nullptr;
        for (const auto& rf : kRevealFields) if (field == rf.code) f = &rf;
        if (!f) errors.push_back({"field", field.empty() ? "required" : "invalid",
                                  "请指定要查看的字段：phone（联系电话）、id_number（身份证号）、address（住址）或 name（姓名）"});
        const std::string reason = body->contains("reason") && (*body)["reason"].is_string() ? (*body)["reason"].get<std::string>() : "";
        if (blank(reason)) errors.push_back({"reason", "required", "查看完整个人信息必须填写原因"});
        else if (utf8_length(reason) > 200) errors.push_back({"reason", "too_long", "原因最多 200 字"});
        if (!errors.empty()) return reply_error(res, 422, "validation", errors.front().message_zh, errors);
        const auto policy = elder_policy(user.user.role);
        if (!masked_for(policy, field)) {
            return reply_error(res, 422, "not_masked", std::string("当前角色可直接查看") + f->label + "，无需申请查看原文",
                               {{"field", "not_masked", std::string("当前角色可直接查看") + f->label}});
        }
        const auto now = ctx.now();
        int status = 200;
        std::string value;
        Id audit_id = 0;
        // Read and audit in one transaction: the value returned is the value the audit event says was shown.
        ctx.db.write([&](SQLite::Database& db) {
            auto e = store::get_elder(db, *id);
            if (!e || !may_read_elder(user.viewer(), *e, false)) { status = 404; return; }
            value = value_of(*e, field);
            audit_id = store::append_audit(db, {0, now, user.user.id, user.user.username, "elder", *id, "reveal",
                                     {{"field", field}}, reason});
        }, store::Database::Touches::SessionsOnly);
        if (status == 404) return reply_error(res, 404, "not_found", "未找到编号为 " + std::to_string(*id) + " 的服务对象");
        reply_json(res, 200, {{"elder_id", *id}, {"field", field}, {"value", value}, {"audit_id", audit_id}});
    });
}

}  // namespace yiyang::http
