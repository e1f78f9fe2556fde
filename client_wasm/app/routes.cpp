// Hash routes (routes.hpp): patterns come from the screen table, so a new screen gets its URL by its row.
// The query carries list filters only (no names or phone numbers: a URL lands in the browser's history and
// in messages to colleagues, and the elder search text may be personal data).
#include "app/routes.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include "app/screens.hpp"

namespace yiyang::client {

namespace {

bool unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == '~';
}

std::string encode(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (unreserved(c)) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
            i += 2;
        } else if (s[i] == '+') {
            out.push_back(' ');
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        const std::size_t end = s.find(sep, start);
        if (end == std::string_view::npos) {
            out.push_back(s.substr(start));
            break;
        }
        out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

std::optional<long long> positive(std::string_view s) {
    if (s.empty() || s.size() > 15) return std::nullopt;
    long long n = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || p != s.data() + s.size() || n <= 0) return std::nullopt;
    return n;
}

// Does a record segment fit its placeholder? ":code" an order code, ":id" a positive number or "new".
std::optional<std::string> record_of(std::string_view placeholder, std::string_view segment) {
    const std::string text = decode(segment);
    if (placeholder == ":code") return order_code_of(text);
    if (placeholder == ":id") {
        if (text == "new") return text;
        if (positive(text)) return std::to_string(*positive(text));
    }
    return std::nullopt;
}

int int_or(const std::map<std::string, std::string>& q, const char* key, int fallback) {
    auto it = q.find(key);
    if (it == q.end()) return fallback;
    auto n = positive(it->second);
    return n && *n < 1000000 ? static_cast<int>(*n) : fallback;
}

Id id_or_zero(const std::map<std::string, std::string>& q, const char* key) {
    auto it = q.find(key);
    if (it == q.end()) return 0;
    auto n = positive(it->second);
    return n ? static_cast<Id>(*n) : 0;
}

std::string text_or_empty(const std::map<std::string, std::string>& q, const char* key) {
    auto it = q.find(key);
    return it == q.end() ? std::string() : it->second;
}

bool month_code_ok(const std::string& m) {
    if (m.size() != 7 || m[4] != '-') return false;
    for (std::size_t i = 0; i < 7; ++i)
        if (i != 4 && (m[i] < '0' || m[i] > '9')) return false;
    const int month = (m[5] - '0') * 10 + (m[6] - '0');
    return month >= 1 && month <= 12 && m.compare(0, 4, "2000") >= 0;
}

bool project_code_ok(const std::string& p) {
    if (p.empty() || p.size() > 40) return false;
    return std::all_of(p.begin(), p.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

std::string shown_value(const std::string& v) { return "“" + v.substr(0, 40) + "”"; }

// The default month of 考核 and 结算 (the last month): left out of the URL unless a record is open.
std::string default_month(const AppState& s) { return settlement_month_choices(s.today).front(); }

}  // namespace

std::string assessment_link(Id provider, const std::string& month, const std::string& project) {
    Route r{Screen::Assessment, {}, {{"month", month}, {"provider", std::to_string(provider)}}};
    if (!project.empty()) r.query["project"] = project;
    return format_route(r);
}

std::string settlement_link(Id provider, const std::string& month, Id statement) {
    Route r{Screen::Settlement, {}, {{"month", month}, {"provider", std::to_string(provider)}}};
    if (statement != 0) r.query["statement"] = std::to_string(statement);
    return format_route(r);
}

std::string contracts_link(Id provider, int year) {
    return format_route(Route{Screen::Contracts, {}, {{"provider", std::to_string(provider)}, {"year", std::to_string(year)}}});
}

std::string contracts_link(Id provider, const std::string& month) {
    const auto year = positive(std::string_view(month).substr(0, 4));
    return contracts_link(provider, year ? static_cast<int>(*year) : 0);
}

std::string route_query_error(const Route& r) {
    if (r.screen != Screen::Assessment && r.screen != Screen::Settlement && r.screen != Screen::Contracts) return {};
    const std::string title = screen_title_zh(r.screen);
    for (const auto& [k, v] : r.query) {
        std::string want;
        if (k == "provider" || (k == "statement" && r.screen == Screen::Settlement)) {
            if (!positive(v)) want = "应为正整数编号";
        } else if (k == "month" && r.screen != Screen::Contracts) {
            if (!month_code_ok(v)) want = "应写作 2026-10";
        } else if (k == "project" && r.screen == Screen::Assessment) {
            if (!project_code_ok(v)) want = "应为项目代码（如 home_visit）";
        } else if (k == "year" && r.screen == Screen::Contracts) {
            const auto y = positive(v);
            if (!y || *y < 2000 || *y > 2100) want = "应为 2000–2100 的年份";
        } else {
            want = "不是该页面的参数";
        }
        if (!want.empty()) return "「" + title + "」链接中的 " + k + "=" + shown_value(v) + " " + want;
    }
    if (r.screen == Screen::Assessment && r.query.count("project") && !r.query.count("provider"))
        return "「" + title + "」链接中有 project 而没有 provider：请指明服务机构";
    if (r.screen == Screen::Settlement && r.query.count("statement") && !r.query.count("provider"))
        return "「" + title + "」链接中有 statement 而没有 provider：请指明服务机构";
    return {};
}

std::optional<ChainMonth> not_received_month(const OrdersState& o) {
    if (!o.current || !o.current->order.provider_id || !o.history_loaded) return std::nullopt;
    for (auto h = o.history.rbegin(); h != o.history.rend(); ++h) {
        if (h->action != "callback" || !h->details.is_object()) continue;
        const auto received = h->details.find("service_received");
        if (received == h->details.end() || !received->is_boolean() || received->get<bool>()) continue;
        const std::string month = h->at.substr(0, 7);
        if (!month_code_ok(month)) return std::nullopt;
        return ChainMonth{*o.current->order.provider_id, month};
    }
    return std::nullopt;
}

std::optional<std::string> order_code_of(std::string_view text) {
    std::string code;
    for (char c : text) {
        if (c == ' ') continue;
        code.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    }
    if (code.size() < 14 || code.size() > 15 || code.rfind("GD", 0) != 0) return std::nullopt;
    for (std::size_t i = 2; i < code.size(); ++i) {
        if (code[i] < '0' || code[i] > '9') return std::nullopt;
    }
    return code;
}

std::optional<Route> parse_route(std::string_view hash) {
    if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
    if (!hash.empty() && hash.front() == '/') hash.remove_prefix(1);
    std::string_view path = hash, query;
    if (const auto q = hash.find('?'); q != std::string_view::npos) {
        path = hash.substr(0, q);
        query = hash.substr(q + 1);
    }
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    Route r;
    if (!query.empty()) {
        for (std::string_view pair : split(query, '&')) {
            if (pair.empty()) continue;
            const auto eq = pair.find('=');
            const std::string key = decode(pair.substr(0, eq));
            const std::string value = eq == std::string_view::npos ? std::string() : decode(pair.substr(eq + 1));
            if (!key.empty() && !value.empty()) r.query[key] = value;
        }
    }
    if (path.empty()) {
        r.screen = Screen::Home;
        r.query.clear();
        return r;
    }
    const auto segments = split(path, '/');
    for (const ScreenSpec& spec : screen_table()) {
        if (!spec.route) continue;
        const auto pattern = split(spec.route, '/');
        if (pattern.size() != segments.size()) continue;
        bool ok = true;
        std::string record;
        for (std::size_t i = 0; i < pattern.size() && ok; ++i) {
            if (!pattern[i].empty() && pattern[i].front() == ':') {
                auto rec = record_of(pattern[i], segments[i]);
                if (rec) record = *rec;
                else ok = false;
            } else {
                ok = pattern[i] == segments[i];
            }
        }
        if (!ok) continue;
        r.screen = spec.screen;
        r.record = record;
        if (!record.empty()) r.query.clear();       // a record's URL has no filters
        return r;
    }
    return std::nullopt;
}

std::string format_route(const Route& r) {
    const ScreenSpec& spec = screen_spec(r.screen);
    if (!spec.route) return "#/";
    std::string path;
    for (std::string_view part : split(spec.route, '/')) {
        if (!path.empty()) path += '/';
        if (!part.empty() && part.front() == ':') path += encode(r.record);
        else path += part;
    }
    std::string out = "#/" + path;
    char sep = '?';
    for (const auto& [k, v] : r.query) {
        out += sep;
        out += encode(k) + "=" + encode(v);
        sep = '&';
    }
    return out;
}

std::map<std::string, std::string> query_of(const OrderQuery& q) {
    const OrderQuery d;
    std::map<std::string, std::string> out;
    if (!q.status.empty()) out["status"] = q.status;
    if (!q.type.empty()) out["type"] = q.type;
    if (!q.channel.empty()) out["channel"] = q.channel;
    if (q.town_id != 0) out["town"] = std::to_string(q.town_id);
    if (q.provider_id != 0) out["provider"] = std::to_string(q.provider_id);
    if (q.overdue_only) out["overdue"] = "1";
    if (!q.period.empty()) out["period"] = q.period;
    if (!q.from.empty()) out["from"] = q.from;
    if (!q.to.empty()) out["to"] = q.to;
    if (q.sort != d.sort) out["sort"] = q.sort;
    if (q.page > 1) out["page"] = std::to_string(q.page);
    if (q.page_size != d.page_size) out["page_size"] = std::to_string(q.page_size);
    return out;
}

OrderQuery order_query_of(const std::map<std::string, std::string>& m) {
    OrderQuery q;
    q.status = text_or_empty(m, "status");
    q.type = text_or_empty(m, "type");
    q.channel = text_or_empty(m, "channel");
    q.town_id = id_or_zero(m, "town");
    q.provider_id = id_or_zero(m, "provider");
    q.overdue_only = text_or_empty(m, "overdue") == "1";
    q.period = text_or_empty(m, "period");
    q.from = text_or_empty(m, "from");
    q.to = text_or_empty(m, "to");
    if (auto it = m.find("sort"); it != m.end()) q.sort = it->second;
    q.page = int_or(m, "page", 1);
    q.page_size = int_or(m, "page_size", q.page_size);
    return q;
}

std::map<std::string, std::string> query_of(const ElderQuery& q) {
    const ElderQuery d;
    std::map<std::string, std::string> out;                // q (a name or ID fragment) is left out on purpose
    if (q.town_id != 0) out["town"] = std::to_string(q.town_id);
    if (!q.category.empty()) out["category"] = q.category;
    if (!q.status.empty()) out["status"] = q.status;
    if (!q.sort.empty()) out["sort"] = q.sort;
    if (q.page > 1) out["page"] = std::to_string(q.page);
    if (q.page_size != d.page_size) out["page_size"] = std::to_string(q.page_size);
    return out;
}

ElderQuery elder_query_of(const std::map<std::string, std::string>& m) {
    ElderQuery q;
    q.town_id = id_or_zero(m, "town");
    q.category = text_or_empty(m, "category");
    q.status = text_or_empty(m, "status");
    q.sort = text_or_empty(m, "sort");
    q.page = int_or(m, "page", 1);
    q.page_size = int_or(m, "page_size", q.page_size);
    return q;
}

std::map<std::string, std::string> query_of(const WatchFilter& f) {
    const WatchFilter d;
    std::map<std::string, std::string> out;
    if (f.town != 0) out["town"] = std::to_string(f.town);
    if (f.provider != 0) out["provider"] = std::to_string(f.provider);
    if (!f.sort.empty()) out["sort"] = f.sort;
    if (f.page > 1) out["page"] = std::to_string(f.page);
    if (f.page_size != d.page_size) out["page_size"] = std::to_string(f.page_size);
    return out;
}

WatchFilter watch_filter_of(const std::map<std::string, std::string>& m) {
    WatchFilter f;
    f.town = id_or_zero(m, "town");
    f.provider = id_or_zero(m, "provider");
    f.sort = text_or_empty(m, "sort");
    f.page = int_or(m, "page", 1);
    f.page_size = std::min(200, int_or(m, "page_size", f.page_size));
    return f;
}

std::map<std::string, std::string> kb_query_of(const KbSearch& k) {
    const KbSearch d;
    std::map<std::string, std::string> out;               // q (the words typed) is left out, like the elder search
    if (!k.kind.empty()) out["kind"] = k.kind;
    if (!k.sort.empty()) out["sort"] = k.sort;
    if (k.page > 1) out["page"] = std::to_string(k.page);
    if (k.page_size != d.page_size) out["page_size"] = std::to_string(k.page_size);
    return out;
}

void apply_kb_query(const std::map<std::string, std::string>& m, KbSearch& k) {
    const KbSearch d;
    k.kind = text_or_empty(m, "kind");
    k.sort = text_or_empty(m, "sort");
    k.page = int_or(m, "page", 1);
    k.page_size = std::min(200, int_or(m, "page_size", d.page_size));
}

std::optional<Route> route_of(const AppState& s) {
    const ScreenSpec& spec = screen_spec(s.screen);
    if (!spec.route) return std::nullopt;
    Route r;
    r.screen = s.screen;
    switch (s.screen) {
        case Screen::OrderDetail:
            if (!s.orders.current) return std::nullopt;
            r.record = s.orders.current->order.code;
            break;
        case Screen::ElderProfile:
            if (!s.form) return std::nullopt;
            r.record = s.form->is_new ? std::string("new") : std::to_string(s.form->elder.id);
            break;
        case Screen::Orders:
            r.query = query_of(s.orders.list.loaded ? s.orders.list.query : s.orders.query);
            break;
        case Screen::ElderList:
            r.query = query_of(s.elders.loaded ? s.elders.query : s.query);
            break;
        case Screen::Calls:
            r.query = query_of(s.calls.list.loaded ? s.calls.list.query : s.calls.query);
            break;
        case Screen::Watch:
            r.query = query_of(s.live.watch_filter);
            if (s.user && s.user->role == Role::Town) r.query.erase("town");   // always their own
            break;
        case Screen::Knowledge:
            r.query = kb_query_of(s.intake.kb);
            break;
        case Screen::Verification:
            r.query = query_of(s.verification);
            if (s.user && s.user->role == Role::Town) r.query.erase("town");   // always their own
            break;
        case Screen::Assessment: {
            const AssessmentMonthsState& M = s.assessment.months;
            if (M.open) {
                const auto& m = M.open->summary;
                return parse_route(assessment_link(m.provider_id, m.month, m.project_code));
            }
            if (!M.month.empty() && M.month != default_month(s)) r.query["month"] = M.month;
            break;
        }
        case Screen::Settlement: {
            const SettlementState& S = s.settlement;
            if (S.provider_id != 0) return parse_route(settlement_link(S.provider_id, S.month, S.statement_id));
            if (!S.month.empty() && S.month != default_month(s)) r.query["month"] = S.month;
            break;
        }
        case Screen::Contracts:
            if (s.contracts.provider_id != 0)
                return parse_route(contracts_link(s.contracts.provider_id, static_cast<int>(s.contracts.year)));
            break;
        default: break;
    }
    return r;
}

void NavHistory::browser_at(std::string hash) {
    at_ = std::move(hash);
    replace_next_ = true;
}

NavHistory::Action NavHistory::sync(const std::optional<std::string>& location) {
    if (!location) return {};
    if (*location == at_) {
        replace_next_ = false;                         // the app reached what the browser shows
        return {};
    }
    Action a{replace_next_ ? Step::Replace : Step::Push, *location};
    at_ = *location;
    replace_next_ = false;
    return a;
}

}  // namespace yiyang::client
