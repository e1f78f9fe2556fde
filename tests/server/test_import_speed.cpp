// The fast paths of the imports (issue 10 "Speed"): the subscriber commit drops the elders' per-row search-index
// insert triggers and writes those rows in bulk — the indexes must come out exactly as the triggers would have made
// them, the triggers must be back afterwards (and after a rollback), the audit chain must hold, and the kept file is
// written piecewise (byte-identical). Works on its own SQLite file (no server).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include "store/audit.hpp"
#include "store/database.hpp"
#include "store/elders.hpp"
#include "store/list_imports.hpp"
#include "store/schema.hpp"
#include "store/subscriber_import.hpp"
#include "import_test_data.hpp"

namespace test_import_speed {

using namespace yiyang;

namespace {

using test::id_number;

std::vector<std::string> column(SQLite::Database& db, const std::string& sql) {
    std::vector<std::string> out;
    SQLite::Statement st(db, sql);
    while (st.executeStep()) out.push_back(st.getColumn(0).getString());
    return out;
}

int count(SQLite::Database& db, const std::string& sql) { return db.execAndGet(sql).getInt(); }

}  // namespace

TEST_CASE("subscriber commit: search indexes as the triggers make them, triggers back, chain intact", "[imports]") {
    auto db = test::import_test_db("import-speed", "subscribers.db");
    // An elder already there (written through the triggers), whom the file renames.
    Elder before;
    before.name = "林阿妹";
    before.id_number = id_number(0);
    before.birth_date = Date{1930, 1, 1};
    before.sex = "female";
    before.phone = "13900000000";
    before.town_id = 1;
    before.status = ElderStatus::Active;
    store::insert_elder(*db, before, 100, false);

    const std::vector<std::string> names = {"王秀英", "李桂兰", "张德明", "陈玉珍", "莲莲莲", "Ann Lee"};
    std::vector<SubscriberRow> rows;
    for (int i = 0; i < 40; ++i) {
        SubscriberRow r;
        r.row = i + 2;
        r.name = i == 0 ? "林阿妹妹" : names[static_cast<std::size_t>(i) % names.size()];
        r.id_number = id_number(i);
        r.phone = "139" + std::to_string(10000000 + i);
        r.town = i % 2 ? "涵东街道" : "涵西街道";
        r.opened = Date{2023, 1 + i % 12, 1 + i % 28};
        rows.push_back(r);
    }
    const store::TownIds towns{{"涵东街道", 1}, {"涵西街道", 2}};
    const std::string file = "姓名,身份证号\n" + std::string(3u << 20, 'x');   // over three 1 MiB pieces
    store::ImportBatch batch{"subscribers", "台账.csv", "abc", "csv", "utf8", "", 1, "admin", 1000, 40};

    SECTION("a refused import rolls back: triggers and indexes as before") {
        {
            SQLite::Transaction tx(*db);
            store::SubscriberWriter writer(*db, batch, file, towns);
            for (const auto& r : rows) writer.add(r);
            CHECK(count(*db, "SELECT count(*) FROM sqlite_master WHERE name IN ('elders_fts_ai', 'name_bigrams_ai')") == 0);
        }   // no commit: rolled back
        CHECK(count(*db, "SELECT count(*) FROM sqlite_master WHERE name IN ('elders_fts_ai', 'name_bigrams_ai')") == 2);
        CHECK(count(*db, "SELECT count(*) FROM elders") == 1);
        CHECK(count(*db, "SELECT count(*) FROM import_batches") == 0);
    }

    SECTION("committed: the bulk-written index rows equal a rebuild, the FTS finds every new elder") {
        store::ImportCounts counts;
        {
            SQLite::Transaction tx(*db);
            store::commit_subscribers(*db, batch, file, rows, towns, counts);
            tx.commit();
        }
        CHECK(counts.added == 39);
        CHECK(counts.changed == 1);
        CHECK(count(*db, "SELECT count(*) FROM sqlite_master WHERE name IN ('elders_fts_ai', 'name_bigrams_ai')") == 2);
        const auto bigrams = column(*db, "SELECT bigram || '/' || elder_id FROM name_bigrams ORDER BY 1");
        store::rebuild_name_bigrams(*db);
        CHECK(column(*db, "SELECT bigram || '/' || elder_id FROM name_bigrams ORDER BY 1") == bigrams);
        CHECK(count(*db, "SELECT count(*) FROM name_bigrams WHERE bigram = '妹妹'") == 1);   // the renamed one
        db->exec("INSERT INTO elders_fts (elders_fts) VALUES ('integrity-check')");
        CHECK(count(*db, "SELECT count(*) FROM elders_fts WHERE elders_fts MATCH '\"10000039\"'") == 1);
        CHECK(count(*db, "SELECT count(*) FROM elders_fts WHERE elders_fts MATCH '\"王秀英\"'") == 6);
        // One event per changed elder (before → after); the created ones are named by the import's one event.
        CHECK(count(*db, "SELECT count(*) FROM audit_events WHERE entity = 'elder'") == 1);
        CHECK(count(*db, "SELECT count(*) FROM audit_events WHERE entity = 'elder' AND action = 'import_update' AND "
                         "entity_id = 1 AND json_extract(changes, '$.name[1]') = '林阿妹妹'") == 1);
        const auto imports = column(*db, "SELECT changes FROM audit_events WHERE entity = 'import_batch'");
        REQUIRE(imports.size() == 1);
        const auto details = nlohmann::json::parse(imports[0]);
        CHECK(details["created_elders"] == nlohmann::json::parse("[[2, 40]]"));   // exactly the 39 new elders
        CHECK(details["changed_elders"] == nlohmann::json::parse("[[1, 1]]"));
        CHECK(details["sha256"] == "abc");
        CHECK(details["file_name"] == "台账.csv");
        CHECK(count(*db, "SELECT count(*) FROM elders WHERE id BETWEEN 2 AND 40") == 39);
        CHECK(count(*db, "SELECT count(*) FROM elders") == 40);
        // The history of a created elder shows the import; a changed one its own event (and not the import's).
        for (const Id created : {Id{2}, Id{17}, Id{40}}) {
            const auto h = store::elder_history(*db, created, 200);
            REQUIRE(h.size() == 1);
            CHECK(h[0].entity == "import_batch");
            CHECK(h[0].entity_id == Id{1});
            CHECK(h[0].action == "import");
        }
        CHECK(store::elder_history(*db, 41, 200).empty());
        const auto changed = store::elder_history(*db, 1, 200);
        REQUIRE(changed.size() == 1);
        CHECK(changed[0].action == "import_update");
        CHECK(store::verify_audit_chain(*db).ok);
        // The kept file, written in pieces, reads back byte for byte.
        const auto kept = store::import_file(*db, 1);
        REQUIRE(kept);
        CHECK(kept->bytes == file);

        // The same rows again: nothing changes, and an elder added afterwards still gets its index rows by trigger.
        {
            SQLite::Transaction tx(*db);
            store::commit_subscribers(*db, batch, file, rows, towns, counts);
            tx.commit();
        }
        CHECK(counts.unchanged == 40);
        Elder later = before;
        later.name = "黄国强";
        later.id_number = id_number(100);
        const Id id = store::insert_elder(*db, later, 2000, false);
        CHECK(count(*db, "SELECT count(*) FROM name_bigrams WHERE elder_id = " + std::to_string(id)) == 2);
        CHECK(store::verify_audit_chain(*db).ok);
    }
}

}  // namespace test_import_speed
