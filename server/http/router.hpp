// Registers routes on httplib and records each one's OpenAPI description at the same time, so the
// published document can never miss an endpoint. Each route declares who may call it (typed: a permission
// from shared/access); the router signs the caller in and checks it before the handler runs, and replies
// once for any ApiError a handler throws — a handler starts at parsing its input.
#pragma once
#include <httplib.h>

#include <functional>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>
#include "yiyang/access.hpp"

namespace yiyang::app { class AppContext; }
#include "http/compute_gate.hpp"

namespace yiyang::http {

struct AuthUser;
struct ApiError;

// Who may call a route.
struct RouteAccess {
    enum class Gate {
        Anyone,       // no sign-in (health, sign-in itself)
        OwnAccount,   // signed in, even with the one-time password still to change (/me, sign-out, password)
        Permission,   // signed in, password changed, and the role has `permission`
    };
    Gate gate = Gate::Anyone;
    Permission permission = Permission::ReadOverview;
    std::string scope;   // row scope beyond the role, for the document: "town: own town; provider: own orders"
};
inline RouteAccess anyone() { return {RouteAccess::Gate::Anyone, Permission::ReadOverview, {}}; }
inline RouteAccess own_account() { return {RouteAccess::Gate::OwnAccount, Permission::ReadOverview, {}}; }
inline RouteAccess needs(Permission p, std::string scope = {}) {
    return {RouteAccess::Gate::Permission, p, std::move(scope)};
}

struct RouteDoc {
    std::string method;        // "GET", "POST", "PUT", "DELETE"
    std::string path;          // OpenAPI form: /api/v1/elders/{id}
    std::string summary;       // one line, Chinese or English
    std::string tag;           // group: session, elders, reference, overview, system
    RouteAccess access;        // who may call it
    // OpenAPI parameter objects. A vector, not a json array: `{query_param(…)}` with one element is that element
    // (a copy) for clang and a one-element array for g++ (CWG 1467), and the document must not depend on the compiler.
    std::vector<nlohmann::json> parameters;
    std::string request_schema;    // name under components/schemas, "" = no body
    std::string response_schema;   // name under components/schemas for the 2xx reply
    int success_status = 200;
    // How this route's errors are replied (sign-in and permission refusals included): empty = the JSON envelope.
    // The print pages open in a browser tab, where JSON is unreadable: they answer a Chinese HTML page.
    std::function<void(httplib::Response&, const ApiError&)> error_page = {};
    // "Roles: admin, supervisor (town: own town)" for the document, from access.
    std::string roles_text() const;
};

using PublicHandler = std::function<void(const httplib::Request&, httplib::Response&)>;
using UserHandler = std::function<void(const httplib::Request&, httplib::Response&, const AuthUser&)>;

class Router {
public:
    // GET handlers run with `gate` armed when one is given: they queue at their first database read (reads only:
    // a write waits for the group commit, which gathers more jobs the more run at once, so POST/PUT/PATCH/DELETE
    // are not queued).
    Router(httplib::Server& server, app::AppContext& ctx, ComputeGate* gate = nullptr)
        : server_(server), ctx_(ctx), gate_(gate) {}
    // A route anyone may call (access must be anyone()).
    void add(RouteDoc doc, PublicHandler handler);
    // A route for signed-in users: the handler gets the caller, already checked against doc.access.
    void add(RouteDoc doc, UserHandler handler);
    const std::vector<RouteDoc>& docs() const { return docs_; }

private:
    void mount(const RouteDoc& doc, httplib::Server::Handler handler);
    httplib::Server& server_;
    app::AppContext& ctx_;
    ComputeGate* gate_;
    std::vector<RouteDoc> docs_;
};

// "当前角色（坐席）无权发布规则新版本，只有管理员可以操作": the 403 of a permission the role lacks.
std::string forbidden_message(Role role, Permission p);

// A query parameter description.
nlohmann::json query_param(const std::string& name, const std::string& type, const std::string& description);

}  // namespace yiyang::http
