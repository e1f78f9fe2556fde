// Migration 29 (对公众公开): on a database from before it, every knowledge article becomes internal except the
// seeded ones written for the public (the keys assets/knowledge/articles.json marks "published"), and their
// current version rows say so too. Works on its own SQLite file (no server).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

#include "store/database.hpp"
#include "store/knowledge.hpp"
#include "store/schema.hpp"

namespace test_kb_published_migration {

using namespace yiyang;

namespace {

std::string temp_db(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("yiyang-kbpub-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / name).string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    return path;
}

void insert_article(SQLite::Database& db, const std::string& kind, const std::string& title, const char* seed_key) {
    SQLite::Statement st(db, "INSERT INTO kb_articles (kind, title, body, version, created_at, updated_at, seed_key) "
                             "VALUES (?, ?, '正文', 2, 0, 0, ?)");
    st.bind(1, kind);
    st.bind(2, title);
    if (seed_key) st.bind(3, seed_key);
    else st.bind(3);
    st.exec();
    const auto id = db.getLastInsertRowid();
    for (int v = 1; v <= 2; ++v) {
        SQLite::Statement ver(db, "INSERT INTO kb_article_versions (article_id, version, kind, title, body, changed_at) "
                                  "VALUES (?, ?, ?, ?, '正文', 0)");
        ver.bind(1, static_cast<std::int64_t>(id));
        ver.bind(2, v);
        ver.bind(3, kind);
        ver.bind(4, title);
        ver.exec();
    }
}

}  // namespace

TEST_CASE("migration 29 publishes only the seeded articles written for the public", "[knowledge][migration]") {
    const auto path = temp_db("kb29.db");
    {
        auto db = store::open_connection(path, false);
        store::migrate(*db, 28);
        insert_article(*db, "policy", "88885252养老服务热线受理范围", "hotline-88885252");
        insert_article(*db, "policy", "紧急求助（SOS）处置流程", "sos");
        insert_article(*db, "service_item", "助餐服务", "meals");
        insert_article(*db, "subsidy_item", "困难情形类别与补贴档次怎么认定", "who-qualifies");
        insert_article(*db, "policy", "某镇内部通知", nullptr);   // written by a person
        insert_article(*db, "provider_info", "某服务商", "provider:1");
    }
    auto db = store::open_connection(path, false);
    store::migrate(*db);
    std::set<std::string> published;
    SQLite::Statement st(*db, "SELECT title FROM kb_articles WHERE published = 1");
    while (st.executeStep()) published.insert(st.getColumn(0).getString());
    CHECK(published == std::set<std::string>{"88885252养老服务热线受理范围", "助餐服务"});
    // The current version row carries the flag; the earlier one does not (it was never shown as published).
    CHECK(db->execAndGet("SELECT COUNT(*) FROM kb_article_versions WHERE published = 1").getInt() == 2);
    CHECK(db->execAndGet("SELECT COUNT(*) FROM kb_article_versions WHERE published = 1 AND version = 2").getInt() == 2);

    // The migration's list is the seed file's: every key the file marks "published" is in it, and no other.
    std::ifstream in(std::string(YIYANG_SOURCE_DIR) + "/assets/knowledge/articles.json");
    REQUIRE(in);
    const auto file = nlohmann::json::parse(in);
    std::set<std::string> file_keys;
    for (const auto& a : file["articles"])
        if (a.value("published", false)) file_keys.insert(a["key"].get<std::string>());
    std::set<std::string> migration_keys;
    {
        auto fresh = store::open_connection(temp_db("kb29-keys.db"), false);
        store::migrate(*fresh, 28);
        for (const auto& a : file["articles"]) {
            insert_article(*fresh, a["kind"].get<std::string>(), a["title"].get<std::string>(),
                           a["key"].get<std::string>().c_str());
        }
        store::migrate(*fresh);
        SQLite::Statement keys(*fresh, "SELECT seed_key FROM kb_articles WHERE published = 1");
        while (keys.executeStep()) migration_keys.insert(keys.getColumn(0).getString());
    }
    CHECK(migration_keys == file_keys);
}

}  // namespace test_kb_published_migration
