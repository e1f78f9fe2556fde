// Starting a session once the caller is known: the session row, the audit event "sign_in", the cookie and the
// SessionReply. Used by the password sign-in (http/session_routes.cpp) and the demo's one-tap sign-in
// (http/demo_routes.cpp).
#pragma once
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "app/context.hpp"
#include "store/users.hpp"

namespace yiyang::http {

// `details` go into the audit event (e.g. {"demo_account": "agent"}).
void start_session(app::AppContext& ctx, const httplib::Request& req, httplib::Response& res, const store::UserRow& row,
                   const nlohmann::json& details);

}  // namespace yiyang::http
