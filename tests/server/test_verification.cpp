// The subscriber ledger as elders with info_service enrolments, and GET /api/v1/verification/info-service: a
// synthetic Hanjiang ledger (built here, imported through the real endpoint) gives the report's Q1 2024 table
// exactly (5 953 → 5 926 → 5 882 → 5 892, 17 700 person-months, 354 000 yuan); the same file twice changes nothing;
// a file with one bad row writes nothing; every created or changed elder has its audit event; the drill-down and
// who may see what.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "harness.hpp"
#include "yiyang/identity.hpp"

namespace test_verification {

using namespace yiyang::test;

namespace {

Reply upload(ApiClient& c, const std::string& body, const std::string& query) {
    return c.send("POST", "/api/v1/imports/subscribers?" + query, body,
                  {{"X-Yiyang-Request", "1"}, {"Content-Type", "text/csv"}});
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// The Hanjiang Q1 2024 ledger: 5 953 in service on 2024-01-01; per month 11 / 6 / 58 opened and 38 / 50 / 48
// removed (one February removal is a January subscriber; two March subscribers are opened and removed in March),
// plus 40 removed on 2023-12-31 and 10 opened on 2024-04-01, who count nowhere. Every person is new to the registry:
// birth dates from 1930 one day apart and `seq` (this run's) make the ID numbers.
struct Ledger {
    std::string csv;
    std::vector<std::string> ids;
    int rows = 0;
};
Ledger hanjiang_ledger(const std::string& town, int seq) {
    Ledger l;
    l.csv = "姓名,身份证号,服务号码,镇街,开通日期,拆机日期,拆机原因\n";
    std::int64_t day = yiyang::days_from_civil(yiyang::Date{1930, 1, 1});
    const auto row = [&](const std::string& opened, const std::string& removed, const std::string& reason) {
        const auto birth = yiyang::civil_from_days(day++);
        const std::string first17 = "350303" + std::to_string(birth.year) + two(birth.month) + two(birth.day) +
                                    std::to_string(seq);
        const std::string id = first17 + yiyang::resident_id_check_char(first17);
        const std::string phone = "139" + std::to_string(10000000 + l.rows);
        l.csv += "测试" + std::to_string(l.rows) + "号," + id + "," + phone + "," + town + "," + opened + "," +
                 removed + "," + reason + "\n";
        l.ids.push_back(id);
        ++l.rows;
    };
    for (int i = 0; i < 5953 - 133; ++i) row("2023-" + two(1 + i % 12) + "-" + two(1 + i % 28), "", "");
    for (int i = 0; i < 38; ++i) row("2022-06-01", i == 0 ? "2024-01-01" : (i == 1 ? "2024-01-31" : "2024-01-15"), "死亡");
    for (int i = 0; i < 49; ++i) row("2023-12-31", i == 0 ? "2024-02-29" : "2024-02-10", "主动拆机");
    for (int i = 0; i < 46; ++i) row("2023/3/3", i == 0 ? "2024-03-31" : "2024年3月20日", "死亡");
    for (int i = 0; i < 11; ++i) row(i == 0 ? "2024-01-01" : "2024-01-20", i == 1 ? "2024-02-01" : "", i == 1 ? "迁出" : "");
    for (int i = 0; i < 6; ++i) row("2024-02-29", "", "");
    for (int i = 0; i < 58; ++i) row("2024-03-02", i < 2 ? "2024-03-30" : "", i < 2 ? "停机" : "");
    for (int i = 0; i < 40; ++i) row("2021-01-01", "2023-12-31", "死亡");
    for (int i = 0; i < 10; ++i) row("2024-04-01", "", "");
    return l;
}

// The figures of one town's report that this test compares: per month at_start, added, removed, total, fee.
std::vector<std::int64_t> figures(const json& r) {
    std::vector<std::int64_t> out;
    for (const auto& m : r["months"]) {
        for (const char* k : {"at_start", "added", "removed", "total", "fee_fen"}) out.push_back(m[k].get<std::int64_t>());
    }
    for (const char* k : {"at_start", "added", "removed", "person_months", "fee_fen"}) out.push_back(r[k].get<std::int64_t>());
    return out;
}

}  // namespace

TEST_CASE("verification: the Hanjiang ledger gives the report's information-service table", "[verification][imports]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const auto towns = sup.get("/api/v1/towns");
    REQUIRE(towns.status == 200);
    const auto& town = towns.body["towns"][1];
    const std::string town_name = town["name"].get<std::string>();
    const std::string town_id = std::to_string(town["id"].get<std::int64_t>());
    const std::string report = "/api/v1/verification/info-service?quarter=2024Q1&town=" + town_id;

    // What the town had before (the demo city's own subscribers): the ledger's people are all new to the registry,
    // so the report afterwards is this plus exactly the Hanjiang table.
    const auto before = sup.get(report);
    REQUIRE(before.status == 200);
    const auto base = figures(before.body);

    std::random_device rd;
    const int seq = 300 + static_cast<int>(rd() % 700);   // test_imports uses 2xx
    const Ledger ledger = hanjiang_ledger(town_name, seq);

    // One bad row (a town that is not the district's) refuses the whole file: nothing written.
    const std::string bad_first17 = "35030319291231" + std::to_string(seq);
    const std::string bad = ledger.csv + "测试坏行," + bad_first17 + yiyang::resident_id_check_char(bad_first17) +
                            ",13988888888,火星镇,2024-01-05,,\n";
    auto refused = upload(sup, bad, "dry_run=0&name=bad.csv");
    REQUIRE(refused.status == 422);
    CHECK(refused.body["error"]["preview"]["error_count"] == 1);
    CHECK(refused.body["error"]["preview"]["errors"][0]["text"] ==
          "第" + std::to_string(ledger.rows + 2) + "行 镇街：“火星镇”不是本区的镇街名称");
    CHECK(figures(sup.get(report).body) == base);

    // The dry run's counts are what the commit does.
    auto dry = upload(sup, ledger.csv, "name=hanjiang.csv");
    REQUIRE(dry.status == 200);
    CHECK(dry.body["rows"] == ledger.rows);
    CHECK(dry.body["added"] == ledger.rows);
    CHECK(dry.body["error_count"] == 0);
    CHECK(figures(sup.get(report).body) == base);   // a dry run writes nothing

    auto done = upload(sup, ledger.csv, "dry_run=0&name=hanjiang.csv");
    REQUIRE(done.status == 201);
    CHECK(done.body["added"] == ledger.rows);
    CHECK(done.body["changed"] == 0);
    const auto import_id = done.body["import_id"].get<std::int64_t>();

    auto after = sup.get(report);
    REQUIRE(after.status == 200);
    INFO(after.body.dump());
    const auto got = figures(after.body);
    const std::vector<std::int64_t> hanjiang = {5953, 11, 38, 5926, 11852000,   //
                                                5926, 6,  50, 5882, 11764000,   //
                                                5882, 58, 48, 5892, 11784000,   //
                                                17761, 75, 136, 17700, 35400000};
    REQUIRE(got.size() == hanjiang.size());
    std::vector<std::int64_t> diff;
    for (std::size_t i = 0; i < got.size(); ++i) diff.push_back(got[i] - base[i]);
    CHECK(diff == hanjiang);
    CHECK(after.body["quarter"] == "2024-Q1");
    CHECK(after.body["months"][0]["unit_fee_fen"] == 2000);
    CHECK(after.body["rule_versions"] == json::array({"hanjiang-2024-v1"}));

    // The same file again changes nothing.
    auto again = upload(sup, ledger.csv, "dry_run=0&name=hanjiang.csv");
    REQUIRE(again.status == 201);
    CHECK(again.body["added"] == 0);
    CHECK(again.body["changed"] == 0);
    CHECK(again.body["unchanged"] == ledger.rows);
    CHECK(figures(sup.get(report).body) == got);

    // Drill-down: the people behind January's removals of this import (reason and dates), and their audit events.
    auto removed = sup.get(report + "&month=2024-01&count=removed&page_size=200");
    REQUIRE(removed.status == 200);
    CHECK(removed.body["people_total"].get<std::int64_t>() == 38 + base[2]);
    std::vector<json> ours;
    const auto total = removed.body["people_total"].get<std::int64_t>();
    for (int page = 1; (page - 1) * 200 < total; ++page) {
        auto part = sup.get(report + "&month=2024-01&count=removed&page_size=200&page=" + std::to_string(page));
        REQUIRE(part.status == 200);
        for (const auto& p : part.body["people"]) {
            if (std::find(ledger.ids.begin(), ledger.ids.end(), p["id_number"].get<std::string>()) != ledger.ids.end()) {
                ours.push_back(p);
            }
        }
    }
    REQUIRE(ours.size() == 38);
    CHECK(ours[0]["from"] == "2022-06-01");
    CHECK(ours[0]["reason"] == "死亡");
    const auto elder = std::to_string(ours[0]["elder_id"].get<std::int64_t>());
    auto profile = sup.get("/api/v1/elders/" + elder);
    REQUIRE(profile.status == 200);
    CHECK(profile.body["elder"]["town_id"] == town["id"]);
    REQUIRE(profile.body["elder"]["enrolments"].size() == 1);
    CHECK(profile.body["elder"]["enrolments"][0]["programme"] == "info_service");
    CHECK(profile.body["elder"]["enrolments"][0]["reason"] == "死亡");
    auto admin = env.signed_in("admin");
    auto history = admin.get("/api/v1/elders/" + elder + "/history");
    REQUIRE(history.status == 200);
    int created = 0;   // the import's one event, which names this elder among those it created
    for (const auto& ev : history.body["events"]) {
        if (ev["action"] == "import" && ev["entity"] == "import_batch") {
            ++created;
            CHECK(ev["entity_id"] == import_id);
            CHECK(ev["changes"]["file_name"].is_string());
            CHECK(ev["changes"]["sha256"].get<std::string>().size() == 64);
        }
    }
    CHECK(created == 1);

    // A changed row: one elder's removal moved, one audit event "import_update", the counts follow.
    std::string changed_csv = ledger.csv;
    const std::string from_row = ledger.ids[5953 - 133] + ",13910005820," + town_name + ",2022-06-01,2024-01-01,死亡";
    const auto at = changed_csv.find(from_row);
    REQUIRE(at != std::string::npos);
    changed_csv.replace(at, from_row.size(),
                        ledger.ids[5953 - 133] + ",13910005820," + town_name + ",2022-06-01,2024-02-01,死亡");
    auto preview = upload(sup, changed_csv, "");
    CHECK(preview.body["changed"] == 1);
    CHECK(preview.body["unchanged"] == ledger.rows - 1);
    auto changed = upload(sup, changed_csv, "dry_run=0");
    REQUIRE(changed.status == 201);
    CHECK(changed.body["changed"] == 1);
    const auto moved = figures(sup.get(report).body);
    CHECK(moved[2] == got[2] - 1);    // January: one removal fewer
    CHECK(moved[3] == got[3] + 1);    // billed for January
    CHECK(moved[7] == got[7] + 1);    // removed in February
    CHECK(moved[18] == got[18] + 1);  // one person-month more
}

TEST_CASE("verification: who sees the information-service figures, the town's drill-down, bad queries", "[verification]") {
    auto& env = TestEnv::get();
    for (const char* role : {"agent", "provider", "kiosk"}) {
        INFO(role);
        CHECK(env.signed_in(role).get("/api/v1/verification/info-service?quarter=2024Q1").status == 403);
    }
    auto sup = env.signed_in("supervisor");
    auto district = sup.get("/api/v1/verification/info-service?quarter=2024-Q1");
    REQUIRE(district.status == 200);
    CHECK_FALSE(district.body.contains("town_id"));
    CHECK(district.body["months"].size() == 3);
    CHECK(district.body["months"][1]["label"] == "2024年2月");

    auto town = env.signed_in("town");
    auto own = town.get("/api/v1/verification/info-service?quarter=2024Q1&month=2024-03&count=total");
    REQUIRE(own.status == 200);
    REQUIRE(own.body.contains("town_id"));
    // Town staff see their own town's elders in full (access.cpp elder_policy): the drill-down follows the same policy.
    CHECK(own.body["masked"] == false);
    const auto own_town = own.body["town_id"].get<std::int64_t>();
    CHECK(own.body["people_total"].get<std::int64_t>() == own.body["months"][2]["total"].get<std::int64_t>());
    for (const auto& p : own.body["people"]) CHECK(p["town_id"] == own_town);
    // Without month= the quarter's 合计: each month's people in turn (person-months, as the report sums them).
    const auto quarter_total = town.get("/api/v1/verification/info-service?quarter=2024Q1&count=total&page_size=1");
    REQUIRE(quarter_total.status == 200);
    CHECK(quarter_total.body["people_total"] == quarter_total.body["person_months"]);
    CHECK(town.get("/api/v1/verification/info-service?quarter=2024Q1&town=" + std::to_string(own_town + 1)).status == 403);

    for (const char* q : {"", "quarter=2024Q5", "quarter=2024-01", "quarter=2024Q1&month=2024-04&count=added",
                          "quarter=2024Q1&month=2024-01",
                          "quarter=2024Q1&month=2024-01&count=gone", "quarter=2024Q1&town=999999"}) {
        INFO(q);
        CHECK(sup.get(std::string("/api/v1/verification/info-service?") + q).status == 400);
    }
}

}  // namespace test_verification
