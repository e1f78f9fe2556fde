// The open-day demo's endpoints (issue 12, part demo; app/demo_mode.hpp). Both exist only in demo mode (404 otherwise):
//   POST /api/v1/session/demo {"role": "agent"}  one-tap sign-in as a visitor account (体验账号), no password
//   POST /api/v1/demo/reset                      an administrator restores the pristine data (audited)
#include "app/demo_mode.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "http/session_start.hpp"
#include "store/demo_mode.hpp"
#include "store/users.hpp"
#include "yiyang/wire/demo.hpp"

namespace yiyang::http {

void register_demo_routes(Router& r, app::AppContext& ctx) {
    r.add({"POST", "/api/v1/session/demo", "One-tap visitor sign-in (demo mode only)", "session", anyone(), {},
           "DemoSignIn", "SessionReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res) {
        if (!ctx.config.demo) fail_not_found("演示模式（服务器未以 --demo 启动）");
        const json body = body_object(req);
        auto it = body.find("role");
        const auto role = it != body.end() && it->is_string() ? parse_Role(it->get<std::string>()) : std::nullopt;
        const auto& roles = store::demo_roles();
        if (!role || std::find(roles.begin(), roles.end(), *role) == roles.end()) {
            fail(422, "validation", "体验账号只有坐席、主管和服务商三种",
                 {{"role", "invalid", "role 应为 agent、supervisor 或 provider"}});
        }
        auto& db = ctx.db.reader(store::Database::Admission::Direct);
        const auto id = store::demo_account(db, *role);
        auto row = id ? store::user_by_id(db, *id) : std::nullopt;
        if (!row) fail_not_found("该角色的体验账号");
        start_session(ctx, req, res, *row, {{"demo_account", code(*role)}});
    });

    r.add({"POST", "/api/v1/demo/reset", "Reset the demo data to the pristine copy (demo mode only)", "system",
           needs(Permission::ResetDemo), {}, "", "DemoReset"},
          [&ctx](const httplib::Request&, httplib::Response& res, const AuthUser& user) {
        if (!ctx.config.demo) fail_not_found("演示模式（服务器未以 --demo 启动）");
        const auto at = app::reset_demo(ctx, {user.user.id, user.user.username, user.token_hash});
        reply_json(res, 200, wire::DemoReset{at});
    });
}

}  // namespace yiyang::http
