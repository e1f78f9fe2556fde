// 核查 · 季度报表 in the app layer (app/verification_report.cpp): the drill code → route mapping of every area, the
// whole report loaded for the picked quarter, a drill-down read as rows, the downloads through the page, and the
// sign-off panel (签署 behind a confirmation with the edited recommendations, a 409 shown as the server says it,
// 开启更正 refused without a reason). Replies are built from the wire types the server writes.
#include <catch2/catch.hpp>

#include <algorithm>

#include "app/routes.hpp"
#include "app/screens.hpp"
#include "fakes.hpp"
#include "yiyang/wire/verification_deaths.hpp"
#include "yiyang/wire/verification_sampling.hpp"

using namespace yiyang;
using namespace yiyang::client;
using namespace yiyang::client::testing;
using nlohmann::json;

namespace {

bool sent(const Dashboard& d, const std::string& prefix, const std::string& part = "") {
    return std::any_of(d.http.log().begin(), d.http.log().end(), [&](const std::string& l) {
        return l.rfind(prefix, 0) == 0 && l.find(part) != std::string::npos;
    });
}

wire::ReportCell cell(const std::string& text, const std::string& drill = "", std::optional<std::string> prev = {}) {
    wire::ReportCell c;
    c.text = text;
    c.drill = drill;
    c.previous = prev;
    return c;
}

// Two of the seed's tables as the server sends them (Hanjiang 2024 Q1 figures).
wire::QuarterReport hanjiang_report() {
    wire::QuarterReport r;
    r.quarter = "2024-Q1";
    r.quarter_label_zh = "2024年第一季度";
    r.title_zh = "关于2024年1月-2024年3月莆田市涵江区城乡社区居家养老专业化服务项目核查报告";
    wire::ReportTable p;
    p.code = "physical";
    p.title_zh = "1、实体服务数量";
    p.columns = {"月份", "服务人次", "单次服务金额30元（人数）", "金额（元）"};
    p.rows = {{cell("2024年1月"), cell("3456", "physical.records@2024-01", "3300"), cell("3400", "physical.payable@2024-01"),
               cell("102000", "physical.fee@2024-01")},
              {cell("合计"), cell("9562", "physical.records"), cell("9400", "physical.payable"), cell("282000", "physical.fee")}};
    p.note_zh = "共计完成实体服务9562人次";
    wire::ReportTable s;
    s.code = "survey";
    s.title_zh = "2、实体服务质量";
    s.columns = {"项目", "人数", "占比"};
    s.rows = {{cell("总体满意"), cell("5506", "survey.overall_satisfied"), cell("93.61%", "survey.overall")}};
    r.tables = {p, s};
    r.recommendations_zh = "1、持续优化新增服务对象宣传与沟通";
    r.rule_versions = {"verification_fees 2024-01-01", "verification_report 2024-01-01"};
    r.rounding = "truncate";
    return r;
}

wire::SignoffList signoffs(bool sealed) {
    wire::SignoffList l;
    l.quarter = "2024-Q1";
    if (!sealed) return l;
    l.sealed = true;
    l.sealed_by = 4;
    l.sealed_by_title = "2024年第一季度核查报告";
    l.next_supplement_no = 1;
    wire::SignedReport s;
    s.id = 4;
    s.quarter = "2024-Q1";
    s.title_zh = l.sealed_by_title;
    s.status = "countersigned";
    s.signed_by = "张主管（主管）";
    s.signed_at = "2025-04-02T10:00:00";
    s.countersigned_by = "李局长（局领导）";
    s.countersigned_at = "2025-04-03T09:00:00";
    s.figures_sha256 = std::string(64, 'f');
    l.reports.push_back(s);
    return l;
}

void open_report(Dashboard& d, bool sealed) {
    d.sign_in_as("session_supervisor");
    d.settle();
    d.app.open_location("#/verification?quarter=2024Q1");
    REQUIRE(d.state().screen == Screen::Verification);
    CHECK(sent(d, "GET /api/v1/verification/report?quarter=2024Q1&format=json"));
    REQUIRE(d.http.answer("GET", "/api/v1/verification/report", 200, json(hanjiang_report())));
    CHECK(sent(d, "GET /api/v1/verification/signoffs?quarter=2024-Q1"));
    REQUIRE(d.http.answer("GET", "/api/v1/verification/signoffs", 200, json(signoffs(sealed))));
}

}  // namespace

TEST_CASE("核查 report: every area's drill code maps to its route's drill-down (or to none)", "[client][verification]") {
    auto path = [](const std::string& code, Id town = 0, int page = 1) {
        const auto t = drill_target(code, "2024Q1", town, page);
        return t ? t->path : std::string("none");
    };
    const std::string v = "/api/v1/verification/";
    CHECK(path("info_service.added@2024-01", 3, 2) ==
          v + "info-service?quarter=2024Q1&town=3&month=2024-01&count=added&page=2&page_size=50");
    CHECK(path("info_service.fee@2024-02") ==
          v + "info-service?quarter=2024Q1&month=2024-02&count=total&page=1&page_size=50");   // the people billed
    CHECK(path("info_service.added") == "none");                    // the route drills one month at a time
    CHECK(path("deaths.to_deduct") == v + "deaths?quarter=2024Q1&count=to_deduct&page=1&page_size=50");
    CHECK(path("deaths.to_recover") == v + "deaths?quarter=2024Q1&count=still_billed&page=1&page_size=50");
    CHECK(path("deaths.name_mismatches") == v + "deaths?quarter=2024Q1");
    CHECK(drill_target("deaths.name_mismatches", "2024Q1", 0, 1)->figure == "name_mismatches");
    CHECK(path("new_subjects.provided@2024-03") ==
          v + "new-subjects?quarter=2024Q1&month=2024-03&count=provided&page=1&page_size=50");
    CHECK(path("new_subjects.called") == v + "new-subjects?quarter=2024Q1&count=called&page=1&page_size=50");
    CHECK(path("new_subjects.usage") == v + "new-subjects?quarter=2024Q1&count=in_use&page=1&page_size=50");
    CHECK(path("new_subjects.outcome_busy") == "none");             // no count for one outcome
    CHECK(path("physical.records@2024-01") == v + "physical?quarter=2024Q1&month=2024-01&page=1&page_size=50");
    CHECK(path("physical.payable") == v + "physical?quarter=2024Q1&page=1&page_size=50");
    CHECK(path("callbacks.sample") == v + "callbacks?quarter=2024Q1");   // the current draw first
    CHECK(sample_path(7, 2) == v + "samples/7?page=2&page_size=50");
    CHECK(path("callbacks.outcome_answered") == "none");
    CHECK(path("survey.overall") == "none");
    CHECK(path("survey.valid") == "none");
    CHECK(path("nonsense") == "none");
    CHECK(wire_quarter("2024Q1") == "2024-Q1");
    CHECK(report_path("2024Q1", 0, "xlsx") == v + "report?quarter=2024Q1&format=xlsx");
}

TEST_CASE("核查 report: the whole report, a drill-down as rows, downloads through the page", "[client][verification]") {
    Dashboard d;
    open_report(d, false);
    const VerReportState& r = d.state().verification.report;
    REQUIRE(r.report);
    CHECK(r.report->tables.size() == 2);
    CHECK(r.recommendations == "1、持续优化新增服务对象宣传与沟通");
    CHECK_FALSE(r.recommendations_edited);
    CHECK(report_test_state(r)["cells"]["physical.records"] == "9562");

    d.apply(VerificationIntent{VerReportAction{VerDrillCode{"deaths.to_deduct", 1}}});
    CHECK(sent(d, "GET /api/v1/verification/deaths?quarter=2024Q1&count=to_deduct"));
    wire::DeathsReport deaths;
    deaths.quarter = "2024-Q1";
    deaths.people_total = 1;
    deaths.masked = true;
    wire::DeathPerson p;
    p.name = "张*";
    p.id_number = "350************123";
    p.died = "2023-12-02";
    p.opened = "2020-01-01";
    p.to_recover_fen = 4000;
    deaths.people.push_back(p);
    REQUIRE(d.http.answer("GET", "/api/v1/verification/deaths", 200, json(deaths)));
    REQUIRE(r.drill);
    CHECK(r.drill->masked);
    REQUIRE(r.drill->rows.size() == 1);
    CHECK(r.drill->rows[0][0] == "张*");
    CHECK(r.drill->rows[0][6] == "—");            // 拆机日期: none
    CHECK(r.drill->rows[0][7] == "40.00");
    d.apply(VerificationIntent{VerReportAction{VerDrillCode{"", 1}}});
    CHECK(r.drill_code.empty());

    // The title of a drill-down is its table, row and column.
    d.apply(VerificationIntent{VerReportAction{VerDrillCode{"physical.records@2024-01", 1}}});
    CHECK(r.drill_title == "1、实体服务数量 · 2024年1月 · 服务人次");
    d.http.forget();

    // callbacks: the current draw, then its sample.
    d.apply(VerificationIntent{VerReportAction{VerDrillCode{"callbacks.sample", 1}}});
    wire::CallbackReport cb;
    cb.draw_id = 7;
    REQUIRE(d.http.answer("GET", "/api/v1/verification/callbacks", 200, json(cb)));
    CHECK(sent(d, "GET /api/v1/verification/samples/7?page=1"));
    wire::SampleDetail detail;
    detail.subjects_total = 1;
    detail.subjects.push_back({});
    detail.subjects[0].no = 1;
    detail.subjects[0].name = "王*";
    REQUIRE(d.http.answer("GET", "/api/v1/verification/samples/7", 200, json(detail)));
    REQUIRE(r.drill);
    CHECK(r.drill->rows[0][1] == "王*");
    CHECK(r.drill->rows[0][5] == "未回访");

    // Downloads and printing go through the page (the bytes never pass through WASM).
    d.apply(VerificationIntent{VerReportAction{VerReportDownload{"xlsx"}}});
    d.apply(VerificationIntent{VerReportAction{VerReportDownload{"pdf"}}});
    d.apply(VerificationIntent{VerReportAction{VerReportDownload{"print"}}});
    REQUIRE(d.page.opened.size() == 3);
    CHECK(d.page.opened[0] == std::make_pair(std::string("/api/v1/verification/report?quarter=2024Q1&format=xlsx"), true));
    CHECK(d.page.opened[1] == std::make_pair(std::string("/api/v1/verification/report?quarter=2024Q1&format=pdf"), true));
    CHECK(d.page.opened[2] == std::make_pair(std::string("/api/v1/verification/report?quarter=2024Q1&format=pdf"), false));

    // A refusal of the report (no rule in force) is shown as the server says it.
    d.apply(VerificationIntent{VerLoadReport{"2023Q4", 0}});
    REQUIRE(d.http.answer("GET", "/api/v1/verification/report", 409,
                          json{{"error", {{"code", "rule_missing"}, {"message", "2023年10月没有生效的核查收费规则"}}}}));
    CHECK(r.error == "2023年10月没有生效的核查收费规则");
    CHECK_FALSE(r.report);
}

TEST_CASE("核查 sign-off: 签署 behind a confirmation with the edited recommendations; 409 as the server says it",
          "[client][verification]") {
    CHECK(signoff_rights(Role::Supervisor).sign);
    CHECK(signoff_rights(Role::Admin).sign);
    CHECK_FALSE(signoff_rights(Role::Town).sign);
    CHECK_FALSE(signoff_rights(Role::Supervisor).countersign);
    CHECK(signoff_rights(Role::Leader).countersign);
    CHECK_FALSE(signoff_rights(Role::Leader).sign);
    CHECK(sealed_banner(signoffs(false)).empty());
    const std::string banner = sealed_banner(signoffs(true));
    CHECK(banner.find("2024年第一季度核查报告") != std::string::npos);
    CHECK(banner.find("李局长（局领导） 于 2025-04-03 09:00 会签") != std::string::npos);
    wire::SignedReport sup;
    sup.supplement_no = 2;
    CHECK(report_kind_label(sup) == "补充报告第2号");

    Dashboard d;
    open_report(d, false);
    const VerReportState& r = d.state().verification.report;
    REQUIRE(r.signoffs);
    CHECK_FALSE(r.signoffs->sealed);

    d.apply(VerificationIntent{VerReportAction{VerEditRecommendations{"意见：加强回访"}}});
    CHECK(r.recommendations_edited);
    d.apply(VerificationIntent{VerReportAction{VerSign{}}});
    REQUIRE(d.state().nav.confirm);
    CHECK(d.state().nav.confirm->id == "verification.sign");
    CHECK_FALSE(sent(d, "POST /api/v1/verification/signoffs"));   // nothing before the confirmation
    d.apply(NavIntent{NavConfirm{}});
    REQUIRE(!d.http.waiting().empty());
    const SentRequest& post = d.http.waiting().back();
    CHECK(post.method == "POST");
    CHECK(post.url == "/api/v1/verification/signoffs");
    CHECK(post.body["quarter"] == "2024-Q1");
    CHECK(post.body["recommendations_zh"] == "意见：加强回访");
    wire::SignedReport signed_report = signoffs(true).reports[0];
    signed_report.status = "signed";
    REQUIRE(d.http.answer("POST", "/api/v1/verification/signoffs", 201, json(signed_report)));
    CHECK(r.signoff_message == "已签署，本季度已封存");
    REQUIRE(d.http.answer("GET", "/api/v1/verification/signoffs", 200, json(signoffs(true))));
    CHECK(r.signoffs->sealed);

    // Signed again while sealed: the server's 409, in its words.
    d.apply(VerificationIntent{VerReportAction{VerSign{}}});
    d.apply(NavIntent{NavConfirm{}});
    REQUIRE(d.http.answer("POST", "/api/v1/verification/signoffs", 409,
                          json{{"error", {{"code", "quarter_sealed"},
                                          {"message", "2024年第一季度已由「2024年第一季度核查报告」封存，请先开启更正"}}}}));
    CHECK(r.signoff_error == "2024年第一季度已由「2024年第一季度核查报告」封存，请先开启更正");

    // 开启更正 needs its reason; the supervisor may not countersign.
    d.apply(VerificationIntent{VerReportAction{VerSignoffAct{4, "corrections"}}});
    CHECK(r.signoff_error == "请填写开启更正的原因");
    CHECK_FALSE(sent(d, "POST /api/v1/verification/signoffs/4/corrections"));
    d.apply(VerificationIntent{VerReportAction{VerEditActionNote{"2月服务记录重复导入"}}});
    d.apply(VerificationIntent{VerReportAction{VerSignoffAct{4, "corrections"}}});
    REQUIRE(!d.http.waiting().empty());
    CHECK(d.http.waiting().back().body["note"] == "2月服务记录重复导入");
    REQUIRE(d.http.answer("POST", "/api/v1/verification/signoffs/4/corrections", 200, json(signoffs(true))));
    CHECK(r.signoff_message == "已开启更正");
    d.apply(VerificationIntent{VerReportAction{VerSignoffAct{4, "countersign"}}});
    CHECK_FALSE(sent(d, "POST /api/v1/verification/signoffs/4/countersign"));

    d.apply(VerificationIntent{VerReportAction{VerSignedDownload{4, "pdf"}}});
    REQUIRE_FALSE(d.page.opened.empty());
    CHECK(d.page.opened.back() == std::make_pair(std::string("/api/v1/verification/signoffs/4/file?format=pdf"), true));
}
