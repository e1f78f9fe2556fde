// GET /api/v1/verification/report: the synthetic Hanjiang Q1 2024 lists (tests/shared/verification_hanjiang_data)
// imported through POST /api/v1/imports/{list} into a server of its own (the suite's shared database holds other
// tests' subscribers, which would join the sampling frame), then the report as JSON (the exact Hanjiang figures),
// XLSX (the tables' headers) and PDF (pdftotext finds 9562, 286860, 93.61%); who may read it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "app/photos.hpp"
#include "app/quarter_report.hpp"
#include "verification_fixture.hpp"
#include "yiyang/verification/sampling.hpp"

namespace test_verification_report_api {

using namespace yiyang;
using yiyang::test::ApiClient;
using yiyang::test::Reply;
using yiyang::test::shell_output;
using json = nlohmann::json;
namespace hj = yiyang::test::hanjiang;

namespace {

// A server on a database of its own (verification_fixture): a supervisor, a town user, an agent and a kiosk.
struct OwnServer : test::VerificationServer {
    OwnServer()
        : VerificationServer({"yiyang-report-test", "r_", "报告",
                              {{"supervisor", Role::Supervisor}, {"town", Role::Town}, {"agent", Role::Agent},
                               {"kiosk", Role::Kiosk}}}) {}
};

const json* cell(const json& report, const std::string& drill) { return test::report_cell(report, drill); }
std::string text(const json& report, const std::string& drill) { return test::report_text(report, drill); }

}  // namespace

TEST_CASE("verification report: the Hanjiang lists through the API give the report, as JSON, XLSX and PDF",
          "[verification][inprocess]") {
    OwnServer srv;
    auto sup = srv.signed_in("supervisor");
    // The ledger, with the deployment's towns in place of Hanjiang's; service records, cremations, phone checks.
    const auto ledger = test::import_hanjiang_lists(sup, srv.town_names(sup));

    // The draw (POST …/samples below) is SHA-256 with the documented seed; the callbacks go to the people it draws.
    const auto draw = verification::draw_sample({app::default_draw_date({PeriodKind::Quarter, 2024, 1}), {5, 100},
                                                 app::default_sample_seed({PeriodKind::Quarter, 2024, 1}), false},
                                                ledger, [](std::string_view t) { return app::sha256_hex(t); });
    REQUIRE(draw.sample.count() == 295);
    auto calls = hj::sample_callbacks(draw.sample.keys);
    const auto survey = hj::survey_answers(hj::served_ids());
    calls.insert(calls.end(), survey.begin(), survey.end());
    const auto r = import_csv(sup, "callbacks", hj::callbacks_csv(calls));
    INFO(r.raw.substr(0, 600));
    REQUIRE(r.status == 201);

    // No draw yet: the report says so (it never draws a sample of its own).
    const auto undrawn = sup.get("/api/v1/verification/report?quarter=2024Q1");
    REQUIRE(undrawn.status == 200);
    CHECK(text(undrawn.body, "callbacks.sample") == "尚未抽样");
    CHECK(cell(undrawn.body, "callbacks.sample")->count("value") == 0);
    CHECK(text(undrawn.body, "physical.records") == "9562");
    // The quarter's draw, made as an agent's supervisor makes it (the documented seed and date, 5 %).
    const auto drawn = sup.post("/api/v1/verification/samples",
                                {{"quarter", "2024Q1"}, {"draw_date", "2024-02-29"}, {"seed", "yiyang-2024-Q1"},
                                 {"rate_num", 5}, {"rate_den", 100}});
    INFO(drawn.raw.substr(0, 400));
    REQUIRE(drawn.status == 201);

    // JSON: the exact Hanjiang figures.
    const auto rep = sup.get("/api/v1/verification/report?quarter=2024Q1");
    INFO(rep.raw.substr(0, 600));
    REQUIRE(rep.status == 200);
    const json& j = rep.body;
    CHECK(j["quarter"] == "2024-Q1");
    CHECK(j["rounding"] == "truncate");
    CHECK(j["title"].get<std::string>().find("中山市") != std::string::npos);
    CHECK(text(j, "physical.records@2024-01") == "3456");
    CHECK(text(j, "physical.records@2024-02") == "2347");
    CHECK(text(j, "physical.records@2024-03") == "3759");
    CHECK(text(j, "physical.records") == "9562");
    CHECK(text(j, "physical.fee") == "286860");
    CHECK(text(j, "info_service.at_start@2024-01") == "5953");
    CHECK(text(j, "info_service.total@2024-01") == "5926");
    CHECK(text(j, "info_service.total@2024-02") == "5882");
    CHECK(text(j, "info_service.total@2024-03") == "5892");
    CHECK(text(j, "info_service.total") == "17700");
    CHECK(text(j, "info_service.fee") == "354000");
    CHECK(text(j, "deaths.matched") == "91");
    CHECK(text(j, "deaths.already_removed") == "16");
    CHECK(text(j, "deaths.to_deduct") == "75");
    CHECK(text(j, "deaths.next_quarter") == "150");
    CHECK(text(j, "new_subjects.provided") == "75");
    CHECK(text(j, "new_subjects.outcome_answered") == "27");
    CHECK(text(j, "new_subjects.usage") == "68.00%");
    CHECK(text(j, "new_subjects.ineligible") == "0");
    CHECK(text(j, "callbacks.frame") == "5882");
    CHECK(text(j, "callbacks.sample") == "295");
    CHECK(text(j, "callbacks.share") == "5.01%");
    CHECK(text(j, "callbacks.package") == "89.47%");
    CHECK(text(j, "callbacks.knows_sos") == "10.52%");
    CHECK(text(j, "callbacks.overall") == "91.66%");
    CHECK(text(j, "survey.reached") == "203");
    CHECK(text(j, "survey.declined") == "9");
    CHECK(text(j, "survey.valid") == "188");
    CHECK(text(j, "survey.overall") == "93.61%");
    CHECK(text(j, "survey.valid_share") == "5.01%");
    // The previous quarter (2023-Q4) has no fee rule in force (verification_fees starts 2024-01-01): none beside.
    CHECK(j["previous_available"] == false);
    // 2024-Q2 has Q1 beside it: March's 5 892 at the place of June.
    const auto q2 = sup.get("/api/v1/verification/report?quarter=2024Q2");
    REQUIRE(q2.status == 200);
    CHECK(q2.body["previous_available"] == true);
    CHECK(cell(q2.body, "info_service.total@2024-06")->value("previous", "") == "5892");
    CHECK(cell(q2.body, "physical.records")->value("previous", "") == "9562");
    CHECK(cell(q2.body, "survey.overall")->value("previous", "") == "93.61%");
    if (const char* keep = std::getenv("YIYANG_REPORT_PDF_OUT_Q2")) {
        const auto q2pdf = sup.get("/api/v1/verification/report?quarter=2024Q2&format=pdf");
        REQUIRE(q2pdf.status == 200);
        std::ofstream(keep, std::ios::binary) << q2pdf.raw;
    }

    // XLSX: a zip with the tables' titles and headers.
    const auto x = sup.get("/api/v1/verification/report?quarter=2024Q1&format=xlsx");
    REQUIRE(x.status == 200);
    CHECK(x.header("Content-Type").find("spreadsheetml") != std::string::npos);
    const auto xlsx_path = srv.dir / "report.xlsx";
    std::ofstream(xlsx_path, std::ios::binary) << x.raw;
    const std::string strings = shell_output("unzip -p '" + xlsx_path.string() + "' xl/sharedStrings.xml");
    for (const char* s : {"1、实体服务数量", "实体服务数量（人次）", "3、信息化服务数量", "原有服务对象", "拆机核减人员",
                          "6、死亡服务对象核查", "7、信息化服务对象电话回访", "意见建议", "93.61%"})
        CHECK(strings.find(s) != std::string::npos);

    // PDF: the figures are in its text.
    const auto t0 = std::chrono::steady_clock::now();
    const auto p = sup.get("/api/v1/verification/report?quarter=2024Q1&format=pdf");
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    WARN("GET …/report?format=pdf (figures + PDF, " << p.raw.size() << " bytes): " << ms << " ms");
    REQUIRE(p.status == 200);
    CHECK(p.header("Content-Type") == "application/pdf");
    CHECK(p.raw.rfind("%PDF-", 0) == 0);
    const auto pdf_path = srv.dir / "report.pdf";
    std::ofstream(pdf_path, std::ios::binary) << p.raw;
    if (const char* keep = std::getenv("YIYANG_REPORT_PDF_OUT")) std::filesystem::copy_file(pdf_path, keep,
                                                                    std::filesystem::copy_options::overwrite_existing);
    const std::string pdf_text = shell_output("pdftotext -layout '" + pdf_path.string() + "' -");
    for (const char* s : {"9562", "286860", "93.61%", "17700", "354000", "68.00%", "5.01%", "核查报告", "第1页"})
        CHECK(pdf_text.find(s) != std::string::npos);
    {
        // The footer's 共 N 页 is the document's own page count (app/pdf_writer: the first pass counts the pages,
        // the second draws them), and the last page says so.
        const auto pages = std::count(pdf_text.begin(), pdf_text.end(), '\f');
        CHECK(pages >= 2);
        std::string compact;
        for (char ch : pdf_text)
            if (ch != ' ') compact += ch;
        CHECK(compact.find("共" + std::to_string(pages) + "页") != std::string::npos);
        CHECK(compact.find("第" + std::to_string(pages) + "页") != std::string::npos);
    }

    // Who: a town user gets its own town's part (forced); an agent and the kiosk get nothing.
    auto town = srv.signed_in("town");
    const auto t = town.get("/api/v1/verification/report?quarter=2024Q1");
    REQUIRE(t.status == 200);
    CHECK(t.body["town_id"] == 1);
    CHECK(town.get("/api/v1/verification/report?quarter=2024Q1&town=2").status == 403);
    CHECK(srv.signed_in("agent").get("/api/v1/verification/report?quarter=2024Q1").status == 403);
    CHECK(srv.signed_in("kiosk").get("/api/v1/verification/report?quarter=2024Q1").status == 403);
    // Bad queries are named.
    CHECK(sup.get("/api/v1/verification/report?quarter=2024Q1&format=doc").status == 400);
    CHECK(sup.get("/api/v1/verification/report").status == 400);
}

}  // namespace test_verification_report_api
