// The live side of the dashboard: polls GET /api/v1/live once a second from tick() (one request in flight, 5 s
// back-off after errors, quiet so an idle page is not redrawn), keeps the open emergencies with the server's
// clock, beeps while one is unacknowledged, and refreshes KPI tiles, the indicator screen and the watch list.
#include <algorithm>
#include <cmath>

#include "app/app.hpp"
#include "app/json_read.hpp"
#include "platform/http.hpp"
#include "platform/services.hpp"
#include "yiyang/access.hpp"
#include "yiyang/order_lifecycle.hpp"
#include "yiyang/wire/kpis.hpp"
#include "yiyang/wire/live.hpp"
#include "yiyang/wire/orders.hpp"
#include "yiyang/wire/reference.hpp"

namespace yiyang::client {

using nlohmann::json;

namespace {

constexpr double kPollMs = 1000;          // the issue: a new emergency visible within 2 s
constexpr double kBackoffMs = 5000;
constexpr double kTilesMinGapMs = 2000;   // tiles are refreshed at most every 2 s
constexpr double kWatchEveryMs = 10000;
constexpr double kBeepEveryMs = 2000;

std::string type_label(const std::string& c) {
    if (auto t = parse_OrderType(c)) return label_zh(*t);
    return c;
}
std::string status_label(const std::string& c) {
    if (auto t = parse_OrderStatus(c)) return label_zh(*t);
    return c;
}

KpiItem kpi_item_of(const wire::KpiItemReply& r) {
    KpiItem k;
    k.code = r.code;
    k.name_zh = r.name_zh;
    k.unit = r.unit;
    k.target_text = r.target_text;
    k.display = r.display;
    k.source = r.source;
    k.kind = r.kind.value_or("");
    k.period = r.period;
    k.note = r.note.value_or("");
    k.applicable = r.applicable;
    if (r.value) {
        k.num = r.value->num;
        k.den = r.value->den;
    }
    k.met = r.met.value_or(false);
    k.numerator_count = r.numerator_count.value_or(0);
    k.denominator_count = r.denominator_count.value_or(0);
    k.failure_count = r.failure_count;
    return k;
}

// A drill-down row: orders (code, type, status, town, provider, created) or calls (time, direction, answered).
struct RecordColumn { const char* key; const char* title; };
const RecordColumn kRecordColumns[] = {
    {"type", "类型"},          {"status", "状态"},          {"channel", "渠道"},
    {"town_name", "镇街"},     {"provider_name", "服务商"}, {"rule_name", "规则"},
    {"created_at", "受理时间"}, {"due_at", "应办结时间"},    {"started_at", "时间"},
    {"direction", "方向"},     {"inbound", "方向"},         {"answered", "接听"},
    {"agent", "坐席"},         {"satisfaction", "满意度"},  {"order_code", "关联工单"},
    // issue 13, providers: the providers (or towns) behind a provider indicator
    {"name", "名称"},          {"status_label", "状态"},    {"detail", "说明"},
};

std::string cell_text(const json& r, const char* key) {
    auto it = r.find(key);
    if (it == r.end() || it->is_null()) return "";
    const std::string k = key;
    if (k == "type" && it->is_string()) {
        std::string lbl = str_of(r, "type_label");
        return lbl.empty() ? type_label(it->get<std::string>()) : lbl;
    }
    if (k == "status" && it->is_string()) {
        std::string lbl = str_of(r, "status_label");
        return lbl.empty() ? status_label(it->get<std::string>()) : lbl;
    }
    if (k == "channel" && it->is_string()) {
        if (auto c = parse_Channel(it->get<std::string>())) return label_zh(*c);
    }
    if (k == "direction" && it->is_string()) return it->get<std::string>() == "inbound" ? "呼入" : "呼出";
    if (k == "satisfaction" && it->is_number_integer()) {
        const std::string lbl = satisfaction_label_zh(it->get<int>());
        return lbl.empty() ? it->dump() : lbl;
    }
    if (k == "inbound" && it->is_boolean()) return it->get<bool>() ? "呼入" : "呼出";
    if (k == "answered" && it->is_boolean()) return it->get<bool>() ? "已接听" : "未接听";
    if ((k == "created_at" || k == "due_at" || k == "started_at") && it->is_string()) {
        std::string t = it->get<std::string>();
        if (t.size() >= 16) t = t.substr(0, 10) + " " + t.substr(11, 5);
        return t;
    }
    if (it->is_string()) return it->get<std::string>();
    if (it->is_boolean()) return it->get<bool>() ? "是" : "否";
    if (it->is_number()) return it->dump();
    return "";
}

KpiRecords records_of(const wire::KpiRecordsReply& reply, KpiRecords base) {
    base.loaded = true;
    base.error.clear();
    base.rows.clear();
    base.headers.clear();
    base.total = reply.total;
    base.page = reply.page;
    base.page_size = reply.page_size;
    // Orders and calls as their typed records (wire KpiOrderRecord, CallRow), shown as table rows: the columns
    // shown are those any row has.
    if (reply.kind == "activities") {   // issue 13: the approved activity records behind an entered item
        base.headers = {"日期", "类别", "标题", "地点", "数量", "审核人", "佐证"};
        for (const auto& a : reply.activities) {
            KpiRecordRow row;
            row.id = a.id;
            row.is_order = false;
            row.code = "台账 " + std::to_string(a.id);
            const std::string amount = a.denominator ? std::to_string(a.numerator) + " / " + std::to_string(a.denominator)
                                       : a.quantity ? std::to_string(a.quantity) : std::string();
            row.cells = {a.date, a.kind_name, a.title, a.place, amount, a.approved_by, std::to_string(a.files) + " 个文件"};
            base.rows.push_back(std::move(row));
        }
        return base;
    }
    std::vector<json> items;
    if (reply.kind == "orders") for (const auto& o : reply.orders) items.push_back(o);
    else if (reply.kind == "providers" || reply.kind == "towns") for (const auto& p : reply.providers) items.push_back(p);
    else for (const auto& c : reply.calls) items.push_back(c);
    std::vector<const RecordColumn*> cols;
    for (const RecordColumn& c : kRecordColumns) {
        bool any = false;
        for (const auto& r : items) {
            if (r.is_object() && r.contains(c.key) && !r[c.key].is_null()) { any = true; break; }
        }
        bool dup = false;
        for (const RecordColumn* p : cols) dup = dup || std::string(p->title) == c.title;
        if (any && !dup) cols.push_back(&c);
    }
    for (const RecordColumn* c : cols) base.headers.emplace_back(c->title);
    for (const auto& o : items) {
        if (!o.is_object()) continue;
        KpiRecordRow row;
        row.id = int_of(o, "id");
        row.is_order = reply.kind == "orders";
        row.code = row.is_order ? str_of(o, "code") : str_of(o, "call_key");
        if (row.code.empty()) row.code = std::to_string(row.id);
        for (const RecordColumn* c : cols) row.cells.push_back(cell_text(o, c->key));
        base.rows.push_back(std::move(row));
    }
    return base;
}

}  // namespace

// ---- periods -------------------------------------------------------------------------------------
double emergency_seconds_left(const EmergencyItem& e, double server_now_s) {
    return static_cast<double>(e.due_at) - server_now_s;
}

// ---- the loop ------------------------------------------------------------------------------------
bool App::live_enabled() const {
    return s_.user && !s_.must_change_password && may(s_.user->role, Permission::ReadLive);   // not the kiosk, not the leader
}

void App::start_live() {
    ++live_poll_token_;                    // a poll of an earlier session no longer counts
    live_inflight_ = false;
    live_next_poll_ms_ = 0;                // first poll on the next tick
    live_offset_known_ = false;
    tiles_due_ms_ = -1;
    kpis_due_ms_ = -1;
    watch_next_ms_ = -1;
    last_beep_ms_ = -1e9;
    if (!live_enabled()) return;
    const Role r = s_.user->role;
    s_.live.sees_emergencies = r == Role::Agent || r == Role::Supervisor || r == Role::Admin;
    KpiPeriod month{KpiPeriodKind::Month, s_.today.year, s_.today.month};
    s_.live.period = month;
    s_.live.scope = {};
    if (r == Role::Town && s_.user->town_id) s_.live.scope.town = *s_.user->town_id;
    if (r == Role::Provider && s_.user->provider_id) s_.live.scope.provider = *s_.user->provider_id;
    s_.live.watch_filter = {};
    if (r == Role::Town && s_.user->town_id) s_.live.watch_filter.town = *s_.user->town_id;
    load_tiles();
}

void App::tick(double now, LocalSeconds now_local) {
    live_tick_ms_ = now;
    kiosk_tick(now, now_local);                // 展厅大屏 rotation and polling (app/kiosk.cpp)
    // A refused export (导出): the server's Chinese message beside the list, in the status line.
    if (auto [status, text] = take_download_error(); status != 0 || !text.empty()) {
        HttpResponse r;
        r.status = status;
        r.text = text;
        r.body = nlohmann::json::parse(text, nullptr, false);
        set_status(StatusKind::Error, "导出失败：" + error_message_zh(r));
    }
    kiosk_heartbeat(now);
    if (!live_enabled()) return;
    LiveState& L = s_.live;
    L.clock_ms = now;
    if (live_offset_known_) L.server_now_s = live_offset_s_ + now / 1000.0;

    if (!live_inflight_ && now >= live_next_poll_ms_) poll_live();

    if (tiles_due_ms_ >= 0 && now >= tiles_due_ms_ && s_.screen == Screen::Home) {
        tiles_due_ms_ = -1;
        load_tiles();
        load_overview();                   // the home's order figures move with the orders too
    }
    if (kpis_due_ms_ >= 0 && now >= kpis_due_ms_ && s_.screen == Screen::Kpis) {
        kpis_due_ms_ = -1;
        load_kpis();
        if (!L.selected.empty()) load_kpi_records();
    }
    if (s_.screen == Screen::Watch && watch_next_ms_ >= 0 && now >= watch_next_ms_) load_watch();
    // The orders list (app/orders.cpp) follows changes too, unless its filter is being edited.
    if (orders_due_ms_ >= 0 && now >= orders_due_ms_) {
        orders_due_ms_ = -1;
        if (s_.screen == Screen::Orders && s_.orders.list.loaded && s_.orders.query == s_.orders.list.query)
            search_orders(s_.orders.list.query);
    }

    // The alarm: a beep every ~2 s while an emergency nobody has acknowledged is open.
    if (L.sees_emergencies && now - last_beep_ms_ >= kBeepEveryMs) {
        const bool unacked = std::any_of(L.emergencies.begin(), L.emergencies.end(),
                                         [](const EmergencyItem& e) { return !e.acknowledged_at; });
        if (unacked) {
            last_beep_ms_ = now;
            ++L.beep_attempts;
            if (play_alarm_beep()) ++L.beeps;
        }
    }
}

bool App::animating() const {
    if (!s_.live.sees_emergencies || !s_.user) return false;
    return std::any_of(s_.live.emergencies.begin(), s_.live.emergencies.end(),
                       [](const EmergencyItem& e) { return !e.acknowledged_at; });
}

void App::poll_live() {
    live_inflight_ = true;
    const std::uint64_t token = live_poll_token_;
    const std::uint64_t epoch = session_epoch_;
    // The first poll has no `after`: a baseline (seq and emergencies, nothing listed as changed).
    const std::string path = s_.live.polls == 0 ? std::string("/api/v1/live")
                                                : "/api/v1/live?after=" + std::to_string(s_.live.seq);
    // Quiet: not counted as pending (no spinner, no redraw) unless the reply changes something.
    http_request_quiet("GET", path, nullptr, [this, token, epoch](const HttpResponse& r) {
        if (token != live_poll_token_ || epoch != session_epoch_) return;   // an earlier session's poll
        live_inflight_ = false;
        const double now = now_ms();
        if (r.status == 401) {
            session_expired();
            return;
        }
        if (r.status != 200 || !r.body.is_object()) {
            ++s_.live.poll_errors;
            live_next_poll_ms_ = now + kBackoffMs;
            return;
        }
        live_next_poll_ms_ = now + kPollMs;
        live_reply(r.body);
    });
}

void App::live_reply(const json& body) {
    LiveState& L = s_.live;
    const double now = now_ms();
    std::string parse_error;
    const auto reply = wire::read_reply<wire::LiveReply>(body, &parse_error);
    if (!reply) {
        // Counted as a failed poll (the feed backs off on its next error); said once, not every second.
        ++L.poll_errors;
        if (L.feed_error.empty()) set_status(StatusKind::Error, "实时动态的回复无法解读：" + parse_error);
        L.feed_error = parse_error;
        return;
    }
    L.feed_error.clear();
    const bool first = L.polls == 0;
    ++L.polls;
    L.last_poll_ms = now;
    // The server's clock: server_now is whole seconds taken before the reply left, so server_now - now is a
    // lower bound of the offset; the largest bound seen is kept (the countdown never jumps back), unless it
    // moved by more than 3 s (the server's clock was set).
    {
        const double est = static_cast<double>(reply->server_now) - now / 1000.0;
        if (!live_offset_known_ || est > live_offset_s_ || est < live_offset_s_ - 3.0) live_offset_s_ = est;
        live_offset_known_ = true;
        L.server_now_s = live_offset_s_ + now / 1000.0;
    }
    const bool changed = reply->changed;
    L.seq = reply->seq;

    std::vector<EmergencyItem> list;
    for (const wire::LiveEmergency& e : reply->emergencies) {
        EmergencyItem x;
        x.id = e.id;
        x.code = e.code;
        x.created_at = parse_timestamp(e.created_at).value_or(0);
        // The deadline is the server's due_s (shared emergency_answer_due of the SLA rules in force), nothing else.
        x.due_at = e.due_s;
        if (e.acknowledged_at) x.acknowledged_at = parse_timestamp(*e.acknowledged_at);
        x.acknowledged_by_name = e.acknowledged_by_name.value_or("");
        x.status = e.status;
        x.town_id = e.town_id;
        x.town_name = e.town_name;
        x.description = e.description;
        for (const auto& old : L.emergencies) {
            if (old.id == x.id) {
                x.ack_pending = old.ack_pending && !x.acknowledged_at;
                if (!x.acknowledged_at && old.acknowledged_at) {   // ours, not yet in the feed
                    x.acknowledged_at = old.acknowledged_at;
                    x.acknowledged_by_name = old.acknowledged_by_name;
                }
            }
        }
        list.push_back(std::move(x));
    }
    auto same = [](const EmergencyItem& a, const EmergencyItem& b) {
        return a.id == b.id && a.acknowledged_at == b.acknowledged_at && a.status == b.status &&
               a.acknowledged_by_name == b.acknowledged_by_name && a.description == b.description &&
               a.due_at == b.due_at && a.ack_pending == b.ack_pending;
    };
    const bool emergencies_changed = list.size() != L.emergencies.size() ||
                                     !std::equal(list.begin(), list.end(), L.emergencies.begin(), same);
    if (emergencies_changed) {
        L.emergencies = std::move(list);
        changed_ = true;
        wake();
    }
    if (changed && !first) {
        L.changed_orders = reply->changed_orders;
        ++L.change_serial;
        live_changed();
        if (s_.orders.current && std::find(L.changed_orders.begin(), L.changed_orders.end(),
                                           s_.orders.current->order.id) != L.changed_orders.end()) {
            order_changed_elsewhere();
        }
        changed_ = true;
        wake();
    }
}

// Orders changed (the feed, or this client): the tiles at most every 2 s, the indicator screen likewise, the
// watch list on its next tick. Each fires when its screen is shown (tick).
void App::live_changed() {
    const double now = live_tick_ms_;
    if (tiles_due_ms_ < 0) tiles_due_ms_ = std::max(now, tiles_last_ms_ + kTilesMinGapMs);
    if (kpis_due_ms_ < 0) kpis_due_ms_ = now + 500;
    if (watch_next_ms_ >= 0) watch_next_ms_ = std::min(watch_next_ms_, now + 500);
    // The orders list reloads (at most every 2 s); an open order is not reloaded here (its action form may be
    // half typed): s_.live.change_serial / changed_orders tell the orders area which ids moved.
    if (orders_due_ms_ < 0 && s_.screen == Screen::Orders) orders_due_ms_ = now + 300;
}

void App::orders_changed() {
    if (!live_enabled()) return;
    live_changed();
    live_next_poll_ms_ = std::min(live_next_poll_ms_, live_tick_ms_ + 200);   // learn the new seq soon
}

// ---- SOS -----------------------------------------------------------------------------------------
void App::acknowledge_emergency(Id id) {
    auto find = [this](Id x) -> EmergencyItem* {
        for (auto& e : s_.live.emergencies) {
            if (e.id == x) return &e;
        }
        return nullptr;
    };
    EmergencyItem* e = find(id);
    if (!e || e->acknowledged_at || e->ack_pending) return;
    e->ack_pending = true;
    const std::string code = e->code;
    json body = {{"action", "acknowledge"}};
    request("POST", "/api/v1/orders/" + std::to_string(id) + "/transitions", &body,
            [this, id, code, find](const HttpResponse& r) {
                EmergencyItem* e = find(id);
                if (e) e->ack_pending = false;
                live_next_poll_ms_ = 0;       // everyone's state from the feed, now
                if (r.status == 200 || r.status == 201) {
                    if (e) {
                        // The order as acknowledged (wire/orders.hpp OrderReply); this seat acknowledged it.
                        const auto reply = wire::read_reply<wire::OrderReply>(r.body);
                        const auto at = reply ? reply->order.order.acknowledged_at : std::nullopt;
                        e->acknowledged_at = at.value_or(static_cast<LocalSeconds>(s_.live.server_now_s));
                        e->acknowledged_by_name = s_.user ? s_.user->display_name : std::string();
                    }
                    set_status(StatusKind::Success, "已确认接警：" + code);
                    orders_changed();
                } else if (r.status == 409) {
                    set_status(StatusKind::Info, error_message_zh(r));   // someone else was quicker
                } else {
                    set_status(StatusKind::Error, "确认接警失败：" + error_message_zh(r));
                }
            });
}

// ---- indicators ----------------------------------------------------------------------------------
std::string App::kpi_query(const KpiPeriod& p, const KpiScope& scope) const {
    std::string q = "period=" + p.code();
    if (scope.town) q += "&town=" + std::to_string(scope.town);
    if (scope.provider) q += "&provider=" + std::to_string(scope.provider);
    return q;
}

namespace {
KpiData kpi_data_of(const wire::KpisReply& reply, const KpiPeriod& p, const KpiScope& scope) {
    KpiData d;
    d.period = p;
    d.scope = scope;
    d.loaded = true;
    d.period_label = reply.period.label;
    // The scope's own name: a town's or a provider's; the city has none.
    d.scope_label = reply.scope.town_name.value_or(reply.scope.provider_name.value_or(""));
    for (const auto& r : reply.items) d.items.push_back(kpi_item_of(r));
    d.as_of = reply.as_of;
    return d;
}
}  // namespace

void App::load_tiles() {
    if (!live_enabled()) return;
    tiles_last_ms_ = live_tick_ms_;
    KpiPeriod month{KpiPeriodKind::Month, s_.today.year, s_.today.month};
    KpiScope scope;
    if (s_.user->role == Role::Town && s_.user->town_id) scope.town = *s_.user->town_id;
    if (s_.user->role == Role::Provider && s_.user->provider_id) scope.provider = *s_.user->provider_id;
    const std::uint64_t seq = ++tiles_seq_;
    request("GET", "/api/v1/kpis?" + kpi_query(month, scope), nullptr, [this, seq, month, scope](const HttpResponse& r) {
        if (seq != tiles_seq_) return;
        const auto reply = r.status == 200 ? wire::read_reply<wire::KpisReply>(r.body) : std::nullopt;
        if (reply) s_.live.tiles = kpi_data_of(*reply, month, scope);   // else the tiles keep their last figures
        ++s_.live.tile_loads;
    });
}

void App::load_kpis() {
    const KpiPeriod p = s_.live.period;
    const KpiScope scope = s_.live.scope;
    const std::uint64_t seq = ++kpis_seq_;
    s_.list_paths["kpis"] = "/api/v1/kpis?" + kpi_query(p, scope);
    request("GET", "/api/v1/kpis?" + kpi_query(p, scope), nullptr, [this, seq, p, scope](const HttpResponse& r) {
        if (seq != kpis_seq_) return;
        std::string parse_error;
        const auto reply = r.status == 200 ? wire::read_reply<wire::KpisReply>(r.body, &parse_error) : std::nullopt;
        if (!reply) {
            s_.live.kpis = KpiData{p, scope, "", "", {}, true, ""};
            set_status(StatusKind::Error, r.status == 200 ? "指标的回复无法解读：" + parse_error
                                                          : "指标加载失败：" + error_message_zh(r));
            return;
        }
        s_.live.kpis = kpi_data_of(*reply, p, scope);
    });
}

void App::load_kpi_records() {
    LiveState& L = s_.live;
    if (L.selected.empty()) return;
    KpiRecords base;
    base.code = L.selected;
    base.side = L.records.code == L.selected ? L.records.side : "numerator";
    base.page = L.records.code == L.selected ? L.records.page : 1;
    base.page_size = L.records.page_size;
    base.sort = L.records.code == L.selected ? L.records.sort : std::string();
    L.records.code = base.code;
    L.records.side = base.side;
    L.records.page = base.page;
    const std::uint64_t seq = ++records_seq_;
    const std::string path = "/api/v1/kpis/" + url_encode(base.code) + "/records?" + kpi_query(L.period, L.scope) +
                             "&side=" + base.side + "&page=" + std::to_string(base.page) +
                             "&page_size=" + std::to_string(base.page_size) +
                             (base.sort.empty() ? std::string() : "&sort=" + url_encode(base.sort));
    s_.list_paths["kpi_records"] = path;   // the export keeps the sort: same order
    request("GET", path, nullptr, [this, seq, base](const HttpResponse& r) {
        if (seq != records_seq_) return;
        std::string parse_error;
        const auto reply = r.status == 200 ? wire::read_reply<wire::KpiRecordsReply>(r.body, &parse_error) : std::nullopt;
        if (!reply) {
            KpiRecords failed = base;
            failed.loaded = true;
            failed.error = r.status == 200 ? "记录的回复无法解读：" + parse_error : error_message_zh(r);
            s_.live.records = std::move(failed);
            return;
        }
        s_.live.records = records_of(*reply, base);
    });
}

void App::load_live_providers() {
    if (!s_.live.providers.empty() || !s_.user) return;
    const Role role = s_.user->role;
    if (role != Role::Admin && role != Role::Supervisor && role != Role::Agent) return;
    request("GET", "/api/v1/providers", nullptr, [this](const HttpResponse& r) {
        if (r.status != 200 || !r.body.is_object()) return;
        const auto list = wire::read_reply<wire::ProviderList>(r.body);
        if (!list) return;   // names only: the watch filter still works by id
        std::vector<NamedId> out;
        for (const auto& p : list->items) out.push_back(NamedId{p.id, p.name});
        s_.live.providers = std::move(out);
    });
}

void App::enter_kpis() {
    if (!live_enabled()) return;
    if (s_.live.period == KpiPeriod{}) s_.live.period = KpiPeriod{KpiPeriodKind::Month, s_.today.year, s_.today.month};
    load_live_providers();
    load_kpis();
    if (!s_.live.selected.empty()) load_kpi_records();
}

// ---- watch list ----------------------------------------------------------------------------------
void App::enter_watch() {
    if (!live_enabled()) return;
    load_live_providers();
    load_watch();
}

void App::load_watch() {
    watch_next_ms_ = live_tick_ms_ + kWatchEveryMs;
    const WatchFilter f = s_.live.watch_filter;
    std::string path = "/api/v1/watch";
    std::string sep = "?";
    if (f.town) { path += sep + "town=" + std::to_string(f.town); sep = "&"; }
    if (f.provider) { path += sep + "provider=" + std::to_string(f.provider); sep = "&"; }
    if (!f.sort.empty()) { path += sep + "sort=" + url_encode(f.sort); sep = "&"; }   // the export keeps it: same order
    path += sep + "page=" + std::to_string(std::max(1, f.page)) + "&page_size=" + std::to_string(f.page_size);
    s_.list_paths["watch"] = path;
    const std::uint64_t seq = ++watch_seq_;
    request("GET", path, nullptr, [this, seq, f](const HttpResponse& r) {
        if (seq != watch_seq_) return;
        if (r.status != 200 || !r.body.is_object()) {
            set_status(StatusKind::Error, "督办清单加载失败：" + error_message_zh(r));
            return;
        }
        std::string parse_error;
        const auto reply = wire::read_reply<wire::WatchReply>(r.body, &parse_error);
        if (!reply) {
            set_status(StatusKind::Error, "督办清单的回复无法解读：" + parse_error);
            return;
        }
        // Rows and totals exactly as the server sent them (shared wire::watch_totals counted them once).
        WatchData d;
        d.filter = f;
        d.loaded = true;
        d.as_of = reply->as_of;
        for (const wire::WatchEntry& it : reply->items) {
            WatchRow w;
            w.order_id = it.order_id;
            w.order_code = it.order_code;
            w.type_label = it.order_type_name.empty() ? type_label(it.order_type) : it.order_type_name;
            w.town_name = it.town_name;
            w.provider_name = it.provider_name.value_or("");
            w.rule_name = it.rule_name;
            w.due_at = it.due_at;
            if (w.due_at.size() >= 16) w.due_at = w.due_at.substr(0, 10) + " " + w.due_at.substr(11, 5);
            w.seconds_to_due = it.seconds_to_due;
            w.overdue = it.overdue();
            d.rows.push_back(std::move(w));
        }
        for (const auto& g : reply->totals.by_town) d.by_town.push_back({g.town_id, g.town_name, g.overdue, g.due_soon});
        for (const auto& g : reply->totals.by_provider)
            d.by_provider.push_back({g.provider_id.value_or(0), g.provider_name, g.overdue, g.due_soon});
        d.overdue = reply->totals.overdue;
        d.due_soon = reply->totals.due_soon;
        d.total = reply->totals.total;
        s_.live.watch = std::move(d);
        ++s_.live.watch_loads;
    });
}

// ---- intents -------------------------------------------------------------------------------------
void App::apply_live(const LiveIntent& intent) {
    std::visit(
        [this](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            LiveState& L = s_.live;
            if constexpr (std::is_same_v<T, AcknowledgeEmergency>) {
                acknowledge_emergency(i.id);
            } else if constexpr (std::is_same_v<T, OpenEmergency>) {
                open_order(i.id);
            } else if constexpr (std::is_same_v<T, OpenKpi>) {
                L.period = KpiPeriod{KpiPeriodKind::Month, s_.today.year, s_.today.month};
                L.scope = L.tiles.scope;
                L.selected = i.code;
                L.records = KpiRecords{};
                L.records.code = i.code;
                navigate(Screen::Kpis);
            } else if constexpr (std::is_same_v<T, SetKpiPeriod>) {
                if (i.period.year < 2000 || i.period.year > 2100) return;
                L.period = i.period;
                L.records.page = 1;
                load_kpis();
                load_kpi_records();
            } else if constexpr (std::is_same_v<T, SetKpiScope>) {
                const Role r = s_.user ? s_.user->role : Role::Kiosk;
                if (r == Role::Town || r == Role::Provider) return;   // fixed to their own
                L.scope = i.scope;
                L.records.page = 1;
                load_kpis();
                load_kpi_records();
            } else if constexpr (std::is_same_v<T, SelectKpi>) {
                L.selected = i.code;
                L.records = KpiRecords{};
                L.records.code = i.code;
                load_kpi_records();
            } else if constexpr (std::is_same_v<T, KpiRecordsPage>) {
                if (L.selected.empty()) return;
                L.records.side = i.side == "denominator" || i.side == "failures" ? i.side : std::string("numerator");
                L.records.page = std::max(1, i.page);
                load_kpi_records();
            } else if constexpr (std::is_same_v<T, KpiRecordsView>) {
                if (L.selected.empty()) return;
                L.records.sort = i.sort;
                L.records.page_size = std::clamp(i.page_size, 1, 200);
                L.records.page = std::max(1, i.page);
                load_kpi_records();
            } else if constexpr (std::is_same_v<T, OpenOrderFromLive>) {
                open_order(i.id);
            } else if constexpr (std::is_same_v<T, SetWatchFilter>) {
                const WatchFilter before = L.watch_filter;
                L.watch_filter = i.filter;
                L.watch_filter.page_size = std::clamp(L.watch_filter.page_size, 1, 200);
                // Another town, provider or order starts at page 1 (a page of the old list means nothing).
                if (before.town != i.filter.town || before.provider != i.filter.provider || before.sort != i.filter.sort)
                    L.watch_filter.page = 1;
                if (s_.user && s_.user->role == Role::Town && s_.user->town_id) L.watch_filter.town = *s_.user->town_id;
                load_watch();
            } else if constexpr (std::is_same_v<T, RefreshWatch>) {
                load_watch();
            }
        },
        intent);
}

nlohmann::json test_state_of(const LiveState& s) {
    json j;
    j["seq"] = s.seq;
    j["polls"] = s.polls;
    j["poll_errors"] = s.poll_errors;
    j["last_poll_ms"] = s.last_poll_ms;
    j["change_serial"] = s.change_serial;
    j["changed_orders"] = s.changed_orders;
    j["server_now"] = s.server_now_s > 0 ? format_timestamp(static_cast<LocalSeconds>(s.server_now_s)) : "";
    json em = json::array();
    for (const auto& e : s.emergencies) {
        em.push_back({{"id", e.id}, {"code", e.code}, {"acknowledged", e.acknowledged_at.has_value()},
                      {"acknowledged_by_name", e.acknowledged_by_name}, {"status", e.status},
                      {"seconds_left", emergency_seconds_left(e, s.server_now_s)}});
    }
    j["emergencies"] = std::move(em);
    j["beep_attempts"] = s.beep_attempts;
    j["beeps"] = s.beeps;
    json tiles = json::array();
    for (const auto& k : s.tiles.items) {
        tiles.push_back({{"code", k.code}, {"display", k.display}, {"met", k.met},
                         {"numerator_count", k.numerator_count}, {"denominator_count", k.denominator_count}});
    }
    j["tiles"] = std::move(tiles);
    j["tile_loads"] = s.tile_loads;
    j["kpis"] = {{"loaded", s.kpis.loaded}, {"period", s.kpis.period.code()}, {"count", s.kpis.items.size()},
                 {"town", s.kpis.scope.town}, {"provider", s.kpis.scope.provider}};
    j["selected"] = s.selected;
    j["records"] = {{"code", s.records.code}, {"side", s.records.side}, {"page", s.records.page},
                    {"total", s.records.total}, {"rows", s.records.rows.size()}, {"loaded", s.records.loaded},
                    {"error", s.records.error}, {"sort", s.records.sort}, {"page_size", s.records.page_size}};
    j["watch"] = {{"loaded", s.watch.loaded}, {"rows", s.watch.rows.size()}, {"overdue", s.watch.overdue},
                  {"due_soon", s.watch.due_soon}, {"by_town", s.watch.by_town.size()},
                  {"by_provider", s.watch.by_provider.size()}, {"loads", s.watch_loads},
                  {"sort", s.watch_filter.sort}, {"page", s.watch_filter.page},
                  {"page_size", s.watch_filter.page_size}, {"total", s.watch.total}};
    {
        nlohmann::json codes = nlohmann::json::array();
        for (const auto& r : s.watch.rows) codes.push_back(r.order_code);
        j["watch"]["codes"] = std::move(codes);
    }
    return j;
}

}  // namespace yiyang::client
