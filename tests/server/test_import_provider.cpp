// Service records imported for a provider (issue 10 实体服务): the provider is written by the row's own INSERT or
// UPDATE (store::ListWriter, no second keyed write per row). Counts as before: a row unchanged but for its provider is
// unchanged (only its provider set), a changed row takes the new provider, the import id moves only with a change.
// Works on its own SQLite file (no server).
#include <catch2/catch.hpp>

#include <filesystem>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/database.hpp"
#include "store/list_imports.hpp"
#include "store/schema.hpp"
#include "store/verification_lists.hpp"

namespace test_import_provider {

using namespace yiyang;

TEST_CASE("service records for a provider: provider written with the row, counts unchanged", "[imports]") {
    const auto dir = std::filesystem::temp_directory_path() / ("yiyang-import-provider-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / "p.db").string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    auto db = store::open_connection(path, false);
    store::migrate(*db);
    db->exec("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES "
             "(1, 'admin', '管理员', 'admin', 'x', 0)");
    db->exec("INSERT INTO providers (id, name, status) VALUES (1, '甲', 'active'), (2, '乙', 'active')");
    const auto batch = [&](int n) {
        db->exec("INSERT INTO import_batches (id, list, file_name, sha256, file_kind, encoding, sheet, user_id, username, "
                 "imported_at, rows, file) VALUES (" + std::to_string(n) + ", 'service_records', 'f.csv', 'x', 'csv', "
                 "'utf8', '', 1, 'admin', 0, 0, x'')");
        return static_cast<Id>(n);
    };
    const auto rec = [](std::string no, std::string caregiver) {
        ServiceRecordRow r;
        r.record_no = std::move(no);
        r.id_number = "350303193001010016";
        r.name = "王秀英";
        r.day = Date{2024, 1, 5};
        r.start = 9 * 3600;
        r.end = 10 * 3600;
        r.item = "助洁";
        r.caregiver = std::move(caregiver);
        return r;
    };
    const auto rows = [&](const std::string& sql) {
        std::vector<std::string> out;
        SQLite::Statement st(*db, sql);
        while (st.executeStep()) out.push_back(st.getColumn(0).getString());
        return out;
    };
    const std::string q = "SELECT record_no || ':' || coalesce(provider_id, '-') || ':' || import_id || ':' || caregiver "
                          "FROM list_service_records ORDER BY record_no";

    {   // into an empty table: the INSERT carries the provider
        store::ListWriter<ServiceRecordRow> w(*db, batch(1), Id{1});
        w.add(rec("R1", "甲1"));
        w.add(rec("R2", "甲2"));
        CHECK(w.counts.added == 2);
    }
    CHECK(rows(q) == std::vector<std::string>{"R1:1:1:甲1", "R2:1:1:甲2"});
    {   // R1 unchanged but now provider 2's (unchanged, provider set, import id kept); R2 changed; R3 added
        store::ListWriter<ServiceRecordRow> w(*db, batch(2), Id{2});
        w.add(rec("R1", "甲1"));
        w.add(rec("R2", "乙2"));
        w.add(rec("R3", "乙3"));
        CHECK(w.counts.unchanged == 1);
        CHECK(w.counts.changed == 1);
        CHECK(w.counts.added == 1);
    }
    CHECK(rows(q) == std::vector<std::string>{"R1:2:1:甲1", "R2:2:2:乙2", "R3:2:2:乙3"});
    {   // the same again: nothing written
        store::ListWriter<ServiceRecordRow> w(*db, batch(3), Id{2});
        w.add(rec("R1", "甲1"));
        CHECK(w.counts.unchanged == 1);
    }
    {   // without a provider (the CLI, older files): the provider stays as it was
        store::ListWriter<ServiceRecordRow> w(*db, batch(4));
        w.add(rec("R3", "乙3改"));
        CHECK(w.counts.changed == 1);
    }
    CHECK(rows(q) == std::vector<std::string>{"R1:2:1:甲1", "R2:2:2:乙2", "R3:2:4:乙3改"});
    CHECK_THROWS_AS(store::ListWriter<CremationRow>(*db, batch(5), Id{1}), std::logic_error);
    db.reset();
    std::filesystem::remove_all(dir);
}

// store::categories_of reads a city's subscribers in one pass over the categories and a few by lookups: same result,
// including an ID number written twice (lower-case x) whose first spelling has no elder.
TEST_CASE("subscriber categories: one pass and lookups agree", "[imports]") {
    const auto dir = std::filesystem::temp_directory_path() / ("yiyang-categories-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / "c.db").string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    auto db = store::open_connection(path, false);
    store::migrate(*db);
    db->exec("INSERT INTO towns (id, code, name, is_street, lat_e6, lon_e6) VALUES (1, 'hd', '涵东街道', 1, 0, 0)");
    const std::vector<std::string> ids = {"35030319300101001X", "350303193001010016", "350303193101010013", "350303193201010010"};
    for (std::size_t i = 0; i < ids.size(); ++i)
        db->exec("INSERT INTO elders (id, name, id_number, birth_date, sex, town_id, disability, status, created_at, "
                 "updated_at) VALUES (" + std::to_string(i + 1) + ", '甲', '" + ids[i] + "', '1930-01-01', 'male', 1, "
                 "'none', 'active', 0, 0)");
    db->exec("INSERT INTO elder_categories (category, town_id, elder_id) VALUES ('empty_nest', 1, 1), "
             "('low_income', 1, 1), ('living_alone', 1, 2), ('empty_nest', 1, 4)");
    std::vector<SubscriberRow> subs;
    for (const std::string id : {"35030319300101001x", "35030319300101001X", "350303193001010016", "350303193101010013",
                                 "350303193201010010", "350303193001010016"}) {
        SubscriberRow r;
        r.id_number = id;
        subs.push_back(r);
    }
    const auto lookups = store::categories_of(*db, subs);
    const auto scan = store::categories_of(*db, subs, 1);
    CHECK(lookups.size() == 3);
    CHECK(lookups.at("35030319300101001X").size() == 2);
    CHECK(scan == lookups);
    db.reset();
    std::filesystem::remove_all(dir);
}

}  // namespace test_import_provider
