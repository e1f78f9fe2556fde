// GET /api/v1/live (the feed every signed-in screen polls each second), GET /api/v1/watch (supervisors' watch list
// of running clocks), GET /api/v1/callers/lookup (who is calling, audited) and POST /api/v1/elders/{id}/reveal
// (one masked field in full, audited). The shared domain computes the clocks; this file parses, scopes and caches.
#include <algorithm>

#include "app/clocks.hpp"
#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "store/audit.hpp"
#include "store/elders.hpp"
#include "store/live.hpp"
#include "store/orders.hpp"
#include "store/reference.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/order_lifecycle.hpp"
#include "yiyang/sla.hpp"
#include "yiyang/wire/live.hpp"

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

// The open emergencies of the last 24 hours, each with its creation time (for age_seconds at reply time).
struct CachedEmergency {
    wire::LiveEmergency item;
    LocalSeconds created_s = 0;
};
std::vector<CachedEmergency> emergencies_of(app::AppContext& ctx, SQLite::Database& db, std::uint64_t version) {
    // Keyed by the minute too: an emergency leaves the 24-hour window without any write.
    const LocalSeconds now = ctx.now();
    const std::int64_t minute = now / 60;
    std::vector<CachedEmergency> out;
    if (auto v = ctx.cache.get("live:emergencies", version); v && v->value("minute", std::int64_t{-1}) == minute) {
        const json& list = v->at("list");
        const json& created = v->at("created_s");
        for (std::size_t i = 0; i < list.size(); ++i) out.push_back({list[i].get<wire::LiveEmergency>(), created[i].get<LocalSeconds>()});
        return out;
    }
    for (const auto& r : store::open_emergencies(db, now - kEmergencyWindow, kEmergencyLimit)) {
        // The answer deadline comes from the SLA rules in force on the day of the call (shared
        // emergency_answer_due, the deadline emergency_answer_rate judges by); the banner counts down to it.
        const LocalSeconds due = emergency_answer_due(r.order, ctx.rules().sla_on(date_of(r.order.created_at)));
        bool cut = false;
        std::string text = utf8_prefix(r.order.description, kDescriptionChars, cut);
        if (cut) text += "…";
        wire::LiveEmergency e;
        e.id = r.order.id;
        e.code = r.order.code;
        e.status = code(r.order.status);
        e.status_name = label_zh(r.order.status);
        e.created_at = format_timestamp(r.order.created_at);
        e.due_at = format_timestamp(due);
        e.due_s = due;
        if (r.order.dispatched_at) e.dispatched_at = format_timestamp(*r.order.dispatched_at);
        if (r.order.acknowledged_at) e.acknowledged_at = format_timestamp(*r.order.acknowledged_at);
        e.acknowledged_by = r.order.acknowledged_by;
        if (r.order.acknowledged_by) e.acknowledged_by_name = r.acknowledged_by_name;
        e.town_id = r.order.town_id;
        e.town_name = r.town_name;
        e.description = std::move(text);
        out.push_back({std::move(e), r.order.created_at});
    }
    json list = json::array(), created = json::array();
    for (const auto& c : out) {
        list.push_back(c.item);
        created.push_back(c.created_s);
    }
    ctx.cache.put("live:emergencies", version, json{{"minute", minute}, {"list", list}, {"created_s", created}});
    return out;
}

// ---- watch list ----------------------------------------------------------------------------------
// Every watch entry of the open orders (no totals: those are counted per request over the filtered entries),
// computed once per (data version, 10 s bucket).
wire::WatchReply watch_all(app::AppContext& ctx, SQLite::Database& db, LocalSeconds now) {
    const auto version = ctx.db.data_version();
    const std::string key = "watch:" + std::to_string(now / kWatchBucket);
    if (auto v = ctx.cache.get(key, version)) return v->get<wire::WatchReply>();

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

    wire::WatchReply out;
    for (const WatchItem& w : watch_list(clocked)) {
        const WorkOrder& o = *by_id.at(w.order_id);
        wire::WatchEntry e;
        e.order_id = w.order_id;
        e.order_code = w.order_code;
        e.order_type = code(o.type);
        e.order_type_name = label_zh(o.type);
        e.status = code(o.status);
        e.status_name = label_zh(o.status);
        e.town_id = w.town_id;
        e.town_name = towns.count(w.town_id) ? towns.at(w.town_id) : "";
        e.provider_id = w.provider_id;
        if (w.provider_id && providers.count(*w.provider_id)) e.provider_name = providers.at(*w.provider_id);
        e.rule_code = w.clock.rule_code;
        e.rule_name = w.clock.name_zh;
        e.started_at = format_timestamp(w.clock.started_at);
        e.due_at = format_timestamp(w.clock.due_at);
        e.seconds_to_due = w.clock.seconds_to_due;
        e.state = code(w.clock.state);
        out.items.push_back(std::move(e));
    }
    out.as_of = format_timestamp(now);
    out.open_orders_examined = static_cast<std::int64_t>(open.orders.size());
    out.truncated = open.truncated;
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

wire::WatchReply list_watch(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user, bool export_all) {
    auto town = query_int(req, "town", 1, 1'000'000'000);
    const auto provider = query_int(req, "provider", 1, 1'000'000'000);
    if (user.user.role == Role::Town) {
        if (town && town != user.user.town_id) fail(403, "forbidden", "镇街用户只能查看本镇街的逾期预警");
        town = user.user.town_id;
    }
    // The columns the list may be sorted by ("" = the watch list's own order: most overdue first).
    static const std::vector<std::string> sort_fields = {"order_code", "type", "status", "town", "provider",
                                                         "rule", "started_at", "due_at", "state", "minutes"};
    const auto sort = query_sort(req, sort_fields, {"", false});
    wire::WatchReply reply = watch_all(ctx, ctx.db.reader(), ctx.now());
    std::erase_if(reply.items, [&](const wire::WatchEntry& e) {
        return (town && e.town_id != *town) || (provider && e.provider_id != *provider);
    });
    if (!sort.key.empty()) {
        // In memory (the list is bounded by the open orders examined); ties by order id in the same direction,
        // then the list's own order (stable) for two clocks of one order.
        const auto key = [&](const wire::WatchEntry& e) -> std::pair<std::string, std::int64_t> {
            const auto& k = sort.key;
            if (k == "minutes") return {"", e.seconds_to_due};
            if (k == "type") return {e.order_type, 0};
            if (k == "status") return {e.status, 0};
            if (k == "town") return {e.town_name, e.town_id};
            if (k == "provider") return {e.provider_name.value_or(""), e.provider_id.value_or(0)};
            if (k == "rule") return {e.rule_code, 0};
            if (k == "started_at") return {e.started_at, 0};
            if (k == "due_at") return {e.due_at, 0};
            if (k == "state") return {e.state, 0};
            return {e.order_code, 0};
        };
        std::stable_sort(reply.items.begin(), reply.items.end(), [&](const wire::WatchEntry& a, const wire::WatchEntry& b) {
            auto ka = key(a), kb = key(b);
            if (ka == kb) return sort.descending ? a.order_id > b.order_id : a.order_id < b.order_id;
            return sort.descending ? kb < ka : ka < kb;
        });
    }
    reply.totals = wire::watch_totals(reply.items);
    if (!export_all && (req.has_param("page") || req.has_param("page_size"))) {
        const Paging p = read_paging(req, false);
        reply.page = p.page;
        reply.page_size = p.page_size;
        const auto first = std::min<std::size_t>(reply.items.size(), static_cast<std::size_t>(p.page - 1) * p.page_size);
        const auto last = std::min<std::size_t>(reply.items.size(), first + static_cast<std::size_t>(p.page_size));
        reply.items = std::vector<wire::WatchEntry>(reply.items.begin() + static_cast<std::ptrdiff_t>(first),
                                                    reply.items.begin() + static_cast<std::ptrdiff_t>(last));
    }
    return reply;
}

void register_live_routes(Router& r, app::AppContext& ctx) {
    r.add({"GET", "/api/v1/live", "Live feed: work-order change number, orders changed since, open emergencies",
           "live", needs(Permission::ReadLive, "provider: own orders; town: own town; emergencies: admin, supervisor, agent"),
           {query_param("after", "integer", "the seq of the previous reply (absent: baseline, nothing listed)")}, "",
           ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const auto after = query_int(req, "after", 0, 9'000'000'000'000'000'000);
        const auto version = ctx.db.data_version();
        auto& db = ctx.db.reader();
        const auto now = ctx.now();
        wire::LiveReply reply;
        reply.seq = cached_seq(ctx, db, version);
        reply.server_now = now;
        reply.server_time = format_timestamp(now);

        store::ChangeScope scope;
        if (user.user.role == Role::Town) scope.town = user.user.town_id.value_or(-1);
        if (user.user.role == Role::Provider) scope.provider = user.user.provider_id.value_or(-1);
        reply.changed = after && *after != reply.seq;
        if (reply.changed && *after > reply.seq) {
            reply.truncated = true;   // the client's number is from another database: reload everything
        } else if (reply.changed) {
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
            reply.changed_orders = c["ids"].get<std::vector<Id>>();
            reply.truncated = c["truncated"].get<bool>();
        }
        if (is_seat(user.user.role)) {
            for (auto& e : emergencies_of(ctx, db, version)) {
                e.item.age_seconds = now - e.created_s;
                reply.emergencies.push_back(std::move(e.item));
            }
        }
        reply_json(res, 200, reply);
    });

    r.add({"GET", "/api/v1/watch", "Watch list: running clocks of open orders overdue or due soon, with totals",
           "live", needs(Permission::ReadWatch, "town: own town"),
           {query_param("town", "integer", "town id"), query_param("provider", "integer", "provider id"),
            query_param("sort", "string", "order_code | type | status | town | provider | rule | started_at | due_at | state | minutes, '-' prefix = descending (default: most overdue first); ties by order id"),
            query_param("dir", "string", "asc | desc (instead of the '-' prefix)"),
            query_param("page", "integer", "1-based page (absent with page_size too: the whole list)"),
            query_param("page_size", "integer", "1..200, default 20 when page is given")}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_json(res, 200, list_watch(ctx, req, user));
    });

    r.add({"GET", "/api/v1/callers/lookup", "Who is calling: elders by exact phone or ID number, their recent orders",
           "live", needs(Permission::LookupCaller, "audited"),
           {query_param("phone", "string", "full mainland mobile number (11 digits)"),
            query_param("id_number", "string", "full resident ID number (18 characters)"),
            query_param("elder", "integer", "an elder picked from GET /api/v1/callers/by-name")},
           "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const std::string phone = req.get_param_value("phone");
        std::string id_number = req.get_param_value("id_number");
        // An elder picked from the name search's short list (callers/by-name): the same reply as a number match.
        const auto picked = query_int(req, "elder", 1, 9'000'000'000'000'000'000);
        if ((!phone.empty()) + (!id_number.empty()) + (picked.has_value()) != 1) {
            fail(400, "bad_query", "请提供完整的来电号码（phone）、身份证号（id_number）或所选服务对象（elder）之一",
                 {{"phone", "required", "请提供完整的来电号码（phone）或身份证号（id_number）之一"}});
        }
        wire::LookupReply reply;
        reply.by = "phone";
        if (picked) {
            reply.by = "elder";
        } else if (!phone.empty()) {
            const auto check = check_mobile(phone);
            if (!check.ok) {
                fail(400, "bad_query", "来电号码须为完整的11位手机号码：" + check.message_zh,
                     {{"phone", "invalid", "来电号码须为完整的11位手机号码：" + check.message_zh}});
            }
        } else {
            reply.by = "id_number";
            std::transform(id_number.begin(), id_number.end(), id_number.begin(),
                           [](char c) { return c == 'x' ? 'X' : c; });
            const auto check = check_resident_id(id_number, date_of(ctx.now()));
            if (!check.ok) {
                fail(400, "bad_query", "身份证号须为完整的18位号码：" + check.message_zh,
                     {{"id_number", "invalid", "身份证号须为完整的18位号码：" + check.message_zh}});
            }
        }
        const std::string& by = reply.by;
        const std::string value = by == "phone" ? phone : by == "elder" ? std::to_string(*picked) : id_number;
        const auto now = ctx.now();
        const auto policy = elder_policy(user.user.role);
        // The lookup is itself an audit event (who looked up what; the searched value stored masked). It changes
        // no figure any cache holds, so it does not invalidate them (a lookup per incoming call).
        ctx.db.write([&](SQLite::Database& db) {
            std::vector<Id> ids;
            if (by == "elder") {
                if (store::get_elder(db, *picked)) ids.push_back(*picked);
            } else {
                ids = by == "phone" ? store::elder_ids_by_phone(db, value, kLookupElders)
                                    : store::elder_ids_by_id_number(db, value, kLookupElders);
            }
            std::map<Id, std::string> towns;
            for (const auto& t : store::all_towns(db)) towns[t.id] = t.name;
            for (Id id : ids) {
                auto e = store::get_elder(db, id);
                if (!e) continue;
                reply.elders.push_back({redact_elder(*e, policy, date_of(now)),
                                        towns.count(e->town_id) ? towns.at(e->town_id) : ""});
            }
            for (const auto& s : store::recent_orders_of(db, ids, kLookupOrders)) {
                wire::LookupOrder o;
                o.id = s.order.id;
                o.code = s.order.code;
                o.elder_id = s.order.elder_id;
                o.type = code(s.order.type);
                o.type_name = label_zh(s.order.type);
                o.status = code(s.order.status);
                o.status_name = label_zh(s.order.status);
                o.created_at = format_timestamp(s.order.created_at);
                for (auto c : s.order.categories) o.categories.push_back(code(c));
                o.description = s.order.description;
                reply.orders.push_back(std::move(o));
            }
            reply.audit_id = store::append_audit(db, {0, now, user.user.id, user.user.username, "caller_lookup", std::nullopt, "lookup",
                                     {{"by", by}, {"value", by == "elder" ? value : masked_search_value(by, value)}, {"elder_ids", ids}}, ""});
        }, store::Database::Touches::SessionsOnly);
        reply_json(res, 200, reply);
    });

    r.add({"POST", "/api/v1/elders/{id}/reveal", "Show one masked field of an elder in full (audited, with a reason)",
           "live", needs(Permission::RevealMasked, "fields masked for the role; audited"), {}, "", ""},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const json body = body_object(req);
        std::vector<FieldError> errors;
        for (auto it = body.begin(); it != body.end(); ++it) {
            if (it.key() != "field" && it.key() != "reason") errors.push_back({it.key(), "unknown", "不认识的字段：" + it.key()});
        }
        // Read member by member (not from_json): a missing or mistyped member is a field error, not a 400.
        wire::RevealRequest ask;
        if (auto f = body.find("field"); f != body.end() && f->is_string()) ask.field = f->get<std::string>();
        if (auto rs = body.find("reason"); rs != body.end() && rs->is_string()) ask.reason = rs->get<std::string>();
        const RevealField* f = nullptr;
        for (const auto& rf : kRevealFields) if (ask.field == rf.code) f = &rf;
        if (!f) errors.push_back({"field", ask.field.empty() ? "required" : "invalid",
                                  "请指定要查看的字段：phone（联系电话）、id_number（身份证号）、address（住址）或 name（姓名）"});
        if (blank(ask.reason)) errors.push_back({"reason", "required", "查看完整个人信息必须填写原因"});
        else if (utf8_length(ask.reason) > 200) errors.push_back({"reason", "too_long", "原因最多 200 字"});
        if (!errors.empty()) fail(422, "validation", errors.front().message_zh, errors);
        const auto policy = elder_policy(user.user.role);
        if (!masked_for(policy, ask.field)) {
            fail(422, "not_masked", std::string("当前角色可直接查看") + f->label + "，无需申请查看原文",
                 {{"field", "not_masked", std::string("当前角色可直接查看") + f->label}});
        }
        const auto now = ctx.now();
        bool found = true;
        wire::RevealReply reply{id, ask.field, "", 0};
        // Read and audit in one transaction: the value returned is the value the audit event says was shown.
        ctx.db.write([&](SQLite::Database& db) {
            auto e = store::get_elder(db, id);
            if (!e || !may_read_elder(user.viewer(), *e, false)) { found = false; return; }
            reply.value = value_of(*e, ask.field);
            reply.audit_id = store::append_audit(db, {0, now, user.user.id, user.user.username, "elder", id, "reveal",
                                     {{"field", ask.field}}, ask.reason});
        }, store::Database::Touches::SessionsOnly);
        if (!found) fail(404, "not_found", "未找到编号为 " + std::to_string(id) + " 的服务对象");
        reply_json(res, 200, reply);
    });
}

}  // namespace yiyang::http
