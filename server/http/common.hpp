// Helpers every route file uses: JSON replies, the error envelope, body and query parsing with messages
// that say what is wrong and where, and the sign-in / role guards.
#pragma once
#include <initializer_list>
#include <map>
#include <httplib.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>
#include "app/context.hpp"
#include "yiyang/access.hpp"
#include "yiyang/validation.hpp"

namespace yiyang::http {

using nlohmann::json;

void reply_json(httplib::Response& res, int status, const json& body);

// The one error of a request: thrown anywhere below a handler, caught once by the Router, which replies
// {"error":{"code","message","fields"}} with `status`. The message is Chinese and says what is wrong and where.
struct ApiError : std::exception {
    int status;
    std::string code;
    std::string message;
    std::vector<FieldError> fields;
    ApiError(int status_, std::string code_, std::string message_, std::vector<FieldError> fields_ = {})
        : status(status_), code(std::move(code_)), message(std::move(message_)), fields(std::move(fields_)) {}
    const char* what() const noexcept override { return message.c_str(); }
};
[[noreturn]] inline void fail(int status, std::string code, std::string message, std::vector<FieldError> fields = {}) {
    throw ApiError(status, std::move(code), std::move(message), std::move(fields));
}
[[noreturn]] void fail_not_found(const std::string& what_zh);   // 404 not_found "未找到<what>"
// 422 validation_failed with the field errors (the first one's message leads).
[[noreturn]] void fail_validation(std::vector<FieldError> fields);
// 400 bad_query, "查询参数 <name> <expected>，实际为：<value>", with a field error naming the parameter.
[[noreturn]] void fail_bad_query(const std::string& name, const std::string& expected, std::string_view value);

// A cached reply: its text was serialized once, when it was stored (app::VersionedCache), and gzipped once, when a
// client first accepted gzip (httplib would compress it again on every request).
void reply_cached(const httplib::Request& req, httplib::Response& res, int status, const app::CachedValue& cached);
// {"error":{"code","message","fields":[...]}} — message in Chinese, saying what is wrong and where.
void reply_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                 const std::vector<FieldError>& fields = {});

// How deep a request body may nest objects and arrays. Deeper bodies are refused before parsing, so no
// recursive walk of a request value (dump, copy, compare, destroy) ever meets a deep one.
constexpr int kMaxBodyDepth = 32;


// Throwing forms (the Router replies). The body as a JSON object: 415 unless Content-Type is JSON, 400 bad_json for
// bodies nested deeper than kMaxBodyDepth, invalid JSON (including invalid UTF-8 in strings) and anything but an
// object. Query parameters: absent or empty → nullopt / ""; a bad value → 400 bad_query naming the parameter.
// {id}: a positive integer, else 404.
json body_object(const httplib::Request& req);
// The body's string fields (an object), refusing unknown fields and non-strings with one 422 naming them all; a null
// field is absent. field(): one of them, "" when absent.
std::map<std::string, std::string> string_fields(const httplib::Request& req, std::initializer_list<const char*> known);
std::string field(const std::map<std::string, std::string>& f, const char* k);
// The value of cookie `name` in the request's Cookie header ("" when absent).
std::string cookie_value(const httplib::Request& req, std::string_view name);
std::optional<std::int64_t> query_int(const httplib::Request& req, const char* name, std::int64_t lo, std::int64_t hi);
std::string query_text(const httplib::Request& req, const char* name, std::size_t max_bytes);
template <class E>
std::optional<E> query_enum(const httplib::Request& req, const char* name, std::optional<E> (*parse)(std::string_view)) {
    if (!req.has_param(name)) return std::nullopt;
    auto v = req.get_param_value(name);
    if (v.empty()) return std::nullopt;
    auto out = parse(v);
    if (!out) fail_bad_query(name, "的取值无效", v);
    return out;
}
Id path_id(const httplib::Request& req, std::size_t index = 1);

// A list's order from the query: `sort=key` (ascending) or `sort=-key` (descending); `dir=asc|desc`, when given,
// sets the direction instead of the prefix. `key` must be one of `allowed` (the list's whitelist, the first one
// named in the message), else 400 bad_query naming the keys in Chinese. Absent / empty: `fallback`. Every list
// breaks ties by id in the same direction, so a page boundary never repeats or skips a row.
struct SortSpec {
    std::string key;
    bool descending = false;
};
SortSpec query_sort(const httplib::Request& req, const std::vector<std::string>& allowed, SortSpec fallback);

// A Content-Disposition value for a download: `attachment; filename="<ascii_fallback>"; filename*=UTF-8''<name>`,
// the name percent-encoded as an RFC 5987 ext-value (attr-chars kept, ASCII only: never std::isalnum, which under a
// UTF-8 locale may call a lead byte a letter). `ascii_fallback` must be plain ASCII without quotes.
std::string attachment_header(const std::string& name, const std::string& ascii_fallback);

// Well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool valid_utf8(std::string_view s);
// A client's text for an error message, bounded: at most 40 characters then "…", invalid bytes as U+FFFD,
// control characters as "?". Never echo a request value whole.
std::string shown_text(std::string_view s);
// A client's JSON value for an error message without walking it: a string as shown_text in quotes, a number
// as written, else its kind in Chinese (对象, 列表, 布尔值, 空值).
std::string shown_value(const json& v);

struct AuthUser {
    User user;
    bool must_change_password = false;
    std::string token_hash;
    Viewer viewer() const;
};

// The user as documents and audit lines name them: the display name (the username when none), and
// "name（role）" — e.g. 王主管（主管）— for "exported by", "signed by" lines.
std::string display_name(const AuthUser& u);
std::string role_user(const AuthUser& u);

// The signed-in user of this request, or nullopt (no reply sent).
std::optional<AuthUser> current_user(app::AppContext& ctx, const httplib::Request& req);

}  // namespace yiyang::http
