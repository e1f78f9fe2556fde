// POST/DELETE /api/v1/session, GET /api/v1/me, PUT /api/v1/me/password: sign-in with Argon2id, lock-out after
// repeated failures (reserved before hashing, alike for unknown names), HttpOnly SameSite=Strict cookie, audited;
// new passwords checked by auth/password_policy. Replies are shared/wire/session.hpp structs.
#include "auth/crypto.hpp"
#include "auth/password_policy.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "http/session_start.hpp"
#include "store/demo_mode.hpp"
#include "store/assessment.hpp"
#include "store/audit.hpp"
#include "store/users.hpp"
#include "yiyang/wire/session.hpp"

namespace yiyang::http {

wire::SessionReply session_reply(app::AppContext& ctx, const AuthUser& u) {
    wire::SessionReply r{u.user, u.must_change_password, ctx.config.idle_timeout_s, ctx.config.session_lifetime_s, {}, {}};
    r.demo = ctx.config.demo;
    r.demo_account = ctx.config.demo && store::is_demo_account(ctx.db.reader(store::Database::Admission::Direct), u.user.id);
    if (auto d = store::department_of_user(ctx.db.reader(store::Database::Admission::Direct), u.user.id)) {
        r.department_code = d->code;
        r.department_name = d->name_zh;
    }
    return r;
}

std::string session_set_cookie(const httplib::Request& req, const std::string& token, bool clear) {
    std::string c = "yy_session=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    if (req.get_header_value("X-Forwarded-Proto") == "https") c += "; Secure";
    if (clear) c += "; Max-Age=0";
    return c;
}

namespace {

std::optional<std::string> string_field(const json& body, const char* name) {
    auto it = body.find(name);
    if (it == body.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

}  // namespace

void start_session(app::AppContext& ctx, const httplib::Request& req, httplib::Response& res, const store::UserRow& row,
                   const json& details) {
    const auto now = ctx.now();
    const Id uid = row.user.id;
    const auto token = auth::random_token();
    const auto hash = auth::token_hash(token);
    ctx.db.write([&](SQLite::Database& db) {
        store::record_sign_in(db, uid);
        store::insert_session(db, {hash, uid, now, now, false});
        store::append_audit(db, {0, now, uid, row.user.username, "user", uid, "sign_in", details, ""});
    }, store::Database::Touches::SessionsOnly);
    {
        std::lock_guard<std::mutex> lock(ctx.sessions_mutex);
        ctx.sessions[hash] = app::SessionState{uid, now, now, now};
    }
    res.set_header("Set-Cookie", session_set_cookie(req, token, false));
    reply_json(res, 200, session_reply(ctx, AuthUser{row.user, row.must_change_password, hash}));
}

void register_session_routes(Router& r, app::AppContext& ctx) {
    r.add({"POST", "/api/v1/session", "Sign in", "session", anyone(), {}, "SignIn", "SessionReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res) {
        const json body = body_object(req);
        auto username = string_field(body, "username");
        auto password = string_field(body, "password");
        std::vector<FieldError> missing;
        if (!username || username->empty()) missing.push_back({"username", "required", "请输入用户名"});
        if (!password || password->empty()) missing.push_back({"password", "required", "请输入密码"});
        if (!missing.empty()) fail(422, "validation", "请填写用户名和密码", missing);
        if (username->size() > 64 || password->size() > 256) fail(401, "bad_credentials", "用户名或密码错误");
        const auto now = ctx.now();
        const int limit = ctx.config.lock_after_failures;
        // Known and unknown names get the same replies, the same work (one reservation, one Argon2id
        // evaluation, one audited write) and the same lock-out, so neither words nor timing tell them apart.
        auto account = [&]() -> std::optional<store::UserRow> {
            auto row = store::user_by_name(ctx.db.reader(), *username);
            if (!row || !row->user.active) return std::nullopt;
            return row;
        };
        auto row = account();
        auto fail_locked = [&](LocalSeconds until) {
            const auto left = until > now ? until - now : ctx.config.lock_seconds;
            fail(423, "locked", "账户因连续登录失败已被锁定，请 " + std::to_string((left + 59) / 60) + " 分钟后再试");
        };
        // The attempt is reserved before the slow hash: a burst of parallel guesses cannot outrun the count.
        const auto slot = ctx.sign_ins.reserve(*username, now, limit, [&]() -> std::optional<auth::SignInLimiter::State> {
            auto fresh = account();
            if (!fresh) return std::nullopt;
            return auth::SignInLimiter::State{fresh->failed_count, fresh->locked_until};
        });
        if (!slot.granted) fail_locked(slot.locked_until);
        static const std::string dummy = auth::hash_password("yiyang-timing-equaliser");
        const bool matches = auth::verify_password(row ? row->password_hash : dummy, *password);
        const bool right = row.has_value() && matches;
        if (!right) {
            const auto after = ctx.sign_ins.failed(*username, now, limit, ctx.config.lock_seconds,
                                                   [&](const auth::SignInLimiter::State& st) {
                const bool lock = st.locked_until > now;
                const std::optional<Id> uid = row ? std::optional<Id>(row->user.id) : std::nullopt;
                json details = {{"failures", st.failures}};
                if (!row) details["account"] = "none";
                ctx.db.write([&](SQLite::Database& db) {
                    if (row) store::record_failed_sign_in(db, row->user.id, st.failures, st.locked_until);
                    store::append_audit(db, {0, now, uid, *username, "user", uid, lock ? "lock" : "sign_in_failed",
                                             details, ""});
                }, store::Database::Touches::SessionsOnly);
            });
            if (after.locked_until > now) {
                fail(423, "locked", "连续 " + std::to_string(limit) + " 次登录失败，账户已锁定 " +
                                        std::to_string(ctx.config.lock_seconds / 60) + " 分钟");
            }
            fail(401, "bad_credentials", "用户名或密码错误");
        }
        ctx.sign_ins.succeeded(*username, [&](const auth::SignInLimiter::State&) {
            start_session(ctx, req, res, *row, json::object());
        });
    });

    r.add({"DELETE", "/api/v1/session", "Sign out", "session", anyone(), {}, "", "", 204},
          [&ctx](const httplib::Request& req, httplib::Response& res) {
        auto u = current_user(ctx, req);
        if (u) {
            const auto now = ctx.now();
            ctx.db.write([&](SQLite::Database& db) {
                store::end_session(db, u->token_hash, now);
                store::append_audit(db, {0, now, u->user.id, u->user.username, "user", u->user.id, "sign_out",
                                         json::object(), ""});
            }, store::Database::Touches::SessionsOnly);
            std::lock_guard<std::mutex> lock(ctx.sessions_mutex);
            ctx.sessions.erase(u->token_hash);
        }
        res.set_header("Set-Cookie", session_set_cookie(req, "", true));
        res.status = 204;
    });

    r.add({"GET", "/api/v1/me", "The signed-in user", "session", own_account(), {}, "", "SessionReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        reply_json(res, 200, json(session_reply(ctx, user)));
    });

    r.add({"PUT", "/api/v1/me/password", "Change own password (ends other sessions)", "session", own_account(), {},
           "PasswordChange", "", 204},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        if (store::is_demo_account(ctx.db.reader(store::Database::Admission::Direct), user.user.id)) {
            fail(403, "demo_account", "体验账号不能修改密码");
        }
        const json body = body_object(req);
        auto old_pw = string_field(body, "old_password");
        auto new_pw = string_field(body, "new_password");
        std::vector<FieldError> errors;
        if (!old_pw || old_pw->empty()) errors.push_back({"old_password", "required", "请输入原密码"});
        if (!new_pw || new_pw->empty()) {
            errors.push_back({"new_password", "required", "请输入新密码"});
        } else if (auto problem = auth::password_problem(*new_pw, user.user.username, old_pw.value_or(""))) {
            errors.push_back({"new_password", problem->code, problem->message});
        }
        if (!errors.empty()) fail(422, "validation", "密码修改未通过校验", errors);
        auto row = store::user_by_id(ctx.db.reader(), user.user.id);
        if (!row || !auth::verify_password(row->password_hash, *old_pw)) {
            fail(422, "validation", "原密码不正确", {{"old_password", "wrong", "原密码不正确"}});
        }
        const auto hash = auth::hash_password(*new_pw);
        const auto now = ctx.now();
        ctx.db.write([&](SQLite::Database& db) {
            store::set_password(db, user.user.id, hash, false);
            store::end_sessions_of(db, user.user.id, now, user.token_hash);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "user", user.user.id, "password_change",
                                     json::object(), ""});
        }, store::Database::Touches::SessionsOnly);
        {
            // Other sessions of this user end; this one stays.
            std::lock_guard<std::mutex> lock(ctx.sessions_mutex);
            for (auto it = ctx.sessions.begin(); it != ctx.sessions.end();) {
                if (it->second.user_id == user.user.id && it->first != user.token_hash) it = ctx.sessions.erase(it);
                else ++it;
            }
        }
        res.status = 204;
    });
}

}  // namespace yiyang::http
