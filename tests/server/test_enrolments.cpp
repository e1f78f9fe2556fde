// Enrolments as a table (migration 14): the JSON column's data moved over in order and the column dropped; an
// elder written through the store keeps its enrolments in rows, and an edit that leaves one unchanged keeps its
// row (and the import that wrote it). Works on its own SQLite file (no server).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/database.hpp"
#include "store/elders.hpp"
#include "store/schema.hpp"

namespace test_enrolments {

using namespace yiyang;

namespace {

std::string temp_db(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("yiyang-enrol-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / name).string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    return path;
}

}  // namespace

TEST_CASE("migration 14 moves the enrolments JSON into rows and drops the column", "[enrolments]") {
    const auto path = temp_db("migrated.db");
    {
        auto db = store::open_connection(path, false);
        store::migrate(*db, 13);
        db->exec("INSERT INTO towns (id, code, name, is_street, lat_e6, lon_e6) VALUES (1, 'hd', '涵东街道', 1, 0, 0)");
        db->exec("INSERT INTO elders (id, name, id_number, birth_date, sex, town_id, disability, status, enrolments, "
                 "created_at, updated_at) VALUES (7, '王秀英', '350303194001010011', '1940-01-01', 'male', 1, 'none', "
                 "'active', '[{\"programme\":\"home_visit\",\"from\":\"2024-01-01\",\"to\":\"2026-02-01\"},"
                 "{\"programme\":\"info_service\",\"from\":\"2025-06-01\"}]', 0, 0)");
        db->exec("INSERT INTO elders (id, name, id_number, birth_date, sex, town_id, disability, status, "
                 "created_at, updated_at) VALUES (8, '李桂兰', '350303194101010021', '1941-01-01', 'female', 1, "
                 "'none', 'active', 0, 0)");
    }
    auto db = store::open_connection(path, false);
    store::migrate(*db);
    CHECK(store::schema_version(*db) == store::latest_schema_version());
    CHECK_FALSE(db->tableExists("info_subscribers"));
    CHECK(db->execAndGet("SELECT COUNT(*) FROM pragma_table_info('elders') WHERE name = 'enrolments'").getInt() == 0);
    const auto e = store::get_elder(*db, 7);
    REQUIRE(e);
    REQUIRE(e->enrolments.size() == 2);
    CHECK(e->enrolments[0].programme == "home_visit");
    CHECK(e->enrolments[0].to == Date{2026, 2, 1});
    CHECK(e->enrolments[1].programme == "info_service");
    CHECK(e->enrolments[1].from == Date{2025, 6, 1});
    CHECK_FALSE(e->enrolments[1].to);
    CHECK(store::get_elder(*db, 8)->enrolments.empty());

    // An edit: the unchanged enrolment keeps its row (id and import), the changed one is replaced, a new one added.
    db->exec("UPDATE enrolments SET import_id = NULL, removal_reason = '' WHERE elder_id = 7");
    const auto kept_id = db->execAndGet("SELECT id FROM enrolments WHERE elder_id = 7 AND programme = 'info_service'").getInt64();
    Elder edited = *e;
    edited.enrolments[0].to = Date{2026, 3, 1};
    edited.enrolments.push_back(Enrolment{"physical_service", Date{2026, 1, 1}, std::nullopt, ""});
    REQUIRE(store::update_elder(*db, edited, 100));
    const auto back = store::get_elder(*db, 7);
    REQUIRE(back->enrolments.size() == 3);
    CHECK(db->execAndGet("SELECT id FROM enrolments WHERE elder_id = 7 AND programme = 'info_service'").getInt64() == kept_id);
    CHECK(db->execAndGet("SELECT to_date FROM enrolments WHERE elder_id = 7 AND programme = 'home_visit'").getString() ==
          "2026-03-01");

    // A new elder through the common insert path writes its enrolments as rows, with the reason.
    Elder n = *back;
    n.id_number = "350303194201010031";
    n.enrolments = {Enrolment{"info_service", Date{2024, 1, 5}, Date{2024, 3, 1}, "死亡"}};
    const Id id = store::insert_elder(*db, n, 200);
    const auto stored = store::get_elder(*db, id);
    REQUIRE(stored->enrolments.size() == 1);
    CHECK(stored->enrolments[0].reason == "死亡");
}

}  // namespace test_enrolments
