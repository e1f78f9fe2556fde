// Sign-in and own-account wire format (wire/session.hpp).
#include "yiyang/wire/session.hpp"

namespace yiyang::wire {

void to_json(json& j, const SignInRequest& r) { j = {{"username", r.username}, {"password", r.password}}; }
void from_json(const json& j, SignInRequest& r) {
    j.at("username").get_to(r.username);
    j.at("password").get_to(r.password);
}

void to_json(json& j, const SessionReply& r) {
    j = {{"user", r.user}, {"must_change_password", r.must_change_password},
         {"idle_timeout_s", r.idle_timeout_s}, {"session_lifetime_s", r.session_lifetime_s},
         {"department_code", r.department_code}, {"department_name", r.department_name},
         {"demo", r.demo}, {"demo_account", r.demo_account}};
}
void from_json(const json& j, SessionReply& r) {
    j.at("user").get_to(r.user);
    j.at("must_change_password").get_to(r.must_change_password);
    get_or(j, "idle_timeout_s", r.idle_timeout_s);
    get_or(j, "session_lifetime_s", r.session_lifetime_s);
    get_or(j, "department_code", r.department_code);
    get_or(j, "department_name", r.department_name);
    get_or(j, "demo", r.demo);
    get_or(j, "demo_account", r.demo_account);
}

void to_json(json& j, const PasswordChange& r) {
    j = {{"old_password", r.old_password}, {"new_password", r.new_password}};
}
void from_json(const json& j, PasswordChange& r) {
    j.at("old_password").get_to(r.old_password);
    j.at("new_password").get_to(r.new_password);
}

}  // namespace yiyang::wire
