// Wire format of sign-in and the own account: POST/DELETE /api/v1/session, GET /api/v1/me, PUT /api/v1/me/password.
#pragma once
#include <cstdint>
#include <string>

#include "yiyang/records.hpp"
#include "yiyang/wire/common.hpp"

namespace yiyang::wire {

struct SignInRequest {               // POST /session
    std::string username;
    std::string password;
};
void to_json(json& j, const SignInRequest& r);
void from_json(const json& j, SignInRequest& r);

struct SessionReply {                // POST /session, GET /me
    User user;
    bool must_change_password = false;
    std::int64_t idle_timeout_s = 0;
    std::int64_t session_lifetime_s = 0;
    std::string department_code;     // the 股室 the user scores for (考核); "" = none
    std::string department_name;     // 养老服务股
    bool demo = false;               // the server runs the open-day demo (演示数据 banner, first-step hints)
    bool demo_account = false;       // this is a one-tap visitor account (体验账号): no password to change
};
void to_json(json& j, const SessionReply& r);
void from_json(const json& j, SessionReply& r);

struct PasswordChange {              // PUT /me/password (reply 204, no body)
    std::string old_password;
    std::string new_password;
};
void to_json(json& j, const PasswordChange& r);
void from_json(const json& j, PasswordChange& r);

}  // namespace yiyang::wire
