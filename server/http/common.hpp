// Helpers every route file uses: JSON replies, the error envelope, body and query parsing with messages
// that say what is wrong and where, and the sign-in / role guards.
#pragma once
#include <httplib.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "app/context.hpp"
#include "yiyang/access.hpp"
#include "yiyang/validation.hpp"

namespace yiyang::http {

using nlohmann::json;

void reply_json(httplib::Response& res, int status, const json& body);
// {"error":{"code","message","fields":[...]}} — message in Chinese, saying what is wrong and where.
void reply_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                 const std::vector<FieldError>& fields = {});

// The body as a JSON object, or a 400/415 reply and nullopt.
std::optional<json> json_body(const httplib::Request& req, httplib::Response& res);

// Optional integer query parameter within [lo, hi]; on a bad value replies 400 naming the parameter.
bool query_int(const httplib::Request& req, httplib::Response& res, const char* name, std::int64_t lo,
               std::int64_t hi, std::optional<std::int64_t>& out);
// Optional enum code query parameter; replies 400 naming the parameter and the bad code.
template <class E>
bool query_enum(const httplib::Request& req, httplib::Response& res, const char* name,
                std::optional<E> (*parse)(std::string_view), std::optional<E>& out) {
    if (!req.has_param(name)) return true;
    auto v = req.get_param_value(name);
    if (v.empty()) return true;
    out = parse(v);
    if (!out) {
        reply_error(res, 400, "bad_query", std::string("查询参数 ") + name + " 的取值无效：" + v);
        return false;
    }
    return true;
}

struct AuthUser {
    User user;
    bool must_change_password = false;
    std::string token_hash;
    Viewer viewer() const;
};

// The signed-in user of this request, or nullopt (no reply sent).
std::optional<AuthUser> current_user(app::AppContext& ctx, const httplib::Request& req);
// As current_user, but replies 401 when nobody is signed in (or the session expired).
std::optional<AuthUser> require_user(app::AppContext& ctx, const httplib::Request& req, httplib::Response& res);
// Replies 403 unless the user has one of the roles.
bool require_role(httplib::Response& res, const AuthUser& u, std::initializer_list<Role> roles);
// Replies 403 when the account still has its one-time password (only /me and /me/password are open then).
bool require_password_changed(httplib::Response& res, const AuthUser& u);

// Path parameter {id} as a positive integer, else 404.
std::optional<Id> path_id(const httplib::Request& req, httplib::Response& res, std::size_t index = 1);

}  // namespace yiyang::http
