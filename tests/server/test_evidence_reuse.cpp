// Evidence reused across months, marked when a service-record list is imported (store/evidence_reuse.hpp, migration
// 30): the marks after importing two quarters in either order (row by row, and in a bulk load with deferred indexes),
// after a correction file that moves a group's earliest and empties a marked record's evidence, and after migrating
// a database whose rows were written before the marks existed — compared with hand-derived marks, between the two
// orders, and with what the prefill's former query (every record of the month joined to every earlier record with
// the same evidence without blanks, the shared definition keeping the earliest; kept here only) found for each month.
// Works on its own SQLite files (no server).
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <tuple>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "app/assessment_prefill.hpp"
#include "store/database.hpp"
#include "store/evidence_reuse.hpp"
#include "store/list_imports.hpp"
#include "store/schema.hpp"
#include "yiyang/verification/common.hpp"

namespace test_evidence_reuse {

using namespace yiyang;

namespace {

struct Rec {
    const char* no;
    Date day;
    const char* evidence;
};

// Quarter 1 and quarter 2 of 2024 as two files. The same photo "照片001.jpg" is written plain, with a blank, with a
// full-width space (U+3000), with a tab and with a no-break space (U+00A0); T0 and T1 share a day (the earlier
// record_no is the earliest); W1's evidence is blanks only (no evidence); N1 has none.
const std::vector<Rec> kQ1 = {
    {"A1", {2024, 1, 10}, "照片001.jpg"},       {"A2", {2024, 2, 3}, "照片 001.jpg"},
    {"A3", {2024, 3, 5}, "照片\xE3\x80\x80" "001.jpg"}, {"B1", {2024, 2, 20}, "b.jpg"},
    {"N1", {2024, 3, 1}, ""},                   {"W1", {2024, 3, 2}, " \xE3\x80\x80 "},
    {"T1", {2024, 1, 15}, "tie.jpg"},           {"T0", {2024, 1, 15}, "tie .jpg"},
    {"T2", {2024, 3, 20}, "\xC2\xA0tie.jpg"},
};
const std::vector<Rec> kQ2 = {
    {"A4", {2024, 4, 2}, "照片001.jpg\t"}, {"C5", {2024, 5, 10}, "c.jpg"}, {"C6", {2024, 6, 1}, " c.jpg"},
    {"C7", {2024, 5, 10}, "c.jpg"},      {"D1", {2024, 4, 9}, "d.jpg"},
};
// The correction (Q1 again, two rows changed): A1's photo is another one (the group's earliest moves to A2), A3's
// evidence is emptied (its mark goes), T2 takes B1's photo (it leaves the tie group, joins B1's).
const std::vector<Rec> kFix = {
    {"A1", {2024, 1, 10}, "其他.jpg"}, {"A3", {2024, 3, 5}, ""}, {"T2", {2024, 3, 20}, "b .jpg"},
};

ServiceRecordRow row(const Rec& r) {
    ServiceRecordRow s;
    s.record_no = r.no;
    s.id_number = "350303193001010016";
    s.name = "王秀英";
    s.day = r.day;
    s.start = 9 * 3600;
    s.end = 10 * 3600;
    s.item = "助洁";
    s.caregiver = "护工甲";
    s.evidence = r.evidence;
    return s;
}

struct Db {
    std::string path;
    std::unique_ptr<SQLite::Database> db;
    int batches = 0;
    Db(const std::string& name, int up_to = 0) {
        const auto dir = std::filesystem::temp_directory_path() / ("yiyang-evidence-reuse-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        path = (dir / (name + ".db")).string();
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
        db = store::open_connection(path, false);
        store::migrate(*db, up_to);
        db->exec("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES "
                 "(1, 'admin', '管理员', 'admin', 'x', 0)");
        db->exec("INSERT INTO providers (id, name, status) VALUES (1, '甲', 'active')");
    }
    Id batch() {
        ++batches;
        db->exec("INSERT INTO import_batches (id, list, file_name, sha256, file_kind, encoding, sheet, user_id, username, "
                 "imported_at, rows, file) VALUES (" + std::to_string(batches) + ", 'service_records', 'f.csv', 'x', 'csv', "
                 "'utf8', '', 1, 'admin', 0, 0, x'')");
        return batches;
    }
    // One file in one transaction, as the import route writes it.
    void import(const std::vector<Rec>& recs, store::IndexMode mode = store::IndexMode::Incremental) {
        SQLite::Transaction tx(*db);
        store::ListWriter<ServiceRecordRow> w(*db, batch(), Id{1}, mode);
        for (const auto& r : recs) w.add(row(r));
        w.finish();
        CHECK(w.deferred_indexes() == (mode == store::IndexMode::Deferred));
        tx.commit();
    }
    // record_no -> "key|earliest" (earliest '-' when unmarked)
    std::map<std::string, std::string> marks() {
        std::map<std::string, std::string> out;
        SQLite::Statement st(*db, "SELECT record_no, evidence_key, coalesce(reuse_of, '-') FROM list_service_records");
        while (st.executeStep())
            out[st.getColumn(0).getString()] = st.getColumn(1).getString() + "|" + st.getColumn(2).getString();
        return out;
    }
};

// The prefill's former read of a month, kept here only: every list record of the month with evidence and a provider
// joined to every record dated before the month whose evidence is the same without blanks (SQL replace chain), then
// the shared definition (assessment/prefill.cpp): name_key equal and not empty, the earliest (day, record_no) kept.
std::map<std::string, std::pair<Date, std::string>> former_query(SQLite::Database& db, const Period& month) {
    const std::string norm = "replace(replace(replace(replace(replace(replace(%.evidence, ' ', ''), char(9), ''), char(13), ''), "
                             "char(10), ''), char(12288), ''), char(160), '')";
    const auto of = [&](const char* alias) {
        std::string out = norm;
        out.replace(out.find('%'), 1, alias);
        return out;
    };
    SQLite::Statement st(db, "SELECT m.record_no, m.evidence, e.record_no, e.day, e.evidence FROM list_service_records m "
                             "JOIN list_service_records e ON " + of("e") + " = " + of("m") + " AND e.evidence <> '' AND "
                             "e.day < ? WHERE m.day BETWEEN ? AND ? AND m.evidence <> '' AND m.provider_id IS NOT NULL");
    st.bind(1, format_date(month.first_day()));
    st.bind(2, format_date(month.first_day()));
    st.bind(3, format_date(month.last_day()));
    std::map<std::string, std::pair<Date, std::string>> out;
    while (st.executeStep()) {
        const std::string key = verification::name_key(st.getColumn(1).getString());
        if (key.empty() || key != verification::name_key(st.getColumn(4).getString())) continue;
        const std::pair<Date, std::string> e{*parse_date(st.getColumn(3).getString()), st.getColumn(2).getString()};
        auto [it, fresh] = out.emplace(st.getColumn(0).getString(), e);
        if (!fresh && e < it->second) it->second = e;
    }
    return out;
}

std::map<std::string, std::pair<Date, std::string>> candidates(SQLite::Database& db, const Period& month) {
    std::map<std::string, std::pair<Date, std::string>> out;
    for (const auto& r : app::reused_evidence_candidates(db, month, std::nullopt)) {
        CHECK(verification::name_key(r.evidence) == verification::name_key(r.earlier_evidence));
        CHECK(r.earlier_day < month.first_day());
        CHECK(out.emplace(r.record_no, std::make_pair(r.earlier_day, r.earlier_record_no)).second);   // one row a record
    }
    return out;
}

// Every month of the half-year: the candidates equal the former query's rows; returns how many there were.
int same_as_former_query(SQLite::Database& db) {
    int n = 0;
    for (int m = 1; m <= 6; ++m) {
        const Period month{PeriodKind::Month, 2024, m};
        INFO("month " << m);
        const auto now = candidates(db, month);
        CHECK(now == former_query(db, month));
        n += static_cast<int>(now.size());
    }
    return n;
}

}  // namespace

TEST_CASE("evidence reuse: marks at import, either order, row by row or bulk, and the prefill's rows", "[assessment][prefill][imports]") {
    Db forward("forward"), backward("backward");
    forward.import(kQ1, store::IndexMode::Deferred);   // the one-pass refresh (bulk load)
    forward.import(kQ2);                               // key by key
    backward.import(kQ2);
    backward.import(kQ1);
    const std::string photo = "照片001.jpg";
    const std::map<std::string, std::string> expected = {
        {"A1", photo + "|-"},  {"A2", photo + "|A1"}, {"A3", photo + "|A1"}, {"A4", photo + "|A1"}, {"B1", "b.jpg|-"},
        {"C5", "c.jpg|-"},     {"C6", "c.jpg|C5"},    {"C7", "c.jpg|C5"},    {"D1", "d.jpg|-"},     {"N1", "|-"},
        {"T0", "tie.jpg|-"},   {"T1", "tie.jpg|T0"},  {"T2", "tie.jpg|T0"},  {"W1", "|-"},
    };
    CHECK(forward.marks() == expected);
    CHECK(backward.marks() == expected);
    // February: A2 (January's A1); March: A3 (A1), T2 (T0); April: A4 (A1); June: C6 (May's C5). Not C7 (same
    // month as its earliest), not T1 (same month as T0).
    CHECK(same_as_former_query(*forward.db) == 5);
    CHECK(same_as_former_query(*backward.db) == 5);
    const auto june = candidates(*forward.db, Period{PeriodKind::Month, 2024, 6});
    REQUIRE(june.count("C6"));
    CHECK(june.at("C6") == std::make_pair(Date{2024, 5, 10}, std::string("C5")));

    // The correction, imported into both.
    forward.import(kFix);
    backward.import(kFix);
    auto fixed = expected;
    fixed["A1"] = "其他.jpg|-";
    fixed["A2"] = photo + "|-";
    fixed["A3"] = "|-";
    fixed["A4"] = photo + "|A2";
    fixed["T2"] = "b.jpg|B1";
    CHECK(forward.marks() == fixed);
    CHECK(backward.marks() == fixed);
    // March: T2 (February's B1); April: A4 (February's A2); June: C6 (C5) as before. Not February's A2 any more.
    CHECK(same_as_former_query(*forward.db) == 3);
    CHECK(same_as_former_query(*backward.db) == 3);

    // The same file again: nothing changes (no row written, no mark).
    forward.import(kFix);
    CHECK(forward.marks() == fixed);
    // The one-pass refresh and the key-by-key refresh on a table whose marks are right write nothing.
    CHECK(store::refresh_all_evidence_reuse(*forward.db) == 0);
    CHECK(store::refresh_evidence_reuse(*forward.db, {photo, "b.jpg", "tie.jpg", "c.jpg"}) == 0);
}

TEST_CASE("evidence reuse: migration 30 fills the keys and marks of rows written before it", "[assessment][prefill][imports]") {
    Db old("migrated", store::kEvidenceReuseSchemaVersion - 1);
    const Id b = old.batch();
    {
        SQLite::Statement ins(*old.db, "INSERT INTO list_service_records (record_no, id_number, name, day, start, \"end\", item, "
                                       "caregiver, evidence, first_import_id, import_id, provider_id) VALUES (?, '350303193001010016', "
                                       "'王秀英', ?, 32400, 36000, '助洁', '护工甲', ?, ?, ?, 1)");
        for (const auto* list : {&kQ2, &kQ1}) {
            for (const auto& r : *list) {
                ins.reset();
                ins.bind(1, r.no);
                ins.bind(2, format_date(r.day));
                ins.bind(3, r.evidence);
                ins.bind(4, static_cast<std::int64_t>(b));
                ins.bind(5, static_cast<std::int64_t>(b));
                ins.exec();
            }
        }
    }
    CHECK(store::migrate(*old.db) == store::latest_schema_version());
    CHECK(store::latest_schema_version() >= store::kEvidenceReuseSchemaVersion);
    Db imported("imported");
    imported.import(kQ1);
    imported.import(kQ2);
    CHECK(old.marks() == imported.marks());
    CHECK(old.marks().at("A4") == "照片001.jpg|A1");
    CHECK(same_as_former_query(*old.db) == 5);
    // The expression index of migration 24 is gone; the two of migration 30 are there.
    SQLite::Statement idx(*old.db, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND "
                                   "tbl_name = 'list_service_records' AND name LIKE 'list_service_records_%' ORDER BY name)");
    REQUIRE(idx.executeStep());
    CHECK(idx.getColumn(0).getString() ==
          "list_service_records_evidence_key,list_service_records_provider,list_service_records_reused,"
          "list_service_records_slot");
}

// The migration's one-time cost on a real-size database (docs/BENCHMARKS.md): YIYANG_BENCH_DB = a copy at schema 29 or
// below (it is migrated in place), e.g. the quarter bench's database.
TEST_CASE("evidence reuse: migration 30 at scale", "[.evidence_reuse_bench]") {
    const char* path = std::getenv("YIYANG_BENCH_DB");
    REQUIRE(path);
    auto db = store::open_connection(path, false);
    REQUIRE(store::schema_version(*db) < store::kEvidenceReuseSchemaVersion);
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    store::migrate(*db);
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    const auto count = [&](const char* sql) { return db->execAndGet(sql).getInt64(); };
    std::printf("evidence-reuse-migrate: %.0f ms cpu %.0f ms rows %lld keyed %lld marked %lld\n", ms, cpu_ms,
                static_cast<long long>(count("SELECT count(*) FROM list_service_records")),
                static_cast<long long>(count("SELECT count(*) FROM list_service_records WHERE evidence_key <> ''")),
                static_cast<long long>(count("SELECT count(*) FROM list_service_records WHERE reuse_of IS NOT NULL")));
}

}  // namespace test_evidence_reuse
