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

namespace test_export {

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

namespace {

// Where each of `needles` first occurs in `hay`, in order: true when every one is found after the one before
// (the export / print page lists the rows in the screen's order).
bool in_this_order(const std::string& hay, const std::vector<std::string>& needles) {
    std::size_t at = 0;
    for (const auto& n : needles) {
        const auto pos = hay.find(n, at);
        if (pos == std::string::npos) return false;
        at = pos + n.size();
    }
    return true;
}

}  // namespace

TEST_CASE("the print page: 无记录 under the header of an empty list; refusals as a Chinese HTML page", "[export]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto empty = sup.get("/api/v1/export/orders.html?period=2001-01");
    REQUIRE(empty.status == 200);
    CHECK(empty.raw.find("<th>工单编号</th>") != std::string::npos);
    CHECK(empty.raw.find(">无记录</td>") != std::string::npos);
    CHECK(empty.raw.find("共 0 条") != std::string::npos);
    auto full = sup.get("/api/v1/export/orders.html");
    CHECK(full.raw.find(">无记录</td>") == std::string::npos);

    // A bad filter: a page naming the parameter, in a browser tab (not JSON).
    auto bad = sup.get("/api/v1/export/orders.html?status=nonsense");
    CHECK(bad.status == 400);
    CHECK(bad.header("Content-Type").find("text/html") == 0);
    CHECK(bad.raw.find("无法生成打印页：筛选条件有误") != std::string::npos);
    CHECK(bad.raw.find("查询参数 status") != std::string::npos);
    CHECK(bad.raw.find("data-error-code=\"bad_query\"") != std::string::npos);
    CHECK(bad.raw.find("<script") == std::string::npos);
    auto bad_sort = sup.get("/api/v1/export/elders.html?sort=id_number");
    CHECK(bad_sort.status == 400);
    CHECK(bad_sort.raw.find("查询参数 sort 只能是 id、name 之一") != std::string::npos);
    // Not allowed / not signed in: the same kind of page.
    auto kiosk = env.signed_in("kiosk");
    auto no = kiosk.get("/api/v1/export/elders.html");
    CHECK(no.status == 403);
    CHECK(no.header("Content-Type").find("text/html") == 0);
    CHECK(no.raw.find("无法生成打印页：无权查看") != std::string::npos);
    CHECK(no.raw.find("只有") != std::string::npos);
    auto anon = env.client().get("/api/v1/export/orders.html");
    CHECK(anon.status == 401);
    CHECK(anon.raw.find("未登录或会话已过期") != std::string::npos);
    // The value shown back is escaped.
    auto xss = sup.get("/api/v1/export/orders.html?status=%3Cb%3E");
    CHECK(xss.status == 400);
    CHECK(xss.raw.find("<b>") == std::string::npos);

    // A download keeps the JSON envelope: the dashboard reads it and shows the message beside the list.
    auto x = sup.get("/api/v1/export/orders.xlsx?status=nonsense");
    CHECK(x.status == 400);
    CHECK(x.body["error"]["code"] == "bad_query");
    CHECK(x.body["error"]["message"].get<std::string>().find("status") != std::string::npos);
}

TEST_CASE("elders sort by name on the server: order, tie-break by id, export in the same order", "[export][sort]") {
    auto& env = TestEnv::get();
    auto admin = env.signed_in("admin");
    for (const std::string dir : {"", "-"}) {
        INFO("sort=" << dir << "name");
        auto page = admin.get("/api/v1/elders?page_size=200&sort=" + dir + "name");
        REQUIRE(page.status == 200);
        const auto& items = page.body["items"];
        REQUIRE(items.size() >= 2);
        std::size_t ties = 0;
        for (std::size_t i = 1; i < items.size(); ++i) {
            const std::string a = items[i - 1]["name"], b = items[i]["name"];
            const auto ia = items[i - 1]["id"].get<std::int64_t>(), ib = items[i]["id"].get<std::int64_t>();
            if (a == b) {
                ++ties;
                CHECK((dir.empty() ? ia < ib : ia > ib));
            } else {
                CHECK((dir.empty() ? a < b : a > b));
            }
        }
        (void)ties;
        // Page 2 continues page 1 (no row repeated or skipped at the boundary).
        auto p1 = admin.get("/api/v1/elders?page_size=7&sort=" + dir + "name");
        auto p2 = admin.get("/api/v1/elders?page_size=7&page=2&sort=" + dir + "name");
        for (std::size_t i = 0; i < 7 && i < p2.body["items"].size(); ++i) {
            CHECK(p2.body["items"][i]["id"] == items[7 + i]["id"]);
        }
        CHECK(p1.body["items"][0]["id"] == items[0]["id"]);
        // The print page lists the same rows in the same order (ID numbers: unique, in full for the admin).
        auto html = admin.get("/api/v1/export/elders.html?sort=" + dir + "name");
        REQUIRE(html.status == 200);
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < 30 && i < items.size(); ++i) ids.push_back(items[i]["id_number"]);
        CHECK(in_this_order(html.raw, ids));
    }
    CHECK(admin.get("/api/v1/elders?sort=name&dir=desc").body["items"][0] ==
          admin.get("/api/v1/elders?sort=-name").body["items"][0]);
    auto bad = admin.get("/api/v1/elders?sort=birth_date");
    CHECK(bad.status == 400);
    CHECK(bad.body["error"]["code"] == "bad_query");
    CHECK(bad.body["error"]["message"] == "查询参数 sort 只能是 id、name 之一（前缀 - 表示倒序），实际为：birth_date");
    CHECK(admin.get("/api/v1/elders?sort=name&dir=up").status == 400);
}

TEST_CASE("calls, knowledge, watch and KPI drill-down sort on the server; exports follow", "[export][sort]") {
    auto& env = TestEnv::get();
    auto admin = env.signed_in("admin");
    auto sup = env.signed_in("supervisor");

    // Calls: oldest first by start, ties by id; newest first.
    auto calls = admin.get("/api/v1/calls?page_size=200&sort=started_at");
    REQUIRE(calls.status == 200);
    const auto& ci = calls.body["items"];
    REQUIRE(ci.size() >= 2);
    for (std::size_t i = 1; i < ci.size(); ++i) {
        const std::string a = ci[i - 1]["started_at"], b = ci[i]["started_at"];   // "2026-…T…": text order is time order
        CHECK((a < b || (a == b && ci[i - 1]["id"].get<std::int64_t>() < ci[i]["id"].get<std::int64_t>())));
    }
    auto newest = admin.get("/api/v1/calls?page_size=50&sort=-started_at");
    const auto& ni = newest.body["items"];
    for (std::size_t i = 1; i < ni.size(); ++i) {
        const std::string a = ni[i - 1]["started_at"], b = ni[i]["started_at"];
        CHECK((a > b || (a == b && ni[i - 1]["id"].get<std::int64_t>() > ni[i]["id"].get<std::int64_t>())));
    }
    {
        auto html = admin.get("/api/v1/export/calls.html?sort=started_at");
        std::vector<std::string> keys;
        for (std::size_t i = 0; i < 30 && i < ci.size(); ++i) keys.push_back(">" + ci[i]["call_key"].get<std::string>() + "<");
        CHECK(in_this_order(html.raw, keys));
    }
    CHECK(admin.get("/api/v1/calls?sort=caller").status == 400);
    CHECK(admin.get("/api/v1/calls?sort=id").status == 400);

    // Knowledge: by title (byte order), ties by id; the export in the same order.
    auto kb = admin.get("/api/v1/knowledge?page_size=200&sort=title");
    REQUIRE(kb.status == 200);
    const auto& ki = kb.body["items"];
    REQUIRE(ki.size() >= 2);
    std::vector<std::string> titles;
    for (std::size_t i = 0; i < ki.size(); ++i) {
        if (i > 0) {
            const std::string a = ki[i - 1]["title"], b = ki[i]["title"];
            CHECK((a < b || (a == b && ki[i - 1]["id"].get<std::int64_t>() < ki[i]["id"].get<std::int64_t>())));
        }
        if (i < 20) titles.push_back(">" + ki[i]["title"].get<std::string>() + "<");
    }
    CHECK(in_this_order(admin.get("/api/v1/export/knowledge.html?sort=title").raw, titles));
    auto kb_desc = admin.get("/api/v1/knowledge?page_size=5&sort=-id&q=" + std::string("%E8%A1%A5%E8%B4%B4"));   // 补贴
    for (std::size_t i = 1; i < kb_desc.body["items"].size(); ++i) {
        CHECK(kb_desc.body["items"][i - 1]["id"].get<std::int64_t>() > kb_desc.body["items"][i]["id"].get<std::int64_t>());
    }
    auto kb_bad = admin.get("/api/v1/knowledge?sort=body");
    CHECK(kb_bad.status == 400);
    CHECK(kb_bad.body["error"]["message"].get<std::string>().find("查询参数 sort") == 0);

    // Watch: by remaining time, most overdue first when ascending; ties by order id.
    auto watch = sup.get("/api/v1/watch?sort=minutes");
    REQUIRE(watch.status == 200);
    const auto& wi = watch.body["items"];
    for (std::size_t i = 1; i < wi.size(); ++i) {
        const auto a = wi[i - 1]["seconds_to_due"].get<std::int64_t>(), b = wi[i]["seconds_to_due"].get<std::int64_t>();
        CHECK((a < b || (a == b && wi[i - 1]["order_id"].get<std::int64_t>() <= wi[i]["order_id"].get<std::int64_t>())));
    }
    auto watch_code = sup.get("/api/v1/watch?sort=-order_code");
    const auto& wc = watch_code.body["items"];
    std::vector<std::string> codes;
    for (std::size_t i = 0; i < wc.size(); ++i) {
        if (i > 0) CHECK(wc[i - 1]["order_code"].get<std::string>() >= wc[i]["order_code"].get<std::string>());
        if (codes.size() < 20) codes.push_back(">" + wc[i]["order_code"].get<std::string>() + "<");
    }
    CHECK(in_this_order(sup.get("/api/v1/export/watch.html?sort=-order_code").raw, codes));
    CHECK(sup.get("/api/v1/watch?sort=elder").status == 400);

    // KPI drill-down: by id (creation order) either way.
    auto rec = sup.get("/api/v1/kpis/response_rate/records?side=denominator&page_size=50&sort=-code");
    REQUIRE(rec.status == 200);
    const auto& ri = rec.body["items"];
    std::vector<std::string> rcodes;
    for (std::size_t i = 0; i < ri.size(); ++i) {
        if (i > 0) CHECK(ri[i - 1]["id"].get<std::int64_t>() > ri[i]["id"].get<std::int64_t>());
        if (rcodes.size() < 20) rcodes.push_back(">" + ri[i]["code"].get<std::string>() + "<");
    }
    CHECK(in_this_order(sup.get("/api/v1/export/kpis/response_rate/records.html?side=denominator&sort=-code").raw, rcodes));
    auto rec_bad = sup.get("/api/v1/kpis/response_rate/records?sort=town");
    CHECK(rec_bad.status == 400);
    CHECK(rec_bad.body["error"]["code"] == "bad_query");
}

TEST_CASE("orders by a date range (the list's date pickers): both days kept, refused when reversed", "[export][orders]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto newest = sup.get("/api/v1/orders?page_size=1&sort=-created_at");
    REQUIRE(newest.status == 200);
    REQUIRE(newest.body["items"].size() == 1);
    const std::string day = newest.body["items"][0]["created_at"].get<std::string>().substr(0, 10);
    auto on_day = sup.get("/api/v1/orders?page_size=200&from=" + day + "&to=" + day);
    REQUIRE(on_day.status == 200);
    CHECK(on_day.body["total"].get<std::int64_t>() >= 1);
    for (const auto& o : on_day.body["items"]) CHECK(o["created_at"].get<std::string>().substr(0, 10) == day);
    auto all = sup.get("/api/v1/orders?page_size=1");
    auto from_only = sup.get("/api/v1/orders?page_size=1&from=2001-01-01");
    CHECK(from_only.body["total"] == all.body["total"]);
    auto print = sup.get("/api/v1/export/orders.html?from=" + day + "&to=" + day);
    CHECK(print.raw.find("受理日期：" + day + " 至 " + day) != std::string::npos);
    CHECK(count_of(print.raw, "<tr><td") == on_day.body["total"].get<std::size_t>());

    auto reversed = sup.get("/api/v1/orders?from=2026-12-04&to=2026-12-01");
    CHECK(reversed.status == 400);
    CHECK(reversed.body["error"]["message"].get<std::string>().find("结束日（to）早于开始日（from）") != std::string::npos);
    auto bad = sup.get("/api/v1/orders?from=2026-13-01");
    CHECK(bad.status == 400);
    CHECK(bad.body["error"]["code"] == "bad_query");
    CHECK(bad.body["error"]["message"].get<std::string>().find("查询参数 from") == 0);
}

}  // namespace test_export
