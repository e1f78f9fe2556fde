// /api/v1/orders and /api/v1/dispatch/candidates: create, search (scoped by role, with SLA clocks), read with
// the actions the viewer may take, lifecycle transitions (shared apply(); order + audit event in one
// transaction with a version check), history, and ranked dispatch candidates. The domain decides every rule.
#include <algorithm>

#include "app/clocks.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "store/audit.hpp"
#include "store/elders.hpp"
#include "store/live.hpp"   // user_display_name
#include "store/orders.hpp"
#include "store/reference.hpp"
#include "yiyang/dispatch.hpp"
#include "yiyang/order_lifecycle.hpp"

namespace yiyang::http {
namespace {

constexpr std::int64_t kOverdueScanLimit = 5000;   // orders a list with the overdue filter may examine

std::size_t utf8_length(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool may_see(const AuthUser& u, const WorkOrder& o) {
    switch (u.user.role) {
        case Role::Admin: case Role::Supervisor: case Role::Agent: return true;
        case Role::Town: return u.user.town_id && o.town_id == *u.user.town_id;
        case Role::Provider: return u.user.provider_id && o.provider_id && *o.provider_id == *u.user.provider_id;
        case Role::Kiosk: return false;
    }
    return false;
}

json order_json(const store::StoredOrder& s, const std::vector<SlaClock>& clocks) {
    json j = s.order;
    j["version"] = s.version;
    j["clocks"] = clocks;
    j["overdue"] = is_overdue(clocks);
    return j;
}

// OrderReply: the order with its clocks and the actions this viewer may take.
json order_reply(const store::StoredOrder& s, const std::vector<SlaClock>& clocks, const AuthUser& u) {
    json actions = json::array();
    for (auto a : legal_actions(s.order, u.viewer())) actions.push_back(code(a));
    return {{"order", order_json(s, clocks)}, {"legal_actions", actions}};
}

// An order without a single lifecycle event was loaded, not worked here (demo city, imports): its clocks come
// from the timestamps its record holds (shared clocks_for → record_clocks); steps with no time get no clock.
json order_reply(app::AppContext& ctx, SQLite::Database& db, const store::StoredOrder& s, const AuthUser& u) {
    return order_reply(s, app::clocks_of_orders(ctx, db, std::vector<store::StoredOrder>{s}, ctx.now()).front(), u);
}

bool reply_scope_refusal(httplib::Response& res, const AuthUser& u, const WorkOrder& o) {
    if (may_see(u, o)) return false;
    reply_error(res, 403, "forbidden", "无权查看或处理该工单（" + o.code + "）");
    return true;
}

// The order named in the path, if it exists and the viewer may see it; otherwise the 404/403 is sent.
std::optional<store::StoredOrder> visible_order(SQLite::Database& db, Id id, httplib::Response& res,
                                                const AuthUser& u) {
    auto s = store::get_order(db, id);
    if (!s) {
        reply_error(res, 404, "not_found", "未找到编号为 " + std::to_string(id) + " 的工单");
        return std::nullopt;
    }
    if (reply_scope_refusal(res, u, s->order)) return std::nullopt;
    return s;
}

std::map<Id, std::string> town_names(SQLite::Database& db) {
    std::map<Id, std::string> out;
    for (const auto& t : store::all_towns(db)) out[t.id] = t.name;
    return out;
}

// A new order from the body: every problem becomes a field error with a Chinese message.
std::vector<FieldError> order_from_request(SQLite::Database& db, const json& body, WorkOrder& o) {
    static const std::set<std::string> known = {"channel", "type", "categories", "elder_id", "town_id", "urgency",
                                                "description"};
    std::vector<FieldError> errors;
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.count(it.key())) errors.push_back({it.key(), "unknown", "不认识的字段：" + it.key()});
    }
    auto enum_field = [&](const char* key, const char* label, auto parse, auto& out, bool required) {
        if (!body.contains(key) || body[key].is_null()) {
            if (required) errors.push_back({key, "required", std::string("请填写") + label});
            return;
        }
        if (!body[key].is_string()) { errors.push_back({key, "type", std::string(label) + "应为文本代码"}); return; }
        const auto v = body[key].get<std::string>();
        if (auto parsed = parse(v)) out = *parsed;
        else errors.push_back({key, "invalid", std::string(label) + "的取值无效：" + v});
    };
    bool has_type = false;
    {
        std::optional<OrderType> t;
        enum_field("type", "工单类型", &parse_OrderType, t, true);
        if (t) { o.type = *t; has_type = true; }
    }
    enum_field("channel", "来源渠道", &parse_Channel, o.channel, true);
    o.urgency = o.type == OrderType::Emergency ? Urgency::Emergency : Urgency::Normal;
    enum_field("urgency", "紧急程度", &parse_Urgency, o.urgency, false);

    if (body.contains("categories") && !body["categories"].is_null()) {
        if (!body["categories"].is_array()) {
            errors.push_back({"categories", "type", "服务类别应为代码列表"});
        } else {
            for (const auto& c : body["categories"]) {
                auto parsed = c.is_string() ? parse_ServiceCategory(c.get<std::string>()) : std::nullopt;
                if (parsed) o.categories.insert(*parsed);
                else errors.push_back({"categories", "invalid", "服务类别取值无效：" + shown_value(c)});
            }
        }
    }
    if (has_type && (o.type == OrderType::Booking || o.type == OrderType::Referral) && o.categories.empty()) {
        errors.push_back({"categories", "required", std::string(label_zh(o.type)) + "工单至少选择一个服务类别"});
    }
    if (body.contains("description") && !body["description"].is_null()) {
        if (!body["description"].is_string()) errors.push_back({"description", "type", "诉求描述应为文本"});
        else o.description = body["description"].get<std::string>();
        if (utf8_length(o.description) > 2000) errors.push_back({"description", "too_long", "诉求描述最多 2000 字"});
    }

    auto id_field = [&](const char* key, const char* label) -> std::optional<Id> {
        if (!body.contains(key) || body[key].is_null()) return std::nullopt;
        if (!body[key].is_number_integer() || body[key].get<std::int64_t>() <= 0) {
            errors.push_back({key, "type", std::string(label) + "应为正整数编号"});
            return std::nullopt;
        }
        return body[key].get<Id>();
    };
    // null is the same as leaving the field out (a wrong type was reported by id_field already).
    auto given = [&](const char* key) { return body.contains(key) && !body[key].is_null(); };
    const auto elder_id = id_field("elder_id", "服务对象编号");
    const auto town_id = id_field("town_id", "镇街编号");
    const bool elder_optional = !elder_required(o.type);
    if (elder_id) {
        auto e = store::get_elder(db, *elder_id);
        if (!e) {
            errors.push_back({"elder_id", "not_found", "未找到编号为 " + std::to_string(*elder_id) + " 的服务对象"});
        } else {
            o.elder_id = e->id;
            o.town_id = e->town_id;
            if (town_id && *town_id != e->town_id) {
                errors.push_back({"town_id", "inconsistent", "镇街与服务对象所在镇街不一致"});
            }
        }
    } else if (has_type && !elder_optional && !given("elder_id")) {
        errors.push_back({"elder_id", "required", std::string(label_zh(o.type)) + "工单必须选择服务对象"});
    }
    if (!elder_id && town_id) {
        if (!store::town_ids(db).count(*town_id)) {
            errors.push_back({"town_id", "not_found", "未找到编号为 " + std::to_string(*town_id) + " 的镇街"});
        } else {
            o.town_id = *town_id;
        }
    } else if (!elder_id && !town_id && !given("town_id")) {
        errors.push_back({"town_id", "required", "请选择所属镇街（或选择服务对象）"});
    }
    return errors;
}

json created_changes(const WorkOrder& o) {
    json j = o;
    json out = json::object();
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (!it.value().is_null()) out[it.key()] = json::array({nullptr, it.value()});
    }
    return out;
}

struct TransitionBody {
    TransitionRequest req;
    std::optional<Id> town_id;
    std::optional<std::int64_t> version;
};

// Parses {"action","reason","provider_id","town_id","satisfaction","evidence","version"}; 422 on problems.
bool read_transition(const json& body, httplib::Response& res, TransitionBody& out) {
    static const std::set<std::string> known = {"action", "reason", "provider_id", "town_id", "satisfaction",
                                                "evidence", "version"};
    std::vector<FieldError> errors;
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.count(it.key())) errors.push_back({it.key(), "unknown", "不认识的字段：" + it.key()});
    }
    const auto action_text = body.contains("action") && body["action"].is_string() ? body["action"].get<std::string>() : "";
    if (auto a = parse_OrderAction(action_text)) out.req.action = *a;
    else if (action_text.empty()) errors.push_back({"action", "required", "请指定要执行的操作（action）"});
    else errors.push_back({"action", "invalid", "未知的操作：" + action_text});
    if (body.contains("reason") && !body["reason"].is_null()) {
        if (!body["reason"].is_string()) errors.push_back({"reason", "type", "原因应为文本"});
        else out.req.reason = body["reason"].get<std::string>();
        if (utf8_length(out.req.reason) > 500) errors.push_back({"reason", "too_long", "原因最多 500 字"});
    }
    auto int_field = [&](const char* key, const char* label, std::optional<std::int64_t>& v) {
        if (!body.contains(key) || body[key].is_null()) return;
        if (!body[key].is_number_integer()) { errors.push_back({key, "type", std::string(label) + "应为整数"}); return; }
        v = body[key].get<std::int64_t>();
    };
    std::optional<std::int64_t> provider, town, satisfaction;
    int_field("provider_id", "服务商编号", provider);
    int_field("town_id", "镇街编号", town);
    int_field("satisfaction", "满意度", satisfaction);
    int_field("version", "版本号", out.version);
    out.req.provider_id = provider;
    out.town_id = town;
    if (satisfaction) {
        if (*satisfaction < 1 || *satisfaction > 5) {
            errors.push_back({"satisfaction", "range", "满意度应为 1 到 5：1 非常满意、2 比较满意、3 基本满意、4 不太满意、5 很不满意"});
        } else {
            out.req.satisfaction = static_cast<int>(*satisfaction);
        }
    }
    if (body.contains("evidence") && !body["evidence"].is_null()) {
        try {
            if (!body["evidence"].is_object()) throw std::invalid_argument("not an object");
            out.req.evidence = body["evidence"].get<ServiceEvidence>();
        } catch (const std::exception&) {
            errors.push_back({"evidence", "format",
                              "服务凭证格式错误：需要 caregiver（服务人员）、from / to（服务时间，YYYY-MM-DDTHH:MM:SS）、"
                              "place（服务地点），photo_refs 可选（文本列表）"});
        }
    }
    if (!errors.empty()) {
        reply_error(res, 422, "validation", "操作请求未通过校验：" + errors.front().message_zh, errors);
        return false;
    }
    return true;
}

const char* field_of(const std::string& error_code) {
    if (error_code == "missing_reason") return "reason";
    if (error_code == "missing_provider") return "provider_id";
    if (error_code == "missing_evidence" || error_code == "bad_evidence") return "evidence";
    if (error_code == "bad_satisfaction") return "satisfaction";
    return "";
}

bool parse_bool(const std::string& v, bool& out) {
    if (v == "true" || v == "1") { out = true; return true; }
    if (v == "false" || v == "0") { out = false; return true; }
    return false;
}

}  // namespace

void register_order_routes(Router& r, app::AppContext& ctx) {
    const json list_params = {
        query_param("status", "string", "order status code"), query_param("type", "string", "order type code"),
        query_param("channel", "string", "channel code"), query_param("town", "integer", "town id"),
        query_param("provider", "integer", "provider id"), query_param("elder", "integer", "elder id"),
        query_param("period", "string", "created in: 2026-11, 2026-Q4 or 2026"),
        query_param("overdue", "boolean", "only orders with (true) / without (false) a running clock past due"),
        query_param("sort", "string", "created_at | id, '-' prefix = descending (default -created_at)"),
        query_param("page", "integer", "1-based page"), query_param("page_size", "integer", "1..200, default 20")};

    r.add({"GET", "/api/v1/orders", "Search work orders (scoped by role; each with its SLA clocks)", "orders",
           needs(Permission::ReadOrders, "town: own town; provider: own orders"), list_params, "", "OrderPage"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        store::OrderQuery q;
        std::optional<std::int64_t> town, provider, elder, page, page_size;
        if (!query_int(req, res, "town", 1, 1'000'000'000, town) ||
            !query_int(req, res, "provider", 1, 1'000'000'000, provider) ||
            !query_int(req, res, "elder", 1, 1'000'000'000'000, elder) ||
            !query_int(req, res, "page", 1, 1'000'000, page) || !query_int(req, res, "page_size", 1, 200, page_size) ||
            !query_enum(req, res, "status", &parse_OrderStatus, q.status) ||
            !query_enum(req, res, "type", &parse_OrderType, q.type) ||
            !query_enum(req, res, "channel", &parse_Channel, q.channel)) {
            return;
        }
        q.town = town;
        q.provider = provider;
        q.elder = elder;
        q.page = static_cast<int>(page.value_or(1));
        q.page_size = static_cast<int>(page_size.value_or(20));
        if (auto p = req.get_param_value("period"); !p.empty()) {
            q.created = parse_period(p);
            if (!q.created) return reply_bad_query(res, "period", "应为 2026-11、2026-Q4 或 2026", p);
        }
        if (auto s = req.get_param_value("sort"); !s.empty()) {
            q.descending = s[0] == '-';
            const auto field = q.descending ? s.substr(1) : s;
            const auto& allowed = store::order_sort_fields();
            if (std::find(allowed.begin(), allowed.end(), field) == allowed.end()) {
                return reply_bad_query(res, "sort", "只能是 created_at 或 id（前缀 - 表示倒序）", s);
            }
            q.sort = field;
        }
        std::optional<bool> want_overdue;
        if (auto v = req.get_param_value("overdue"); !v.empty()) {
            bool b = false;
            if (!parse_bool(v, b)) return reply_bad_query(res, "overdue", "应为 true 或 false", v);
            want_overdue = b;
        }
        if (user.user.role == Role::Town) {
            if (q.town && q.town != user.user.town_id) return reply_error(res, 403, "forbidden", "镇街用户只能查看本镇街的工单");
            q.town = user.user.town_id;
        }
        if (user.user.role == Role::Provider) {
            if (q.provider && q.provider != user.user.provider_id) {
                return reply_error(res, 403, "forbidden", "服务商用户只能查看派给本服务商的工单");
            }
            q.provider = user.user.provider_id;
        }
        auto& db = ctx.db.reader();
        const auto now = ctx.now();
        json items = json::array();
        std::int64_t total = 0;
        if (!want_overdue) {
            total = store::count_orders(db, q);
            const auto found = store::find_orders(db, q);
            const auto clocks = app::clocks_of_orders(ctx, db, found, now);
            for (std::size_t i = 0; i < found.size(); ++i) items.push_back(order_json(found[i], clocks[i]));
        } else {
            // Overdue is a property of the clocks, computed by the domain: scan the filtered orders, then page.
            if (*want_overdue) q.only_open = true;
            if (store::count_orders(db, q) > kOverdueScanLimit) {
                return reply_error(res, 400, "bad_query", "按是否逾期筛选时最多检查 " + std::to_string(kOverdueScanLimit) +
                                                              " 张工单，请再加上状态、镇街或时间段等条件");
            }
            // The scan reads what the clocks need; the page's own orders are then read whole.
            auto scan = q;
            scan.page_size = 0;
            scan.light = true;
            const std::int64_t first = static_cast<std::int64_t>(q.page - 1) * q.page_size;
            const auto all = store::find_orders(db, scan);
            const auto clocks = app::clocks_of_orders(ctx, db, all, now);
            std::vector<std::size_t> on_page;
            for (std::size_t i = 0; i < all.size(); ++i) {
                if (is_overdue(clocks[i]) != *want_overdue) continue;
                if (total >= first && total < first + q.page_size) on_page.push_back(i);
                ++total;
            }
            std::vector<Id> page_ids;
            for (auto i : on_page) page_ids.push_back(all[i].order.id);
            const auto whole = store::get_orders(db, page_ids);
            for (auto i : on_page) {
                if (auto it = whole.find(all[i].order.id); it != whole.end()) items.push_back(order_json(it->second, clocks[i]));
            }
        }
        reply_json(res, 200, {{"items", items}, {"total", total}, {"page", q.page}, {"page_size", q.page_size}});
    });

    r.add({"POST", "/api/v1/orders", "Register a work order (工单受理)", "orders", needs(Permission::CreateOrders), {},
           "OrderCreate", "OrderReply", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto body = json_body(req, res);
        if (!body) return;
        WorkOrder o;
        auto errors = order_from_request(ctx.db.reader(), *body, o);
        if (!errors.empty()) {
            return reply_error(res, 422, "validation", "工单信息未通过校验：" + errors.front().message_zh, errors);
        }
        const auto now = ctx.now();
        o.status = OrderStatus::Received;
        o.created_at = now;
        ctx.db.write([&](SQLite::Database& db) {
            store::insert_order(db, o);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "work_order", o.id, "create",
                                     created_changes(o), ""});
        });
        // The reply is built from what was just written (version 1, no lifecycle event yet): no read-back.
        const std::vector<store::StoredOrder> written{{o, 1}};
        reply_json(res, 201, order_reply(written.front(), app::clocks_of_orders(ctx, ctx.db.reader(), written, now).front(), user));
    });

    r.add({"GET", "/api/v1/orders/{id}", "One work order with its clocks and the actions the viewer may take",
           "orders", needs(Permission::ReadOrders, "town: own town; provider: own orders"), {}, "", "OrderReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto id = path_id(req, res);
        if (!id) return;
        auto& db = ctx.db.reader();
        auto s = visible_order(db, *id, res, user);
        if (!s) return;
        reply_json(res, 200, order_reply(ctx, db, *s, user));
    });

    r.add({"POST", "/api/v1/orders/{id}/transitions", "Apply a lifecycle action (dispatch, accept, complete, ...)",
           "orders", needs(Permission::ActOnOrders, "each action's roles: shared/include/yiyang/order_lifecycle.hpp"), {}, "Transition", "OrderReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto id = path_id(req, res);
        if (!id) return;
        auto body = json_body(req, res);
        if (!body) return;
        TransitionBody t;
        if (!read_transition(*body, res, t)) return;
        const auto now = ctx.now();
        // Outcome of the write, replied after the transaction (committed or rolled back).
        int status = 200;
        std::string err_code, err_message;
        std::vector<FieldError> fields;
        ctx.db.write([&](SQLite::Database& db) {
            auto fail = [&](int s, std::string c, std::string m) { status = s; err_code = std::move(c); err_message = std::move(m); };
            auto stored = store::get_order(db, *id);
            if (!stored) return fail(404, "not_found", "未找到编号为 " + std::to_string(*id) + " 的工单");
            if (!may_see(user, stored->order)) return fail(403, "forbidden", "无权查看或处理该工单（" + stored->order.code + "）");
            if (t.version && *t.version != stored->version) {
                return fail(409, "version_conflict", "该工单已被他人处理（版本 " + std::to_string(stored->version) +
                                                         "），请刷新后再操作");
            }
            const auto a = t.req.action;
            if (a == OrderAction::DispatchProvider && t.req.provider_id) {
                auto providers = store::find_providers(db, {std::nullopt, std::nullopt, std::nullopt, t.req.provider_id});
                if (providers.empty()) {
                    fields.push_back({"provider_id", "not_found", "未找到编号为 " + std::to_string(*t.req.provider_id) + " 的服务商"});
                    return fail(422, "validation", fields.back().message_zh);
                }
                if (auto why = ineligibility_zh(stored->order, providers.front(), town_names(db))) {
                    fields.push_back({"provider_id", "ineligible", "不能派给" + providers.front().name + "：" + *why});
                    return fail(422, "ineligible_provider", fields.back().message_zh);
                }
            }
            if (a == OrderAction::DispatchTown && t.town_id && *t.town_id != stored->order.town_id) {
                fields.push_back({"town_id", "inconsistent", "派单给镇街只能派给工单所属镇街"});
                return fail(422, "validation", fields.back().message_zh);
            }
            auto result = apply(stored->order, t.req, user.viewer(), now);
            if (!result.ok()) {
                const auto& e = *result.error;
                // A second acknowledge names the seat that already took the SOS (the domain knows only its id).
                if (e.code == "already_acknowledged" && stored->order.acknowledged_by && stored->order.acknowledged_at) {
                    const auto who = store::user_display_name(db, *stored->order.acknowledged_by);
                    return fail(409, e.code, "该紧急求助已由" + (who.empty() ? std::string("其他坐席") : who) + "于 " +
                                                 format_timestamp(*stored->order.acknowledged_at) + " 确认，无需重复确认");
                }
                if (e.http_status == 422 && *field_of(e.code)) fields.push_back({field_of(e.code), e.code, e.message_zh});
                return fail(e.http_status, e.code, e.message_zh);
            }
            if (!store::update_order(db, *result.order, stored->version)) {
                return fail(409, "version_conflict", "该工单已被他人处理，请刷新后再操作");
            }
            if (a == OrderAction::Complete && t.req.evidence) store::insert_evidence(db, *id, *t.req.evidence, now);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "work_order", *id, code(a),
                                     store::lifecycle_changes(*result.event), result.event->reason});
        });
        if (status != 200) return reply_error(res, status, err_code, err_message, fields);
        auto& db = ctx.db.reader();
        reply_json(res, 200, order_reply(ctx, db, *store::get_order(db, *id), user));
    });

    r.add({"GET", "/api/v1/orders/{id}/history", "Audit events of one work order, oldest first", "orders",
           needs(Permission::ReadOrders, "as GET /api/v1/orders/{id}"), {}, "", "AuditList"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        auto id = path_id(req, res);
        if (!id) return;
        auto& db = ctx.db.reader();
        auto s = visible_order(db, *id, res, user);
        if (!s) return;
        auto events = store::audit_for(db, "work_order", *id, 1000);
        std::reverse(events.begin(), events.end());
        json out = json::array();
        for (const auto& e : events) out.push_back(e);
        reply_json(res, 200, {{"events", out}});
    });

    r.add({"GET", "/api/v1/dispatch/candidates", "Providers ranked for an order, with the excluded ones and why",
           "orders", needs(Permission::RankProviders), {query_param("order", "integer", "work order id (required)")}, "",
           "Candidates"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        std::optional<std::int64_t> order_id;
        if (!query_int(req, res, "order", 1, 1'000'000'000'000, order_id)) return;
        if (!order_id) return reply_error(res, 400, "bad_query", "缺少查询参数 order（工单编号）", {{"order", "required", "缺少查询参数 order（工单编号）"}});
        auto& db = ctx.db.reader();
        auto s = store::get_order(db, *order_id);
        if (!s) return reply_error(res, 404, "not_found", "未找到编号为 " + std::to_string(*order_id) + " 的工单");
        const auto names = town_names(db);
        GeoPoint home;
        if (s->order.elder_id) {
            if (auto e = store::get_elder(db, *s->order.elder_id)) home = e->home;
        }
        if (home == GeoPoint{}) {
            for (const auto& t : store::all_towns(db)) if (t.id == s->order.town_id) home = t.centre;
        }
        const auto& weights = ctx.rules().weights_on(date_of(ctx.now()));
        auto ranked = rank_candidates(s->order, home, store::find_providers(db, {}), store::open_loads(db), weights, names);
        json list = json::array();
        int eligible = 0;
        for (const auto& c : ranked) {
            list.push_back(c);
            if (c.eligible) ++eligible;
        }
        reply_json(res, 200, {{"order_id", s->order.id}, {"order_code", s->order.code}, {"weights_version", weights.version},
                              {"eligible", eligible}, {"candidates", list}});
    });
}

}  // namespace yiyang::http
