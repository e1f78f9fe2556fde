// The operation reports (http/report_routes.cpp, issue 13 part reports) on the real in-process server and SQLite
// file: the month report's indicators EQUAL GET /api/v1/kpis for the same month; the draft saved and audited; the
// PDF's text (pdftotext) and the XLSX's native chart (xl/charts/chart1.xml); signing stores the figures, PDF and
// XLSX with their SHA-256, and an edit of a record of that month afterwards changes the live report but not the
// signed one (bytes and hashes equal); a second signature is a numbered supplement with a reason; the report
// indicators count the signed month; a role that may not sign gets 403; the survey report counts the callback
// questionnaires imported through the API (by town, no personal data in the JSON or the PDF). The tiny demo city
// has orders in October and November 2026 (the clock: 2026-11-20), so October is a month that is over.
#include <algorithm>

#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "app/photos.hpp"   // sha256_hex
#include "harness.hpp"
#include "yiyang/date.hpp"
#include "yiyang/identity.hpp"

namespace test_reports {

using namespace yiyang::test;

namespace {

const char* const kMonth = "2026-10";

std::string command_output(const std::string& cmd) {
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        char buf[4096];
        std::size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        ::pclose(p);
    }
    return out;
}

std::filesystem::path write_temp(const std::string& name, const std::string& bytes) {
    const auto path = std::filesystem::temp_directory_path() / ("yiyang-reports-" + std::to_string(::getpid()) + "-" + name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

const json& table(const json& report, const std::string& code) {
    for (const auto& t : report["tables"])
        if (t["code"] == code) return t;
    FAIL("no table " << code);
    throw;
}

std::int64_t audit_count(TestEnv& env, const std::string& entity, const std::string& action) {
    SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
    SQLite::Statement st(db, "SELECT COUNT(*) FROM audit_events WHERE entity = ? AND action = ?");
    st.bind(1, entity);
    st.bind(2, action);
    st.executeStep();
    return st.getColumn(0).getInt64();
}

Reply save_draft(ApiClient& c, const std::string& kind, const std::string& period, const std::string& text) {
    return c.put("/api/v1/reports/operation/draft", {{"kind", kind}, {"period", period}, {"problems", text}});
}

// Signs the month (a supplement with a reason when it was signed before in this process).
Reply sign_month(ApiClient& c, const std::string& period) {
    auto list = c.get("/api/v1/reports/signed?kind=month&period=" + period);
    REQUIRE(list.status == 200);
    json body = {{"kind", "month"}, {"period", period}};
    if (!list.body["items"].empty()) body["note"] = "测试：重新签署";
    return c.post("/api/v1/reports/operation/sign", body);
}

// Changes a record of October through the API so that its figures change: a reviewed order called back (the
// satisfaction rate), else a received consultation answered on the spot (the response rate). Returns what it did.
std::string edit_an_october_order(ApiClient& agent, ApiClient& sup) {
    auto reviewed = agent.get(std::string("/api/v1/orders?period=") + kMonth + "&status=reviewed&page_size=20");
    REQUIRE(reviewed.status == 200);
    for (const auto& o : reviewed.body["items"]) {
        const auto id = o["id"].get<std::int64_t>();
        if (transition(agent, id, {{"action", "callback"}, {"satisfaction", 5}}).status == 200) return "callback";
    }
    // A completed order reviewed now: its 24-hour review clock is decided (sla_review_24h).
    auto completed = agent.get(std::string("/api/v1/orders?period=") + kMonth + "&status=completed&page_size=20");
    REQUIRE(completed.status == 200);
    for (const auto& o : completed.body["items"]) {
        const auto id = o["id"].get<std::int64_t>();
        if (transition(sup, id, {{"action", "review_pass"}}).status == 200) return "review_pass";
    }
    // Else any October order: its first legal action that is taken (a reason and an answer given where asked).
    auto any = agent.get(std::string("/api/v1/orders?period=") + kMonth + "&page_size=50");
    REQUIRE(any.status == 200);
    {
        std::map<std::string, int> st;
        for (const auto& o : any.body["items"]) st[o.value("status", std::string("?"))]++;
        std::string seen;
        for (const auto& [k, v] : st) seen += k + "=" + std::to_string(v) + " ";
        UNSCOPED_INFO("October orders (first 50 of " << any.body["total"] << "): " << seen);
        if (!any.body["items"].empty()) UNSCOPED_INFO("detail: " << sup.get("/api/v1/orders/" + std::to_string(any.body["items"][0]["id"].get<std::int64_t>())).body.dump().substr(0, 600));
    }
    for (const auto& o : any.body["items"]) {
        const auto id = o["id"].get<std::int64_t>();
        auto detail = sup.get("/api/v1/orders/" + std::to_string(id));
        if (detail.status != 200 || !detail.body.contains("legal_actions")) continue;
        for (const auto& a : detail.body["legal_actions"]) {
            const std::string action = a.is_string() ? a.get<std::string>() : a.value("action", std::string());
            if (action.empty() || action == "dispatch_provider") continue;
            for (ApiClient* c : {&sup, &agent})
                if (transition(*c, id, {{"action", action}, {"reason", "测试：十月记录更正"}, {"satisfaction", 5}}).status == 200)
                    return action;
        }
    }
    auto received = agent.get(std::string("/api/v1/orders?period=") + kMonth + "&status=received&type=consultation&page_size=20");
    REQUIRE(received.status == 200);
    for (const auto& o : received.body["items"]) {
        const auto id = o["id"].get<std::int64_t>();
        if (transition(agent, id, {{"action", "answer_on_spot"}}).status == 200) return "answer_on_spot";
    }
    return "";
}

}  // namespace

TEST_CASE("the month report's indicators equal GET /api/v1/kpis for the same month", "[reports]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto rep = sup.get(std::string("/api/v1/reports/operation?kind=month&period=") + kMonth);
    REQUIRE(rep.status == 200);
    auto kpis = sup.get(std::string("/api/v1/kpis?period=") + kMonth);
    REQUIRE(kpis.status == 200);
    CHECK(rep.body["title"] == "2026年10月月度运营分析报告");
    CHECK(rep.body["targets_version"] == kpis.body["targets_version"]);
    const auto& ind = table(rep.body, "indicators");
    REQUIRE(ind["rows"].size() == kpis.body["items"].size());
    int computed = 0;
    for (std::size_t i = 0; i < ind["rows"].size(); ++i) {
        const auto& row = ind["rows"][i];
        const auto& item = kpis.body["items"][i];
        CHECK(row[0]["text"].get<std::string>().find(item["name_zh"].get<std::string>()) != std::string::npos);
        CHECK(row[2]["drill"] == "kpi." + item["code"].get<std::string>());
        CHECK(row[2]["text"] == item["display"]);
        if (item["applicable"] == true) ++computed;
    }
    CHECK(computed >= 8);
    // The previous month beside: September's figures of GET /api/v1/kpis.
    auto sep = sup.get("/api/v1/kpis?period=2026-09");
    REQUIRE(sep.status == 200);
    for (std::size_t i = 0; i < ind["rows"].size(); ++i) CHECK(ind["rows"][i][3]["text"] == sep.body["items"][i]["display"]);
    // The year's trend: the project year's months from February (2026-02) to October.
    CHECK(table(rep.body, "trend")["rows"].size() == 9);
    // Requests by channel: the total equals the month's orders.
    auto orders = sup.get(std::string("/api/v1/orders?period=") + kMonth + "&page_size=1");
    REQUIRE(orders.status == 200);
    CHECK(table(rep.body, "by_channel")["rows"].back()[1]["value"] == orders.body["total"]);
    CHECK(table(rep.body, "by_town")["rows"].back()[1]["value"] == orders.body["total"]);
    CHECK(table(rep.body, "providers")["rows"].size() >= 3);
    bool line = false, bar = false;
    for (const auto& c : rep.body["charts"]) {
        line = line || c["kind"] == "line";
        bar = bar || c["kind"] == "bar";
    }
    CHECK(line);
    CHECK(bar);

    // The year summary and the survey analysis of the same project year.
    auto year = sup.get(std::string("/api/v1/reports/operation?kind=year&period=") + kMonth);
    REQUIRE(year.status == 200);
    CHECK(year.body["period"] == "2026-02");
    {
        // February 2026 (the project year's start) … the server's own month: November under the in-process clock,
        // today's month through nginx (a server on the real clock).
        const std::string gen = year.body["generated_at"].get<std::string>();
        REQUIRE(gen.size() >= 7);
        const int months = std::min(12, (std::stoi(gen.substr(0, 4)) - 2026) * 12 + std::stoi(gen.substr(5, 2)) - 1);
        CHECK(table(year.body, "requests_by_month")["rows"].size() == static_cast<std::size_t>(months));
    }
    auto survey = sup.get(std::string("/api/v1/reports/operation?kind=survey&period=") + kMonth);
    REQUIRE(survey.status == 200);
    CHECK(table(survey.body, "distribution")["rows"].size() == 6);

    // Bad queries are named.
    CHECK(sup.get("/api/v1/reports/operation?kind=week").status == 400);
    CHECK(sup.get("/api/v1/reports/operation?period=2026-Q4").status == 400);
    CHECK(sup.get("/api/v1/reports/operation?period=2031-01").status == 400);
}

TEST_CASE("the report's PDF (text, Chinese headings) and XLSX (a native chart)", "[reports][inprocess]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto pdf = sup.get(std::string("/api/v1/reports/operation?kind=month&period=") + kMonth + "&format=pdf");
    REQUIRE(pdf.status == 200);
    CHECK(pdf.header("Content-Type") == "application/pdf");
    REQUIRE(pdf.raw.rfind("%PDF-", 0) == 0);
    const auto pdf_path = write_temp("month.pdf", pdf.raw);
    const std::string text = command_output("pdftotext -layout '" + pdf_path.string() + "' -");
    if (const char* keep = std::getenv("YIYANG_REPORT_PDF_OUT"))
        std::filesystem::copy_file(pdf_path, keep, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::remove(pdf_path);
    auto json_rep = sup.get(std::string("/api/v1/reports/operation?kind=month&period=") + kMonth);
    const std::string response = table(json_rep.body, "indicators")["rows"][0][2]["text"];
    for (const std::string s : {std::string("2026年10月月度运营分析报告"), std::string("本月绩效指标完成情况"),
                                std::string("按渠道"), std::string("服务商排名"), std::string("问题与建议"),
                                std::string("主要指标年度趋势"), response})
        CHECK(text.find(s) != std::string::npos);

    auto x = sup.get(std::string("/api/v1/reports/operation?kind=month&period=") + kMonth + "&format=xlsx");
    REQUIRE(x.status == 200);
    const auto xlsx_path = write_temp("month.xlsx", x.raw);
    const std::string chart = command_output("unzip -p '" + xlsx_path.string() + "' xl/charts/chart1.xml 2>/dev/null");
    const std::string strings = command_output("unzip -p '" + xlsx_path.string() + "' xl/sharedStrings.xml 2>/dev/null");
    const std::string listing = command_output("unzip -l '" + xlsx_path.string() + "' 2>/dev/null");
    std::filesystem::remove(xlsx_path);
    CHECK(chart.find("<c:lineChart>") != std::string::npos);
    CHECK(listing.find("xl/charts/chart4.xml") != std::string::npos);   // the trend and three bar charts
    CHECK(chart.find("图表数据") != std::string::npos);                 // its series refer to the sheet's cells
    CHECK(strings.find("本月绩效指标完成情况") != std::string::npos);
    CHECK(audit_count(env, "export", "export") >= 2);

    // The year summary's PDF too.
    auto ypdf = sup.get(std::string("/api/v1/reports/operation?kind=year&period=") + kMonth + "&format=pdf");
    REQUIRE(ypdf.status == 200);
    const auto ypath = write_temp("year.pdf", ypdf.raw);
    const std::string ytext = command_output("pdftotext -layout '" + ypath.string() + "' -");
    std::filesystem::remove(ypath);
    CHECK(ytext.find("项目总结报告") != std::string::npos);
    CHECK(ytext.find("各月指标对照") != std::string::npos);
}

namespace {

// A table's cell as a count: the row whose first cell is `label`, column `k`; 0 when the table or row is absent
// (before any questionnaire is imported the report has only "callbacks_none").
std::int64_t count_at(const json& report, const std::string& code, const std::string& label, std::size_t k) {
    for (const auto& t : report["tables"]) {
        if (t["code"] != code) continue;
        for (const auto& row : t["rows"])
            if (row[0]["text"] == label) return std::stoll(row[k]["text"].get<std::string>());
    }
    return 0;
}

}  // namespace

TEST_CASE("the survey report counts the imported callback questionnaires, by the elder's town", "[reports][inprocess]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    const std::string url = std::string("/api/v1/reports/operation?kind=survey&period=") + kMonth;
    const auto before = sup.get(url);
    REQUIRE(before.status == 200);
    const std::string first_day = before.body["period"].get<std::string>() + "-01";   // the project year's first day

    // Two registered elders of two towns (one named by ID number, one by a phone only one elder has) and a person
    // not in the registry.
    std::string id1, phone2;
    std::int64_t town1 = 0, town2 = 0;
    {
        SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
        SQLite::Statement a(db, "SELECT id_number, town_id FROM elders ORDER BY id LIMIT 1");
        REQUIRE(a.executeStep());
        id1 = a.getColumn(0).getString();
        town1 = a.getColumn(1).getInt64();
        SQLite::Statement b(db, "SELECT phone, min(town_id) FROM elders WHERE phone != '' GROUP BY phone "
                                "HAVING count(*) = 1 AND min(town_id) != ? ORDER BY phone LIMIT 1");
        b.bind(1, town1);
        REQUIRE(b.executeStep());
        phone2 = b.getColumn(0).getString();
        town2 = b.getColumn(1).getInt64();
    }
    const auto towns = sup.get("/api/v1/towns");
    REQUIRE(towns.status == 200);
    std::map<std::int64_t, std::string> town_names;
    for (const auto& t : towns.body["towns"]) town_names[t["id"].get<std::int64_t>()] = t["name"].get<std::string>();
    REQUIRE(town_names.count(town1));
    REQUIRE(town_names.count(town2));
    const std::string name1 = town_names.at(town1), name2 = town_names.at(town2);
    const std::string first17 = "35030419310303099";
    const std::string stranger = first17 + yiyang::resident_id_check_char(first17);

    const std::string csv = std::string("身份证号,服务号码,回访日期,回访结果,总体满意度,服务态度与专业性,手机套餐,知晓SOS与定位功能\n") +
                            id1 + ",," + first_day + ",接通,非常满意,满意,满意,是\n" +
                            "," + phone2 + "," + first_day + ",接通,一般,满意,不清楚,否\n" +
                            stranger + ",," + first_day + ",关机,,,,\n";
    const auto imported = import_csv(sup, "callbacks", csv);
    INFO(imported.raw.substr(0, 1500));
    REQUIRE(imported.status == 201);

    const auto after = sup.get(url);
    REQUIRE(after.status == 200);
    auto delta = [&](const std::string& code, const std::string& label, std::size_t k) {
        return count_at(after.body, code, label, k) - count_at(before.body, code, label, k);
    };
    CHECK(delta("callback_outcomes", "合计", 1) == 3);   // three subjects
    CHECK(delta("callback_outcomes", "接通", 1) == 2);
    CHECK(delta("callback_outcomes", "关机", 1) == 1);
    CHECK(delta("callback_overall", "非常满意", 1) == 1);
    CHECK(delta("callback_overall", "一般", 1) == 1);
    CHECK(delta("callback_overall", "合计", 1) == 2);
    CHECK(delta("callback_staff", "满意", 1) == 2);
    CHECK(delta("callback_package", "不清楚", 1) == 1);
    CHECK(delta("callback_sos", "是", 1) == 1);
    CHECK(delta("callback_sos", "否", 1) == 1);
    // By town: the ID number's elder, the phone's elder, the stranger under 未登记.
    CHECK(delta("callback_by_town", name1, 1) == 1);   // 非常满意
    CHECK(delta("callback_by_town", name2, 3) == 1);   // 一般
    CHECK(delta("callback_by_town_other", name1, 1) == 1);
    CHECK(delta("callback_by_town_other", name2, 2) == 1);   // 接通
    CHECK(delta("callback_by_town_other", "未登记", 1) == 1);
    CHECK(delta("callback_by_town_other", "未登记", 2) == 0);
    const std::string dumped = after.body.dump();
    for (const auto& personal : {id1, phone2, stranger}) CHECK(dumped.find(personal) == std::string::npos);

    // The PDF carries the new sections (and no personal data either).
    auto pdf = sup.get(url + "&format=pdf");
    REQUIRE(pdf.status == 200);
    const auto path = write_temp("survey.pdf", pdf.raw);
    const std::string text = command_output("pdftotext -layout '" + path.string() + "' -");
    if (const char* keep = std::getenv("YIYANG_SURVEY_PDF_OUT"))
        std::filesystem::copy_file(path, keep, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::remove(path);
    for (const std::string s : {"满意度调查分析报告", "回访问卷（导入）：回访结果", "总体满意度各选项分布", "服务态度与专业性各选项分布",
                                "手机套餐满意度", "是否知晓SOS与定位功能", "回访问卷按镇街：总体满意度", "未登记"})
        CHECK(text.find(s) != std::string::npos);
    for (const auto& personal : {id1, phone2, stranger}) CHECK(text.find(personal) == std::string::npos);

    // The workbook: the new tables' titles and a native chart each for outcomes, overall, staff and towns.
    auto x = sup.get(url + "&format=xlsx");
    REQUIRE(x.status == 200);
    const auto xlsx_path = write_temp("survey.xlsx", x.raw);
    const std::string strings = command_output("unzip -p '" + xlsx_path.string() + "' xl/sharedStrings.xml 2>/dev/null");
    const std::string listing = command_output("unzip -l '" + xlsx_path.string() + "' 2>/dev/null");
    std::filesystem::remove(xlsx_path);
    CHECK(strings.find("回访问卷按镇街：回访结果与其他问题") != std::string::npos);
    CHECK(listing.find("xl/charts/chart6.xml") != std::string::npos);   // question 7's two, and the four above
}

TEST_CASE("a signed month report does not change when a record of that month is edited afterwards", "[reports][inprocess]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto agent = env.signed_in("agent");

    // No draft, no signature; then the draft (audited), then the signature.
    const auto drafts_before = audit_count(env, "operation_report_draft", "update");
    REQUIRE(save_draft(sup, "month", kMonth, "十月回访不及时，已要求服务商整改。").status == 200);
    CHECK(audit_count(env, "operation_report_draft", "update") == drafts_before + 1);
    auto draft = sup.get(std::string("/api/v1/reports/operation?period=") + kMonth);
    CHECK(draft.body["problems"] == "十月回访不及时，已要求服务商整改。");
    CHECK_FALSE(draft.body["draft_saved_at"].get<std::string>().empty());

    const auto signs_before = audit_count(env, "operation_report", "sign") + audit_count(env, "operation_report", "sign_supplement");
    auto s = sign_month(sup, kMonth);
    REQUIRE(s.status == 201);
    const auto id = s.body["id"].get<std::int64_t>();
    CHECK(audit_count(env, "operation_report", "sign") + audit_count(env, "operation_report", "sign_supplement") == signs_before + 1);
    auto detail = sup.get("/api/v1/reports/signed/" + std::to_string(id));
    REQUIRE(detail.status == 200);
    const json signed_figures = detail.body["figures"];
    CHECK(detail.body["report"]["figures_sha256"] == yiyang::app::sha256_hex(signed_figures.dump()));
    CHECK(signed_figures["problems"] == "十月回访不及时，已要求服务商整改。");
    auto file = sup.get("/api/v1/reports/signed/" + std::to_string(id) + "/file?format=pdf");
    REQUIRE(file.status == 200);
    CHECK(yiyang::app::sha256_hex(file.raw) == s.body["pdf_sha256"]);
    CHECK(file.header("X-Yiyang-SHA256") == s.body["pdf_sha256"]);
    auto xfile = sup.get("/api/v1/reports/signed/" + std::to_string(id) + "/file?format=xlsx");
    REQUIRE(xfile.status == 200);
    CHECK(yiyang::app::sha256_hex(xfile.raw) == s.body["xlsx_sha256"]);
    CHECK(audit_count(env, "operation_report", "download") >= 2);

    // The signed PDF names the signature and the figures' SHA-256.
    const auto path = write_temp("signed.pdf", file.raw);
    const std::string text = command_output("pdftotext -layout '" + path.string() + "' -");
    std::filesystem::remove(path);
    CHECK(text.find("签署人") != std::string::npos);
    CHECK(text.find(s.body["figures_sha256"].get<std::string>().substr(0, 16)) != std::string::npos);

    // The report indicator counts the signed month (a month query and the project year's).
    auto k = sup.get(std::string("/api/v1/kpis?period=") + kMonth);
    REQUIRE(k.status == 200);
    bool seen = false;
    for (const auto& item : k.body["items"]) {
        if (item["code"] != "monthly_operation_reports") continue;
        seen = true;
        CHECK(item["applicable"] == true);
        CHECK(item["kind"] == "reports");
        CHECK(item["display"] == "1");
    }
    CHECK(seen);
    auto drill = sup.get(std::string("/api/v1/kpis/monthly_operation_reports/records?period=") + kMonth);
    REQUIRE(drill.status == 200);
    REQUIRE(drill.body["items"].size() == 1);
    CHECK(drill.body["items"][0]["id"] == id);

    // A record of October edited afterwards: the live report changes, the signed one does not.
    const auto before_live = sup.get(std::string("/api/v1/reports/operation?period=") + kMonth);
    // Through the API when an October order can still move (a callback, a review, any legal action); else (the tiny
    // city's October orders are all settled) the record is edited in the database file: one order's channel.
    std::string did = edit_an_october_order(agent, sup);
    if (did.empty()) {
        SQLite::Database db(env.database_path(), SQLite::OPEN_READWRITE);
        db.exec("UPDATE work_orders SET channel = CASE channel WHEN 'walk_in' THEN 'hotline' ELSE 'walk_in' END "
                "WHERE id = (SELECT id FROM work_orders WHERE created_at >= " +
                std::to_string(yiyang::start_of(yiyang::Date{2026, 10, 1})) + " AND created_at < " +
                std::to_string(yiyang::start_of(yiyang::Date{2026, 11, 1})) + " ORDER BY id LIMIT 1)");
        did = "channel";
    }
    const auto after_live = sup.get(std::string("/api/v1/reports/operation?period=") + kMonth);
    CHECK((table(after_live.body, "indicators") != table(before_live.body, "indicators") ||
           table(after_live.body, "by_channel") != table(before_live.body, "by_channel")));
    auto detail2 = sup.get("/api/v1/reports/signed/" + std::to_string(id));
    REQUIRE(detail2.status == 200);
    CHECK(detail2.body["figures"] == signed_figures);
    CHECK(detail2.body["report"] == detail.body["report"]);
    auto file2 = sup.get("/api/v1/reports/signed/" + std::to_string(id) + "/file?format=pdf");
    CHECK(yiyang::app::sha256_hex(file2.raw) == s.body["pdf_sha256"]);
    CHECK(file2.raw == file.raw);

    // The stored row cannot be changed, even in the database file.
    {
        SQLite::Database db(env.database_path(), SQLite::OPEN_READWRITE);
        CHECK_THROWS(db.exec("UPDATE operation_reports_signed SET title = 'x' WHERE id = " + std::to_string(id)));
        CHECK_THROWS(db.exec("DELETE FROM operation_reports_signed WHERE id = " + std::to_string(id)));
    }

    // A second signature without a reason is refused; with one it is 补充报告第N号 citing the first.
    auto again = sup.post("/api/v1/reports/operation/sign", {{"kind", "month"}, {"period", kMonth}});
    CHECK(again.status == 422);
    auto supplement = sup.post("/api/v1/reports/operation/sign", {{"kind", "month"}, {"period", kMonth}, {"note", "更正：十月回访数据补录"}});
    REQUIRE(supplement.status == 201);
    CHECK(supplement.body["supplement_no"].get<int>() >= 1);
    CHECK(supplement.body["supersedes"] == id);
    CHECK(supplement.body["title"].get<std::string>().find("补充报告第") != std::string::npos);
    CHECK(supplement.body["figures_sha256"] != s.body["figures_sha256"]);   // the edit is in the supplement
    // Still one signed month for the indicator (the supplement is in force).
    auto k2 = sup.get(std::string("/api/v1/kpis/monthly_operation_reports/records?period=") + kMonth);
    REQUIRE(k2.status == 200);
    REQUIRE(k2.body["items"].size() == 1);
    CHECK(k2.body["items"][0]["id"] == supplement.body["id"]);
}

TEST_CASE("who may write and sign reports; refusals say what is wrong", "[reports]") {
    auto& env = TestEnv::get();
    for (const char* role : {"agent", "town", "provider"}) {
        auto c = env.signed_in(role);
        CHECK(c.get(std::string("/api/v1/reports/operation?period=") + kMonth).status == 403);
        CHECK(save_draft(c, "month", kMonth, "试图填写").status == 403);
        CHECK(c.post("/api/v1/reports/operation/sign", {{"kind", "month"}, {"period", kMonth}}).status == 403);
        CHECK(c.get("/api/v1/reports/signed").status == 403);
    }
    auto sup = env.signed_in("supervisor");
    // The current month is not over: 409; an unknown field, a wrong type, a text too long: 422 naming the field.
    // (The server's current month: November under the in-process clock, today's month through nginx.)
    auto any = sup.get(std::string("/api/v1/reports/operation?kind=month&period=") + kMonth);
    REQUIRE(any.status == 200);
    const std::string this_month = any.body["generated_at"].get<std::string>().substr(0, 7);
    auto now = sup.post("/api/v1/reports/operation/sign", {{"kind", "month"}, {"period", this_month}});
    CHECK(now.status == 409);
    auto unknown = sup.put("/api/v1/reports/operation/draft", {{"kind", "month"}, {"period", kMonth}, {"text", "x"}});
    CHECK(unknown.status == 422);
    CHECK(unknown.raw.find("未知字段") != std::string::npos);
    auto type = sup.put("/api/v1/reports/operation/draft", {{"kind", "month"}, {"period", kMonth}, {"problems", 5}});
    CHECK(type.status == 422);
    std::string longer;
    for (int i = 0; i < 4001; ++i) longer += "字";
    auto too_long = save_draft(sup, "month", kMonth, longer);
    CHECK(too_long.status == 422);
    CHECK(too_long.raw.find("4000") != std::string::npos);
    auto bad_kind = sup.post("/api/v1/reports/operation/sign", {{"kind", "week"}, {"period", kMonth}});
    CHECK(bad_kind.status == 422);
    CHECK(sup.get("/api/v1/reports/signed/999999").status == 404);
    CHECK(sup.get("/api/v1/reports/signed?kind=week").status == 400);
    // Nothing was signed by the refused requests: no signature of November.
    auto list = sup.get("/api/v1/reports/signed?kind=month&period=2026-11");
    REQUIRE(list.status == 200);
    CHECK(list.body["items"].empty());
}

// The bureau leader's countersign (会签) and return (退回) of a signed report (issue 13, last part): the decision is
// recorded beside the sealed report — the signed row, its figures and its files stay byte for byte as signed; one
// decision per report (409 after); only the leader decides (403 for the others); a return needs a reason (422 naming
// "reason") and the supervisor corrects it with a supplement whose refusal without a reason mentions the return; a
// report corrected by a supplement is not countersigned (409). Months of their own (August, July) so that the other
// tests' signatures of October do not meet these.
TEST_CASE("the leader countersigns or returns a signed report; the sealed files do not change", "[reports][countersign][inprocess]") {
    auto& env = TestEnv::get();
    auto sup = env.signed_in("supervisor");
    auto leader = env.signed_in("leader");
    const std::string aug = "2026-08", jul = "2026-07";

    REQUIRE(save_draft(sup, "month", aug, "八月服务量平稳，建议加强回访。").status == 200);
    auto s = sign_month(sup, aug);
    REQUIRE(s.status == 201);
    const auto id = s.body["id"].get<std::int64_t>();
    const std::string base = "/api/v1/reports/signed/" + std::to_string(id);
    CHECK(s.body["status"] == "signed");
    CHECK(s.body["status_zh"] == "已签署、待会签");
    CHECK(s.body["decided_by"] == "");

    // The leader reads the list, the report and its files.
    auto list = leader.get("/api/v1/reports/signed?kind=month&period=" + aug);
    REQUIRE(list.status == 200);
    REQUIRE_FALSE(list.body["items"].empty());
    CHECK(list.body["items"][0]["status_zh"] == "已签署、待会签");
    const auto pdf_before = leader.get(base + "/file?format=pdf");
    REQUIRE(pdf_before.status == 200);
    const auto xlsx_before = leader.get(base + "/file?format=xlsx");
    REQUIRE(xlsx_before.status == 200);
    const auto detail_before = leader.get(base);
    REQUIRE(detail_before.status == 200);

    // Nobody else decides.
    for (const char* role : {"supervisor", "agent", "admin", "town", "provider"}) {
        auto c = env.signed_in(role);
        CHECK(c.post(base + "/countersign", json::object()).status == 403);
        CHECK(c.post(base + "/return", {{"reason", "数字有误，请核对"}}).status == 403);
    }
    // Hostile input: a note too long, an unknown field, a wrong type: 422 naming the field; nothing written.
    std::string longer;
    for (int i = 0; i < 501; ++i) longer += "字";
    auto too_long = leader.post(base + "/countersign", {{"note", longer}});
    CHECK(too_long.status == 422);
    CHECK(too_long.body["error"]["fields"][0]["field"] == "note");
    auto unknown = leader.post(base + "/countersign", {{"reason", "x"}});
    CHECK(unknown.status == 422);
    CHECK(unknown.raw.find("未知字段") != std::string::npos);
    CHECK(leader.post(base + "/countersign", {{"note", 5}}).status == 422);
    CHECK(leader.post("/api/v1/reports/signed/999999/countersign", json::object()).status == 404);

    const auto audits_before = audit_count(env, "operation_report", "countersign");
    auto counter = leader.post(base + "/countersign", {{"note", "同意，按期报送。"}});
    REQUIRE(counter.status == 200);
    CHECK(counter.body["status"] == "countersigned");
    CHECK(counter.body["status_zh"] == "已会签");
    CHECK(counter.body["decided_by"].get<std::string>().find("局领导") != std::string::npos);
    CHECK_FALSE(counter.body["decided_at"].get<std::string>().empty());
    CHECK(counter.body["decision_note"] == "同意，按期报送。");
    CHECK(audit_count(env, "operation_report", "countersign") == audits_before + 1);
    {
        SQLite::Database db(env.database_path(), SQLite::OPEN_READONLY);
        SQLite::Statement st(db, "SELECT changes, reason FROM audit_events WHERE entity = 'operation_report' AND "
                                 "action = 'countersign' AND entity_id = ? ORDER BY id DESC LIMIT 1");
        st.bind(1, id);
        REQUIRE(st.executeStep());
        const json details = json::parse(st.getColumn(0).getString());
        CHECK(details["pdf_sha256"] == s.body["pdf_sha256"]);
        CHECK(details["xlsx_sha256"] == s.body["xlsx_sha256"]);
        CHECK(details["figures_sha256"] == s.body["figures_sha256"]);
        CHECK(st.getColumn(1).getString() == "同意，按期报送。");
    }

    // Once: a second countersign or a return now is 409 with a Chinese message.
    auto twice = leader.post(base + "/countersign", json::object());
    CHECK(twice.status == 409);
    CHECK(twice.raw.find("会签") != std::string::npos);
    CHECK(leader.post(base + "/return", {{"reason", "数字有误，请核对"}}).status == 409);

    // The sealed files and figures are byte for byte as signed; the list shows the countersign.
    const auto pdf_after = sup.get(base + "/file?format=pdf");
    REQUIRE(pdf_after.status == 200);
    CHECK(pdf_after.raw == pdf_before.raw);
    CHECK(yiyang::app::sha256_hex(pdf_after.raw) == s.body["pdf_sha256"]);
    CHECK(pdf_after.header("X-Yiyang-SHA256") == s.body["pdf_sha256"]);
    CHECK(sup.get(base + "/file?format=xlsx").raw == xlsx_before.raw);
    const auto detail_after = sup.get(base);
    REQUIRE(detail_after.status == 200);
    CHECK(detail_after.body["figures"] == detail_before.body["figures"]);
    CHECK(detail_after.body["report"]["pdf_sha256"] == s.body["pdf_sha256"]);
    CHECK(detail_after.body["report"]["status"] == "countersigned");
    auto list2 = sup.get("/api/v1/reports/signed?kind=month&period=" + aug);
    REQUIRE(list2.status == 200);
    CHECK(list2.body["items"][0]["status_zh"] == "已会签");
    CHECK(list2.body["items"][0]["decision_note"] == "同意，按期报送。");
    {
        SQLite::Database db(env.database_path(), SQLite::OPEN_READWRITE);
        CHECK_THROWS(db.exec("UPDATE operation_report_decisions SET note = 'x' WHERE report_id = " + std::to_string(id)));
        CHECK_THROWS(db.exec("DELETE FROM operation_report_decisions WHERE report_id = " + std::to_string(id)));
        CHECK_THROWS(db.exec("INSERT INTO operation_report_decisions (report_id, decision, decided_by, decided_by_name, "
                             "decided_at) VALUES (" + std::to_string(id) + ", 'return', 1, 'x', 0)"));
    }

    // July: returned with a reason; the supervisor's supplement.
    REQUIRE(save_draft(sup, "month", jul, "七月投诉处理及时。").status == 200);
    auto j1 = sign_month(sup, jul);
    REQUIRE(j1.status == 201);
    const auto jid = j1.body["id"].get<std::int64_t>();
    const std::string jbase = "/api/v1/reports/signed/" + std::to_string(jid);
    auto no_reason = leader.post(jbase + "/return", json::object());
    CHECK(no_reason.status == 422);
    CHECK(no_reason.body["error"]["fields"][0]["field"] == "reason");
    CHECK(no_reason.raw.find("退回的理由") != std::string::npos);
    CHECK(leader.post(jbase + "/return", {{"reason", "短"}}).status == 422);
    const auto returns_before = audit_count(env, "operation_report", "return");
    auto ret = leader.post(jbase + "/return", {{"reason", "服务商排名缺少说明，请补充。"}});
    REQUIRE(ret.status == 200);
    CHECK(ret.body["status"] == "returned");
    CHECK(ret.body["status_zh"] == "已退回");
    CHECK(ret.body["decision_note"] == "服务商排名缺少说明，请补充。");
    CHECK(audit_count(env, "operation_report", "return") == returns_before + 1);
    CHECK(leader.post(jbase + "/countersign", json::object()).status == 409);
    // The supervisor sees the return; a supplement without a reason is refused naming the return.
    auto seen = sup.get("/api/v1/reports/signed?kind=month&period=" + jul);
    REQUIRE(seen.status == 200);
    CHECK(seen.body["items"][0]["status_zh"] == "已退回");
    auto bare = sup.post("/api/v1/reports/operation/sign", {{"kind", "month"}, {"period", jul}});
    CHECK(bare.status == 422);
    CHECK(bare.raw.find("退回") != std::string::npos);
    CHECK(bare.raw.find("服务商排名缺少说明") != std::string::npos);
    auto supp = sup.post("/api/v1/reports/operation/sign", {{"kind", "month"}, {"period", jul}, {"note", "按局领导意见补充排名说明"}});
    REQUIRE(supp.status == 201);
    CHECK(supp.body["status"] == "signed");
    CHECK(supp.body["supersedes"] == jid);
    CHECK(sup.get(jbase).body["report"]["status"] == "returned");   // the decision stays
    // A report corrected by a later supplement is not countersigned: the latest is.
    const auto sid = supp.body["id"].get<std::int64_t>();
    auto supp2 = sup.post("/api/v1/reports/operation/sign", {{"kind", "month"}, {"period", jul}, {"note", "再次更正"}});
    REQUIRE(supp2.status == 201);
    auto old = leader.post("/api/v1/reports/signed/" + std::to_string(sid) + "/countersign", json::object());
    CHECK(old.status == 409);
    CHECK(old.raw.find("补充报告") != std::string::npos);
    CHECK(sup.get("/api/v1/reports/signed/" + std::to_string(sid)).body["report"]["status"] == "superseded");
    auto latest = leader.post("/api/v1/reports/signed/" + std::to_string(supp2.body["id"].get<std::int64_t>()) + "/countersign",
                              json::object());
    CHECK(latest.status == 200);
    CHECK(latest.body["decision_note"] == "");
}

}  // namespace test_reports
