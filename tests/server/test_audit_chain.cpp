// The audit log's hash chain (store/audit.hpp): intact after appends and after the migration that chains rows
// written before it; a row altered, a row deleted and two rows swapped are each found, at the right row. Works on
// its own SQLite file (no server), so it runs in-process and in the nginx run alike.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include "store/audit.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"

namespace test_audit_chain {

using namespace yiyang;

namespace {

std::string temp_db(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("yiyang-audit-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / name).string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    return path;
}

// A migrated database with `n` audit events, their fields varied (NULLs, Chinese, JSON changes).
std::string make_log(const std::string& name, int n) {
    const auto path = temp_db(name);
    auto db = store::open_connection(path, false);
    store::migrate(*db);
    SQLite::Transaction tx(*db);
    for (int i = 1; i <= n; ++i) {
        store::AuditEvent e;
        e.at = 1'700'000'000 + i;
        if (i % 3) e.actor_id = i;
        e.actor = i % 2 ? "agent1" : "系统";
        e.entity = "elder";
        if (i % 4) e.entity_id = 100 + i;
        e.action = i % 2 ? "update" : "lookup";
        e.changes = {{"address", {"旧地址" + std::to_string(i), "新地址"}}};
        e.reason = i % 5 ? "" : "核对";
        CHECK(store::append_audit(*db, e) == i);
    }
    tx.commit();
    return path;
}

void tamper(const std::string& path, const std::string& sql) {
    auto db = store::open_connection(path, false);
    // Whoever edits the file can drop the triggers; only the chain is left to tell.
    db->exec("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;");
    db->exec(sql);
}

store::AuditChainCheck check(const std::string& path) {
    auto db = store::open_connection(path, true);
    return store::verify_audit_chain(*db);
}

}  // namespace

TEST_CASE("an intact audit chain verifies with its row count", "[audit_chain]") {
    const auto path = make_log("intact.db", 30);
    const auto r = check(path);
    CHECK(r.ok);
    CHECK(r.rows == 30);
    CHECK(r.head_hash.size() == 64);
    CHECK_FALSE(r.first_broken_id);
}

TEST_CASE("an altered row is found", "[audit_chain]") {
    const auto path = make_log("altered.db", 30);
    tamper(path, "UPDATE audit_events SET reason = '无' WHERE id = 12");
    auto r = check(path);
    CHECK_FALSE(r.ok);
    CHECK(r.first_broken_id == 12);
    // Changing the JSON of the changes, the actor or the time is found the same way.
    const auto p2 = make_log("altered2.db", 30);
    tamper(p2, "UPDATE audit_events SET at = at + 1 WHERE id = 7");
    CHECK(check(p2).first_broken_id == 7);
    // A row's hash overwritten no longer matches its content.
    const auto p3 = make_log("altered3.db", 30);
    tamper(p3, "UPDATE audit_events SET hash = '" + std::string(64, 'a') + "' WHERE id = 20");
    auto r3 = check(p3);
    CHECK_FALSE(r3.ok);
    CHECK(r3.first_broken_id == 20);
}

TEST_CASE("a deleted row is found at the row after it", "[audit_chain]") {
    const auto path = make_log("deleted.db", 30);
    tamper(path, "DELETE FROM audit_events WHERE id = 15");
    auto r = check(path);
    CHECK_FALSE(r.ok);
    CHECK(r.first_broken_id == 16);
    const auto first = make_log("deleted-first.db", 10);
    tamper(first, "DELETE FROM audit_events WHERE id = 1");
    CHECK(check(first).first_broken_id == 2);
}

TEST_CASE("reordered rows are found", "[audit_chain]") {
    const auto path = make_log("reordered.db", 30);
    tamper(path, "UPDATE audit_events SET id = -5 WHERE id = 5; UPDATE audit_events SET id = 5 WHERE id = 9; "
                 "UPDATE audit_events SET id = 9 WHERE id = -5;");
    auto r = check(path);
    CHECK_FALSE(r.ok);
    CHECK(r.first_broken_id == 5);
}

TEST_CASE("the migration chains the rows written before the chain existed", "[audit_chain]") {
    // The schema before the chain, with rows as an older server left them (no hashes).
    const auto path = temp_db("migrated.db");
    {
        auto db = store::open_connection(path, false);
        store::migrate(*db, store::kAuditChainSchemaVersion - 1);
        SQLite::Transaction tx(*db);
        SQLite::Statement ins(*db, "INSERT INTO audit_events (at, actor_id, actor, entity, entity_id, action, changes, "
                                   "reason) VALUES (?, ?, ?, 'elder', ?, ?, ?, ?)");
        for (int i = 1; i <= 25; ++i) {
            ins.bind(1, 1'700'000'000 + i);
            if (i % 3) ins.bind(2, i); else ins.bind(2);
            ins.bind(3, i % 2 ? "agent1" : "系统");
            if (i % 4) ins.bind(4, 100 + i); else ins.bind(4);
            ins.bind(5, i % 2 ? "update" : "lookup");
            ins.bind(6, nlohmann::json{{"address", {"旧地址" + std::to_string(i), "新地址"}}}.dump());
            ins.bind(7, i % 5 ? "" : "核对");
            ins.exec();
            ins.reset();
        }
        tx.commit();
    }
    {
        auto db = store::open_connection(path, false);
        store::migrate(*db);
        // And the chain goes on from there.
        SQLite::Transaction tx(*db);
        store::append_audit(*db, {0, 1'800'000'000, 1, "admin", "user", 1, "create", {{"k", 1}}, ""});
        tx.commit();
        // The no-update trigger is back.
        CHECK_THROWS(db->exec("UPDATE audit_events SET reason = 'x' WHERE id = 1"));
    }
    auto r = check(path);
    CHECK(r.ok);
    CHECK(r.rows == 26);
}

}  // namespace test_audit_chain
