// 核查 · 季度报表 in the app layer (app/verification_report.cpp): the drill code → route mapping of every area, the
// whole report loaded for the picked quarter, a drill-down read as rows, the downloads through the page, and the
// sign-off panel (签署 behind a confirmation with the edited recommendations, a 409 shown as the server says it,
// 开启更正 refused without a reason). Replies are built from the wire types the server writes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "app/routes.hpp"
#include "app/screens.hpp"
#include "fakes.hpp"
#include "yiyang/verification/quarter_report.hpp"
#include "yiyang/wire/verification_callback_people.hpp"
#include "yiyang/wire/verification_deaths.hpp"
#include "yiyang/wire/verification_physical.hpp"
#include "yiyang/wire/verification_sampling.hpp"

namespace test_verification_report {

using namespace yiyang;
using namespace yiyang::client;
using namespace yiyang::client::testing;
using nlohmann::json;

namespace {

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
    CHECK(path("deaths.to_deduct") == v + "deaths?quarter=2024Q1&count=to_deduct&page=1&page_size=50");
    CHECK(path("deaths.to_recover") == v + "deaths?quarter=2024Q1&count=still_billed&page=1&page_size=50");
    CHECK(path("deaths.name_mismatches") == v + "deaths?quarter=2024Q1");
    CHECK(drill_target("deaths.name_mismatches", "2024Q1", 0, 1)->figure == "name_mismatches");
    CHECK(path("new_subjects.provided@2024-03") ==
          v + "new-subjects?quarter=2024Q1&month=2024-03&count=provided&page=1&page_size=50");
    CHECK(path("new_subjects.called") == v + "new-subjects?quarter=2024Q1&count=called&page=1&page_size=50");
    CHECK(path("new_subjects.usage") == v + "new-subjects?quarter=2024Q1&count=in_use&page=1&page_size=50");
    CHECK(path("new_subjects.outcome_busy") == v + "new-subjects?quarter=2024Q1&count=outcome_busy&page=1&page_size=50");
    CHECK(path("new_subjects.outcome_busy@2024-01") == "none");     // the phone checks are the quarter's
    CHECK(path("physical.records@2024-01") ==
          v + "physical?quarter=2024Q1&month=2024-01&count=records&page=1&page_size=50");   // every record
    CHECK(path("physical.fee@2024-01") == path("physical.records@2024-01"));             // records × the fee
    CHECK(path("physical.payable") == v + "physical?quarter=2024Q1&count=payable&page=1&page_size=50");
    CHECK(path("info_service.added") == v + "info-service?quarter=2024Q1&count=added&page=1&page_size=50");
    CHECK(path("callbacks.sample") == v + "callbacks/people?quarter=2024Q1&count=callbacks.sample&page=1&page_size=50");
    CHECK(path("callbacks.outcome_no_answer", 3, 2) ==
          v + "callbacks/people?quarter=2024Q1&town=3&count=callbacks.outcome_no_answer&page=2&page_size=50");
    CHECK(path("survey.overall") == v + "callbacks/people?quarter=2024Q1&count=survey.overall&page=1&page_size=50");
    CHECK(path("survey.valid") == v + "callbacks/people?quarter=2024Q1&count=survey.valid&page=1&page_size=50");
    CHECK(path("survey.valid@2024-01") == "none");
    CHECK(path("physical.nonsense") == "none");
    CHECK(path("nonsense") == "none");
    CHECK(wire_quarter("2024Q1") == "2024-Q1");
    CHECK(report_path("2024Q1", 0, "xlsx") == v + "report?quarter=2024Q1&format=xlsx");
}

TEST_CASE("核查 report: every drill code the shared report emits maps to a drill-down route", "[client][verification]") {
    // The report as shared/verification builds it (the server's code), every outcome present, the sample drawn: each
    // figure cell's code must open a list (the server test test_verification_drill_api checks each list's total).
    const Period q{PeriodKind::Quarter, 2024, 1};
    const auto months = verification::months_of(q);
    verification::PhysicalServiceReport physical;
    InfoServiceQuarter info;
    verification::NewSubjects news;
    verification::DeathCheck deaths;
    verification::SampleDraw draw;
    verification::CallbackFigures callbacks;
    verification::SurveyFigures survey;
    info.quarter = q;
    for (std::size_t i = 0; i < 3; ++i) {
        physical.months.push_back({months[i], {}, 3000, 0, {}, 0});
        info.months[i].month = months[i];
        news.months.push_back({months[i], {}, {}, {}, {}});
    }
    news.total.month = q;
    for (int i = 0; i < 8; ++i) {
        news.outcomes[static_cast<CallOutcome>(i)] = verification::make_tally({"X" + std::to_string(i)});
        callbacks.outcomes[static_cast<CallOutcome>(i)] = verification::make_tally({"Y" + std::to_string(i)});
    }
    verification::QuarterReportInput in;
    in.quarter = q;
    in.drawn = true;
    const auto report = verification::quarter_report(in, {physical, info, news, deaths, draw, callbacks, survey}, nullptr);
    std::set<std::string> areas;
    int cells = 0;
    for (const auto& t : report.tables) {
        for (const auto& row : t.rows) {
            for (const auto& c : row) {
                if (c.drill.empty()) continue;
                INFO(t.code << ": " << c.drill);
                const auto target = drill_target(c.drill, "2024Q1", 0, 1);
                REQUIRE(target);
                CHECK(target->path.rfind("/api/v1/verification/", 0) == 0);
                CHECK(target->path.find("quarter=2024Q1") != std::string::npos);
                areas.insert(target->area);
                ++cells;
            }
        }
    }
    CHECK(cells > 90);
    CHECK(areas == std::set<std::string>{"callbacks", "deaths", "info_service", "new_subjects", "physical", "survey"});
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

    // callbacks and survey: the people one figure counts, in one request.
    d.apply(VerificationIntent{VerReportAction{VerDrillCode{"survey.overall_satisfied", 1}}});
    CHECK(r.drill_title == "2、实体服务质量 · 总体满意 · 人数");
    CHECK(sent(d, "GET /api/v1/verification/callbacks/people?quarter=2024Q1&count=survey.overall_satisfied"));
    wire::CallbackPeople people;
    people.count = "survey.overall_satisfied";
    people.people_total = 5506;
    people.masked = true;
    people.people.push_back({"王*", "350************123", "138****5678", "", "接通", "2024-04-02", "总体：满意"});
    REQUIRE(d.http.answer("GET", "/api/v1/verification/callbacks/people", 200, json(people)));
    REQUIRE(r.drill);
    CHECK(r.drill->total == 5506);
    CHECK(r.drill->masked);
    REQUIRE(r.drill->rows.size() == 1);
    CHECK(r.drill->rows[0] == std::vector<std::string>{"王*", "350************123", "138****5678", "—", "接通",
                                                       "2024-04-02", "总体：满意"});

    // 服务人次 of a month: every record, the flagged ones with their reasons.
    d.apply(VerificationIntent{VerReportAction{VerDrillCode{"physical.records@2024-01", 1}}});
    CHECK(sent(d, "GET /api/v1/verification/physical?quarter=2024Q1&month=2024-01&count=records"));
    wire::PhysicalServiceReport phys;
    phys.quarter = "2024-Q1";
    phys.count = "records";
    phys.items_total = 3456;
    phys.flagged_total = 12;
    phys.page_size = 50;
    wire::PhysicalFlaggedRecord plain;
    plain.record_no = "FW-1";
    plain.day = "2024-01-02";
    plain.status = "payable";
    plain.status_label_zh = "正常结算";
    plain.flagged = false;
    wire::PhysicalFlaggedRecord flagged = plain;
    flagged.record_no = "FW-2";
    flagged.flagged = true;
    flagged.status_label_zh = "待审核";
    flagged.reasons.push_back({"duplicate", "重复记录", "", {}, true});
    phys.items = {plain, flagged};
    REQUIRE(d.http.answer("GET", "/api/v1/verification/physical", 200, json(phys)));
    REQUIRE(r.drill);
    CHECK(r.drill->total == 3456);
    REQUIRE(r.drill->rows.size() == 2);
    CHECK(r.drill->rows[0][7] == "—");
    CHECK(r.drill->rows[1][7] == "重复记录");

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
    CHECK(d.state().status.text == "已开启更正");
    // The success line is about 2024Q1: it stays while 2024Q1 is shown (a town of it too), not on another quarter.
    d.apply(VerificationIntent{VerLoadReport{"2024Q1", 3}});
    CHECK(r.signoff_message == "已开启更正");
    CHECK(d.state().status.text == "已开启更正");
    d.apply(VerificationIntent{VerLoadReport{"2024Q2", 0}});
    CHECK(r.signoff_message.empty());
    CHECK(d.state().status.text.empty());   // the status line said it too
    CHECK(sent(d, "GET /api/v1/verification/report?quarter=2024Q2&format=json"));
    d.app.open_location("#/verification?quarter=2024Q1");   // the address too: a refusal of 2024Q1 goes with it
    REQUIRE(d.http.answer("GET", "/api/v1/verification/report", 200, json(hanjiang_report())));
    d.apply(VerificationIntent{VerReportAction{VerEditActionNote{""}}});
    d.apply(VerificationIntent{VerReportAction{VerSignoffAct{4, "corrections"}}});
    CHECK(r.signoff_error == "请填写开启更正的原因");
    d.app.open_location("#/verification?quarter=2024Q2");
    CHECK(r.signoff_error.empty());
    d.apply(VerificationIntent{VerReportAction{VerSignoffAct{4, "countersign"}}});
    CHECK_FALSE(sent(d, "POST /api/v1/verification/signoffs/4/countersign"));

    d.apply(VerificationIntent{VerReportAction{VerSignedDownload{4, "pdf"}}});
    REQUIRE_FALSE(d.page.opened.empty());
    CHECK(d.page.opened.back() == std::make_pair(std::string("/api/v1/verification/signoffs/4/file?format=pdf"), true));
}

}  // namespace test_verification_report
