// Shared route helpers: replies, parsing, session lookup with the idle timeout.
#include "http/common.hpp"

#include <algorithm>
#include <charconv>

#include "auth/crypto.hpp"
#include "store/kiosk_devices.hpp"
#include "store/users.hpp"

namespace yiyang::http {

void reply_json(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

void reply_cached(const httplib::Request& req, httplib::Response& res, int status, const app::CachedValue& cached) {
    res.status = status;
    // The pre-routing filter left Accept-Encoding as exactly "gzip" or removed it (http/server.cpp).
    if (req.get_header_value("Accept-Encoding") == "gzip") {
        if (const auto& gz = cached.gzip(); !gz.empty()) {
            // Without Accept-Encoding httplib leaves the body as it is (the Request is owned, non-const, by
            // httplib's connection loop).
            const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
            res.set_header("Content-Encoding", "gzip");
            res.set_content(gz, "application/json; charset=utf-8");
            return;
        }
    }
    res.set_content(cached.text, "application/json; charset=utf-8");
}

void reply_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                 const std::vector<FieldError>& fields) {
    json err = {{"code", code}, {"message", message}};
    if (!fields.empty()) err["fields"] = fields;
    reply_json(res, status, {{"error", err}});
}

namespace {

// The deepest nesting of objects and arrays in a JSON text, counted without recursion and stopping as soon as
// `limit` is passed (brackets inside strings do not count). On invalid JSON the count may be anything; the
// parser refuses such a body anyway.
bool deeper_than(const std::string& text, int limit) {
    int depth = 0;
    bool in_string = false, escaped = false;
    for (const char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

// Length of the well-formed UTF-8 sequence at s[i], or 0.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return 1;
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;   // bounds of the second byte
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) { n = 3; lo = 0xA0; }
    else if (c >= 0xE1 && c <= 0xEC) n = 3;
    else if (c == 0xED) { n = 3; hi = 0x9F; }   // no surrogates
    else if (c >= 0xEE && c <= 0xEF) n = 3;
    else if (c == 0xF0) { n = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else if (c == 0xF4) { n = 4; hi = 0x8F; }
    else return 0;
    if (i + n > s.size()) return 0;
    if (b(i + 1) < lo || b(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k) if ((b(i + k) & 0xC0) != 0x80) return 0;
    return n;
}

}  // namespace

namespace {
// RFC 5987 ext-value: UTF-8 bytes percent-encoded except attr-char (filename*=UTF-8''…).
std::string rfc5987(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');   // not
        // std::isalnum: under a UTF-8 locale it may call a lead byte a letter
        if (alnum || std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}
}  // namespace

// attachment; filename="<ASCII fallback>"; filename*=UTF-8''<the name>
std::string attachment_header(const std::string& name, const std::string& ascii_fallback) {
    return "attachment; filename=\"" + ascii_fallback + "\"; filename*=UTF-8''" + rfc5987(name);
}

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto n = utf8_sequence(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::string shown_text(std::string_view s) {
    constexpr std::size_t kMaxChars = 40;
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++chars) {
        if (chars == kMaxChars) return out + "…";
        const auto n = utf8_sequence(s, i);
        if (n == 0) { out += "\xEF\xBF\xBD"; ++i; continue; }   // U+FFFD
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (n == 1 && (c < 0x20 || c == 0x7F)) out += '?';
        else out.append(s.substr(i, n));
        i += n;
    }
    return out;
}

std::string shown_value(const json& v) {
    switch (v.type()) {
        case json::value_t::string: return "“" + shown_text(v.get_ref<const std::string&>()) + "”";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return v.dump();   // a scalar: no recursion
        case json::value_t::object: return "对象";
        case json::value_t::array: return "列表";
        case json::value_t::boolean: return "布尔值";
        case json::value_t::null: return "空值";
        default: return "其他值";
    }
}

json body_object(const httplib::Request& req) {
    const auto type = req.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) != 0)
        fail(415, "unsupported_media_type", "请求体应为 JSON（Content-Type: application/json）");
    if (deeper_than(req.body, kMaxBodyDepth))
        fail(400, "bad_json", "请求体嵌套过深（对象与列表最多嵌套 " + std::to_string(kMaxBodyDepth) + " 层）");
    auto body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) fail(400, "bad_json", "请求体不是有效的 JSON（须为 UTF-8 编码）");
    if (!body.is_object()) fail(400, "bad_json", "请求体应为 JSON 对象");
    return body;
}

void fail_not_found(const std::string& what_zh) { fail(404, "not_found", "未找到" + what_zh); }

void fail_validation(std::vector<FieldError> fields) {
    std::string message = fields.empty() ? "输入有误" : fields.front().message_zh;
    fail(422, "validation", std::move(message), std::move(fields));
}

void fail_bad_query(const std::string& name, const std::string& expected, std::string_view value) {
    const std::string message = "查询参数 " + name + " " + expected;
    fail(400, "bad_query", message + "，实际为：" + shown_text(value), {{name, "invalid", message}});
}

std::string query_text(const httplib::Request& req, const char* name, std::size_t max_bytes) {
    if (!req.has_param(name)) return {};
    auto v = req.get_param_value(name);
    bool control = false;
    for (const unsigned char c : v) if (c < 0x20 || c == 0x7F) control = true;
    if (!valid_utf8(v) || control) fail_bad_query(name, "应为 UTF-8 文本，且不含控制字符", v);
    if (v.size() > max_bytes) fail_bad_query(name, "最长 " + std::to_string(max_bytes) + " 字节", v);
    return v;
}

std::optional<std::int64_t> query_int(const httplib::Request& req, const char* name, std::int64_t lo,
                                      std::int64_t hi) {
    if (!req.has_param(name)) return std::nullopt;
    const auto v = req.get_param_value(name);
    if (v.empty()) return std::nullopt;
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size() || n < lo || n > hi)
        fail_bad_query(name, "应为 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 之间的整数", v);
    return n;
}

Viewer AuthUser::viewer() const {
    return Viewer{user.role, user.id, user.town_id, user.provider_id};
}

namespace {

std::string session_cookie(const httplib::Request& req) { return cookie_value(req, "yy_session"); }

}  // namespace

std::string cookie_value(const httplib::Request& req, std::string_view name) {
    const auto header = req.get_header_value("Cookie");
    const std::string prefix = std::string(name) + "=";
    std::size_t pos = 0;
    while (pos < header.size()) {
        auto end = header.find(';', pos);
        if (end == std::string::npos) end = header.size();
        auto part = header.substr(pos, end - pos);
        auto first = part.find_first_not_of(' ');
        if (first != std::string::npos) part = part.substr(first);
        if (part.rfind(prefix, 0) == 0) return part.substr(prefix.size());
        pos = end + 1;
    }
    return {};
}

std::optional<AuthUser> current_user(app::AppContext& ctx, const httplib::Request& req) {
    const auto token = session_cookie(req);
    if (token.size() != 64) return std::nullopt;
    const auto hash = auth::token_hash(token);
    const auto now = ctx.now();
    Id user_id = 0;
    bool persist = false;
    {
        std::lock_guard<std::mutex> lock(ctx.sessions_mutex);
        auto it = ctx.sessions.find(hash);
        if (it == ctx.sessions.end()) {
            auto row = store::session_by_hash(ctx.db.reader(store::Database::Admission::Direct), hash);
            if (!row || row->ended) return std::nullopt;
            it = ctx.sessions.emplace(hash, app::SessionState{row->user_id, row->last_seen_at, row->last_seen_at,
                                                              row->created_at}).first;
        }
        // Idle too long, or signed in too long ago however active (the absolute lifetime).
        if (now - it->second.last_seen > ctx.config.idle_timeout_s ||
            now - it->second.created_at >= ctx.config.session_lifetime_s) {
            ctx.sessions.erase(it);
            ctx.db.write([&](SQLite::Database& db) { store::end_session(db, hash, now); },
                         store::Database::Touches::SessionsOnly);
            return std::nullopt;
        }
        it->second.last_seen = now;
        user_id = it->second.user_id;
        if (now - it->second.last_persisted >= 60) {
            it->second.last_persisted = now;
            persist = true;
        }
    }
    if (persist) {
        ctx.db.write([&](SQLite::Database& db) {
            store::touch_session(db, hash, now);
            store::touch_kiosk_device_of_session(db, hash, now);   // a kiosk's "last seen" (issue 12), as throttled
        }, store::Database::Touches::SessionsOnly);
    }
    // Direct: the session check of every request does not queue at the admission gate (http/compute_gate).
    auto row = store::user_by_id(ctx.db.reader(store::Database::Admission::Direct), user_id);
    if (!row || !row->user.active) return std::nullopt;
    return AuthUser{row->user, row->must_change_password, hash};
}

Id path_id(const httplib::Request& req, std::size_t index) {
    if (req.matches.size() <= index) fail(404, "not_found", "未找到");
    const std::string s = req.matches[index];
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || p != s.data() + s.size() || n <= 0)
        fail(404, "not_found", "未找到编号为 " + shown_text(s) + " 的记录");
    return n;
}

SortSpec query_sort(const httplib::Request& req, const std::vector<std::string>& allowed, SortSpec fallback) {
    SortSpec out = std::move(fallback);
    const std::string s = req.has_param("sort") ? req.get_param_value("sort") : std::string();
    if (!s.empty()) {
        const bool desc = s[0] == '-';
        const std::string key = desc ? s.substr(1) : s;
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            std::string keys;
            for (const auto& k : allowed) keys += (keys.empty() ? "" : "、") + k;
            fail_bad_query("sort", "只能是 " + keys + " 之一（前缀 - 表示倒序）", s);
        }
        out = {key, desc};
    }
    if (const std::string d = req.has_param("dir") ? req.get_param_value("dir") : std::string(); !d.empty()) {
        if (d != "asc" && d != "desc") fail_bad_query("dir", "只能是 asc（正序）或 desc（倒序）", d);
        out.descending = d == "desc";
    }
    return out;
}

std::string display_name(const AuthUser& u) {
    return u.user.display_name.empty() ? u.user.username : u.user.display_name;
}
std::string role_user(const AuthUser& u) { return display_name(u) + "（" + label_zh(u.user.role) + "）"; }

// The body's string fields, refusing unknown fields and non-strings (422 naming them).
std::map<std::string, std::string> string_fields(const httplib::Request& req, std::initializer_list<const char*> known) {
    const json body = body_object(req);
    std::vector<FieldError> errors;
    std::map<std::string, std::string> out;
    for (const auto& item : body.items()) {
        bool ok = false;
        for (const char* k : known) ok = ok || item.key() == k;
        if (!ok) {
            errors.push_back({item.key(), "unknown", "未知字段：" + shown_text(item.key())});
            continue;
        }
        if (item.value().is_null()) continue;
        if (!item.value().is_string()) {
            errors.push_back({item.key(), "type", "字段 " + item.key() + " 应为文字，实际为 " + shown_value(item.value())});
            continue;
        }
        out[item.key()] = item.value().get<std::string>();
    }
    if (!errors.empty()) fail_validation(errors);
    return out;
}

std::string field(const std::map<std::string, std::string>& f, const char* k) {
    const auto it = f.find(k);
    return it == f.end() ? std::string() : it->second;
}

}  // namespace yiyang::http
