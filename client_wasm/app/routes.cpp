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

}  // namespace

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
