// The exports (GET /api/v1/export/{table}.xlsx and .html): each opens as an XLSX whose sheet holds one row per
// row of the list route under the same filters, masked as the role sees it; forbidden where the list is; an
// audit event per export; the print page's title, filters and page footer; the KPI drill-down's failures.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "harness.hpp"

using namespace yiyang::test;

namespace {

// The first sheet's XML of an .xlsx body (unzip -p), "" when the body is not a zip with that part.
std::string sheet_xml(const std::string& bytes) {
    const auto path = std::filesystem::temp_directory_path() / ("yiyang-export-test-" + std::to_string(::getpid()) + ".xlsx");
    std::ofstream(path, std::ios::binary) << bytes;
    std::string out;
    if (FILE* p = ::popen(("unzip -p '" + path.string() + "' xl/worksheets/sheet1.xml 2>/dev/null").c_str(), "r")) {
        char buf[65536];
        std::size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        ::pclose(p);
    }
    std::filesystem::remove(path);
    return out;
}

std::size_t count_of(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + needle.size())) ++n;
    return n;
}

// The in-process server's SQLite file: the one this test process holds open (/proc/self/fd), "" against an
// external server. (The harness names no path; reading the audit table needs it.)
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

constexpr std::size_t kHeadRows = 4;   // title, filters, who / when, column headers

}  // namespace

TEST_CASE("orders export: a valid XLSX with every row of the filter, a Chinese file name", "[export]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const auto list = sup.get("/api/v1/orders?status=dispatched&page_size=5");
    REQUIRE(list.status == 200);
    const auto total = list.body["total"].get<std::size_t>();

    auto r = sup.get("/api/v1/export/orders.xlsx?status=dispatched&page_size=5&page=3");
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    // 工单列表 in UTF-8, percent-encoded (RFC 5987), and an ASCII fallback. (httplib's client decodes header values:
    // the bytes on the wire are read raw.)
    CHECK(r.header("Content-Disposition").find("filename=\"orders_") != std::string::npos);
    const auto wire = env.raw_request("GET /api/v1/export/orders.xlsx?status=dispatched HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                      "Cookie: " + sup.cookie() + "\r\nConnection: close\r\n\r\n");
    CHECK(wire.find("filename*=UTF-8''%E5%B7%A5%E5%8D%95%E5%88%97%E8%A1%A8_") != std::string::npos);
    const auto xml = sheet_xml(r.raw);
    REQUIRE(!xml.empty());
    CHECK(count_of(xml, "<row ") == kHeadRows + total);   // all rows, not the page asked for
    CHECK(xml.find("工单编号") != std::string::npos);
    CHECK(xml.find("状态：已派单") != std::string::npos);   // the filters in the title rows
    if (total > 0) CHECK(xml.find(list.body["items"][0]["code"].get<std::string>()) != std::string::npos);
}

TEST_CASE("elders export is masked as the role sees it", "[export][privacy]") {
    auto& env = TestEnv::get();
    auto agent = env.signed_in("agent");
    auto admin = env.signed_in("admin");
    const auto page = agent.get("/api/v1/elders?page_size=1");
    REQUIRE(page.status == 200);
    REQUIRE(page.body["items"].size() == 1);
    const auto& e = page.body["items"][0];
    const std::string masked = e["id_number"];
    const std::string full = admin.get("/api/v1/elders/" + std::to_string(e["id"].get<std::int64_t>())).body["elder"]["id_number"];
    REQUIRE(masked != full);   // the agent's list masks ID numbers

    auto r = agent.get("/api/v1/export/elders.xlsx");
    REQUIRE(r.status == 200);
    const auto xml = sheet_xml(r.raw);
    CHECK(count_of(xml, "<row ") == kHeadRows + page.body["total"].get<std::size_t>());
    CHECK(xml.find(masked) != std::string::npos);
    CHECK(xml.find(full) == std::string::npos);
    CHECK(xml.find("已按当前角色脱敏") != std::string::npos);

    // A masked role cannot search digits through an export either (the list's own refusal).
    CHECK(agent.get("/api/v1/export/elders.xlsx?q=138").status == 400);
}

TEST_CASE("exports are refused where the list is", "[export]") {
    auto& env = TestEnv::get();
    auto kiosk = env.signed_in("kiosk");
    CHECK(kiosk.get("/api/v1/export/orders.xlsx").status == 403);
    CHECK(kiosk.get("/api/v1/export/elders.html").status == 403);
    auto town = env.signed_in("town");
    CHECK(town.get("/api/v1/export/orders.xlsx?town=2").status == 403);   // another town's orders
    CHECK(env.client().get("/api/v1/export/orders.xlsx").status == 401);
    auto sup = env.signed_in("supervisor");
    CHECK(sup.get("/api/v1/export/orders.xlsx?status=nonsense").status == 400);
}

TEST_CASE("every table exports and prints", "[export]") {
    auto& env = TestEnv::get();
    auto admin = env.signed_in("admin");
    for (const std::string t : {"orders", "elders", "calls", "knowledge", "watch", "kpis", "kpis/response_rate/records"}) {
        INFO(t);
        auto x = admin.get("/api/v1/export/" + t + ".xlsx");
        REQUIRE(x.status == 200);
        CHECK(!sheet_xml(x.raw).empty());
        auto h = admin.get("/api/v1/export/" + t + ".html");
        REQUIRE(h.status == 200);
        CHECK(h.header("Content-Type").find("text/html") == 0);
        CHECK(h.raw.find("size: A4") != std::string::npos);
        CHECK(h.raw.find("counter(page)") != std::string::npos);
        CHECK(h.raw.find("导出时间：") != std::string::npos);
    }
    auto p = admin.get("/api/v1/export/orders.html?status=closed");
    CHECK(p.raw.find("<h1 id=\"title\">工单列表</h1>") != std::string::npos);
    CHECK(p.raw.find("状态：已办结") != std::string::npos);
}

TEST_CASE("the KPI drill-down lists the failures: denominator minus numerator", "[export][kpis]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const std::string base = "/api/v1/kpis/response_rate/records?page_size=200&side=";
    auto num = sup.get(base + "numerator");
    auto den = sup.get(base + "denominator");
    auto fail = sup.get(base + "failures");
    REQUIRE(num.status == 200);
    REQUIRE(den.status == 200);
    REQUIRE(fail.status == 200);
    CHECK(fail.body["side"] == "failures");
    CHECK(fail.body["total"].get<std::int64_t>() ==
          den.body["total"].get<std::int64_t>() - num.body["total"].get<std::int64_t>());
    std::set<std::int64_t> numerator;
    for (const auto& o : num.body["items"]) numerator.insert(o["id"].get<std::int64_t>());
    for (const auto& o : fail.body["items"]) CHECK(numerator.count(o["id"].get<std::int64_t>()) == 0);
    CHECK(sup.get(base + "everything").status == 400);

    auto x = sup.get("/api/v1/export/kpis/response_rate/records.xlsx?side=failures");
    REQUIRE(x.status == 200);
    CHECK(count_of(sheet_xml(x.raw), "<row ") == kHeadRows + fail.body["total"].get<std::size_t>());
}

TEST_CASE("each export is an audit event: who, which table, which filters, how many rows", "[export][inprocess]") {
    auto& env = TestEnv::get();
    const auto path = open_database_path();
    if (env.external() || path.empty()) return;
    auto sup = env.signed_in("supervisor");
    auto r = sup.get("/api/v1/export/calls.xlsx?period=2026-11");
    REQUIRE(r.status == 200);
    const auto rows = count_of(sheet_xml(r.raw), "<row ") - kHeadRows;
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT actor, action, changes FROM audit_events WHERE entity = 'export' ORDER BY id DESC LIMIT 1");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == env.user("supervisor").first);
    CHECK(q.getColumn(1).getString() == "export");
    const auto changes = json::parse(q.getColumn(2).getString());
    CHECK(changes["table"] == "calls");
    CHECK(changes["params"]["period"] == "2026-11");
    CHECK(changes["rows"].get<std::size_t>() == rows);
}
