// Route registration with documentation, the access gate and the one place an ApiError becomes a reply.
#include "http/router.hpp"

#include <regex>
#include <stdexcept>

#include "http/common.hpp"

namespace yiyang::http {

std::string RouteDoc::roles_text() const {
    switch (access.gate) {
        case RouteAccess::Gate::Anyone: return "";
        case RouteAccess::Gate::OwnAccount: return "signed in (any role, one-time password not yet changed included)";
        case RouteAccess::Gate::Permission: break;
    }
    std::string out = roles_with(access.permission).codes() + " [" + code(access.permission) + "]";
    if (!access.scope.empty()) out += " (" + access.scope + ")";
    return out;
}

namespace {

void reply_api_error(httplib::Response& res, const ApiError& e) { reply_error(res, e.status, e.code, e.message, e.fields); }

}  // namespace

std::string forbidden_message(Role role, Permission p) {
    std::string who;
    for (Role r : roles_with(p).roles()) who += (who.empty() ? "" : "、") + std::string(label_zh(r));
    return std::string("当前角色（") + label_zh(role) + "）无权" + label_zh(p) + "，只有" + who + "可以操作";
}

void Router::mount(const RouteDoc& doc, httplib::Server::Handler handler) {
    // "/api/v1/elders/{id}" -> "/api/v1/elders/([^/]+)"
    const std::string pattern = std::regex_replace(doc.path, std::regex(R"(\{[a-z_]+\})"), "([^/]+)");
    if (doc.method == "GET" && gate_) {
        handler = [gate = gate_, inner = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
            gate->run([&] { inner(req, res); });
        };
    }
    if (doc.method == "GET") server_.Get(pattern, handler);
    else if (doc.method == "POST") server_.Post(pattern, handler);
    else if (doc.method == "PUT") server_.Put(pattern, handler);
    else if (doc.method == "DELETE") server_.Delete(pattern, handler);
    else if (doc.method == "PATCH") server_.Patch(pattern, handler);
    else throw std::logic_error("unknown method " + doc.method);
}

void Router::add(RouteDoc doc, PublicHandler handler) {
    if (doc.access.gate != RouteAccess::Gate::Anyone)
        throw std::logic_error(doc.path + ": a public handler for a route that needs a signed-in user");
    mount(doc, [handler = std::move(handler), page = doc.error_page](const httplib::Request& req, httplib::Response& res) {
        try {
            handler(req, res);
        } catch (const ApiError& e) {
            if (page) page(res, e);
            else reply_api_error(res, e);
        }
    });
    docs_.push_back(std::move(doc));
}

void Router::add(RouteDoc doc, UserHandler handler) {
    if (doc.access.gate == RouteAccess::Gate::Anyone)
        throw std::logic_error(doc.path + ": a signed-in handler for a route open to anyone");
    const RouteAccess access = doc.access;
    mount(doc, [this, access, handler = std::move(handler), page = doc.error_page](const httplib::Request& req,
                                                                                   httplib::Response& res) {
        try {
            auto u = current_user(ctx_, req);
            if (!u) fail(401, "unauthenticated", "未登录或会话已过期，请重新登录");
            if (access.gate == RouteAccess::Gate::Permission) {
                if (u->must_change_password) fail(403, "password_change_required", "请先修改初始密码");
                if (!may(u->user.role, access.permission)) fail(403, "forbidden", forbidden_message(u->user.role, access.permission));
                // The open-day demo serves synthetic data only: no real list or call file comes in (app/demo_mode).
                if (ctx_.config.demo && (access.permission == Permission::ImportLists || access.permission == Permission::ImportCalls) &&
                    req.method != "GET") {
                    fail(403, "demo_mode", "演示模式只使用合成数据，不接受导入名单或通话记录");
                }
            }
            handler(req, res, *u);
        } catch (const ApiError& e) {
            if (page) page(res, e);
            else reply_api_error(res, e);
        }
    });
    docs_.push_back(std::move(doc));
}

nlohmann::json query_param(const std::string& name, const std::string& type, const std::string& description) {
    return {{"name", name}, {"in", "query"}, {"required", false}, {"description", description},
            {"schema", {{"type", type}}}};
}

}  // namespace yiyang::http
