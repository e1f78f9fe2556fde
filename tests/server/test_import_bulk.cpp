// Bulk imports with deferred indexes (issue 10 "Speed", store/imports.hpp DeferredIndexes): an import that adds many
// rows drops the secondary indexes of the tables it writes inside its transaction and builds them again from their
// stored SQL before the commit. It must leave exactly what the row-by-row path leaves (every table's rows and
// sqlite_master), a duplicate against the table must still be merged as before (the unique ID number and the list
// keys are never dropped), a refused file must leave the rows and the schema as they were, and the same file again
// changes nothing. Through the import path of the command line and the routes (app/list_import.hpp), on real
// SQLite files (no server).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "app/list_import.hpp"
#include "store/database.hpp"
#include "store/list_imports.hpp"
#include "store/schema.hpp"
#include "store/subscriber_import.hpp"
#include "import_test_data.hpp"

namespace test_import_bulk {

using namespace yiyang;

namespace {

std::unique_ptr<SQLite::Database> fresh_db(const std::string& name) { return test::import_test_db("import-bulk", name); }
using test::id_number;

// Subscribers first..first+n-1; `renamed`: those below it get another name (a change against the table).
std::string subscribers_csv(int first, int n, int renamed = 0, const std::string& last_id = "") {
    static const char* names[] = {"王秀英", "李桂兰", "张德明", "陈玉珍", "莲莲莲", "林阿妹"};
    std::string s = "姓名,身份证号,服务号码,镇街,开通日期,拆机日期,拆机原因\n";
    for (int i = first; i < first + n; ++i) {
        const bool last = i == first + n - 1;
        s += std::string(names[i % 6]) + (i < renamed ? "改" : "") + "," + (last && !last_id.empty() ? last_id : id_number(i)) +
             ",139" + std::to_string(10000000 + i) + "," + (i % 2 ? "涵东街道" : "涵西街道") + ",2023-" +
             (i % 12 < 9 ? "0" : "") + std::to_string(1 + i % 12) + "-1" + std::to_string(i % 9) + "," +
             (i % 5 == 0 ? "2024-02-15,死亡" : ",") + "\n";
    }
    return s;
}

// Records R000000+first…; `changed`: those below it carry another caregiver; `last_day`: the last row's date.
std::string records_csv(int first, int n, int changed = 0, const std::string& last_day = "") {
    std::string s = "记录编号,身份证号,姓名,服务日期,开始时间,结束时间,服务项目,服务人员,佐证\n";
    for (int i = first; i < first + n; ++i) {
        char no[16], day[16];
        std::snprintf(no, sizeof no, "R%06d", i);
        std::snprintf(day, sizeof day, "2024-0%d-%02d", 1 + i % 3, 1 + i % 28);
        const bool last = i == first + n - 1;
        s += std::string(no) + "," + id_number(i % 50) + ",王秀英," + (last && !last_day.empty() ? last_day : day) +
             ",08:00,08:30," + (i % 2 ? "助餐" : "助洁") + ",助老员" + std::to_string(i % 7 + (i < changed ? 100 : 0)) +
             ",p" + std::to_string(i) + ".jpg\n";
    }
    return s;
}

wire::ImportPreview commit(SQLite::Database& db, ImportList list, const std::string& csv, store::IndexMode mode) {
    app::ListImportInput in;
    in.list = list;
    in.bytes = csv;
    in.file_name = "f.csv";
    in.today = Date{2024, 6, 1};
    in.index_mode = mode;
    store::ImportBatch batch{code(list), "f.csv", "", "", "", "", 1, "admin", 1000, 0};
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    auto p = list == ImportList::Subscribers ? app::commit_subscriber_file(db, in, batch) : app::commit_list(db, in, batch);
    tx.commit();
    return p;
}

std::vector<std::string> rows_of(SQLite::Database& db, const std::string& sql) {
    std::vector<std::string> out;
    SQLite::Statement st(db, sql);
    while (st.executeStep()) {
        std::string row;
        for (int i = 0; i < st.getColumnCount(); ++i) row += (i ? "|" : "") + st.getColumn(i).getString();
        out.push_back(std::move(row));
    }
    return out;
}

// The schema (without the pages the objects happen to start at) and every table's rows, sorted; `except`: tables
// left out.
std::vector<std::string> schema(SQLite::Database& db) {
    return rows_of(db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
}
std::vector<std::string> contents(SQLite::Database& db, const std::vector<std::string>& except = {}) {
    std::vector<std::string> out;
    for (const auto& t : rows_of(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                     "ORDER BY name")) {
        if (std::find(except.begin(), except.end(), t) != except.end()) continue;
        auto rows = rows_of(db, "SELECT * FROM \"" + t + "\"");
        std::sort(rows.begin(), rows.end());
        for (auto& r : rows) out.push_back(t + ": " + r);
    }
    return out;
}
std::string integrity(SQLite::Database& db) { return db.execAndGet("PRAGMA integrity_check").getString(); }
int count(SQLite::Database& db, const std::string& sql) { return db.execAndGet(sql).getInt(); }
bool has_index(SQLite::Database& db, const std::string& name) {
    return count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '" + name + "'") == 1;
}

}  // namespace

TEST_CASE("bulk import with deferred indexes: the same rows and schema as row by row; the same file again changes "
          "nothing", "[imports]") {
    auto a = fresh_db("incremental.db"), b = fresh_db("deferred.db");
    for (auto* db : {a.get(), b.get()}) {   // what the tables hold before: 5 subscribers, 3 records
        commit(*db, ImportList::Subscribers, subscribers_csv(0, 5), store::IndexMode::Incremental);
        commit(*db, ImportList::ServiceRecords, records_csv(0, 3), store::IndexMode::Incremental);
        db->exec("ANALYZE");   // as `init` leaves a database: the dropped indexes' statistics must come back
    }
    const auto subs = subscribers_csv(0, 1500, 2), recs = records_csv(0, 1500, 2);
    const auto pa = commit(*a, ImportList::Subscribers, subs, store::IndexMode::Incremental);
    const auto pb = commit(*b, ImportList::Subscribers, subs, store::IndexMode::Deferred);
    const auto ra = commit(*a, ImportList::ServiceRecords, recs, store::IndexMode::Incremental);
    const auto rb = commit(*b, ImportList::ServiceRecords, recs, store::IndexMode::Deferred);
    // Duplicates against the table merged as before: the two renamed subscribers and the two records with another
    // caregiver changed, the other three of each unchanged, no second row under a key.
    for (const auto* p : {&pa, &pb}) {
        CHECK(p->error_count == 0);
        CHECK(p->added == 1495);
        CHECK(p->changed == 2);
        CHECK(p->unchanged == 3);
    }
    for (const auto* p : {&ra, &rb}) {
        CHECK(p->error_count == 0);
        CHECK(p->added == 1497);
        CHECK(p->changed == 2);
        CHECK(p->unchanged == 1);
    }
    CHECK(count(*b, "SELECT count(*) FROM elders") == 1500);
    CHECK(count(*b, "SELECT count(DISTINCT id_number) FROM elders") == 1500);
    CHECK(count(*b, "SELECT count(*) FROM audit_events WHERE action = 'import_update'") == 2);
    CHECK(count(*b, "SELECT count(*) FROM list_service_records") == 1500);
    CHECK(count(*b, "SELECT count(*) FROM list_service_records WHERE caregiver = '助老员101'") == 1);
    CHECK(schema(*a) == schema(*b));
    // Each database keeps its own random key for the portal's receipts (migration 26): not the imports' business.
    CHECK(contents(*a, {"public_portal_key"}) == contents(*b, {"public_portal_key"}));
    const std::string stats = "SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx";
    CHECK(rows_of(*a, stats) == rows_of(*b, stats));
    CHECK(count(*b, "SELECT count(*) FROM sqlite_stat1 WHERE idx IN ('elders_name', 'list_service_records_provider')") == 2);
    CHECK(integrity(*a) == "ok");
    CHECK(integrity(*b) == "ok");
    // The rebuilt indexes are used and complete: a lookup through each finds what a scan finds.
    CHECK(count(*b, "SELECT count(*) FROM elders INDEXED BY elders_name WHERE name = '王秀英'") ==
          count(*b, "SELECT count(*) FROM elders NOT INDEXED WHERE name = '王秀英'"));
    CHECK(count(*b, "SELECT count(*) FROM enrolments INDEXED BY enrolments_programme_from WHERE programme = "
                    "'info_service' AND from_date >= '2023-06-01'") ==
          count(*b, "SELECT count(*) FROM enrolments NOT INDEXED WHERE programme = 'info_service' AND from_date >= "
                    "'2023-06-01'"));

    // The same files again, deferred: nothing changes but the new batches and their audit events.
    const std::vector<std::string> logs = {"import_batches", "audit_events"};
    const auto before = contents(*b, logs);
    const auto master = schema(*b);
    const auto again = commit(*b, ImportList::Subscribers, subs, store::IndexMode::Deferred);
    const auto again_r = commit(*b, ImportList::ServiceRecords, recs, store::IndexMode::Deferred);
    CHECK(again.unchanged == 1500);
    CHECK(again_r.unchanged == 1500);
    CHECK(again.added + again.changed + again_r.added + again_r.changed == 0);
    CHECK(contents(*b, logs) == before);
    CHECK(schema(*b) == master);
    CHECK(integrity(*b) == "ok");
}

TEST_CASE("bulk import refused at its last row: rows, indexes and schema as before", "[imports]") {
    auto db = fresh_db("refused.db");
    commit(*db, ImportList::Subscribers, subscribers_csv(0, 5), store::IndexMode::Incremental);
    commit(*db, ImportList::ServiceRecords, records_csv(0, 3), store::IndexMode::Incremental);
    db->exec("ANALYZE");
    const auto master = schema(*db);
    const auto before = contents(*db);
    const auto stats = rows_of(*db, "SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx");
    for (const auto mode : {store::IndexMode::Deferred, store::IndexMode::Automatic}) {
        // The last row's ID number fails its check digit; the 1499 before it were written with the indexes dropped.
        std::string bad = id_number(1499);
        bad.back() = bad.back() == '1' ? '2' : '1';
        CHECK_THROWS_AS(commit(*db, ImportList::Subscribers, subscribers_csv(0, 1500, 2, bad), mode), app::ImportRefused);
        CHECK_THROWS_AS(commit(*db, ImportList::ServiceRecords, records_csv(0, 1500, 2, "2024-13-01"), mode),
                        app::ImportRefused);
        CHECK(schema(*db) == master);
        CHECK(contents(*db) == before);
        CHECK(rows_of(*db, "SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx") == stats);
        CHECK(integrity(*db) == "ok");
    }
    CHECK(has_index(*db, "elders_name"));
    CHECK(has_index(*db, "list_service_records_provider"));
}

TEST_CASE("automatic index mode: deferred only when the rows added reach a third of the table", "[imports]") {
    auto db = fresh_db("automatic.db");
    commit(*db, ImportList::ServiceRecords, records_csv(0, 6000), store::IndexMode::Incremental);
    const store::TownIds towns{{"涵东街道", 1}, {"涵西街道", 2}};
    const auto batch = [&](const char* list) {
        db->exec(std::string("INSERT INTO import_batches (list, file_name, sha256, file_kind, encoding, sheet, user_id, "
                             "username, imported_at, rows, file) VALUES ('") + list + "', 'f.csv', 'x', 'csv', 'utf8', "
                             "'', 1, 'admin', 0, 0, x'')");
        return static_cast<Id>(db->getLastInsertRowid());
    };
    const auto record = [](int i) {
        ServiceRecordRow r;
        char no[16];
        std::snprintf(no, sizeof no, "S%06d", i);
        r.record_no = no;
        r.id_number = id_number(i % 50);
        r.name = "王秀英";
        r.day = Date{2024, 1, 1 + i % 28};
        r.start = 8 * 3600;
        r.end = 9 * 3600;
        r.item = "助餐";
        r.caregiver = "助老员1";
        return r;
    };
    SECTION("1500 records added to 6000: row by row") {
        SQLite::Transaction tx(*db);
        store::ListWriter<ServiceRecordRow> w(*db, batch("service_records"));
        for (int i = 0; i < 1500; ++i) w.add(record(i));
        CHECK_FALSE(w.deferred_indexes());
        CHECK(has_index(*db, "list_service_records_provider"));
        w.finish();
        tx.commit();
    }
    SECTION("2500 records added to 6000: deferred from the 2001st, built again by finish()") {
        SQLite::Transaction tx(*db);
        store::ListWriter<ServiceRecordRow> w(*db, batch("service_records"));
        for (int i = 0; i < 2500; ++i) {
            w.add(record(i));
            if (i == 1999) CHECK_FALSE(w.deferred_indexes());
        }
        CHECK(w.deferred_indexes());
        CHECK_FALSE(has_index(*db, "list_service_records_provider"));
        w.finish();
        CHECK(has_index(*db, "list_service_records_provider"));
        tx.commit();
        CHECK(count(*db, "SELECT count(*) FROM list_service_records") == 8500);
        CHECK(integrity(*db) == "ok");
    }
    SECTION("subscribers: 1001 new elders to an empty registry are a bulk load, 1000 are not") {
        for (const int n : {1000, 1001}) {
            SQLite::Transaction tx(*db);
            store::ImportBatch b{"subscribers", "f.csv", "x", "csv", "utf8", "", 1, "admin", 1000, n};
            store::SubscriberWriter w(*db, b, "f", towns);
            for (int i = 0; i < n; ++i) {
                SubscriberRow r;
                r.row = i + 2;
                r.name = "王秀英";
                r.id_number = id_number(i);
                r.phone = "139" + std::to_string(10000000 + i);
                r.town = "涵东街道";
                r.opened = Date{2023, 1, 1};
                w.add(r);
            }
            CHECK(w.deferred_indexes() == (n == 1001));
            CHECK(has_index(*db, "elders_name") == (n == 1000));
            CHECK(has_index(*db, "enrolments_elder"));   // the planner's lookup: kept
            w.finish(n);
            CHECK(has_index(*db, "elders_name"));
            CHECK(has_index(*db, "enrolments_programme_to"));
        }   // rolled back (no commit): each a fresh registry
        CHECK(integrity(*db) == "ok");
    }
}

}  // namespace test_import_bulk
