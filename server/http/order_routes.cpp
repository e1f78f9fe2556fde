// /api/v1/orders and /api/v1/dispatch/candidates: create, search (scoped by role, with SLA clocks), read with
// the actions the viewer may take, lifecycle transitions (shared apply(); order + audit event in one
// transaction with a version check), history, and ranked dispatch candidates. The domain decides every rule
// (order_lifecycle, order_request, dispatch); the replies are the structs of shared wire/orders.hpp.
#include <algorithm>

#include "app/clocks.hpp"
#include "http/common.hpp"
#include "http/lists.hpp"
#include "http/routes.hpp"
#include "store/audit.hpp"
#include "store/elders.hpp"
#include "store/kpi_inputs.hpp"   // town_name
#include "store/live.hpp"   // user_display_name
#include "store/orders.hpp"
#include "store/reference.hpp"
#include "yiyang/dispatch.hpp"
#include "yiyang/identity.hpp"
#include "yiyang/order_lifecycle.hpp"
#include "yiyang/order_request.hpp"
#include "yiyang/wire/orders.hpp"
#include "yiyang/wire/queues.hpp"
#include "yiyang/work_queues.hpp"

namespace yiyang::http {
namespace {

constexpr std::int64_t kOverdueScanLimit = 5000;   // orders a list with the overdue filter may examine

wire::OrderView order_view(const store::StoredOrder& s, std::vector<SlaClock> clocks) {
    const bool overdue = is_overdue(clocks);
    return {s.order, s.version, std::move(clocks), overdue};
}

void describe_complaint_links(SQLite::Database& db, std::vector<wire::OrderView>& views);
std::vector<wire::ComplaintRef> complaints_about(SQLite::Database& db, Id order_id, const AuthUser& u);

// OrderReply: the order with its clocks and the actions this viewer may take; for a complaint what it is
// about, for any other order the complaints about it.
wire::OrderReply order_reply(SQLite::Database& db, const store::StoredOrder& s, std::vector<SlaClock> clocks,
                             const AuthUser& u) {
    std::vector<wire::OrderView> one{order_view(s, std::move(clocks))};
    describe_complaint_links(db, one);
    wire::OrderReply out{std::move(one.front()), legal_actions(s.order, u.viewer()), {}};
    if (s.order.type != OrderType::Complaint) out.complaints = complaints_about(db, s.order.id, u);
    return out;
}

// An order without a single lifecycle event was loaded, not worked here (demo city, imports): its clocks come
// from the timestamps its record holds (shared clocks_for → record_clocks); steps with no time get no clock.
wire::OrderReply order_reply(app::AppContext& ctx, SQLite::Database& db, const store::StoredOrder& s,
                             const AuthUser& u) {
    return order_reply(db, s, app::clocks_of_orders(ctx, db, std::vector<store::StoredOrder>{s}, ctx.now()).front(), u);
}

[[noreturn]] void fail_order_not_found(Id id) { fail_not_found("编号为 " + std::to_string(id) + " 的工单"); }

// The order named in the path if it exists and the viewer may see it; else 404 / 403 is thrown.
store::StoredOrder visible_order(SQLite::Database& db, Id id, const AuthUser& u) {
    auto s = store::get_order(db, id);
    if (!s) fail_order_not_found(id);
    if (!may_see_order(u.viewer(), s->order)) fail(403, "forbidden", "无权查看或处理该工单（" + s->order.code + "）");
    return std::move(*s);
}

std::map<Id, std::string> town_names(SQLite::Database& db) {
    std::map<Id, std::string> out;
    for (const auto& t : store::all_towns(db)) out[t.id] = t.name;
    return out;
}

// The earlier order a complaint names, by id or by code (ComplaintLinkCheck / OrderRequestCheck members); a
// name that finds nothing is a field error. nullopt when none is named or it was not found.
std::optional<WorkOrder> earlier_order(SQLite::Database& db, std::optional<Id> id, const std::string& code,
                                       std::vector<FieldError>& errors) {
    if (id) {
        if (auto s = store::get_order(db, *id)) return s->order;
        errors.push_back({"about_order_id", "not_found", "未找到编号为 " + std::to_string(*id) + " 的被投诉工单"});
    } else if (!code.empty()) {
        if (auto s = store::get_order_by_code(db, code)) return s->order;
        errors.push_back({"about_order_code", "not_found", "未找到工单号为 " + code + " 的被投诉工单"});
    }
    return std::nullopt;
}

// What a complaint is about, checked against the database and the shared rules (check_complaint_link); on
// success `o` carries the earlier order and the provider (named, or the earlier order's).
void link_complaint_target(SQLite::Database& db, WorkOrder& o, std::optional<Id> order_id, const std::string& order_code,
                           std::optional<Id> provider_id, std::vector<FieldError>& errors) {
    const auto before = errors.size();
    auto earlier = earlier_order(db, order_id, order_code, errors);
    if (provider_id && !store::provider_exists(db, *provider_id)) {
        errors.push_back({"about_provider_id", "not_found", "未找到编号为 " + std::to_string(*provider_id) + " 的服务商"});
    }
    if (errors.size() != before) return;
    const auto field = order_code.empty() ? "about_order_id" : "about_order_code";
    auto problems = check_complaint_link(o, earlier ? &*earlier : nullptr, provider_id, field);
    if (!problems.empty()) {
        errors.insert(errors.end(), problems.begin(), problems.end());
        return;
    }
    o.about_order_id = earlier ? std::optional<Id>(earlier->id) : std::nullopt;
    o.about_provider_id = complaint_provider(earlier ? &*earlier : nullptr, provider_id);
}

// A new order from the body: the shared checks (validate_order_request), then what only the database knows —
// the elder and the town exist, and agree; a complaint's earlier order and provider exist and fit. Every
// problem is a field error; 422 with all of them.
WorkOrder order_from_request(SQLite::Database& db, const json& body, LocalSeconds now) {
    auto check = validate_order_request(body);
    auto& errors = check.errors;
    WorkOrder o = std::move(check.order);
    if (check.elder_id) {
        if (auto e = store::get_elder(db, *check.elder_id); !e) {
            errors.push_back({"elder_id", "not_found", "未找到编号为 " + std::to_string(*check.elder_id) + " 的服务对象"});
        } else {
            o.elder_id = e->id;
            o.town_id = e->town_id;
            if (check.town_id && *check.town_id != e->town_id) {
                errors.push_back({"town_id", "inconsistent", "镇街与服务对象所在镇街不一致"});
            }
        }
    } else if (check.town_id) {
        if (!store::town_ids(db).count(*check.town_id)) {
            errors.push_back({"town_id", "not_found", "未找到编号为 " + std::to_string(*check.town_id) + " 的镇街"});
        } else {
            o.town_id = *check.town_id;
        }
    }
    if (errors.empty() && o.type == OrderType::Complaint) {
        o.created_at = now;   // the earlier order must precede it
        link_complaint_target(db, o, check.about_order_id, check.about_order_code, check.about_provider_id, errors);
    }
    if (!errors.empty()) fail(422, "validation", "工单信息未通过校验：" + errors.front().message_zh, errors);
    return o;
}

// A complaint's view names what it is about (the earlier order's code, the provider's name): one lookup per
// linked complaint on the page (a page has at most 200 rows, few of them complaints).
void describe_complaint_links(SQLite::Database& db, std::vector<wire::OrderView>& views) {
    std::vector<Id> ids;
    for (const auto& v : views) if (v.order.about_order_id) ids.push_back(*v.order.about_order_id);
    const auto earlier = store::get_orders(db, ids);
    std::map<Id, std::string> names;
    for (auto& v : views) {
        if (v.order.about_order_id) {
            if (auto it = earlier.find(*v.order.about_order_id); it != earlier.end()) v.about_order_code = it->second.order.code;
        }
        if (const auto p = v.order.about_provider_id) {
            if (!names.count(*p)) names[*p] = store::provider_name(db, *p).value_or("");
            v.about_provider_name = names[*p];
        }
    }
}

// The complaints about this order (相关投诉) that the viewer may see: a provider sees none (the complainant's
// words are not handed to the party complained about; the supervisor passes on what is to be rectified).
std::vector<wire::ComplaintRef> complaints_about(SQLite::Database& db, Id order_id, const AuthUser& u) {
    std::vector<wire::ComplaintRef> out;
    store::OrderQuery q;
    q.about_order = order_id;
    q.sort = "id";
    q.descending = false;
    q.page_size = 200;
    for (const auto& c : store::find_orders(db, q)) {
        if (!may_see_order(u.viewer(), c.order)) continue;
        out.push_back({c.order.id, c.order.code, c.order.status, c.order.created_at, c.order.complaint_valid});
    }
    return out;
}

json created_changes(const WorkOrder& o) {
    json j = o;
    json out = json::object();
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (!it.value().is_null()) out[it.key()] = json::array({nullptr, it.value()});
    }
    return out;
}

// What only the database knows about a transition, checked inside the writer's transaction before apply():
// the provider of a dispatch exists and may take the order; a dispatch to a town names the order's own.
void check_transition_targets(SQLite::Database& db, const store::StoredOrder& stored, const TransitionCheck& t) {
    const auto a = t.request.action;
    if (a == OrderAction::DispatchProvider && t.request.provider_id) {
        auto providers = store::find_providers(db, {std::nullopt, std::nullopt, std::nullopt, t.request.provider_id});
        if (providers.empty()) {
            const FieldError e{"provider_id", "not_found",
                               "未找到编号为 " + std::to_string(*t.request.provider_id) + " 的服务商"};
            fail(422, "validation", e.message_zh, {e});
        }
        if (auto why = ineligibility_zh(stored.order, providers.front(), town_names(db))) {
            const FieldError e{"provider_id", "ineligible", "不能派给" + providers.front().name + "：" + *why};
            fail(422, "ineligible_provider", e.message_zh, {e});
        }
    }
    if (a == OrderAction::DispatchTown && t.town_id && *t.town_id != stored.order.town_id) {
        const FieldError e{"town_id", "inconsistent", "派单给镇街只能派给工单所属镇街"};
        fail(422, "validation", e.message_zh, {e});
    }
}

// apply()'s refusal as the reply: a second acknowledge names the seat that already took the SOS (the domain
// knows only its id); a 422 names the request field it is about.
[[noreturn]] void fail_transition(SQLite::Database& db, const WorkOrder& order, const TransitionError& e) {
    if (e.code == "already_acknowledged" && order.acknowledged_by && order.acknowledged_at) {
        const auto who = store::user_display_name(db, *order.acknowledged_by);
        fail(409, e.code, "该紧急求助已由" + (who.empty() ? std::string("其他坐席") : who) + "于 " +
                              format_timestamp(*order.acknowledged_at) + " 确认，无需重复确认");
    }
    std::vector<FieldError> fields;
    if (e.http_status == 422 && *transition_error_field(e.code)) {
        fields.push_back({transition_error_field(e.code), e.code, e.message_zh});
    }
    fail(e.http_status, e.code, e.message_zh, std::move(fields));
}

std::optional<bool> query_bool(const httplib::Request& req, const char* name) {
    const auto v = req.get_param_value(name);
    if (v.empty()) return std::nullopt;
    if (v == "true" || v == "1") return true;
    if (v == "false" || v == "0") return false;
    fail_bad_query(name, "应为 true 或 false", v);
}

// What the list's search box (q=) names: an order code, or a part of one ("GD2026120400", "202612040001"); a
// whole mobile number (the elder's phone: an exact lookup, audited, as the caller lookup — never a fragment,
// which would give masked digits back one query at a time); or any part of the elder's name (>= 2 characters;
// every role that reads orders sees names in full). Anything else with digits is refused.
struct OrderSearch {
    std::string code_prefix;
    std::string elder_name;
    std::string phone;
};
OrderSearch parse_order_search(std::string text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.erase(text.begin());
    OrderSearch out;
    if (text.empty()) return out;
    if (text.size() > 60) fail_bad_query("q", "最多 60 字节", text.substr(0, 60));
    std::string upper = text;
    for (auto& c : upper) if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const auto all_digits = [](std::string_view v) {
        return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (upper.rfind("GD", 0) == 0 && (upper.size() == 2 || all_digits(std::string_view(upper).substr(2)))) {
        out.code_prefix = upper;
    } else if (all_digits(upper) && check_mobile(upper).ok) {
        out.phone = upper;
    } else if (all_digits(upper)) {
        out.code_prefix = "GD" + upper;
    } else if (std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        fail(400, "bad_query", "工单查找请输入工单编号（如 GD202612040001）、老人的完整11位手机号或老人姓名中的至少两个字",
             {{"q", "bad_value", "不能按号码片段查找"}});
    } else {
        std::size_t chars = 0;
        for (unsigned char c : text) if ((c & 0xC0) != 0x80) ++chars;
        if (chars < 2) {
            fail(400, "bad_query", "按老人姓名查找工单请至少输入两个字", {{"q", "too_short", "请至少输入两个字"}});
        }
        out.elder_name = text;
    }
    return out;
}

// The caller's scope as the home screen names it: 全市, or the user's own town / provider.
wire::QueueCounts queue_scope(SQLite::Database& db, const AuthUser& user) {
    wire::QueueCounts out{"city", "全市", {}};
    if (user.user.role == Role::Town && user.user.town_id) {
        out.scope = "town";
        out.scope_label = "本镇街（" + store::town_name(db, *user.user.town_id).value_or("") + "）";
    } else if (user.user.role == Role::Provider && user.user.provider_id) {
        out.scope = "provider";
        auto p = store::find_providers(db, {std::nullopt, std::nullopt, std::nullopt, user.user.provider_id});
        out.scope_label = "本服务商（" + (p.empty() ? std::string() : p.front().name) + "）";
    }
    return out;
}

}  // namespace

wire::OrderPage list_orders(app::AppContext& ctx, const httplib::Request& req, const AuthUser& user, bool export_all) {
    store::OrderQuery q;
    q.town = query_int(req, "town", 1, 1'000'000'000);
    q.provider = query_int(req, "provider", 1, 1'000'000'000);
    q.elder = query_int(req, "elder", 1, 1'000'000'000'000);
    q.about_order = query_int(req, "about_order", 1, 1'000'000'000'000);
    q.about_provider = query_int(req, "about_provider", 1, 1'000'000'000);
    const Paging paging = read_paging(req, export_all);
    q.page = paging.page;
    q.page_size = paging.page_size;
    q.status = query_enum(req, "status", &parse_OrderStatus);
    q.type = query_enum(req, "type", &parse_OrderType);
    q.channel = query_enum(req, "channel", &parse_Channel);
    if (auto p = req.get_param_value("period"); !p.empty()) {
        q.created = parse_period(p);
        if (!q.created) fail_bad_query("period", "应为 2026-11、2026-Q4 或 2026", p);
    }
    // A date range (the list's date pickers), days inclusive; with or without a period.
    for (const auto& [name, day] : {std::pair{"from", &q.created_from}, std::pair{"to", &q.created_to}}) {
        if (auto v = req.get_param_value(name); !v.empty()) {
            *day = parse_date(v);
            if (!*day) fail_bad_query(name, "应为日期，如 2026-12-04", v);
        }
    }
    if (q.created_from && q.created_to && *q.created_to < *q.created_from) {
        fail(400, "bad_query", "受理日期的结束日（to）早于开始日（from）：" + format_date(*q.created_to) + " < " +
                                   format_date(*q.created_from),
             {{"to", "range", "结束日期不能早于开始日期"}});
    }
    const auto sort = query_sort(req, store::order_sort_fields(), {q.sort, q.descending});
    q.sort = sort.key;
    q.descending = sort.descending;
    const std::optional<bool> want_overdue = query_bool(req, "overdue");
    q.queue = query_enum(req, "queue", &parse_WorkQueue);
    const auto search = parse_order_search(req.get_param_value("q"));
    q.code_prefix = search.code_prefix;
    q.elder_name = search.elder_name;
    if (user.user.role == Role::Town) {
        if (q.town && q.town != user.user.town_id) fail(403, "forbidden", "镇街用户只能查看本镇街的工单");
        q.town = user.user.town_id;
    }
    if (user.user.role == Role::Provider) {
        if (q.provider && q.provider != user.user.provider_id) {
            fail(403, "forbidden", "服务商用户只能查看派给本服务商的工单");
        }
        q.provider = user.user.provider_id;
    }
    if (!search.phone.empty()) {
        // A whole phone: the elders with it, then their orders. The lookup is audited like the caller lookup
        // (which elder was found by phone, never the number; a miss records the masked number).
        const auto now = ctx.now();
        ctx.db.write([&](SQLite::Database& db) {
            store::ElderQuery eq;
            eq.phone = search.phone;
            eq.page_size = 200;
            std::vector<Id> ids;
            for (const auto& e : store::find_elders(db, eq)) ids.push_back(e.id);
            if (ids.empty()) {
                store::append_audit(db, {0, now, user.user.id, user.user.username, "elder", std::nullopt, "lookup",
                                         {{"by", "phone"}, {"via", "orders_search"},
                                          {"value", mask_phone(search.phone)}, {"found", 0}}, ""});
            }
            for (auto id : ids) {
                store::append_audit(db, {0, now, user.user.id, user.user.username, "elder", id, "lookup",
                                         {{"by", "phone"}, {"via", "orders_search"}}, ""});
            }
            q.elder_in = std::move(ids);
        }, store::Database::Touches::SessionsOnly);
    }
    auto& db = ctx.db.reader();
    const auto now = ctx.now();
    wire::OrderPage page;
    page.page = q.page;
    page.page_size = q.page_size;
    if (!want_overdue) {
        page.total = store::count_orders(db, q);
        check_export_rows(paging, page.total);
        const auto found = store::find_orders(db, q);
        auto clocks = app::clocks_of_orders(ctx, db, found, now);
        for (std::size_t i = 0; i < found.size(); ++i) page.items.push_back(order_view(found[i], std::move(clocks[i])));
    } else {
        // Overdue is a property of the clocks, computed by the domain: scan the filtered orders, then page.
        if (*want_overdue) q.only_open = true;
        if (store::count_orders(db, q) > kOverdueScanLimit) {
            fail(400, "bad_query", "按是否逾期筛选时最多检查 " + std::to_string(kOverdueScanLimit) +
                                       " 张工单，请再加上状态、镇街或时间段等条件");
        }
        // The scan reads what the clocks need; the page's own orders are then read whole.
        auto scan = q;
        scan.page_size = 0;
        scan.light = true;
        const std::int64_t first = static_cast<std::int64_t>(q.page - 1) * q.page_size;
        const auto all = store::find_orders(db, scan);
        auto clocks = app::clocks_of_orders(ctx, db, all, now);
        std::vector<std::size_t> on_page;
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (is_overdue(clocks[i]) != *want_overdue) continue;
            if (page.total >= first && page.total < first + q.page_size) on_page.push_back(i);
            ++page.total;
        }
        check_export_rows(paging, page.total);
        std::vector<Id> page_ids;
        for (auto i : on_page) page_ids.push_back(all[i].order.id);
        const auto whole = store::get_orders(db, page_ids);
        for (auto i : on_page) {
            if (auto it = whole.find(all[i].order.id); it != whole.end()) {
                page.items.push_back(order_view(it->second, std::move(clocks[i])));
            }
        }
    }
    describe_complaint_links(db, page.items);
    return page;
}

void register_order_routes(Router& r, app::AppContext& ctx) {
    const json list_params = {
        query_param("status", "string", "order status code"), query_param("type", "string", "order type code"),
        query_param("channel", "string", "channel code"), query_param("town", "integer", "town id"),
        query_param("provider", "integer", "provider id"), query_param("elder", "integer", "elder id"),
        query_param("about_order", "integer", "complaints about this (earlier) order"),
        query_param("about_provider", "integer", "complaints about this provider"),
        query_param("period", "string", "created in: 2026-11, 2026-Q4 or 2026"),
        query_param("from", "string", "created on or after this day: 2026-12-01"),
        query_param("to", "string", "created on or before this day: 2026-12-04"),
        query_param("overdue", "boolean", "only orders with (true) / without (false) a running clock past due"),
        query_param("q", "string", "order code or its start (GD2026120400, 202612040001); a whole 11-digit phone of the "
                                   "elder (exact, audited; never a fragment); or >= 2 characters of the elder's name"),
        query_param("queue", "string", "work queue code (awaiting_dispatch, awaiting_review, complaints_to_judge, "
                                       "awaiting_callback): its orders, emergencies first, then the oldest"),
        query_param("sort", "string", "created_at | id, '-' prefix = descending (default -created_at)"),
        query_param("page", "integer", "1-based page"), query_param("page_size", "integer", "1..200, default 20")};

    r.add({"GET", "/api/v1/orders", "Search work orders (scoped by role; each with its SLA clocks)", "orders",
           needs(Permission::ReadOrders, "town: own town; provider: own orders"), list_params, "", "OrderPage"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_json(res, 200, json(list_orders(ctx, req, user, false)));
    });

    r.add({"POST", "/api/v1/orders", "Register a work order (工单受理)", "orders", needs(Permission::CreateOrders), {},
           "OrderCreate", "OrderReply", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const auto now = ctx.now();
        WorkOrder o = order_from_request(ctx.db.reader(), body_object(req), now);
        o.status = OrderStatus::Received;
        o.created_at = now;
        ctx.db.write([&](SQLite::Database& db) {
            o.id = 0;   // set afresh on each run (a batch may run this job again)
            store::insert_order(db, o);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "work_order", o.id, "create",
                                     created_changes(o), ""});
        });
        // The reply is built from what was just written (version 1, no lifecycle event yet): no read-back.
        const std::vector<store::StoredOrder> written{{o, 1}};
        auto clocks = app::clocks_of_orders(ctx, ctx.db.reader(), written, now).front();
        reply_json(res, 201, json(order_reply(ctx.db.reader(), written.front(), std::move(clocks), user)));
    });

    r.add({"GET", "/api/v1/orders/{id}", "One work order with its clocks and the actions the viewer may take",
           "orders", needs(Permission::ReadOrders, "town: own town; provider: own orders"), {}, "", "OrderReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        auto& db = ctx.db.reader();
        reply_json(res, 200, json(order_reply(ctx, db, visible_order(db, id, user), user)));
    });

    // Deep links (#/orders/GD202612040001) and shared URLs name an order by its code; the same visibility check
    // as by id, so a code outside the viewer's scope is refused like its id.
    r.add({"GET", "/api/v1/orders/by-code/{code}", "One work order by its code (GD + yyyymmdd + sequence), as GET /orders/{id}",
           "orders", needs(Permission::ReadOrders, "as GET /api/v1/orders/{id}"), {}, "", "OrderReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const std::string text = req.matches.size() > 1 ? std::string(req.matches[1]) : std::string();
        std::string code;
        for (char ch : text) code.push_back(ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch);
        const bool shaped = code.size() >= 14 && code.size() <= 16 && code.rfind("GD", 0) == 0 &&
                            std::all_of(code.begin() + 2, code.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        if (!shaped) fail(404, "not_found", "工单编号 " + shown_text(text) + " 格式不对（应为 GD + 12 位数字，例如 GD202612040001）");
        auto& db = ctx.db.reader();
        auto s = store::get_order_by_code(db, code);
        if (!s) fail_not_found("编号为 " + code + " 的工单");
        if (!may_see_order(user.viewer(), s->order)) fail(403, "forbidden", "无权查看或处理该工单（" + code + "）");
        reply_json(res, 200, json(order_reply(ctx, db, *s, user)));
    });

    r.add({"POST", "/api/v1/orders/{id}/transitions", "Apply a lifecycle action (dispatch, accept, complete, ...)",
           "orders", needs(Permission::ActOnOrders, "each action's roles: shared/include/yiyang/order_lifecycle.hpp"), {}, "Transition", "OrderReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const auto t = validate_transition_request(body_object(req));
        if (!t.errors.empty()) fail(422, "validation", "操作请求未通过校验：" + t.errors.front().message_zh, t.errors);
        const auto now = ctx.now();
        // One transaction: an ApiError thrown in here rolls the job back (Database::write), so a refused
        // action leaves neither the order nor the audit trail changed.
        ctx.db.write([&](SQLite::Database& db) {
            const auto stored = visible_order(db, id, user);
            if (t.version && *t.version != stored.version) {
                fail(409, "version_conflict", "该工单已被他人处理（版本 " + std::to_string(stored.version) +
                                                  "），请刷新后再操作");
            }
            check_transition_targets(db, stored, t);
            const auto result = apply(stored.order, t.request, user.viewer(), now);
            if (!result.ok()) fail_transition(db, stored.order, *result.error);
            if (!store::update_order(db, *result.order, stored.version)) {
                fail(409, "version_conflict", "该工单已被他人处理，请刷新后再操作");
            }
            const auto a = t.request.action;
            if (a == OrderAction::Complete && t.request.evidence) store::insert_evidence(db, id, *t.request.evidence, now);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "work_order", id, code(a),
                                     store::lifecycle_changes(*result.event), result.event->reason});
        });
        auto& db = ctx.db.reader();
        auto stored = store::get_order(db, id);
        if (!stored) fail_order_not_found(id);
        reply_json(res, 200, json(order_reply(ctx, db, *stored, user)));
    });

    // What a complaint is about is a record the supervisor may correct (the caller named the wrong visit, or
    // only the company): a change with a reason, audited as "link_complaint" with from → to of both members,
    // in one transaction with the order's version check, like the lifecycle actions.
    r.add({"POST", "/api/v1/orders/{id}/complaint-link", "Change what a complaint is about (earlier order, provider), with a reason",
           "orders", needs(Permission::LinkComplaints, "any complaint (supervisors judge every complaint)"), {},
           "ComplaintLink", "OrderReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        auto check = validate_complaint_link_request(body_object(req));
        if (!check.errors.empty()) fail(422, "validation", "更改投诉对象未通过校验：" + check.errors.front().message_zh, check.errors);
        const auto now = ctx.now();
        ctx.db.write([&](SQLite::Database& db) {
            const auto stored = visible_order(db, id, user);
            if (stored.order.type != OrderType::Complaint) {
                const FieldError e{"about_order_id", "not_complaint",
                                   "工单 " + stored.order.code + " 不是投诉工单，没有投诉对象可更改"};
                fail(422, "not_complaint", e.message_zh, {e});
            }
            if (check.version && *check.version != stored.version) {
                fail(409, "version_conflict", "该工单已被他人处理（版本 " + std::to_string(stored.version) +
                                                  "），请刷新后再操作");
            }
            WorkOrder changed = stored.order;
            std::vector<FieldError> errors;
            link_complaint_target(db, changed, check.about_order_id, check.about_order_code, check.about_provider_id, errors);
            if (!errors.empty()) fail(422, "validation", "更改投诉对象未通过校验：" + errors.front().message_zh, errors);
            if (changed.about_order_id == stored.order.about_order_id &&
                changed.about_provider_id == stored.order.about_provider_id) {
                const FieldError e{"about_order_id", "unchanged", "投诉对象没有变化（与当前的被投诉工单和服务商相同）"};
                fail(422, "unchanged", e.message_zh, {e});
            }
            if (!store::update_order(db, changed, stored.version)) {
                fail(409, "version_conflict", "该工单已被他人处理，请刷新后再操作");
            }
            const auto pair = [](const std::optional<Id>& a, const std::optional<Id>& b) {
                return json::array({a ? json(*a) : json(nullptr), b ? json(*b) : json(nullptr)});
            };
            json changes = json::object();
            if (changed.about_order_id != stored.order.about_order_id) {
                changes["about_order_id"] = pair(stored.order.about_order_id, changed.about_order_id);
            }
            if (changed.about_provider_id != stored.order.about_provider_id) {
                changes["about_provider_id"] = pair(stored.order.about_provider_id, changed.about_provider_id);
            }
            // What the history line shows, before -> after, whether or not it changed: the earlier order's code
            // and the provider's name as they were at the time (null: none).
            const auto code_of = [&](const std::optional<Id>& o) -> json {
                if (!o) return nullptr;
                const auto s = store::get_order(db, *o);
                return s ? json(s->order.code) : json(nullptr);
            };
            const auto name_of = [&](const std::optional<Id>& p) -> json {
                if (!p) return nullptr;
                const auto n = store::provider_name(db, *p);
                return n ? json(*n) : json(nullptr);
            };
            changes["about_order_code"] = json::array({code_of(stored.order.about_order_id), code_of(changed.about_order_id)});
            changes["about_provider_name"] =
                json::array({name_of(stored.order.about_provider_id), name_of(changed.about_provider_id)});
            store::append_audit(db, {0, now, user.user.id, user.user.username, "work_order", id, "link_complaint",
                                     changes, check.reason});
        });
        auto& db = ctx.db.reader();
        auto stored = store::get_order(db, id);
        if (!stored) fail_order_not_found(id);
        reply_json(res, 200, json(order_reply(ctx, db, *stored, user)));
    });

    r.add({"GET", "/api/v1/orders/{id}/history", "Audit events of one work order, oldest first", "orders",
           needs(Permission::ReadOrders, "as GET /api/v1/orders/{id}"), {}, "", "AuditList"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        auto& db = ctx.db.reader();
        visible_order(db, id, user);
        auto events = store::audit_for(db, "work_order", id, 1000);
        std::reverse(events.begin(), events.end());
        wire::OrderHistory out;
        for (const auto& e : events) out.events.push_back(store::to_wire(e));
        reply_json(res, 200, json(out));
    });

    r.add({"GET", "/api/v1/queues", "The work queues the caller works, with their counts in the caller's scope", "orders",
           needs(Permission::ReadOrders, "town: own town; provider: own orders"), {}, "", "QueueCounts"},
          [&ctx](const httplib::Request&, httplib::Response& res, const AuthUser& user) {
        // Counted once per data version and scope (every home screen asks on each load; at city scale the four
        // counts cost ~0.3 s under load, bench.sh find): a write drops them, so the next request counts afresh.
        const auto version = ctx.db.data_version();
        const std::string key = "queues:" + std::to_string(static_cast<int>(user.user.role)) + ":" +
                                std::to_string(user.user.town_id.value_or(0)) + ":" +
                                std::to_string(user.user.provider_id.value_or(0));
        if (auto cached = ctx.cache.get(key, version)) {
            reply_json(res, 200, *cached);
            return;
        }
        auto& db = ctx.db.reader();
        auto out = queue_scope(db, user);
        for (auto queue : queues_of(user.user.role)) {
            store::OrderQuery q;
            q.queue = queue;
            if (user.user.role == Role::Town) q.town = user.user.town_id;
            if (user.user.role == Role::Provider) q.provider = user.user.provider_id;
            out.queues.push_back({queue, label_zh(queue), store::count_orders(db, q)});
        }
        const json reply = json(out);
        ctx.cache.put(key, version, reply);
        reply_json(res, 200, reply);
    });

    r.add({"GET", "/api/v1/dispatch/candidates", "Providers ranked for an order, with the excluded ones and why",
           "orders", needs(Permission::RankProviders), {query_param("order", "integer", "work order id (required)")}, "",
           "Candidates"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser&) {
        const auto order_id = query_int(req, "order", 1, 1'000'000'000'000);
        if (!order_id) {
            fail(400, "bad_query", "缺少查询参数 order（工单编号）", {{"order", "required", "缺少查询参数 order（工单编号）"}});
        }
        auto& db = ctx.db.reader();
        auto s = store::get_order(db, *order_id);
        if (!s) fail_order_not_found(*order_id);
        const auto names = town_names(db);
        GeoPoint home;
        if (s->order.elder_id) {
            if (auto e = store::get_elder(db, *s->order.elder_id)) home = e->home;
        }
        if (home == GeoPoint{}) {
            for (const auto& t : store::all_towns(db)) if (t.id == s->order.town_id) home = t.centre;
        }
        const auto& weights = ctx.rules().weights_on(date_of(ctx.now()));
        wire::Candidates out;
        out.order_id = s->order.id;
        out.order_code = s->order.code;
        out.weights_version = weights.version;
        out.candidates = rank_candidates(s->order, home, store::find_providers(db, {}), store::open_loads(db), weights, names);
        out.eligible = static_cast<int>(std::count_if(out.candidates.begin(), out.candidates.end(),
                                                      [](const Candidate& c) { return c.eligible; }));
        reply_json(res, 200, json(out));
    });
}

}  // namespace yiyang::http
