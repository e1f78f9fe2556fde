// 通话记录 (app/calls_state.hpp): the call list's query as URL and request, the rows as the server sent them
// (numbers masked for the role), and opening a call's order. The server checks every filter and refuses a number
// fragment from a role that sees numbers masked; the refusal is shown beside the list.
#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "platform/http.hpp"
#include "yiyang/cdr.hpp"
#include "yiyang/date.hpp"
#include "yiyang/wire/calls.hpp"

namespace yiyang::client {

using nlohmann::json;

namespace {

int int_or(const std::map<std::string, std::string>& m, const char* key, int fallback, int hi) {
    auto it = m.find(key);
    if (it == m.end()) return fallback;
    int n = 0;
    auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), n);
    if (ec != std::errc() || p != it->second.data() + it->second.size() || n < 1 || n > hi) return fallback;
    return n;
}

std::string text_of(const std::map<std::string, std::string>& m, const char* key) {
    auto it = m.find(key);
    return it == m.end() ? std::string() : it->second;
}

std::string seconds_text(LocalSeconds t) {
    std::string s = format_timestamp(t);
    if (s.size() >= 19) s = s.substr(0, 10) + " " + s.substr(11, 8);
    return s;
}

const char* disposition_label(const std::string& c) {
    for (auto d : {CallDisposition::Answered, CallDisposition::NoAnswer, CallDisposition::Busy,
                   CallDisposition::Abandoned, CallDisposition::Failed}) {
        if (c == code(d)) return label_zh(d);
    }
    return "";
}

}  // namespace

std::map<std::string, std::string> query_of(const CallQuery& q) {
    const CallQuery d;
    std::map<std::string, std::string> out;               // the number is left out on purpose
    if (!q.from.empty()) out["from"] = q.from;
    if (!q.to.empty()) out["to"] = q.to;
    if (!q.direction.empty()) out["direction"] = q.direction;
    if (!q.disposition.empty()) out["disposition"] = q.disposition;
    if (!q.agent.empty()) out["agent"] = q.agent;
    if (!q.sort.empty()) out["sort"] = q.sort;
    if (q.page > 1) out["page"] = std::to_string(q.page);
    if (q.page_size != d.page_size) out["page_size"] = std::to_string(q.page_size);
    return out;
}

CallQuery call_query_of(const std::map<std::string, std::string>& m) {
    CallQuery q;
    q.from = text_of(m, "from");
    q.to = text_of(m, "to");
    q.direction = text_of(m, "direction");
    q.disposition = text_of(m, "disposition");
    q.agent = text_of(m, "agent");
    q.sort = text_of(m, "sort");
    q.page = int_or(m, "page", 1, 1'000'000);
    q.page_size = int_or(m, "page_size", q.page_size, 200);
    return q;
}

std::string calls_path(const CallQuery& q) {
    std::string path = "/api/v1/calls?page=" + std::to_string(std::max(1, q.page)) +
                       "&page_size=" + std::to_string(q.page_size);
    for (const auto& [k, v] : query_of(q)) {
        if (k == "page" || k == "page_size") continue;
        path += "&" + k + "=" + url_encode(v);
    }
    if (!q.number.empty()) path += "&number=" + url_encode(q.number);
    return path;
}

void App::enter_calls() {
    if (!s_.calls.list.loaded) search_calls(s_.calls.query);
}

void App::search_calls(const CallQuery& query) {
    CallQuery q = query;
    q.page = std::max(1, q.page);
    s_.calls.query = q;
    const std::string path = calls_path(q);
    s_.list_paths["calls"] = path;                        // 导出 / 打印: the same filters, sort and number
    const std::uint64_t seq = ++calls_seq_;
    changed_ = true;
    request("GET", path, nullptr, [this, seq, q](const HttpResponse& r) {
        if (seq != calls_seq_) return;                    // a newer search is under way
        CallsState& c = s_.calls;
        if (r.status != 200 || !r.body.is_object()) {
            c.error = error_message_zh(r);
            // A refused query (4xx: the filters) is said once, beside the list; a failure of the server or the
            // network also goes to the status line, where every failure of the dashboard is reported.
            if (r.status == 0 || r.status >= 500) set_status(StatusKind::Error, "通话记录查询失败：" + c.error);
            return;
        }
        std::string err;
        const auto page = wire::read_reply<wire::CallPage>(r.body, &err);
        if (!page) {
            c.error = "通话记录的回复无法识别（" + err + "）";
            set_status(StatusKind::Error, c.error);
            return;
        }
        c.error.clear();
        CallListData d;
        d.query = q;
        d.total = page->page.total;
        d.masked = page->masked;
        d.loaded = true;
        for (const wire::CallRow& row : page->page.items) {
            CallRowView v;
            v.id = row.id;
            v.started = seconds_text(row.started_at);
            v.direction_label = row.direction == "outbound" ? "呼出" : "呼入";
            v.caller = row.caller;
            v.callee = row.callee;
            v.disposition_label = disposition_label(row.disposition);
            v.agent = row.agent;
            v.order_code = row.order_code.value_or("");
            v.call_key = row.call_key;
            v.duration_s = row.duration_s;
            v.talk_s = row.talk_s;
            d.items.push_back(std::move(v));
        }
        c.list = std::move(d);
        ++c.loads;
    });
}

void App::apply_calls(const CallsIntent& intent) {
    changed_ = true;
    std::visit(
        [this](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, CallsEditQuery>) {
                s_.calls.query = i.query;
            } else if constexpr (std::is_same_v<T, CallsSearch>) {
                search_calls(i.query);
            } else if constexpr (std::is_same_v<T, CallsOpenOrder>) {
                if (!i.code.empty()) open_order_by_code(i.code);
            }
        },
        intent);
}

json test_state_of(const CallsState& s) {
    json rows = json::array();
    for (const auto& r : s.list.items) {
        rows.push_back({{"id", r.id}, {"started", r.started}, {"direction", r.direction_label}, {"caller", r.caller},
                        {"callee", r.callee}, {"disposition", r.disposition_label}, {"agent", r.agent},
                        {"order_code", r.order_code}, {"call_key", r.call_key}, {"duration_s", r.duration_s},
                        {"talk_s", r.talk_s}});
    }
    const CallQuery& q = s.list.query;
    return {{"loaded", s.list.loaded}, {"total", s.list.total}, {"masked", s.list.masked}, {"loads", s.loads},
            {"error", s.error}, {"rows", rows},
            {"query", {{"from", q.from}, {"to", q.to}, {"direction", q.direction}, {"disposition", q.disposition},
                       {"agent", q.agent}, {"number", q.number}, {"sort", q.sort}, {"page", q.page},
                       {"page_size", q.page_size}}},
            {"edited", {{"number", s.query.number}, {"agent", s.query.agent}}}};
}

}  // namespace yiyang::client
