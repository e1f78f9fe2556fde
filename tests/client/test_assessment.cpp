// 考核 what-if in the app layer (app/assessment.cpp): the rule in force arrives through the rules API and is parsed
// by the shared parser; every edit is recomputed at once by the shared wire::preview_month; 「服务器核算」 posts the
// same sheets (with the server's today as `on`) and says equal / not equal; a refused sheet is named. Replies are
// the wire types the server writes, the rule body the seeded asset.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "app/screens.hpp"
#include "fakes.hpp"
#include "yiyang/wire/rules.hpp"

namespace test_assessment {

using namespace yiyang;
using namespace yiyang::client;
using namespace yiyang::client::testing;
using nlohmann::json;

namespace {

json scorecard_body() {
    std::ifstream in(std::string(YIYANG_SOURCE_DIR) + "/assets/rules/assessment-scorecard.json");
    REQUIRE(in);
    return json::parse(in);
}

// Signed in as `session`, on 考核 with the rule loaded.
void open_assessment(Dashboard& d, const std::string& session = "session_supervisor") {
    d.sign_in_as(session);
    d.settle();
    d.apply(Navigate{Screen::Assessment});
    REQUIRE(d.state().screen == Screen::Assessment);
    const json body = scorecard_body();
    const std::string version = body["version"].get<std::string>();
    wire::RulesListReply list;
    list.today = "2026-12-05";
    list.kinds.push_back(RuleKindInfo{"assessment_scorecard", "月度考核评分表", version,
                                      {RuleVersionInfo{version, body["effective_from"].get<std::string>(), "2026-12-01T00:00:00", "", "", true, false}}});
    REQUIRE(d.http.answer("GET", "/api/v1/rules", 200, json(list)));
    wire::RuleVersionReply v;
    v.kind = "assessment_scorecard";
    v.version = version;
    v.in_force = true;
    v.body = body;
    REQUIRE(d.http.answer("GET", "/api/v1/rules/assessment_scorecard/" + version, 200, json(v)));
    REQUIRE(d.state().assessment.loaded);
}

}  // namespace

TEST_CASE("考核 is in the navigation for admins and supervisors only", "[client][assessment]") {
    for (const char* session : {"session_supervisor", "session_agent"}) {
        Dashboard d;
        d.sign_in_as(session);
        d.settle();
        const auto entries = nav_entries(d.state());
        const bool has = std::any_of(entries.begin(), entries.end(), [](const ScreenSpec* e) { return e->screen == Screen::Assessment; });
        CHECK(has == (std::string(session) == "session_supervisor"));
    }
    CHECK(std::string(screen_spec(Screen::Assessment).route) == "assessment");
}

TEST_CASE("考核 what-if: an edit recomputes at once; a count past the cap is capped; the server check", "[client][assessment]") {
    Dashboard d;
    open_assessment(d);
    const AssessmentState& A = d.state().assessment;
    REQUIRE(A.sheets.departments.size() == 2);
    REQUIRE(A.computed);
    CHECK(A.computed->total.text == "100.00");
    CHECK(A.computed->grade_code == "excellent");

    // 走访频次不足 far past its cap in department 1: capped, the total and payout follow at once (no request).
    const auto before = d.http.log().size();
    wire::AssessmentSheetInput s;
    s.counts["visits_below_frequency"] = 99;
    d.apply(AssessmentIntent{EditAssessmentSheet{0, s}});
    REQUIRE(A.computed);
    const auto& items = A.computed->departments[0].parts[1].items;
    const auto it = std::find_if(items.begin(), items.end(), [](const auto& i) { return i.code == "visits_below_frequency"; });
    REQUIRE(it != items.end());
    CHECK(it->capped);
    CHECK(it->deducted == it->cap);
    CHECK(A.computed->total.text != "100.00");
    CHECK(A.computed->total == wire::preview_month(*A.rule, A.sheets).total);
    CHECK(d.http.log().size() == before);

    // 服务器核算: the same sheets with today's date; an equal reply says equal, another says not.
    d.apply(AssessmentIntent{CheckAssessmentOnServer{}});
    REQUIRE(!d.http.waiting().empty());
    const auto& sent = d.http.waiting().back();
    CHECK(sent.url == "/api/v1/assessment/preview");
    REQUIRE(sent.body.is_object());
    CHECK(sent.body["on"] == "2026-12-05");
    CHECK(sent.body["departments"][0]["counts"]["visits_below_frequency"] == 99);
    REQUIRE(d.http.answer("POST", "/api/v1/assessment/preview", 200, json(*A.computed)));
    REQUIRE(A.server_equal);
    CHECK(*A.server_equal);
    d.apply(AssessmentIntent{CheckAssessmentOnServer{}});
    wire::AssessmentMonth other = *A.computed;
    other.payout_bp += 1;
    REQUIRE(d.http.answer("POST", "/api/v1/assessment/preview", 200, json(other)));
    REQUIRE(A.server_equal);
    CHECK_FALSE(*A.server_equal);
    // An edit forgets the server's answer (it was for other sheets).
    d.apply(AssessmentIntent{AddAssessmentDepartment{}});
    CHECK(A.sheets.departments.size() == 3);
    CHECK_FALSE(A.server_equal);
}

TEST_CASE("考核 what-if: a refused sheet is named; departments added and removed", "[client][assessment]") {
    Dashboard d;
    open_assessment(d);
    const AssessmentState& A = d.state().assessment;
    wire::AssessmentSheetInput s;
    s.counts["visits_below_frequency"] = -1;
    d.apply(AssessmentIntent{EditAssessmentSheet{1, s}});
    CHECK_FALSE(A.computed);
    CHECK(A.compute_error.rfind("第 2 个科室·服务执行·走访频次不足：次数不能为负数", 0) == 0);
    d.apply(AssessmentIntent{RemoveAssessmentDepartment{1}});
    REQUIRE(A.sheets.departments.size() == 1);
    CHECK(A.computed);
    CHECK(A.compute_error.empty());
    d.apply(AssessmentIntent{RemoveAssessmentDepartment{0}});   // the last department stays
    CHECK(A.sheets.departments.size() == 1);
}

TEST_CASE("考核 开启考核: the project from the data, the provider by name within it; nothing sent without one",
          "[client][assessment]") {
    Dashboard d;
    open_assessment(d);
    const AssessmentMonthsState& M = d.state().assessment.months;
    CHECK(M.open_project.empty());   // no hard-coded project: the data's first, once it arrives
    wire::CareProjectList projects;
    projects.items.push_back({"home_visit", "居家养老上门服务", {{3, "丙机构"}, {1, "甲机构"}}});
    projects.items.push_back({"visiting", "探视巡访服务", {{1, "甲机构"}}});
    REQUIRE(d.http.answer("GET", "/api/v1/assessment/projects", 200, json(projects)));
    REQUIRE(M.projects);
    CHECK(M.open_project == "home_visit");
    CHECK(M.open_provider == 0);
    // No provider chosen: said, nothing sent.
    d.apply(AssessmentIntent{StartAssessmentMonth{M.open_provider, M.open_project}});
    CHECK_FALSE(sent(d, "POST /api/v1/assessment/months"));
    CHECK(M.message.find("请选择服务商") != std::string::npos);
    // 丙机构, then a project it does not serve: cleared; 甲机构 there: kept and sent.
    d.apply(AssessmentIntent{EditAssessmentStartForm{3, "home_visit"}});
    CHECK(M.open_provider == 3);
    CHECK(M.message.empty());
    d.apply(AssessmentIntent{EditAssessmentStartForm{3, "visiting"}});
    CHECK(M.open_provider == 0);
    d.apply(AssessmentIntent{EditAssessmentStartForm{1, "visiting"}});
    d.apply(AssessmentIntent{StartAssessmentMonth{M.open_provider, M.open_project}});
    const auto post = std::find_if(d.http.waiting().begin(), d.http.waiting().end(),
                                   [](const SentRequest& r) { return r.method == "POST"; });
    REQUIRE(post != d.http.waiting().end());
    CHECK(post->url == "/api/v1/assessment/months");
    CHECK(post->body["provider_id"] == 1);
    CHECK(post->body["project_code"] == "visiting");
    // A refusal before any month is open is kept for the months panel to show.
    REQUIRE(d.http.answer("POST", "/api/v1/assessment/months", 409,
                          json{{"error", {{"code", "exists"}, {"message", "2026年11月该服务商探视巡访服务项目的考核已开启"}}}}));
    CHECK(M.message.find("已开启") != std::string::npos);
    CHECK_FALSE(M.open);
}

}  // namespace test_assessment
