// The prefill's candidate records (store::physical_flag_candidates, migration 39): the shared physical_services over
// the candidates alone gives every record the same after-death, duplicate and shared-evidence flags (with the same
// texts and statuses) as over the whole month — checked on generated months full of near misses: the same slot with
// another subject or caregiver, caregivers and evidence written with blanks, ID numbers stored not normalised
// (a lowercase x, a blank inside), deaths on, before and after the visit, evidence shared inside the month and with
// an earlier one, supervisors' decisions. Works on its own SQLite file (no server).
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/database.hpp"
#include "store/imports.hpp"
#include "store/list_imports.hpp"
#include "store/schema.hpp"
#include "store/verification_lists.hpp"
#include "yiyang/verification/physical_services.hpp"

namespace test_flag_candidates {

using namespace yiyang;
namespace v = verification;

namespace {

struct Lcg {
    std::uint64_t s;
    std::uint32_t next(std::uint32_t n) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>((s >> 33) % n);
    }
};

// 18 characters, digits and a digit or X at the end (what an import stores).
std::string id_of(int subject) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "3503031930%07d", subject);
    return std::string(buf) + (subject % 5 == 0 ? "X" : std::to_string(subject % 10));
}

struct Fixture {
    std::string path;
    std::unique_ptr<SQLite::Database> db;
    Id batches = 0;
    Fixture() {
        const auto dir = std::filesystem::temp_directory_path() / ("yiyang-flag-candidates-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        path = (dir / "c.db").string();
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
        db = store::open_connection(path, false);
        store::migrate(*db);
        db->exec("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES "
                 "(1, 'admin', '管理员', 'admin', 'x', 0)");
        db->exec("INSERT INTO providers (id, name, status) VALUES (1, '甲', 'active'), (2, '乙', 'active')");
    }
    ~Fixture() {
        db.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    }
    Id batch(const char* list) {
        ++batches;
        db->exec("INSERT INTO import_batches (id, list, file_name, sha256, file_kind, encoding, sheet, user_id, username, "
                 "imported_at, rows, file) VALUES (" + std::to_string(batches) + ", '" + list + "', 'f.csv', 'x', 'csv', "
                 "'utf8', '', 1, 'admin', 0, 0, x'')");
        return batches;
    }
    template <class Row>
    void import(const char* list, const std::vector<Row>& rows, std::optional<Id> provider) {
        SQLite::Transaction tx(*db);
        store::ListWriter<Row> w(*db, batch(list), provider, store::IndexMode::Incremental);
        for (const auto& r : rows) w.add(r);
        w.finish();
        tx.commit();
    }
};

// A month's flags of the three kinds the prefill reads, per record: status and each reason (flag, others, text).
using Flags = std::map<std::string, std::pair<int, std::vector<std::tuple<int, std::vector<std::string>, std::string>>>>;
Flags three(const v::PhysicalServiceReport& r) {
    Flags out;
    for (const auto& [no, f] : r.flagged) {
        std::vector<std::tuple<int, std::vector<std::string>, std::string>> reasons;
        for (const auto& x : f.reasons)
            if (x.flag == v::ServiceFlag::AfterDeath || x.flag == v::ServiceFlag::Duplicate || x.flag == v::ServiceFlag::SharedEvidence)
                reasons.emplace_back(static_cast<int>(x.flag), x.other_records, x.why_zh);
        if (!reasons.empty()) out[no] = {static_cast<int>(f.status), std::move(reasons)};
    }
    return out;
}

// The first differences, readable ("" when equal).
std::string differences(const Flags& got, const Flags& expected) {
    const auto text = [](const Flags& f, const std::string& no) {
        const auto it = f.find(no);
        if (it == f.end()) return std::string("(none)");
        std::string out = "status " + std::to_string(it->second.first);
        for (const auto& [flag, others, why] : it->second.second) out += " | " + std::to_string(flag) + " " + why;
        return out;
    };
    std::set<std::string> keys;
    for (const auto& [no, f] : got) keys.insert(no);
    for (const auto& [no, f] : expected) keys.insert(no);
    std::string out;
    int n = 0;
    for (const auto& no : keys)
        if (text(got, no) != text(expected, no) && n++ < 5) out += no + ": got " + text(got, no) + "; expected " + text(expected, no) + "\n";
    if (out.empty() && got != expected) out = "(the other records lists differ)";
    return out;
}

std::map<std::string, v::SupervisorDecision> decisions_on(const Flags& flags, Lcg& rng) {
    std::map<std::string, v::SupervisorDecision> out;
    for (const auto& [no, f] : flags)
        if (rng.next(3) == 0) out[no] = {rng.next(2) == 0, "核实", "supervisor"};
    return out;
}

}  // namespace

TEST_CASE("prefill candidates: the three flags over the candidates equal the whole month's", "[assessment][prefill][imports]") {
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        INFO("seed " << seed);
        Fixture fx;
        Lcg rng{seed};
        const char* blanks[] = {"", " ", "\xE3\x80\x80", "\t"};   // none, a space, U+3000, a tab
        // February and March 2024: 40 subjects, 6 caregivers, four slots a day; many collide on purpose.
        std::vector<ServiceRecordRow> recs;
        for (int i = 0; i < 1500; ++i) {
            ServiceRecordRow r;
            char no[16];
            std::snprintf(no, sizeof no, "R%05d", i);
            r.record_no = no;
            const int subject = static_cast<int>(rng.next(40));
            r.id_number = id_of(subject);
            r.name = "王秀英";
            r.day = Date{2024, 2 + static_cast<int>(rng.next(2)), 1 + static_cast<int>(rng.next(6))};
            r.start = (8 + static_cast<int>(rng.next(4))) * 3600;
            r.end = r.start + 1800 + static_cast<int>(rng.next(3)) * 1800;
            r.item = "助洁";
            const int cg = static_cast<int>(rng.next(6));
            r.caregiver = std::string("护工") + blanks[rng.next(4) == 0 ? 1 + rng.next(3) : 0] + std::to_string(cg);
            const std::uint32_t ev = rng.next(10);
            if (ev < 3) r.evidence = "";
            else if (ev < 5) r.evidence = std::string(blanks[rng.next(4)]) + "p" + std::to_string(rng.next(300)) + ".jpg" + blanks[rng.next(4)];
            else r.evidence = "p-" + std::string(no) + ".jpg";
            recs.push_back(std::move(r));
        }
        // Two providers' files and one without a provider (the originals of some duplicates have none).
        std::vector<ServiceRecordRow> a, b, c;
        for (const auto& r : recs) (r.record_no.back() % 3 == 0 ? a : r.record_no.back() % 3 == 1 ? b : c).push_back(r);
        fx.import("service_records", a, Id{1});
        fx.import("service_records", b, Id{2});
        fx.import("service_records", c, std::nullopt);
        // ID numbers stored not normalised (written by hand before imports normalised them): a lowercase x, a blank.
        fx.db->exec("UPDATE list_service_records SET id_number = lower(id_number) WHERE id_number LIKE '%X' AND "
                    "record_no LIKE '%7'");
        fx.db->exec("UPDATE list_service_records SET id_number = substr(id_number, 1, 6) || ' ' || substr(id_number, 7) "
                    "WHERE record_no LIKE '%11'");
        // Deaths: a tenth of the subjects, on days around the visits; one listed with a lowercase x.
        std::vector<CremationRow> dead;
        for (int s = 0; s < 40; s += 4) {
            CremationRow c;
            c.name = "王秀英";
            c.id_number = s == 20 ? "3503031930" "0000020x" : id_of(s);
            c.died = Date{2024, 2 + static_cast<int>(rng.next(2)), 1 + static_cast<int>(rng.next(6))};
            dead.push_back(c);
        }
        fx.import("cremations", dead, std::nullopt);

        const auto cremations = store::cremation_rows(*fx.db);
        int flagged = 0, kinds[8] = {};
        for (const int m : {2, 3}) {
            INFO("month " << m);
            const Period month{PeriodKind::Month, 2024, m};
            const Date first = month.first_day(), last = month.last_day();
            v::PhysicalServiceInput input;
            input.quarter = Period{PeriodKind::Quarter, 2024, 1};
            const auto whole = store::service_record_table(*fx.db, first, last);
            const Flags expected_plain = three(v::physical_services(input, whole, cremations, {}, {}));
            const auto decisions = decisions_on(expected_plain, rng);
            const Flags expected = three(v::physical_services(input, whole, cremations, {}, decisions));

            const auto cand = store::physical_flag_candidates(*fx.db, first, last, cremations);
            CHECK(cand.scanned == whole.size());
            REQUIRE(cand.provider.size() == cand.rows.size());
            CHECK(cand.rows.size() < whole.size());
            for (const auto& r : cand.rows) CHECK(month.contains(r.day));
            const Flags got = three(v::physical_services(input, v::service_record_table(cand.rows), cremations, {}, decisions));
            CHECK(differences(got, expected) == "");
            flagged += static_cast<int>(expected.size());
            for (const auto& [no, f] : expected)
                for (const auto& x : f.second) ++kinds[std::get<0>(x)];
            // The provider of each candidate is the stored one.
            SQLite::Statement st(*fx.db, "SELECT coalesce(provider_id, 0) FROM list_service_records WHERE record_no = ?");
            for (std::size_t i = 0; i < cand.rows.size(); ++i) {
                st.reset();
                st.bind(1, cand.rows[i].record_no);
                REQUIRE(st.executeStep());
                CHECK(st.getColumn(0).getInt64() == cand.provider[i]);
            }
        }
        // The generated months exercise every kind (a test that cannot fail is no test).
        CHECK(kinds[static_cast<int>(v::ServiceFlag::AfterDeath)] > 0);
        CHECK(kinds[static_cast<int>(v::ServiceFlag::Duplicate)] > 0);
        CHECK(kinds[static_cast<int>(v::ServiceFlag::SharedEvidence)] > 0);
        CHECK(flagged > 0);
    }
}

TEST_CASE("prefill candidates: a same-slot pair through a non-normalised ID number, and an empty month", "[assessment][prefill][imports]") {
    Fixture fx;
    ServiceRecordRow r;
    r.name = "王秀英";
    r.day = Date{2024, 3, 4};
    r.start = 9 * 3600;
    r.end = 10 * 3600;
    r.item = "助洁";
    r.caregiver = "护工甲";
    std::vector<ServiceRecordRow> rows;
    for (const char* no : {"K1", "K2", "K3"}) {
        r.record_no = no;
        r.id_number = std::string("35030319300000") + (no[1] == '3' ? "2015" : "201X");
        rows.push_back(r);
    }
    fx.import("service_records", rows, Id{1});
    fx.db->exec("UPDATE list_service_records SET id_number = '３５0303193000002 01x' WHERE record_no = 'K2'");   // full-width, blank, x
    const Period month{PeriodKind::Month, 2024, 3};
    const auto cand = store::physical_flag_candidates(*fx.db, month.first_day(), month.last_day(), {});
    std::vector<std::string> nos;
    for (const auto& c : cand.rows) nos.push_back(c.record_no);
    CHECK(nos == std::vector<std::string>{"K1", "K2"});   // K3 is another subject in the same slot
    v::PhysicalServiceInput input;
    input.quarter = Period{PeriodKind::Quarter, 2024, 1};
    const auto rep = v::physical_services(input, v::service_record_table(cand.rows), {}, {}, {});
    REQUIRE(rep.flagged.count("K2") == 1);
    CHECK(rep.flagged.at("K2").reasons.front().flag == v::ServiceFlag::Duplicate);

    const Period april{PeriodKind::Month, 2024, 4};
    const auto none = store::physical_flag_candidates(*fx.db, april.first_day(), april.last_day(), {});
    CHECK(none.rows.empty());
    CHECK(none.scanned == 0);
}

}  // namespace test_flag_candidates

namespace test_flag_candidates {

// At city scale (hidden; YIYANG_BENCH_DB, YIYANG_BENCH_MONTH): the same comparison on a bench database, read only.
// `YIYANG_BENCH_DB=build/bench/reuse-q.db YIYANG_BENCH_MONTH=2024-03 build/native/server/test_server "[.flag_candidates_bench]"`
TEST_CASE("prefill candidates: the three flags equal the whole month's at city scale", "[.flag_candidates_bench]") {
    const char* path = std::getenv("YIYANG_BENCH_DB");
    const char* m = std::getenv("YIYANG_BENCH_MONTH");
    REQUIRE(path);
    const auto month = parse_period(m ? m : "2024-03");
    REQUIRE(month);
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    const auto cremations = store::cremation_rows(db);
    v::PhysicalServiceInput input;
    input.quarter = Period{PeriodKind::Quarter, month->year, (month->index - 1) / 3 + 1};
    const auto t0 = std::chrono::steady_clock::now();
    const auto whole = store::service_record_table(db, month->first_day(), month->last_day());
    const Flags expected = three(v::physical_services(input, whole, cremations, {}, {}));
    const auto t1 = std::chrono::steady_clock::now();
    const auto cand = store::physical_flag_candidates(db, month->first_day(), month->last_day(), cremations);
    const Flags got = three(v::physical_services(input, v::service_record_table(cand.rows), cremations, {}, {}));
    const auto t2 = std::chrono::steady_clock::now();
    CHECK(differences(got, expected) == "");
    std::printf("flag candidates: %zu records, %zu candidates, %zu flagged; whole month %lld ms, candidates %lld ms\n",
                whole.size(), cand.rows.size(), expected.size(),
                static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(t1 - t0).count()),
                static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(t2 - t1).count()));
}

}  // namespace test_flag_candidates
