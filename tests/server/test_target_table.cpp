// The target table through the API (GET /api/v1/target-table, GET /api/v1/export/target-table.xlsx): every row's
// figures are exactly GET /api/v1/kpis's for the month and for the project year through it; the judgements follow
// shared/target_table.hpp (checked here by the test's own reading of the rule, not by calling it); roles; errors;
// the XLSX is a real workbook in the printed layout, and its export is audited.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "harness.hpp"
#include "yiyang/date.hpp"

namespace test_target_table {

using namespace yiyang::test;

namespace {

const json* item_of(const json& kpis, const std::string& code) {
    for (const auto& i : kpis["items"]) {
        if (i["code"] == code) return &i;
    }
    return nullptr;
}

// One part of an .xlsx body (unzip -p), "" when absent.
std::string xlsx_part(const std::string& bytes, const std::string& part) {
    const auto path = std::filesystem::temp_directory_path() / ("yiyang-tt-test-" + std::to_string(::getpid()) + ".xlsx");
    std::ofstream(path, std::ios::binary) << bytes;
    std::string out;
    if (FILE* p = ::popen(("unzip -p '" + path.string() + "' " + part + " 2>/dev/null").c_str(), "r")) {
        char buf[65536];
        std::size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        ::pclose(p);
    }
    std::filesystem::remove(path);
    return out;
}

// The in-process server's SQLite file (as test_export.cpp finds it), "" against an external server.
std::string open_database_path() {
    for (const auto& fd : std::filesystem::directory_iterator("/proc/self/fd")) {
        std::error_code ec;
        const auto target = std::filesystem::read_symlink(fd.path(), ec).string();
        if (!ec && target.find("/yiyang-api-test-") != std::string::npos && target.size() > 8 &&
            target.compare(target.size() - 8, 8, "/test.db") == 0) {
            return target;
        }
    }
    return {};
}

}  // namespace

TEST_CASE("the target table carries the KPI endpoint's figures for the month and the project year", "[target_table]") {
    auto& env = TestEnv::get();
    auto supervisor = env.signed_in("supervisor");
    const auto today = yiyang::date_of(server_clock(supervisor));
    const auto month = yiyang::format_date(today).substr(0, 7);

    auto t = supervisor.get("/api/v1/target-table?month=" + month);
    REQUIRE(t.status == 200);
    CHECK(t.body["month"]["code"] == month);
    // The shipped targets' project starts 2026-02: the year to date runs from a February to this month.
    const std::string ytd = t.body["year_to_date"]["code"].get<std::string>();
    CHECK(ytd.find("-P02") != std::string::npos);
    CHECK(t.body["year_to_date"]["last"] == t.body["month"]["last"]);
    CHECK(t.body["project_year"]["first"].get<std::string>().substr(5) == "02-01");
    CHECK(t.body["counted_through"] == std::min(yiyang::format_date(today), t.body["month"]["last"].get<std::string>()));

    auto m = supervisor.get("/api/v1/kpis?period=" + month);
    auto y = supervisor.get("/api/v1/kpis?period=" + ytd);
    const std::string quarter = t.body["quarter"]["code"].get<std::string>();
    CHECK(quarter == month.substr(0, 4) + "-Q" + std::to_string((std::stoi(month.substr(5, 2)) - 1) / 3 + 1));
    auto q = supervisor.get("/api/v1/kpis?period=" + quarter);
    REQUIRE(q.status == 200);
    REQUIRE(m.status == 200);
    REQUIRE(y.status == 200);
    CHECK(y.body["period"]["first"] == t.body["year_to_date"]["first"]);
    REQUIRE(t.body["rows"].size() == m.body["items"].size());
    int counted = 0;
    for (const auto& row : t.body["rows"]) {
        const std::string code = row["month"]["code"];
        const json* mi = item_of(m.body, code);
        const json* yi = item_of(y.body, code);
        const json* qi = item_of(q.body, code);
        REQUIRE(qi);
        CHECK(row["quarter"] == *qi);
        REQUIRE(mi);
        REQUIRE(yi);
        CHECK(row["month"] == *mi);
        CHECK(row["year_to_date"] == *yi);
        // The judgement, read from the rule as the test understands it.
        const std::string status = row["status"];
        const json& judged = row["on_year"].get<bool>()      ? row["year_to_date"]
                             : row["on_quarter"].get<bool>() ? row["quarter"]
                                                             : row["month"];
        CHECK(row["on_year"] == (row["month"]["period"] == "project_year"));
        CHECK(row["on_quarter"] == (row["month"]["period"] == "quarter"));
        if (row["month"]["unit"] == "as_needed") {
            CHECK(status == "as_needed");
        } else if (!judged["applicable"].get<bool>() || judged["value"].is_null() || judged["value"]["den"] == 0) {
            CHECK(status == "no_data");
        } else if (judged["met"] == true) {
            CHECK(status == "met");
        } else if (row["on_year"].get<bool>() && judged["unit"] == "count") {
            CHECK((status == "on_track" || status == "behind" || status == "not_met"));
        } else {
            CHECK(status == "not_met");
        }
        if (status == "met") ++counted;
        if (row["item"].get<int>() > 0) CHECK_FALSE(row["category_zh"].get<std::string>().empty());
    }
    CHECK(t.body["counts"]["met"] == counted);
    // Rows follow the printed table: item 1's category first.
    CHECK(t.body["rows"][0]["category_zh"] == "养老服务需求响应与管理");
}

TEST_CASE("a running year's count is projected, and the projection decides on track or behind", "[target_table]") {
    auto& env = TestEnv::get();
    auto admin = env.signed_in("admin");
    // A month early in the first project year (2026-03): yearly counts judged by projection, since that year
    // ended 2027-01-31 only if the server's clock is past it; either way the rule holds per row.
    auto t = admin.get("/api/v1/target-table?month=2026-03");
    REQUIRE(t.status == 200);
    CHECK(t.body["year_to_date"]["code"] == "2026-P02-02");
    CHECK(t.body["year_to_date"]["first"] == "2026-02-01");
    CHECK(t.body["year_to_date"]["last"] == "2026-03-31");
    for (const auto& row : t.body["rows"]) {
        if (row["status"] == "on_track" || row["status"] == "behind") {
            CHECK(row["on_year"] == true);
            CHECK(row["projection"].is_string());
            CHECK(row["basis_zh"].get<std::string>().find("预计全年") != std::string::npos);
        } else {
            CHECK(row["projection"].is_null());
        }
    }
    // A month before the contract's first target version: no targets in force, so no rows (nothing to judge).
    auto before = admin.get("/api/v1/target-table?month=2025-06");
    REQUIRE(before.status == 200);
    CHECK(before.body["rows"].empty());
    CHECK(before.body["targets_version"] == "");
}

TEST_CASE("the target table: who may read it, and bad months named", "[target_table]") {
    auto& env = TestEnv::get();
    CHECK(env.signed_in("leader").get("/api/v1/target-table").status == 200);
    CHECK(env.signed_in("admin").get("/api/v1/target-table").status == 200);
    CHECK(env.signed_in("agent").get("/api/v1/target-table").status == 403);
    CHECK(env.signed_in("town").get("/api/v1/target-table").status == 403);
    CHECK(env.signed_in("provider").get("/api/v1/target-table").status == 403);
    CHECK(env.signed_in("kiosk").get("/api/v1/target-table").status == 403);
    CHECK(env.client().get("/api/v1/target-table").status == 401);
    auto supervisor = env.signed_in("supervisor");
    for (const char* bad : {"2026-13", "2026-Q4", "2026", "2026-P02", "x", "1999-12", "2026-11-01"}) {
        auto r = supervisor.get(std::string("/api/v1/target-table?month=") + bad);
        CHECK(r.status == 400);
        CHECK(r.body["error"]["message"].get<std::string>().find("month") != std::string::npos);
    }
    CHECK(supervisor.get("/api/v1/export/target-table.xlsx?month=2026-13").status == 400);
    CHECK(env.signed_in("agent").get("/api/v1/export/target-table.xlsx").status == 403);
    // The project-year period is a period of the KPI endpoint too, and a malformed one is named.
    CHECK(supervisor.get("/api/v1/kpis?period=2026-P02").status == 200);
    CHECK(supervisor.get("/api/v1/kpis?period=2026-P13").status == 400);
}

TEST_CASE("the target table's XLSX is a workbook in the printed layout", "[target_table]") {
    auto& env = TestEnv::get();
    auto supervisor = env.signed_in("supervisor");
    auto r = supervisor.get("/api/v1/export/target-table.xlsx?month=2026-11");
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type").find("spreadsheetml") != std::string::npos);
    CHECK(r.header("Content-Disposition").find("target_table_2026-11.xlsx") != std::string::npos);
    const auto strings = xlsx_part(r.raw, "xl/sharedStrings.xml");
    for (const char* text : {"项目绩效目标表", "服务项目", "具体内容", "具体要求", "量化指标", "养老服务需求响应与管理",
                             "来电诉求响应率", "本季度", "项目年度累计", "判定", "（19）"}) {
        CHECK(strings.find(text) != std::string::npos);
    }
    const auto sheet = xlsx_part(r.raw, "xl/worksheets/sheet1.xml");
    CHECK(sheet.find("<mergeCell ") != std::string::npos);   // categories and items merged as on paper
}

TEST_CASE("the target table's export is an audit event", "[target_table][inprocess]") {
    auto& env = TestEnv::get();
    const auto path = open_database_path();
    if (env.external() || path.empty()) return;
    auto leader = env.signed_in("leader");
    REQUIRE(leader.get("/api/v1/export/target-table.xlsx?month=2026-10").status == 200);
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT actor, action, changes FROM audit_events WHERE entity = 'export' ORDER BY id DESC LIMIT 1");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == env.user("leader").first);
    const auto changes = json::parse(q.getColumn(2).getString());
    CHECK(changes["table"] == "target_table");
    CHECK(changes["params"]["month"] == "2026-10");
}

}  // namespace test_target_table
