// Kiosk devices (issue 12, kiosk-devices):
//   GET  /api/v1/kiosk/devices               the devices, newest first (administrators)
//   POST /api/v1/kiosk/devices               register one: its token shown ONCE as a URL and a QR code (201)
//   POST /api/v1/kiosk/devices/{id}/revoke   revoke with a reason: its sessions end at once
//   POST /api/v1/kiosk/devices/{id}/token    re-issue its token: the old one and its sessions die
//   POST /api/v1/kiosk/session               a kiosk signs in by its token (no sign-in before)
// The token is 32 bytes of libsodium randombytes, base64url (43 characters); the server keeps its BLAKE2b hash only
// (auth::token_hash, as sessions). A sign-in compares the presented token's hash with every device's, revoked ones
// included, with sodium_memcmp and without stopping at a match, and answers unknown and revoked tokens alike (401
// bad_token). Wrong token-shaped tokens are limited per client address (kAttemptLimit per kAttemptWindow seconds, then
// 429); a string that cannot be a token gets the same 401 without counting.
// Every change is an audit event (entity kiosk_device). Replies: shared/wire/kiosk_devices.hpp.
#include <sodium.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include "app/qr_code.hpp"
#include "auth/crypto.hpp"
#include "http/address_limits.hpp"
#include "http/common.hpp"
#include "http/routes.hpp"
#include "http/server.hpp"
#include "store/audit.hpp"
#include "store/kiosk_devices.hpp"
#include "store/users.hpp"
#include "yiyang/wire/kiosk_devices.hpp"

namespace yiyang::http {
namespace {

constexpr int kAttemptLimit = 10;          // wrong tokens per address per window
constexpr int kAttemptWindow = 15 * 60;    // seconds
constexpr std::size_t kMaxAddresses = 10'000;
constexpr std::size_t kTokenBytes = 32;
// The device token kept by the kiosk's browser, so that a restart signs in again by itself: HttpOnly (no script
// reads it), sent only to the sign-in route, for a year from the last sign-in. Revoking the device or issuing a
// new token makes it worthless (the server compares it as any presented token).
constexpr const char* kDeviceCookie = "yy_device";
constexpr int kDeviceCookieSeconds = 365 * 24 * 3600;

std::string device_cookie(const httplib::Request& req, const std::string& token, bool clear) {
    std::string c = std::string(kDeviceCookie) + "=" + token + "; Path=/api/v1/kiosk/session; HttpOnly; SameSite=Strict";
    if (req.get_header_value("X-Forwarded-Proto") == "https") c += "; Secure";
    c += clear ? "; Max-Age=0" : "; Max-Age=" + std::to_string(kDeviceCookieSeconds);
    return c;
}

// Wrong-token counts per client address in fixed windows. Held across the check, the comparison and the count,
// so a burst of parallel guesses cannot outrun it (a comparison is a few microseconds: no slow hash here).
class TokenAttempts {
public:
    struct Entry {
        LocalSeconds window_start = 0;
        int failures = 0;
    };
    std::mutex m;
    // The entry of `address` for `now` (a new window once the old one has passed); forgets the oldest windows
    // when too many addresses are held.
    Entry& at(const std::string& address, LocalSeconds now) {
        if (entries_.size() >= kMaxAddresses && !entries_.count(address)) {
            for (auto it = entries_.begin(); it != entries_.end();) {
                if (now - it->second.window_start >= kAttemptWindow) it = entries_.erase(it);
                else ++it;
            }
            if (entries_.size() >= kMaxAddresses) entries_.erase(entries_.begin());
        }
        Entry& e = entries_[address];
        if (now - e.window_start >= kAttemptWindow) e = Entry{now, 0};
        return e;
    }

private:
    std::map<std::string, Entry> entries_;
};

std::string new_device_token() {
    unsigned char raw[kTokenBytes];
    randombytes_buf(raw, sizeof raw);
    char out[sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    return out;
}

bool token_shaped(const std::string& t) {
    return t.size() == sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1 &&
           std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

// The origin the administrator's browser used (the router's CSRF check holds Origin to the same scheme and Host);
// a Host with anything beyond a host name, an IPv6 literal and a port is not put into a URL.
std::string own_origin(const httplib::Request& req) {
    std::string host = req.get_header_value("Host");
    const bool plain = !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    });
    if (!plain) host = "localhost";
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return client_scheme(req) + "://" + host;
}

std::string timestamp_or_empty(const std::optional<LocalSeconds>& t) { return t ? format_timestamp(*t) : std::string(); }

wire::KioskDevice to_wire(const store::KioskDeviceRow& d) {
    return {d.id, d.name, d.place, d.orientation, d.registered_by, format_timestamp(d.registered_at),
            format_timestamp(d.token_issued_at), timestamp_or_empty(d.last_seen_at), timestamp_or_empty(d.revoked_at),
            d.revoked_by, d.revoke_reason};
}

wire::KioskTokenReply token_reply(const httplib::Request& req, const store::KioskDeviceRow& d, const std::string& token) {
    wire::KioskTokenReply out;
    out.device = to_wire(d);
    out.token = token;
    out.url = own_origin(req) + "/#/kiosk?device=" + token;
    out.qr = app::qr_matrix(out.url);
    return out;
}

// The live sessions of a device's user leave the memory table (the table's rows were ended in the same write).
void forget_sessions_of(app::AppContext& ctx, Id user_id) {
    std::lock_guard<std::mutex> lock(ctx.sessions_mutex);
    for (auto it = ctx.sessions.begin(); it != ctx.sessions.end();) {
        if (it->second.user_id == user_id) it = ctx.sessions.erase(it);
        else ++it;
    }
}

store::KioskDeviceRow device_or_404(SQLite::Database& db, Id id) {
    auto d = store::kiosk_device(db, id);
    if (!d) fail_not_found("编号为 " + std::to_string(id) + " 的展厅设备");
    return *d;
}

}  // namespace

void register_kiosk_device_routes(Router& r, app::AppContext& ctx) {
    auto attempts = std::make_shared<TokenAttempts>();

    r.add({"GET", "/api/v1/kiosk/devices",
           "Kiosk devices (展厅设备), newest first: name, place, orientation, registered by/at, token issued at, last "
           "seen at, revoked at/by/why (never the token)",
           "kiosk", needs(Permission::ManageKiosks), json::array(), "", "KioskDeviceList"},
          [&ctx](const httplib::Request&, httplib::Response& res, const AuthUser&) {
        wire::KioskDeviceList out;
        for (const auto& d : store::all_kiosk_devices(ctx.db.reader())) out.items.push_back(to_wire(d));
        reply_json(res, 200, json(out));
    });

    r.add({"POST", "/api/v1/kiosk/devices",
           "Register a kiosk device (name, place, orientation portrait|landscape): the reply carries its token ONCE, "
           "as the URL /#/kiosk?device=TOKEN on this origin and as a QR code's module matrix; only the hash is kept",
           "kiosk", needs(Permission::ManageKiosks), json::array(), "KioskDeviceRegister", "KioskTokenReply", 201},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        wire::KioskDeviceRegister ask;
        if (auto errors = wire::kiosk_register_from_json(body_object(req), ask); !errors.empty())
            fail_validation(std::move(errors));
        const auto now = ctx.now();
        const std::string token = new_device_token();
        store::KioskDeviceRow row;
        row.name = ask.name;
        row.place = ask.place;
        row.orientation = ask.orientation;
        row.token_hash = auth::token_hash(token);
        row.token_issued_at = now;
        row.registered_by = display_name(user);
        row.registered_at = now;
        ctx.db.write([&](SQLite::Database& db) {
            row.id = store::insert_kiosk_device(db, row, user.user.id);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "kiosk_device", row.id, "register",
                                     {{"name", row.name}, {"place", row.place}, {"orientation", row.orientation}}, ""});
        });
        reply_json(res, 201, json(token_reply(req, row, token)));
    });

    r.add({"POST", "/api/v1/kiosk/devices/{id}/revoke",
           "Revoke a kiosk device with a reason: its user is deactivated and its sessions end at once (its next "
           "request is 401); 409 when it is revoked already",
           "kiosk", needs(Permission::ManageKiosks), json::array(), "KioskDeviceRevoke", "KioskDevice"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        wire::KioskDeviceRevoke ask;
        if (auto errors = wire::kiosk_revoke_from_json(body_object(req), ask); !errors.empty())
            fail_validation(std::move(errors));
        const auto now = ctx.now();
        store::KioskDeviceRow after;
        ctx.db.write([&](SQLite::Database& db) {
            const auto before = device_or_404(db, id);
            if (before.revoked_at) fail(409, "conflict", "展厅设备“" + before.name + "”已于 " + format_timestamp(*before.revoked_at) + " 停用");
            store::revoke_kiosk_device(db, id, now, display_name(user), user.user.id, ask.reason);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "kiosk_device", id, "revoke",
                                     {{"revoked_at", {nullptr, format_timestamp(now)}}}, ask.reason});
            after = device_or_404(db, id);
        }, store::Database::Touches::SessionsOnly);
        forget_sessions_of(ctx, after.user_id);
        reply_json(res, 200, json(to_wire(after)));
    });

    r.add({"POST", "/api/v1/kiosk/devices/{id}/token",
           "Re-issue a kiosk device's token: the new one shown ONCE (URL and QR code), the old one and the sessions it "
           "opened end; 409 for a revoked device",
           "kiosk", needs(Permission::ManageKiosks), json::array(), "", "KioskTokenReply"},
          [&ctx](const httplib::Request& req, httplib::Response& res, const AuthUser& user) {
        const Id id = path_id(req);
        const auto now = ctx.now();
        const std::string token = new_device_token();
        store::KioskDeviceRow after;
        ctx.db.write([&](SQLite::Database& db) {
            const auto before = device_or_404(db, id);
            if (before.revoked_at) fail(409, "conflict", "展厅设备“" + before.name + "”已停用，不能重新签发令牌");
            store::set_kiosk_token(db, id, auth::token_hash(token), now);
            store::end_sessions_of(db, before.user_id, now);
            store::append_audit(db, {0, now, user.user.id, user.user.username, "kiosk_device", id, "reissue_token",
                                     {{"token_issued_at", {format_timestamp(before.token_issued_at), format_timestamp(now)}}},
                                     ""});
            after = device_or_404(db, id);
        }, store::Database::Touches::SessionsOnly);
        forget_sessions_of(ctx, after.user_id);
        reply_json(res, 200, json(token_reply(req, after, token)));
    });

    r.add({"POST", "/api/v1/kiosk/session",
           "A kiosk signs in by its device token ({\"token\"}, or {} to use the device cookie yy_device set at an "
           "earlier sign-in): a session of role kiosk tied to the device (cookie as for /session). Unknown and revoked "
           "tokens both get 401 bad_token (and the device cookie is cleared); too many wrong tokens from one address "
           "429 for the rest of a 15-minute window",
           "kiosk", anyone(), {}, "KioskSignIn", "KioskSessionReply"},
          [&ctx, attempts](const httplib::Request& req, httplib::Response& res) {
        const json body = body_object(req);
        const auto it = body.find("token");
        // No token in the body: the device's own cookie (set at its first sign-in by token) — a kiosk that restarts
        // comes back by itself, without its URL.
        const bool by_cookie = it == body.end() && !cookie_value(req, kDeviceCookie).empty();
        if (!by_cookie && (it == body.end() || !it->is_string() || it->get_ref<const std::string&>().empty()))
            fail(422, "validation", "请提供设备令牌（token）", {{"token", "required", "请提供设备令牌（token）"}});
        const std::string token = by_cookie ? cookie_value(req, kDeviceCookie) : it->get<std::string>();
        // A refused device cookie is dropped, so a revoked kiosk does not present it again.
        auto refuse = [&]() {
            if (by_cookie) res.set_header("Set-Cookie", device_cookie(req, "", true));
            fail(401, "bad_token", "设备令牌无效或设备已停用，请联系管理员");
        };
        const auto now = ctx.now();
        const std::string address = client_address(req);
        std::optional<store::KioskDeviceRow> device;
        {
            std::lock_guard<std::mutex> lock(attempts->m);
            auto& entry = attempts->at(address, now);
            if (entry.failures >= kAttemptLimit) {
                const auto left = entry.window_start + kAttemptWindow - now;
                res.set_header("Retry-After", std::to_string(std::max<LocalSeconds>(left, 1)));
                fail(429, "too_many_attempts", "设备令牌错误次数过多，请 " + std::to_string((left + 59) / 60) + " 分钟后再试");
            }
            // Every device's hash is compared, with no early exit: the time does not depend on where (or whether)
            // the token matches. A malformed token is compared too (its hash matches nothing).
            const std::string presented = auth::token_hash(token_shaped(token) ? token : std::string("-"));
            Id matched = 0;
            auto& db = ctx.db.reader(store::Database::Admission::Direct);
            for (const auto& [id, hash] : store::kiosk_token_hashes(db)) {
                const bool same = hash.size() == presented.size() &&
                                  sodium_memcmp(hash.data(), presented.data(), presented.size()) == 0;
                matched = same ? id : matched;
            }
            if (matched != 0) device = store::kiosk_device(db, matched);
            const bool usable = token_shaped(token) && device && !device->revoked_at;
            // A string that cannot be a token (wrong length or characters) is no guess: the same 401, but neither
            // counted against the address nor audited — garbage (the fuzz walk's, a broken client's) must not lock a
            // hall's kiosks out or fill the audit log. Every token-shaped miss counts.
            if (!usable && !token_shaped(token)) refuse();
            if (!usable) {
                ++entry.failures;
                const std::optional<Id> about = device ? std::optional<Id>(device->id) : std::nullopt;
                ctx.db.write([&](SQLite::Database& w) {
                    store::append_audit(w, {0, now, std::nullopt, "kiosk", "kiosk_device", about, "sign_in_failed",
                                            {{"failures", entry.failures}}, ""});
                }, store::Database::Touches::SessionsOnly);
                refuse();
            }
            entry.failures = 0;
        }
        auto user = store::user_by_id(ctx.db.reader(store::Database::Admission::Direct), device->user_id);
        if (!user || !user->user.active) refuse();
        const auto session_token = auth::random_token();
        const auto hash = auth::token_hash(session_token);
        ctx.db.write([&](SQLite::Database& db) {
            store::insert_session(db, {hash, device->user_id, now, now, false});
            store::touch_kiosk_device(db, device->id, now);
            store::append_audit(db, {0, now, device->user_id, user->user.username, "kiosk_device", device->id,
                                     "sign_in", json{{"by", by_cookie ? "device_cookie" : "token"}}, ""});
        }, store::Database::Touches::SessionsOnly);
        {
            std::lock_guard<std::mutex> lock(ctx.sessions_mutex);
            ctx.sessions[hash] = app::SessionState{device->user_id, now, now, now};
        }
        res.set_header("Set-Cookie", session_set_cookie(req, session_token, false));
        res.set_header("Set-Cookie", device_cookie(req, token, false));   // renewed at every sign-in
        wire::KioskSessionReply out{session_reply(ctx, AuthUser{user->user, false, hash}),
                                    {device->id, device->name, device->place, device->orientation}};
        reply_json(res, 200, json(out));
    });
}

}  // namespace yiyang::http
