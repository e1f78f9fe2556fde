// The work-order workbench's side of the App: the filtered list (GET /api/v1/orders), one order with the actions
// the server allows this viewer, its history and dispatch candidates, and lifecycle transitions
// (POST /api/v1/orders/{id}/transitions). Inputs are checked here only for shape (a reason typed, a time
// readable); every rule is the server's (shared apply()), whose Chinese refusals are shown as sent.
#include <algorithm>

#include "app/app.hpp"
#include "app/json_read.hpp"
#include "platform/http.hpp"
#include "platform/services.hpp"
#include "yiyang/order_lifecycle.hpp"
#include "yiyang/wire/orders.hpp"
#include "yiyang/wire/elders.hpp"
#include "yiyang/wire/reference.hpp"

namespace yiyang::client {

using nlohmann::json;

namespace {

constexpr double kOrdersDebounceMs = 300;   // as-you-type search: after this quiet moment

// An order as the wire brings it (wire::OrderView), in the shape the panels draw (times as wire text).
OrderView order_view_of(const wire::OrderView& w) {
    OrderView v;
    v.order = w.order;
    v.version = w.version;
    v.overdue = w.overdue;
    v.about_order_code = w.about_order_code;
    v.about_provider_name = w.about_provider_name;
    for (const SlaClock& k : w.clocks) {
        OrderClockView cv;
        cv.rule = k.rule_code;
        cv.name = k.name_zh;
        cv.started_at = format_timestamp(k.started_at);
        cv.stopped_at = k.stopped_at ? format_timestamp(*k.stopped_at) : std::string();
        cv.due_at = format_timestamp(k.due_at);
        cv.consumed_seconds = k.consumed_seconds;
        cv.remaining_seconds = k.remaining_seconds;
        cv.seconds_to_due = k.seconds_to_due;
        cv.state = code(k.state);
        v.clocks.push_back(std::move(cv));
    }
    return v;
}

// The Chinese line for a reply that does not have the shape wire/orders.hpp gives it (a server of another
// version): said in the UI, never thrown into the frame loop.
std::string unreadable(const char* what, const std::string& detail) {
    return std::string("服务器返回的") + what + "格式无法识别（" + detail + "）";
}

// "2026-11-23 09:30", "2026-11-23 09:30:15" or the wire's "2026-11-23T09:30:00" -> the wire format.
std::optional<std::string> wire_timestamp(std::string text) {
    while (!text.empty() && text.front() == ' ') text.erase(text.begin());
    while (!text.empty() && text.back() == ' ') text.pop_back();
    if (text.size() == 16) text += ":00";
    if (text.size() != 19) return std::nullopt;
    if (text[10] == ' ') text[10] = 'T';
    if (!parse_timestamp(text)) return std::nullopt;
    return text;
}

// The actions whose reason the domain requires (shared needs_reason); the panel asks for it.
bool reason_required(const std::string& action) {
    const auto a = parse_OrderAction(action);
    return a && needs_reason(*a);
}

const char* action_label(const std::string& action) {
    auto a = parse_OrderAction(action);
    return a ? label_zh(*a) : action.c_str();
}

// 更改投诉对象 in words: "被投诉工单 GD… ＞ GD…；被投诉服务商 甲 ＞ 乙" from the event's [before, after] pairs (null:
// none). Events written before the pairs were recorded say only that the link changed.
std::string link_change_text(const json& changes) {
    const auto side = [](const json& pair, std::size_t i) -> std::string {
        if (!pair.is_array() || pair.size() != 2 || !pair[i].is_string()) return "无";
        return pair[i].get<std::string>();
    };
    const json* order = changes.contains("about_order_code") ? &changes["about_order_code"] : nullptr;
    const json* provider = changes.contains("about_provider_name") ? &changes["about_provider_name"] : nullptr;
    if (!order && !provider) return "投诉对象已更改";
    std::string out;
    if (order) out += "被投诉工单 " + side(*order, 0) + " ＞ " + side(*order, 1);
    if (provider) {
        if (!out.empty()) out += "；";
        out += "被投诉服务商 " + side(*provider, 0) + " ＞ " + side(*provider, 1);
    }
    return out;
}

}  // namespace

// ---- list ----------------------------------------------------------------------------------------
void App::enter_orders() {
    load_order_providers();
    search_orders(s_.orders.list.loaded ? s_.orders.list.query : s_.orders.query);
}

void App::load_order_providers() {
    if (s_.orders.providers_requested) return;          // names change rarely: once per session
    s_.orders.providers_requested = true;
    request("GET", "/api/v1/providers", nullptr, [this](const HttpResponse& r) {
        if (r.status != 200 || !r.body.is_object()) {           // names only: the list still works by id
            s_.orders.providers_requested = false;
            return;
        }
        auto list = wire::read_reply<wire::ProviderList>(r.body);
        if (!list) {
            s_.orders.providers_requested = false;
            return;
        }
        std::vector<Provider> out = std::move(list->items);
        std::sort(out.begin(), out.end(), [](const Provider& a, const Provider& b) { return a.id < b.id; });
        s_.orders.providers = std::move(out);
        s_.orders.providers_loaded = true;
    });
}

void App::search_orders(const OrderQuery& q) {
    OrderQuery query = q;
    query.page = std::max(1, query.page);
    query.page_size = std::clamp(query.page_size, 1, 200);
    s_.orders.query = query;
    const std::uint64_t seq = ++orders_search_seq_;
    std::string path = "/api/v1/orders?page=" + std::to_string(query.page) +
                       "&page_size=" + std::to_string(query.page_size);
    if (!query.status.empty()) path += "&status=" + url_encode(query.status);
    if (!query.type.empty()) path += "&type=" + url_encode(query.type);
    if (!query.channel.empty()) path += "&channel=" + url_encode(query.channel);
    if (query.town_id != 0) path += "&town=" + std::to_string(query.town_id);
    if (query.provider_id != 0) path += "&provider=" + std::to_string(query.provider_id);
    if (query.overdue_only) path += "&overdue=true";
    if (!query.period.empty()) path += "&period=" + url_encode(query.period);
    if (!query.from.empty()) path += "&from=" + url_encode(query.from);
    if (!query.to.empty()) path += "&to=" + url_encode(query.to);
    if (!query.sort.empty() && query.queue.empty()) path += "&sort=" + url_encode(query.sort);
    if (!query.q.empty()) path += "&q=" + url_encode(query.q);
    if (!query.queue.empty()) path += "&queue=" + url_encode(query.queue);
    s_.list_paths["orders"] = path;
    ++orders_debounce_;                                  // a pending as-you-type search is now superseded
    request("GET", path, nullptr, [this, seq, query](const HttpResponse& r) {
        if (seq != orders_search_seq_) return;           // a newer search is under way
        if (r.status != 200 || !r.body.is_object()) {
            s_.orders.last_error = error_message_zh(r);
            set_status(StatusKind::Error, "工单查询失败：" + s_.orders.last_error);
            return;
        }
        std::string err;
        const auto page = wire::read_reply<wire::OrderPage>(r.body, &err);
        if (!page) {
            s_.orders.last_error = unreadable("工单列表", err);
            set_status(StatusKind::Error, "工单查询失败：" + s_.orders.last_error);
            return;
        }
        OrderListData data;
        data.query = query;
        data.loaded = true;
        data.total = page->total;
        for (const auto& item : page->items) data.items.push_back(order_view_of(item));
        s_.orders.list = std::move(data);
        if (s_.status.kind == StatusKind::Error) s_.status = {};
        // A code typed in the open field: its order opens when the search found exactly it.
        const std::string code = std::move(s_.orders.open_code);
        s_.orders.open_code.clear();
        if (!code.empty() && s_.orders.list.items.size() == 1 && s_.orders.list.items.front().order.code == code) {
            open_order(s_.orders.list.items.front().order.id);
        } else if (!code.empty() && s_.orders.list.items.empty()) {
            set_status(StatusKind::Error, "未找到工单编号为 " + code + " 的工单（或无权查看）");
        }
    });
}

void App::load_queues() {
    request("GET", "/api/v1/queues", nullptr, [this](const HttpResponse& r) {
        if (r.status != 200 || !r.body.is_object()) return;   // the home's other figures still show
        if (auto reply = wire::read_reply<wire::QueueCounts>(r.body)) s_.orders.queues = std::move(*reply);
    });
}

// ---- one order -----------------------------------------------------------------------------------
void App::open_order(Id id) {
    const std::uint64_t seq = ++order_open_seq_;
    s_.orders.last_error.clear();
    // A message about the order shown before ("已派单：GD…") does not belong over the next one.
    s_.status = {};
    s_.evidence = {};   // its photos are loaded afresh (ui/evidence_panel asks when it first draws the order)
    request("GET", "/api/v1/orders/" + std::to_string(id), nullptr, [this, seq](const HttpResponse& r) {
        if (seq != order_open_seq_) return;              // another order was opened meanwhile
        if (r.status != 200 || !r.body.is_object()) {
            s_.orders.last_error = error_message_zh(r);
            set_status(StatusKind::Error, "工单打开失败：" + s_.orders.last_error);
            return;
        }
        order_loaded(r.body, false);
    });
}

// The live feed listed the open order as changed (by anyone, this seat included). Re-read it quietly; if its
// version moved and nothing is typed into the action panel, show the new state at once; otherwise keep the
// input and say that the order changed (the panel offers the reload).
void App::order_changed_elsewhere() {
    OrdersState& o = s_.orders;
    if (s_.screen != Screen::OrderDetail || !o.current || o.submitting) return;
    const Id id = o.current->order.id;
    const std::int64_t version = o.current->version;
    const std::uint64_t seq = order_open_seq_;
    const std::uint64_t epoch = session_epoch_;
    http_request_quiet("GET", "/api/v1/orders/" + std::to_string(id), nullptr,
                       [this, id, version, seq, epoch](const HttpResponse& r) {
        OrdersState& st = s_.orders;
        if (epoch != session_epoch_ || seq != order_open_seq_ || !st.current || st.current->order.id != id) return;
        if (r.status != 200 || !r.body.is_object() || st.submitting) return;
        const auto reply = wire::read_reply<wire::OrderReply>(r.body);
        if (!reply || reply->order.version == version) return;   // seen (or unreadable: the next open says so)
        if (st.form == OrderActionForm{}) {
            const std::string code = st.current->order.code;
            order_loaded(r.body, /*from_transition=*/true);
            ++st.refreshes;
            set_status(StatusKind::Info, "工单 " + code + " 已被他人更新，已显示最新状态");
        } else {
            st.changed_elsewhere = true;
        }
        changed_ = true;
        wake();
    });
}

// Applies an OrderReply (wire/orders.hpp) of GET /orders/{id} or of a transition.
void App::order_loaded(const json& body, bool from_transition) {
    std::string err;
    const auto reply = wire::read_reply<wire::OrderReply>(body, &err);
    if (!reply) {
        s_.orders.last_error = unreadable("工单", err);
        set_status(StatusKind::Error, s_.orders.last_error);
        return;
    }
    OrderView view = order_view_of(reply->order);
    OrdersState& o = s_.orders;
    const bool same_order = o.current && o.current->order.id == view.order.id;
    o.legal_actions.clear();
    for (OrderAction a : reply->legal_actions) o.legal_actions.push_back(code(a));
    const Id id = view.order.id;
    const std::optional<Id> elder_id = view.order.elder_id;
    o.current = std::move(view);
    o.form = OrderActionForm{};
    o.field_errors.clear();
    o.action_error.clear();
    o.version_conflict = false;
    o.submitting = false;
    o.changed_elsewhere = false;
    if (!from_transition) {
        o.last_success.clear();
        if (s_.status.kind == StatusKind::Error) s_.status = {};
    }
    if (!same_order) {
        o.history.clear();
        o.history_loaded = false;
        o.elder.reset();
    }
    o.candidates.clear();
    o.candidates_loaded = false;
    o.candidates_error.clear();
    o.candidates_eligible = 0;
    s_.screen = Screen::OrderDetail;
    load_order_history(id);
    if (std::find(o.legal_actions.begin(), o.legal_actions.end(), "dispatch_provider") != o.legal_actions.end()) {
        load_order_candidates(id);
    }
    if (elder_id && s_.can_list_elders && !o.elder) load_order_elder(*elder_id);
    load_order_providers();
    complaint_loaded(body);
    changed_ = true;
}

void App::load_order_history(Id id) {
    const std::uint64_t seq = order_open_seq_;
    request("GET", "/api/v1/orders/" + std::to_string(id) + "/history", nullptr, [this, seq, id](const HttpResponse& r) {
        if (seq != order_open_seq_ || !s_.orders.current || s_.orders.current->order.id != id) return;
        if (r.status != 200 || !r.body.is_object()) {
            s_.orders.last_error = "处理记录加载失败：" + error_message_zh(r);
            return;
        }
        std::string err;
        const auto history = wire::read_reply<wire::OrderHistory>(r.body, &err);
        if (!history) {
            s_.orders.last_error = "处理记录加载失败：" + unreadable("处理记录", err);
            return;
        }
        std::vector<OrderHistoryEntry> out;
        for (const auto& e : history->events) {
            OrderHistoryEntry h;
            h.at = format_timestamp(e.at);
            h.actor = e.actor;
            h.action = e.action;
            h.reason = e.reason;
            // "create" records the new order's members; a lifecycle action its from / to / role / details
            // (store::lifecycle_changes).
            if (h.action == "create") {
                h.to = code(OrderStatus::Received);
            } else if (h.action == "link_complaint" && e.changes.is_object()) {
                h.change_text = link_change_text(e.changes);
            } else if (e.changes.is_object()) {
                h.from = str_of(e.changes, "from");
                h.to = str_of(e.changes, "to");
                h.actor_role = str_of(e.changes, "actor_role");
                if (const json* d = obj_of(e.changes, "details")) h.details = *d;
            }
            out.push_back(std::move(h));
        }
        s_.orders.history = std::move(out);
        s_.orders.history_loaded = true;
    });
}

void App::load_order_candidates(Id id) {
    const std::uint64_t seq = order_open_seq_;
    request("GET", "/api/v1/dispatch/candidates?order=" + std::to_string(id), nullptr,
            [this, seq, id](const HttpResponse& r) {
        if (seq != order_open_seq_ || !s_.orders.current || s_.orders.current->order.id != id) return;
        OrdersState& o = s_.orders;
        if (r.status != 200 || !r.body.is_object()) {
            o.candidates_error = "候选服务商加载失败：" + error_message_zh(r);
            return;
        }
        std::string err;
        const auto reply = wire::read_reply<wire::Candidates>(r.body, &err);
        if (!reply) {
            o.candidates_error = "候选服务商加载失败：" + unreadable("候选服务商", err);
            return;
        }
        std::vector<DispatchCandidateView> out;
        for (const Candidate& c : reply->candidates) {
            DispatchCandidateView v;
            v.provider_id = c.provider_id;
            v.provider_name = c.provider_name;
            v.eligible = c.eligible;
            v.ineligible_reason = c.ineligible_reason_zh;
            v.rank = c.rank;
            v.score = c.score;
            v.part_category = c.parts.category;
            v.part_distance = c.parts.distance;
            v.part_load = c.parts.load;
            v.part_rating = c.parts.rating;
            v.reasons = c.reasons_zh;
            out.push_back(std::move(v));
        }
        o.candidates = std::move(out);
        o.candidates_eligible = reply->eligible;
        o.candidates_loaded = true;
    });
}

void App::load_order_elder(Id id) {
    const std::uint64_t seq = order_open_seq_;
    request("GET", "/api/v1/elders/" + std::to_string(id), nullptr, [this, seq](const HttpResponse& r) {
        if (seq != order_open_seq_ || r.status != 200 || !r.body.is_object()) return;   // shown as #id then
        const auto reply = wire::read_reply<wire::ElderReply>(r.body);
        if (!reply) return;
        const Elder& e = reply->elder;
        ElderBrief b;
        b.id = e.id;
        b.name = e.name;
        b.phone = e.phone;
        b.address = e.address;
        b.community = e.community;
        s_.orders.elder = std::move(b);
    });
}

// ---- transitions ---------------------------------------------------------------------------------
void App::submit_order_action(const std::string& action) {
    OrdersState& o = s_.orders;
    if (!o.current || o.submitting) return;
    if (std::find(o.legal_actions.begin(), o.legal_actions.end(), action) == o.legal_actions.end()) return;
    const OrderActionForm& f = o.form;
    const WorkOrder& order = o.current->order;
    o.field_errors.clear();
    o.action_error.clear();
    o.version_conflict = false;

    wire::Transition t;
    t.action = *parse_OrderAction(action);   // one of legal_actions, which were read as OrderActions
    t.version = o.current->version;
    auto trimmed = [](std::string t) {
        while (!t.empty() && (t.front() == ' ' || t.back() == ' ')) {
            if (t.front() == ' ') t.erase(t.begin());
            else t.pop_back();
        }
        return t;
    };
    const std::string reason = trimmed(f.reason);
    if (reason_required(action) && reason.empty()) {
        o.field_errors["reason"] = std::string("请填写") + (action == "decline" ? "拒单原因" : "原因") +
                                   "（执行“" + action_label(action) + "”必须说明原因）";
    }
    t.reason = reason;
    if (action == "dispatch_provider") {
        if (f.provider_id == 0) o.field_errors["provider_id"] = "请先在候选服务商中选择一家";
        else t.provider_id = f.provider_id;
    }
    if (action == "dispatch_town") t.town_id = order.town_id;
    if (action == "complete") {
        if (trimmed(f.caregiver).empty()) o.field_errors["caregiver"] = "请填写服务人员姓名";
        if (trimmed(f.place).empty()) o.field_errors["place"] = "请填写服务地点";
        const auto from = wire_timestamp(f.from_text);
        const auto to = wire_timestamp(f.to_text);
        if (trimmed(f.from_text).empty()) o.field_errors["from"] = "请填写服务开始时间";
        else if (!from) o.field_errors["from"] = "开始时间应为 YYYY-MM-DD HH:MM 格式的真实时间，例如 2026-11-23 09:30";
        if (trimmed(f.to_text).empty()) o.field_errors["to"] = "请填写服务结束时间";
        else if (!to) o.field_errors["to"] = "结束时间应为 YYYY-MM-DD HH:MM 格式的真实时间，例如 2026-11-23 10:30";
        if (from && to && *parse_timestamp(*to) <= *parse_timestamp(*from)) {
            o.field_errors["to"] = "服务结束时间必须晚于开始时间";
        }
        std::vector<std::string> photos;
        std::string part;
        const std::string refs = f.photo_refs + ",";
        for (std::size_t i = 0; i < refs.size(); ++i) {
            // Separators: ASCII comma, the full-width comma an IME types, 、 and spaces.
            bool sep = refs[i] == ',' || refs[i] == ' ';
            std::size_t skip = 1;
            if (!sep && refs.compare(i, 3, "，") == 0) { sep = true; skip = 3; }
            if (!sep && refs.compare(i, 3, "、") == 0) { sep = true; skip = 3; }
            if (sep) {
                if (!part.empty()) photos.push_back(part);
                part.clear();
                i += skip - 1;
            } else {
                part.push_back(refs[i]);
            }
        }
        if (from && to) {
            t.evidence = ServiceEvidence{trimmed(f.caregiver), *parse_timestamp(*from), *parse_timestamp(*to),
                                         trimmed(f.place), std::move(photos)};
        }
    }
    if (action == "callback") {
        if (f.satisfaction < 1 || f.satisfaction > 5) o.field_errors["satisfaction"] = "请选择老人的满意度（1–5）";
        else t.satisfaction = f.satisfaction;
        if (f.service_not_received) t.service_received = false;
    }
    if (!o.field_errors.empty()) {
        o.action_error = "有 " + std::to_string(o.field_errors.size()) + " 处需要填写或更正，尚未提交";
        o.last_error = o.action_error;
        changed_ = true;
        return;
    }

    o.submitting = true;
    const json body = t;
    const Id id = order.id;
    const std::string code_text = order.code;
    const std::uint64_t seq = order_open_seq_;
    request("POST", "/api/v1/orders/" + std::to_string(id) + "/transitions", &body,
            [this, seq, id, action, code_text](const HttpResponse& r) {
        if (seq != order_open_seq_ || !s_.orders.current || s_.orders.current->order.id != id) return;
        OrdersState& o = s_.orders;
        o.submitting = false;
        if (r.status == 200 && r.body.is_object()) {
            order_loaded(r.body, true);
            std::string status_label;
            if (o.current) status_label = label_zh(o.current->order.status);
            o.last_success = std::string("已") + action_label(action) + "：" + code_text + "，当前状态：" + status_label;
            if (action == "callback" && o.current && o.current->order.status == OrderStatus::Rectifying) {
                o.last_success += "（不满意，已发起整改）";
            }
            set_status(StatusKind::Success, o.last_success);
            s_.orders.list.loaded = false;               // the list shows the new state when we go back
            orders_changed();
            return;
        }
        const std::string code = error_code_of(r.body);
        o.action_error = error_message_zh(r);
        o.last_error = o.action_error;
        if (r.status == 409 && code == "version_conflict") o.version_conflict = true;
        for (auto& [field, msg] : field_errors_of(r.body)) o.field_errors[field] = msg;
        set_status(StatusKind::Error, "“" + std::string(action_label(action)) + "”未执行：" + o.action_error);
    });
}

// ---- intents -------------------------------------------------------------------------------------
void App::apply_orders(const OrdersIntent& intent) {
    changed_ = true;
    std::visit(
        [this](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            OrdersState& o = s_.orders;
            if constexpr (std::is_same_v<T, OrdersEditQuery>) {
                o.query = i.query;
            } else if constexpr (std::is_same_v<T, OrdersSearch>) {
                search_orders(i.query);
            } else if constexpr (std::is_same_v<T, OrdersSearchSoon>) {
                o.query = i.query;
                const std::uint64_t seq = ++orders_debounce_;
                set_timeout(kOrdersDebounceMs, [this, seq] {
                    if (seq != orders_debounce_ || !s_.user) return;   // more typing since, or signed out
                    OrderQuery q = s_.orders.query;
                    q.page = 1;
                    search_orders(q);
                    changed_ = true;
                });
            } else if constexpr (std::is_same_v<T, OrdersOpenQueue>) {
                OrderQuery q;
                q.queue = i.queue;
                o.query = q;
                ++order_open_seq_;
                s_.screen = Screen::Orders;
                if (!o.providers_requested) load_order_providers();
                search_orders(q);
            } else if constexpr (std::is_same_v<T, OrdersEditOpenId>) {
                o.open_id_text = i.text;
            } else if constexpr (std::is_same_v<T, OrdersOpenById>) {
                std::string t = o.open_id_text;
                t.erase(std::remove(t.begin(), t.end(), ' '), t.end());
                if (t.size() > 2 && (t[0] == 'G' || t[0] == 'g') && (t[1] == 'D' || t[1] == 'd')) {
                    // An order code (GD202612040001): found through the list's search, opened when it is the one.
                    for (auto& c : t) if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
                    OrderQuery q;
                    q.q = t;
                    o.query = q;
                    o.open_code = t;
                    search_orders(q);
                    return;
                }
                Id id = 0;
                bool ok = !t.empty() && t.size() <= 12;
                for (char c : t) {
                    if (c < '0' || c > '9') ok = false;
                    else id = id * 10 + (c - '0');
                }
                if (!ok || id <= 0) {
                    o.last_error = "请输入工单编号（如 GD202612040001）或工单ID（正整数，如 1024）";
                    set_status(StatusKind::Error, o.last_error);
                    return;
                }
                open_order(id);
            } else if constexpr (std::is_same_v<T, OrdersOpen>) {
                open_order(i.id);
            } else if constexpr (std::is_same_v<T, OrdersBack>) {
                ++order_open_seq_;                       // late replies for the detail are dropped
                s_.screen = Screen::Orders;
                search_orders(o.list.loaded ? o.list.query : o.query);
            } else if constexpr (std::is_same_v<T, OrdersReload>) {
                if (o.current) open_order(o.current->order.id);
            } else if constexpr (std::is_same_v<T, OrdersEditForm>) {
                // Editing a field clears its own message (the rest stay until the next submit).
                const OrderActionForm& a = o.form;
                const OrderActionForm& b = i.form;
                if (a.reason != b.reason) o.field_errors.erase("reason");
                if (a.provider_id != b.provider_id) o.field_errors.erase("provider_id");
                if (a.caregiver != b.caregiver) o.field_errors.erase("caregiver");
                if (a.from_text != b.from_text) o.field_errors.erase("from");
                if (a.to_text != b.to_text) o.field_errors.erase("to");
                if (a.place != b.place) o.field_errors.erase("place");
                if (a.satisfaction != b.satisfaction) o.field_errors.erase("satisfaction");
                if (a.service_not_received != b.service_not_received) o.field_errors.erase("service_received");
                o.form = i.form;
                if (o.field_errors.empty() && !o.version_conflict) o.action_error.clear();   // all corrected
            } else if constexpr (std::is_same_v<T, OrdersSelectAction>) {
                if (o.form.action != i.action) {
                    OrderActionForm f;
                    f.action = i.action;
                    f.provider_id = o.form.provider_id;  // a chosen candidate survives switching back
                    o.form = f;
                    o.field_errors.clear();
                    o.action_error.clear();
                }
            } else if constexpr (std::is_same_v<T, OrdersSubmit>) {
                if (!o.form.action.empty()) submit_order_action(o.form.action);
            } else if constexpr (std::is_same_v<T, OrdersQuickAction>) {
                o.form.action = i.action;
                submit_order_action(i.action);
            }
        },
        intent);
}

// ---- test hook -----------------------------------------------------------------------------------
nlohmann::json test_state_of(const OrdersState& s) {
    json rows = json::array();
    for (const auto& v : s.list.items) {
        rows.push_back({{"id", v.order.id}, {"code", v.order.code}, {"status", code(v.order.status)},
                        {"type", code(v.order.type)}, {"town_id", v.order.town_id},
                        {"provider_id", v.order.provider_id ? json(*v.order.provider_id) : json(nullptr)},
                        {"overdue", v.overdue}, {"about_provider_name", v.about_provider_name}});
    }
    json j;
    j["query"] = {{"status", s.query.status}, {"type", s.query.type}, {"channel", s.query.channel},
                  {"town_id", s.query.town_id}, {"provider_id", s.query.provider_id},
                  {"overdue_only", s.query.overdue_only}, {"period", s.query.period}, {"sort", s.query.sort},
                  {"page", s.query.page}, {"q", s.query.q}, {"queue", s.query.queue}, {"from", s.query.from},
                  {"to", s.query.to}};
    if (s.queues) j["queues"] = *s.queues;
    j["list"] = {{"loaded", s.list.loaded}, {"total", s.list.total}, {"page", s.list.query.page},
                 {"q", s.list.query.q}, {"queue", s.list.query.queue},
                 {"page_size", s.list.query.page_size}, {"rows", rows}};
    if (s.current) {
        const WorkOrder& o = s.current->order;
        json history = json::array();
        for (const auto& h : s.history) {
            history.push_back({{"action", h.action}, {"from", h.from}, {"to", h.to}, {"actor", h.actor},
                               {"change_text", h.change_text},
                               {"reason", h.reason}, {"details", h.details}});
        }
        j["current"] = {{"id", o.id}, {"code", o.code}, {"status", code(o.status)}, {"type", code(o.type)},
                        {"version", s.current->version},
                        {"provider_id", o.provider_id ? json(*o.provider_id) : json(nullptr)},
                        {"satisfaction", o.satisfaction ? json(*o.satisfaction) : json(nullptr)},
                        {"description", o.description},
                        {"legal_actions", s.legal_actions}, {"clocks", s.current->clocks.size()},
                        {"history_loaded", s.history_loaded}, {"history_length", s.history.size()},
                        {"history", history}};
    } else {
        j["current"] = nullptr;
    }
    json cands = json::array();
    for (const auto& c : s.candidates) {
        cands.push_back({{"provider_id", c.provider_id}, {"name", c.provider_name}, {"eligible", c.eligible},
                         {"rank", c.rank}, {"score", c.score}, {"reasons", c.reasons},
                         {"ineligible_reason", c.ineligible_reason}});
    }
    j["candidates"] = {{"loaded", s.candidates_loaded}, {"eligible", s.candidates_eligible}, {"items", cands},
                       {"error", s.candidates_error}};
    j["form"] = {{"action", s.form.action}, {"reason", s.form.reason}, {"provider_id", s.form.provider_id},
                 {"caregiver", s.form.caregiver}, {"from", s.form.from_text}, {"to", s.form.to_text},
                 {"place", s.form.place}, {"photo_refs", s.form.photo_refs}, {"satisfaction", s.form.satisfaction},
                 {"service_not_received", s.form.service_not_received}};
    j["field_errors"] = s.field_errors;
    j["action_error"] = s.action_error;
    j["last_error"] = s.last_error;
    j["last_success"] = s.last_success;
    j["version_conflict"] = s.version_conflict;
    j["submitting"] = s.submitting;
    j["changed_elsewhere"] = s.changed_elsewhere;
    j["refreshes"] = s.refreshes;
    j["elder"] = s.elder ? json{{"id", s.elder->id}, {"name", s.elder->name}, {"phone", s.elder->phone}} : json(nullptr);
    return j;
}

}  // namespace yiyang::client
