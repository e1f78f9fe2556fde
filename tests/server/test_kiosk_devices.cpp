// Issue 12, kiosk devices: an administrator registers a kiosk and sees its token once (URL + QR code), the server keeps
// only its hash; the kiosk signs in by the token and gets a session of role kiosk tied to the device; revoking ends its
// sessions at once; a re-issue kills the old token; wrong tokens get one 401 for unknown and revoked alike and are
// rate-limited per address; every change is an audit event.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <unistd.h>

#include "auth/crypto.hpp"
#include "harness.hpp"

namespace test_kiosk_devices {

using namespace yiyang::test;

namespace {

json device_body(const std::string& name, const std::string& orientation = "portrait") {
    return {{"name", name}, {"place", "展厅一楼"}, {"orientation", orientation}};
}

// A kiosk's client that says it comes from `address` (the test server believes X-Real-IP from loopback, as from
// nginx), so the rate limit of one test does not reach the others.
struct Kiosk {
    ApiClient c;
    std::string address;
    Reply sign_in(const std::string& token) {
        return c.send("POST", "/api/v1/kiosk/session", json{{"token", token}}.dump(),
                      {{"X-Yiyang-Request", "1"}, {"X-Real-IP", address}});
    }
};

std::vector<std::string> audit_actions(std::int64_t device) {
    SQLite::Database db(TestEnv::get().database_path(), SQLite::OPEN_READONLY);
    SQLite::Statement st(db, "SELECT action FROM audit_events WHERE entity = 'kiosk_device' AND entity_id = ? ORDER BY id");
    st.bind(1, device);
    std::vector<std::string> out;
    while (st.executeStep()) out.push_back(st.getColumn(0).getString());
    return out;
}

json device_in_list(ApiClient& admin, std::int64_t id) {
    auto list = admin.get("/api/v1/kiosk/devices");
    REQUIRE(list.status == 200);
    for (const auto& d : list.body["items"])
        if (d["id"] == id) return d;
    FAIL("device " << id << " not listed");
    return {};
}

}  // namespace

TEST_CASE("an administrator registers a kiosk: the token once, as URL and QR code; only its hash is kept", "[kiosk_devices]") {
    auto& env = TestEnv::get();
    if (env.external()) { WARN("skipped: reads the database file"); return; }
    auto admin = env.signed_in("admin");
    auto r = admin.post("/api/v1/kiosk/devices", device_body("展厅一楼大屏"));
    REQUIRE(r.status == 201);
    const std::string token = r.body["token"];
    CHECK(std::regex_match(token, std::regex("[A-Za-z0-9_-]{43}")));   // 32 random bytes, base64url
    const std::string url = r.body["url"];
    CHECK(url == "http://127.0.0.1:" + std::to_string(env.port()) + "/#/kiosk?device=" + token);
    const std::int64_t id = r.body["device"]["id"];
    CHECK(r.body["device"]["name"] == "展厅一楼大屏");
    CHECK(r.body["device"]["orientation"] == "portrait");
    CHECK(r.body["device"]["registered_by"].get<std::string>().size() > 0);
    CHECK(r.body["device"]["revoked_at"] == "");
    // The QR code: square, of '0'/'1' rows, version ≥ 1 (21 + 4k modules).
    const int size = r.body["qr"]["size"];
    CHECK(size >= 21);
    CHECK((size - 21) % 4 == 0);
    REQUIRE(r.body["qr"]["rows"].size() == static_cast<std::size_t>(size));
    for (const auto& row : r.body["qr"]["rows"]) CHECK(std::regex_match(row.get<std::string>(), std::regex("[01]{" + std::to_string(size) + "}")));

    // The list never carries a token; a second registration gets another token.
    auto listed = device_in_list(admin, id);
    CHECK_FALSE(listed.contains("token"));
    CHECK(listed.dump().find(token) == std::string::npos);
    auto other = admin.post("/api/v1/kiosk/devices", device_body("展厅二楼横屏", "landscape"));
    REQUIRE(other.status == 201);
    CHECK(other.body["token"] != token);

    // The database holds the hash, not the token (nowhere in the table).
    SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
    SQLite::Statement st(db, "SELECT token_hash, name, place FROM kiosk_devices WHERE id = ?");
    st.bind(1, id);
    REQUIRE(st.executeStep());
    CHECK(st.getColumn(0).getString() == yiyang::auth::token_hash(token));
    CHECK(db.execAndGet("SELECT count(*) FROM kiosk_devices WHERE instr(token_hash || name || place || revoke_reason, '" +
                        token + "') > 0").getInt() == 0);
    CHECK(audit_actions(id) == std::vector<std::string>{"register"});
}

TEST_CASE("the QR code of a kiosk URL decodes to the URL (zbarimg)", "[kiosk_devices]") {
    auto& env = TestEnv::get();
    if (std::system("command -v zbarimg >/dev/null 2>&1") != 0) { WARN("skipped: zbarimg (zbar-tools) is not installed"); return; }
    auto admin = env.signed_in("admin");
    auto r = admin.post("/api/v1/kiosk/devices", device_body("二维码检查"));
    REQUIRE(r.status == 201);
    // As a PGM: 8 pixels a module, a quiet zone of 4 modules.
    const int size = r.body["qr"]["size"], scale = 8, quiet = 4, side = (size + 2 * quiet) * scale;
    const auto path = std::filesystem::temp_directory_path() / ("yiyang-kiosk-qr-" + std::to_string(::getpid()) + ".pgm");
    {
        std::ofstream out(path, std::ios::binary);
        out << "P5\n" << side << " " << side << "\n255\n";
        for (int y = 0; y < side; ++y) {
            for (int x = 0; x < side; ++x) {
                const int my = y / scale - quiet, mx = x / scale - quiet;
                const bool dark = my >= 0 && mx >= 0 && my < size && mx < size &&
                                  r.body["qr"]["rows"][static_cast<std::size_t>(my)].get<std::string>()[static_cast<std::size_t>(mx)] == '1';
                out.put(static_cast<char>(dark ? 0 : 255));
            }
        }
    }
    std::string decoded;
    if (FILE* p = popen(("zbarimg -q --raw '" + path.string() + "'").c_str(), "r")) {
        char buf[512];
        while (fgets(buf, sizeof buf, p)) decoded += buf;
        pclose(p);
    }
    std::filesystem::remove(path);
    while (!decoded.empty() && (decoded.back() == '\n' || decoded.back() == '\r')) decoded.pop_back();
    CHECK(decoded == r.body["url"].get<std::string>());
}

TEST_CASE("a kiosk device's registration is checked field by field; only administrators manage devices", "[kiosk_devices]") {
    auto& env = TestEnv::get();
    auto admin = env.signed_in("admin");
    auto none = admin.post("/api/v1/kiosk/devices", json::object());
    CHECK(none.status == 422);
    std::set<std::string> fields;
    for (const auto& f : none.body["error"]["fields"]) fields.insert(f["field"].get<std::string>());
    CHECK(fields == std::set<std::string>{"name", "place", "orientation"});
    auto bad = admin.post("/api/v1/kiosk/devices", {{"name", "屏"}, {"place", "展厅"}, {"orientation", "sideways"}, {"x", 1}});
    CHECK(bad.status == 422);
    fields.clear();
    for (const auto& f : bad.body["error"]["fields"]) fields.insert(f["field"].get<std::string>());
    CHECK(fields == std::set<std::string>{"orientation", "x"});
    CHECK(bad.raw.find("portrait（竖屏）或 landscape（横屏）") != std::string::npos);
    auto long_name = admin.post("/api/v1/kiosk/devices", device_body(std::string(200, 'a')));
    CHECK(long_name.status == 422);
    CHECK(long_name.body["error"]["fields"][0]["field"] == "name");
    for (const char* role : {"supervisor", "agent", "town", "provider", "kiosk", "leader"}) {
        auto c = env.signed_in(role);
        INFO(role);
        CHECK(c.get("/api/v1/kiosk/devices").status == 403);
        CHECK(c.post("/api/v1/kiosk/devices", device_body("不允许")).status == 403);
    }
    CHECK(env.client().get("/api/v1/kiosk/devices").status == 401);
}

TEST_CASE("a kiosk signs in by its token: role kiosk, tied to the device, aggregates only, last seen throttled", "[kiosk_devices]") {
    auto& env = TestEnv::get();
    if (env.external()) { WARN("skipped: moves the clock and reads the database file"); return; }
    auto admin = env.signed_in("admin");
    auto reg = admin.post("/api/v1/kiosk/devices", device_body("签到测试屏", "landscape"));
    REQUIRE(reg.status == 201);
    const std::int64_t id = reg.body["device"]["id"];
    CHECK(device_in_list(admin, id)["last_seen_at"] == "");
    Kiosk k{env.client(), "198.51.100.1"};
    auto s = k.sign_in(reg.body["token"]);
    REQUIRE(s.status == 200);
    CHECK(s.body["user"]["role"] == "kiosk");
    CHECK(s.body["must_change_password"] == false);
    CHECK(s.body["device"]["id"] == id);
    CHECK(s.body["device"]["orientation"] == "landscape");
    CHECK(s.header("Set-Cookie").find("HttpOnly") != std::string::npos);
    auto me = k.c.get("/api/v1/me");
    REQUIRE(me.status == 200);
    CHECK(me.body["user"]["role"] == "kiosk");
    CHECK(k.c.get("/api/v1/overview").status == 200);
    CHECK(k.c.get("/api/v1/elders").status == 403);
    CHECK(k.c.get("/api/v1/orders").status == 403);
    const std::string first_seen = device_in_list(admin, id)["last_seen_at"];
    CHECK(first_seen != "");
    // Seen again within the minute: not written; a minute later: written.
    env.advance_clock(61);
    CHECK(k.c.get("/api/v1/me").status == 200);
    const std::string later = device_in_list(admin, id)["last_seen_at"];
    CHECK(later > first_seen);
    // A password sign-in as the device's user never works (no usable password).
    auto pw = env.client().sign_in("kiosk#" + std::to_string(id), "");
    CHECK(pw.status != 200);
    CHECK(audit_actions(id) == std::vector<std::string>{"register", "sign_in"});
}

TEST_CASE("revoking a kiosk ends its session at once; unknown and revoked tokens get the same 401", "[kiosk_devices]") {
    auto& env = TestEnv::get();
    if (env.external()) { WARN("skipped: reads the database file"); return; }
    auto admin = env.signed_in("admin");
    auto reg = admin.post("/api/v1/kiosk/devices", device_body("停用测试屏"));
    REQUIRE(reg.status == 201);
    const std::int64_t id = reg.body["device"]["id"];
    const std::string token = reg.body["token"];
    Kiosk k{env.client(), "198.51.100.2"};
    REQUIRE(k.sign_in(token).status == 200);
    REQUIRE(k.c.get("/api/v1/overview").status == 200);

    const std::string path = "/api/v1/kiosk/devices/" + std::to_string(id) + "/revoke";
    auto no_reason = admin.post(path, json::object());
    CHECK(no_reason.status == 422);
    CHECK(no_reason.body["error"]["fields"][0]["field"] == "reason");
    CHECK(k.c.get("/api/v1/overview").status == 200);   // nothing half-done
    auto rv = admin.post(path, {{"reason", "设备送修"}});
    REQUIRE(rv.status == 200);
    CHECK(rv.body["revoked_at"] != "");
    CHECK(rv.body["revoke_reason"] == "设备送修");
    CHECK(rv.body["revoked_by"].get<std::string>().size() > 0);
    CHECK(k.c.get("/api/v1/overview").status == 401);   // at once
    CHECK(k.c.get("/api/v1/me").status == 401);
    CHECK(admin.post(path, {{"reason", "再次"}}).status == 409);
    CHECK(admin.post("/api/v1/kiosk/devices/" + std::to_string(id) + "/token", json::object()).status == 409);
    CHECK(admin.post("/api/v1/kiosk/devices/999999/revoke", {{"reason", "无"}}).status == 404);

    // No oracle: the revoked token and a never-issued one get the same reply.
    Kiosk again{env.client(), "198.51.100.3"};
    auto revoked = again.sign_in(token);
    std::string unknown_token = token;
    unknown_token[0] = unknown_token[0] == 'A' ? 'B' : 'A';
    auto unknown = again.sign_in(unknown_token);
    auto malformed = again.sign_in("abc");
    CHECK(revoked.status == 401);
    CHECK(unknown.status == 401);
    CHECK(malformed.status == 401);
    CHECK(revoked.raw == unknown.raw);
    CHECK(malformed.raw == unknown.raw);
    CHECK(revoked.body["error"]["code"] == "bad_token");
    CHECK(audit_actions(id) == std::vector<std::string>{"register", "sign_in", "revoke", "sign_in_failed"});
    SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("SELECT reason FROM audit_events WHERE entity = 'kiosk_device' AND entity_id = " +
                        std::to_string(id) + " AND action = 'revoke'").getString() == "设备送修");
}

TEST_CASE("re-issuing a kiosk's token kills the old token and the sessions it opened", "[kiosk_devices]") {
    auto& env = TestEnv::get();
    if (env.external()) { WARN("skipped: reads the database file"); return; }
    auto admin = env.signed_in("admin");
    auto reg = admin.post("/api/v1/kiosk/devices", device_body("重发测试屏"));
    REQUIRE(reg.status == 201);
    const std::int64_t id = reg.body["device"]["id"];
    Kiosk k{env.client(), "198.51.100.4"};
    REQUIRE(k.sign_in(reg.body["token"]).status == 200);
    auto re = admin.post("/api/v1/kiosk/devices/" + std::to_string(id) + "/token", json::object());
    REQUIRE(re.status == 200);
    CHECK(re.body["token"] != reg.body["token"]);
    CHECK(re.body["url"].get<std::string>().ends_with(re.body["token"].get<std::string>()));
    CHECK(re.body["qr"]["size"].get<int>() >= 21);
    CHECK(k.c.get("/api/v1/overview").status == 401);
    Kiosk fresh{env.client(), "198.51.100.5"};
    CHECK(fresh.sign_in(reg.body["token"]).status == 401);
    CHECK(fresh.sign_in(re.body["token"]).status == 200);
    CHECK(fresh.c.get("/api/v1/overview").status == 200);
    CHECK(audit_actions(id) == std::vector<std::string>{"register", "sign_in", "reissue_token", "sign_in"});   // the dead token matches no device
}

TEST_CASE("wrong kiosk tokens are limited per address: 10 in 15 minutes, then 429 even for the right one", "[kiosk_devices]") {
    auto& env = TestEnv::get();
    if (env.external()) { WARN("skipped: moves the clock"); return; }
    auto admin = env.signed_in("admin");
    auto reg = admin.post("/api/v1/kiosk/devices", device_body("限流测试屏"));
    REQUIRE(reg.status == 201);
    const std::string token = reg.body["token"];
    Kiosk guesser{env.client(), "203.0.113.9"};
    for (int i = 0; i < 10; ++i) {
        std::string guess(43, 'a');
        guess[0] = static_cast<char>('a' + i);
        CHECK(guesser.sign_in(guess).status == 401);
    }
    auto blocked = guesser.sign_in(token);
    CHECK(blocked.status == 429);
    CHECK(blocked.body["error"]["code"] == "too_many_attempts");
    CHECK(blocked.body["error"]["message"].get<std::string>().find("分钟后再试") != std::string::npos);
    CHECK(!blocked.header("Retry-After").empty());
    // Another address is not held back.
    Kiosk other{env.client(), "203.0.113.10"};
    CHECK(other.sign_in(token).status == 200);
    // The window passes.
    env.advance_clock(15 * 60);
    CHECK(guesser.sign_in(token).status == 200);
}

// In-process: the address is the test's X-Real-IP (through nginx every request is the proxy's own).
TEST_CASE("strings that cannot be a token are refused alike but use no address's allowance", "[kiosk_devices][inprocess]") {
    auto& env = TestEnv::get();
    auto admin = env.signed_in("admin");
    auto reg = admin.post("/api/v1/kiosk/devices", device_body("乱码测试屏"));
    REQUIRE(reg.status == 201);
    const std::string token = reg.body["token"];
    Kiosk noisy{env.client(), "203.0.113.77"};
    const auto unknown = noisy.sign_in(std::string(43, 'z'));   // token-shaped: counts
    CHECK(unknown.status == 401);
    for (int i = 0; i < 15; ++i) {                             // past the limit of 10, none of them a guess
        const auto r = noisy.sign_in(i % 2 ? "abc" : std::string(5000, 'x'));
        CHECK(r.status == 401);
        CHECK(r.raw == unknown.raw);                           // the same refusal: no oracle
    }
    CHECK(noisy.sign_in(token).status == 200);
}

TEST_CASE("a kiosk that restarts signs in by its device cookie; a revoked device's cookie is refused and cleared",
          "[kiosk_devices]") {
    auto& env = TestEnv::get();
    auto admin = env.signed_in("admin");
    auto reg = admin.post("/api/v1/kiosk/devices", device_body("重启测试屏"));
    REQUIRE(reg.status == 201);
    const std::int64_t id = reg.body["device"]["id"];
    const std::string token = reg.body["token"];
    Kiosk k{env.client(), "198.51.100.31"};
    auto first = k.sign_in(token);
    REQUIRE(first.status == 200);
    // Two cookies: the session's, and the device's — HttpOnly, only for the sign-in route, for a year.
    std::string device_cookie;
    for (const auto& [name, value] : first.headers) {
        if (name == "Set-Cookie" && value.rfind("yy_device=", 0) == 0) device_cookie = value;
    }
    REQUIRE_FALSE(device_cookie.empty());
    CHECK(device_cookie.find("yy_device=" + token + ";") == 0);
    CHECK(device_cookie.find("; Path=/api/v1/kiosk/session") != std::string::npos);
    CHECK(device_cookie.find("; HttpOnly") != std::string::npos);
    CHECK(device_cookie.find("; SameSite=Strict") != std::string::npos);
    CHECK(device_cookie.find("; Max-Age=31536000") != std::string::npos);

    // The browser restarted: no session, no URL — {} and the device cookie sign it in again.
    auto restart = [&](const std::string& address) {
        return env.client().send("POST", "/api/v1/kiosk/session", "{}",
                                 {{"X-Yiyang-Request", "1"}, {"X-Real-IP", address}, {"Cookie", "yy_device=" + token}});
    };
    auto again = restart("198.51.100.32");
    REQUIRE(again.status == 200);
    CHECK(again.body["user"]["role"] == "kiosk");
    CHECK(again.body["device"]["id"] == id);
    CHECK(again.header("Set-Cookie").rfind("yy_session=", 0) == 0);
    // {} without the cookie: the token is asked for, as before.
    auto none = env.client().send("POST", "/api/v1/kiosk/session", "{}", {{"X-Yiyang-Request", "1"}, {"X-Real-IP", "198.51.100.33"}});
    CHECK(none.status == 422);
    CHECK(none.body["error"]["fields"][0]["field"] == "token");

    // Revoked: the cookie is refused like any token, and cleared so the browser stops presenting it.
    REQUIRE(admin.post("/api/v1/kiosk/devices/" + std::to_string(id) + "/revoke", {{"reason", "撤出展厅"}}).status == 200);
    auto refused = restart("198.51.100.34");
    CHECK(refused.status == 401);
    CHECK(refused.body["error"]["code"] == "bad_token");
    bool cleared = false;
    for (const auto& [name, value] : refused.headers) {
        if (name == "Set-Cookie" && value.rfind("yy_device=;", 0) == 0) cleared = value.find("Max-Age=0") != std::string::npos;
    }
    CHECK(cleared);
    // A garbage device cookie: the same 401, cleared too.
    auto garbage = env.client().send("POST", "/api/v1/kiosk/session", "{}",
                                     {{"X-Yiyang-Request", "1"}, {"X-Real-IP", "198.51.100.35"}, {"Cookie", "yy_device=abc"}});
    CHECK(garbage.status == 401);
}

}  // namespace test_kiosk_devices
