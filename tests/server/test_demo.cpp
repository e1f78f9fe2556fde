// The open-day demo (issue 12, part demo; app/demo_mode.hpp): a server of its own in demo mode on a tiny synthetic
// city. Demo mode refuses a database not created synthetic (no mark, an imported list; the exit status of
// `serve --demo` is checked by tests/e2e/demo.test.mjs);
// served without --demo a synthetic database loses its mark; the one-tap sign-in exists only in demo mode (404 on the
// suite's ordinary server); the visitor accounts cannot change their password, publish rules, import or reset, and no
// admin one exists; a reset (an administrator's, audited in the restored log) brings back the starting figures and
// order count, ends the visitors' sessions and keeps the administrator's; the schedule's arithmetic.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app/demo_mode.hpp"
#include "auth/crypto.hpp"
#include "harness.hpp"
#include "http/server.hpp"
#include "store/database.hpp"
#include "store/demo_loader.hpp"
#include "store/demo_mode.hpp"
#include "store/users.hpp"

namespace test_demo {

using namespace yiyang;
using yiyang::test::ApiClient;
using yiyang::test::Reply;
using nlohmann::json;

namespace {

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        char tmpl[] = "/tmp/yiyang-demo-test-XXXXXX";
        REQUIRE(::mkdtemp(tmpl) != nullptr);
        path = tmpl;
    }
    ~TempDir() { std::error_code ec; std::filesystem::remove_all(path, ec); }
};

const LocalSeconds kStart = start_of(Date{2026, 11, 20}) + 10 * 3600;

// A tiny synthetic city with an administrator "d_admin" (password known), served in-process in demo mode.
struct DemoServer {
    TempDir dir;
    std::string db_path = (dir.path / "demo.db").string();
    std::atomic<LocalSeconds> now{kStart};
    std::unique_ptr<store::Database> db;
    std::unique_ptr<app::AppContext> ctx;
    std::unique_ptr<http::ApiServer> server;
    std::thread thread;
    int port = 0;
    const std::string admin_pw = "pw-demo-admin-0123456789";

    DemoServer() {
        auth::init_crypto();
        store::create_demo_database(db_path, 11, *demo_scale("tiny"), kStart);
        db = std::make_unique<store::Database>(db_path);
        db->write([&](SQLite::Database& w) {
            User u;
            u.username = "d_admin";
            u.display_name = "演示管理员";
            u.role = Role::Admin;
            store::insert_user(w, u, auth::hash_password(admin_pw), false, kStart);
        });
        auto* now_ptr = &now;
        ctx = std::make_unique<app::AppContext>(*db, app::ServerConfig{}, [now_ptr] { return now_ptr->load(); });
        server = std::make_unique<http::ApiServer>(*ctx);
        app::start_demo(*ctx, db_path);
        port = server->bind("127.0.0.1", 0);
        REQUIRE(port > 0);
        thread = std::thread([this] { server->run(); });
        while (!server->raw().is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~DemoServer() {
        server->stop();
        if (thread.joinable()) thread.join();
        server.reset();
        ctx.reset();
        db.reset();
    }
    ApiClient client() { return ApiClient("127.0.0.1", port); }
    ApiClient visitor(const std::string& role) {
        auto c = client();
        auto r = c.post("/api/v1/session/demo", {{"role", role}});
        REQUIRE(r.status == 200);
        return c;
    }
    ApiClient admin() {
        auto c = client();
        REQUIRE(c.sign_in("d_admin", admin_pw).status == 200);
        return c;
    }
};

std::int64_t order_total(ApiClient& c) {
    auto r = c.get("/api/v1/orders?page_size=1");
    REQUIRE(r.status == 200);
    return r.body.at("total").get<std::int64_t>();
}

}  // namespace

TEST_CASE("demo mode refuses a database not created synthetic, in both languages", "[demo]") {
    TempDir dir;
    const auto db = (dir.path / "city.db").string();
    store::create_demo_database(db, 3, *demo_scale("tiny"), kStart);
    {
        SQLite::Database d(db, SQLite::OPEN_READONLY);
        CHECK(store::meta_value(d, store::kSyntheticKey) == "demo_city");   // written with the city
        CHECK(store::not_synthetic_reason(d).empty());
    }
    // start_demo is what `serve --demo` runs before binding (its exception: exit status 1, tests/e2e/demo.test.mjs).
    auto refused = [&](const std::string& expect) {
        store::Database database(db);
        app::AppContext ctx(database, app::ServerConfig{}, [] { return kStart; });
        try {
            app::start_demo(ctx, db);
            FAIL("start_demo accepted the database");
        } catch (const std::runtime_error& e) {
            const std::string what = e.what();
            CHECK(what.find("演示模式拒绝启动") != std::string::npos);
            CHECK(what.find("refusing to serve --demo") != std::string::npos);
            CHECK(what.find(expect) != std::string::npos);
        }
        CHECK_FALSE(ctx.config.demo);
        CHECK(!std::filesystem::exists(db + ".pristine"));
        CHECK_FALSE(store::demo_account(database.reader(), Role::Agent));   // nothing written
    };
    SECTION("no mark: refused") {
        { SQLite::Database d(db, SQLite::OPEN_READWRITE); d.exec("DELETE FROM meta WHERE key = 'synthetic'"); }
        refused("not marked synthetic");
    }
    SECTION("an imported list: refused even with the mark") {
        {
            SQLite::Database d(db, SQLite::OPEN_READWRITE);
            d.exec("INSERT INTO users (username, display_name, role, password_hash, must_change_password, active, "
                   "created_at) VALUES ('importer', 'importer', 'supervisor', 'x', 0, 1, 0)");
            d.exec("INSERT INTO import_batches (list, file_name, sha256, file_kind, user_id, username, imported_at, rows, file) "
                   "SELECT 'subscribers', 'real.csv', 'x', 'csv', id, username, 0, 1, X'00' FROM users WHERE username = 'importer'");
        }
        refused("imported verification lists");
    }
    SECTION("served without --demo, the database loses its mark for good") {
        store::Database database(db);
        CHECK(app::leave_synthetic(database, kStart));
        refused("not marked synthetic");
        CHECK(!app::leave_synthetic(database, kStart));   // nothing left to drop
        CHECK(database.reader().execAndGet("SELECT count(*) FROM audit_events WHERE action = 'synthetic_mark_dropped'")
                  .getInt64() == 1);
    }
}

TEST_CASE("the one-tap sign-in and the demo reset do not exist outside demo mode", "[demo]") {
    auto& env = test::TestEnv::get();
    auto anon = env.client();
    auto r = anon.post("/api/v1/session/demo", {{"role", "agent"}});
    CHECK(r.status == 404);
    CHECK(anon.cookie().empty());
    auto admin = env.signed_in("admin");
    CHECK(admin.post("/api/v1/demo/reset", json::object()).status == 404);
    CHECK(anon.get("/api/v1/health").body.value("demo", true) == false);
    CHECK(admin.get("/api/v1/me").body.value("demo", true) == false);
}

TEST_CASE("demo mode: one-tap visitor accounts and what they may not do", "[demo]") {
    DemoServer s;
    auto anon = s.client();
    CHECK(anon.get("/api/v1/health").body.at("demo") == true);
    // No administrator visitor, nor any other role.
    for (const char* role : {"admin", "kiosk", "town", "leader", "nobody"}) {
        auto r = anon.post("/api/v1/session/demo", {{"role", role}});
        CHECK(r.status == 422);
    }
    CHECK(anon.post("/api/v1/session/demo", json::object()).status == 422);
    for (const char* role : {"agent", "supervisor", "provider"}) {
        auto c = s.visitor(role);
        auto me = c.get("/api/v1/me");
        REQUIRE(me.status == 200);
        CHECK(me.body["user"]["role"] == role);
        CHECK(me.body["demo"] == true);
        CHECK(me.body["demo_account"] == true);
        CHECK(me.body["must_change_password"] == false);
        if (std::string(role) == "provider") CHECK(me.body["user"]["provider_id"].is_number_integer());
        // No password to change, no rules to publish, no reset.
        auto pw = c.put("/api/v1/me/password", {{"old_password", "x"}, {"new_password", "A-much-longer-pass-2026"}});
        CHECK(pw.status == 403);
        CHECK(pw.body["error"]["code"] == "demo_account");
        CHECK(c.post("/api/v1/rules/service_circle", json::object()).status == 403);
        CHECK(c.post("/api/v1/demo/reset", json::object()).status == 403);
        CHECK(c.get("/api/v1/overview").status == 200);
    }
    // The visitor accounts have no usable password: a password sign-in with any guess fails.
    auto row = store::user_by_id(s.db->reader(), *store::demo_account(s.db->reader(), Role::Agent));
    REQUIRE(row);
    CHECK(anon.sign_in(row->user.username, "").status == 422);
    CHECK(anon.sign_in(row->user.username, row->user.username).status == 401);
    // A supervisor (who may import elsewhere) cannot bring a real list into the demo.
    auto sup = s.visitor("supervisor");
    auto imp = sup.send("POST", "/api/v1/imports/subscribers?dry_run=0&name=x.csv", "a,b\n1,2\n",
                        {{"X-Yiyang-Request", "1"}, {"Content-Type", "text/csv"}});
    CHECK(imp.status == 403);
    CHECK(imp.body["error"]["code"] == "demo_mode");
    // The real administrator keeps a normal account.
    auto admin = s.admin();
    CHECK(admin.get("/api/v1/me").body["demo_account"] == false);
}

TEST_CASE("demo reset: an administrator's reset brings back the starting figures and ends visitor sessions", "[demo]") {
    DemoServer s;
    auto admin = s.admin();
    auto agent = s.visitor("agent");
    const auto overview0 = agent.get("/api/v1/overview");
    REQUIRE(overview0.status == 200);
    const auto kpis0 = agent.get("/api/v1/kpis");
    REQUIRE(kpis0.status == 200);
    const auto orders0 = order_total(agent);
    const auto audits0 = s.db->reader().execAndGet("SELECT count(*) FROM audit_events").getInt64();

    const auto setup = test::provider_one_setup(agent);
    auto made = agent.post("/api/v1/orders", test::booking_body(setup, "演示：体验坐席受理的工单"));
    REQUIRE(made.status == 201);
    CHECK(order_total(agent) == orders0 + 1);
    CHECK(agent.get("/api/v1/overview").body != overview0.body);

    auto r = admin.post("/api/v1/demo/reset", json::object());
    REQUIRE(r.status == 200);
    CHECK(r.body.at("reset_at").is_string());

    // The visitor's session ended; the administrator's stays.
    CHECK(agent.get("/api/v1/me").status == 401);
    CHECK(admin.get("/api/v1/me").status == 200);
    auto again = s.visitor("agent");
    CHECK(order_total(again) == orders0);
    CHECK(again.get("/api/v1/overview").body == overview0.body);
    CHECK(again.get("/api/v1/kpis").body.at("items") == kpis0.body.at("items"));   // as_of may name the later time
    // The reset is an audit event in the restored log (which no longer holds the order's events).
    auto& db = s.db->reader();
    CHECK(db.execAndGet("SELECT count(*) FROM audit_events WHERE entity = 'demo' AND action = 'reset' "
                        "AND actor = 'd_admin'").getInt64() == 1);
    CHECK(db.execAndGet("SELECT count(*) FROM audit_events").getInt64() < audits0 + 3);
    // The pristine copy is still a pristine copy: a second reset restores the same figures.
    REQUIRE(admin.post("/api/v1/demo/reset", json::object()).status == 200);
    auto third = s.visitor("agent");
    CHECK(order_total(third) == orders0);
}

TEST_CASE("demo reset schedule: every N seconds and at a time of day", "[demo]") {
    const LocalSeconds day = start_of(Date{2026, 12, 6});
    // Every hour.
    CHECK(!app::demo_reset_due(day, day + 3599, 3600, std::nullopt));
    CHECK(app::demo_reset_due(day, day + 3600, 3600, std::nullopt));
    CHECK(!app::demo_reset_due(day, day + 86400 * 3, 0, std::nullopt));   // never
    // At 06:00: due once the time passes after the last reset, not again the same day.
    const int six = 6 * 60;
    CHECK(!app::demo_reset_due(day + 5 * 3600, day + 6 * 3600 - 1, 0, six));
    CHECK(app::demo_reset_due(day + 5 * 3600, day + 6 * 3600, 0, six));
    CHECK(!app::demo_reset_due(day + 6 * 3600, day + 23 * 3600, 0, six));
    CHECK(app::demo_reset_due(day + 23 * 3600, day + 86400 + 6 * 3600 + 5, 0, six));
    // Whichever comes first.
    CHECK(app::demo_reset_due(day + 5 * 3600 + 1800, day + 6 * 3600 + 1, 3600, six));
}

}  // namespace test_demo
