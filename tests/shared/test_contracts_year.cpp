// The year of a provider from its stored months (wire::assessment_year_view, issue 11 "The year") and the contract
// requests' strict parsing (wire/contracts.hpp), on the county seed's scorecard rule. Hand-computed:
//   one project, departments' means 81..92, leader 95 every month: 86.5 × 9/10 + 95 × 1/10 = 87.35 → 良好
//   two projects at 92/92 and 60/60: 92 and 60 → graded by the lowest (60: 不合格, contract ended, barred)
//   three months signed, one open, eight missing: provisional, nine months listed
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/assessment/scorecard_rule.hpp"
#include "yiyang/wire/contracts.hpp"

namespace test_contracts_year {

using namespace yiyang;
using namespace yiyang::wire;
using nlohmann::json;

namespace {

const assessment::ScorecardRule& county() {
    static const assessment::ScorecardRule rule =
        yiyang::test::load_json("assets/rules/assessment-scorecard.json").get<assessment::ScorecardRule>();
    return rule;
}

YearMonthRecord signed_month(int m, std::int64_t mean, std::int64_t leader, std::string signed_on) {
    YearMonthRecord r;
    r.month_id = m;
    r.month = std::string("2025-") + (m < 10 ? "0" : "") + std::to_string(m);
    r.is_signed = true;
    AssessmentMonth f;
    f.departments_mean = {mean, 1, ""};
    f.leader = {leader, 1, ""};
    f.total = {mean * 9 + leader, 10, ""};
    f.grade_code = "good";
    r.figures = f;
    r.signed_on = std::move(signed_on);
    return r;
}

YearProjectInput project(const std::string& code, std::int64_t mean_from, std::int64_t step, std::int64_t leader,
                         int months = 12) {
    YearProjectInput p{code, code == "visiting" ? "探视巡访" : "居家养老上门服务", {}};
    for (int m = 1; m <= months; ++m)
        p.months.push_back(signed_month(m, mean_from + step * m, leader, m == 12 ? "2026-01-08" : "2025-12-01"));
    return p;
}

}  // namespace

TEST_CASE("the year: one project, twelve signed months", "[contracts_year]") {
    const auto y = assessment_year_view(county(), 1, "甲", 2025, {project("home_visit", 80, 1, 95)});
    REQUIRE(y.result);
    CHECK(y.result->total.text == "87.35");
    CHECK(y.result->total.num * 100 == 8735 * y.result->total.den);
    CHECK(y.result->departments_mean.num * 2 == 173 * y.result->departments_mean.den);   // 86.5
    CHECK(y.result->grade_code == "good");
    CHECK_FALSE(y.result->contract_ended);
    CHECK(y.final_result);
    CHECK(y.assessed_on == std::optional<std::string>("2026-01-08"));
    REQUIRE(y.projects.size() == 1);
    CHECK(y.projects[0].signed_months == 12);
    CHECK(y.projects[0].missing_months.empty());
    CHECK(y.projects[0].months[0].month == "2025-01");
    CHECK(y.projects[0].months[11].month == "2025-12");
    // The reply survives its own JSON.
    CHECK(json(y).get<AssessmentYearView>() == y);
}

TEST_CASE("the year: the lowest project grades the provider; a failed year ends the contract", "[contracts_year]") {
    const auto y = assessment_year_view(county(), 2, "乙", 2025,
                                        {project("visiting", 60, 0, 60), project("home_visit", 92, 0, 92)});
    REQUIRE(y.projects.size() == 2);
    CHECK(y.projects[0].project_code == "home_visit");   // by code
    CHECK(y.projects[0].year->grade_code == "excellent");
    CHECK(y.lowest_project_code == std::optional<std::string>("visiting"));
    REQUIRE(y.result);
    CHECK(y.result->grade_code == "fail");
    CHECK(y.result->contract_ended);
    CHECK(y.result->barred_next_year);
    CHECK(y.final_result);
    // 70 is 合格 (bands [from, to) on the exact total); 69.9 is not.
    CHECK(assessment_year_view(county(), 2, "乙", 2025, {project("home_visit", 70, 0, 70)}).result->grade_code == "pass");
    auto low = project("home_visit", 70, 0, 70);
    low.months[0].figures->leader = {69, 1, ""};   // leader mean 69 11/12 → 70 − 1/120
    CHECK(assessment_year_view(county(), 2, "乙", 2025, {low}).result->grade_code == "fail");
}

TEST_CASE("the year: months missing or unsigned are listed; the result is provisional", "[contracts_year]") {
    auto p = project("home_visit", 85, 0, 85, 3);
    YearMonthRecord open;
    open.month_id = 99;
    open.month = "2025-04";
    p.months.push_back(open);
    YearMonthRecord other_year = signed_month(1, 10, 10, "2024-02-01");
    other_year.month = "2024-12";
    p.months.push_back(other_year);   // ignored: not this year
    const auto y = assessment_year_view(county(), 3, "丙", 2025, {p});
    CHECK_FALSE(y.final_result);
    CHECK_FALSE(y.assessed_on);
    REQUIRE(y.result);
    CHECK(y.result->grade_code == "good");   // 85 from the three signed months
    const auto& v = y.projects[0];
    CHECK(v.signed_months == 3);
    CHECK(v.missing_months.size() == 9);
    CHECK(v.missing_months.front() == "2025-04");
    CHECK(v.months[3].status == "open");
    CHECK(v.months[3].month_id == std::optional<std::int64_t>(99));
    CHECK(v.months[4].status == "missing");
    CHECK(y.note_zh.find("9 个项目月未签署") != std::string::npos);
    // No project, no signed month: no result, never final.
    const auto none = assessment_year_view(county(), 4, "丁", 2025, {});
    CHECK_FALSE(none.result);
    CHECK_FALSE(none.final_result);
    YearProjectInput empty{"home_visit", "居家养老上门服务", {}};
    const auto unsigned_year = assessment_year_view(county(), 4, "丁", 2025, {empty});
    CHECK_FALSE(unsigned_year.result);
    CHECK(unsigned_year.projects[0].missing_months.size() == 12);
    CHECK_THROWS(assessment_year_view(county(), 4, "丁", 1999, {}));
}

TEST_CASE("contract and payment requests: strict, in Chinese, naming the member", "[contracts_year]") {
    ContractCreateRequest c;
    json ok = {{"provider_id", 1}, {"project_code", "home_visit"}, {"year", 2025}, {"contract_no", "HT-1"},
               {"signed_on", "2025-01-06"}, {"total_fen", 1000000}};
    CHECK(contract_request_from_json(ok, c).empty());
    CHECK(c.period_from == "2025-01-01");
    CHECK(c.period_to == "2025-12-31");
    auto field_of = [](const std::vector<FieldError>& e) { return e.empty() ? std::string() : e.front().field; };
    json bad = ok;
    bad["period_from"] = "2025-07-01";
    bad["period_to"] = "2025-06-30";
    CHECK(field_of(contract_request_from_json(bad, c)) == "period_to");
    bad = ok;
    bad["signed_on"] = "2025-02-30";
    CHECK(field_of(contract_request_from_json(bad, c)) == "signed_on");
    bad = ok;
    bad["total_fen"] = 0;
    CHECK(field_of(contract_request_from_json(bad, c)) == "total_fen");
    bad = ok;
    bad["total_fen"] = 1.5;
    CHECK(field_of(contract_request_from_json(bad, c)) == "total_fen");
    bad = ok;
    bad["surprise"] = true;
    CHECK(field_of(contract_request_from_json(bad, c)) == "surprise");
    bad = ok;
    bad["contract_no"] = std::string(61, 'x');
    CHECK(field_of(contract_request_from_json(bad, c)) == "contract_no");
    bad = ok;
    bad["signed_on"] = "2026-01-02";
    CHECK(field_of(contract_request_from_json(bad, c)) == "signed_on");   // after the contract year

    PaymentRequest p;
    CHECK(payment_request_from_json({{"kind", "advance"}, {"paid_on", "2025-01-15"}, {"amount_fen", 1}}, p).empty());
    const auto e = payment_request_from_json({{"kind", "gift"}, {"paid_on", "2025-01-15"}, {"amount_fen", -1}}, p);
    REQUIRE(e.size() == 2);
    CHECK(e[0].field == "kind");
    CHECK(e[0].message_zh.find("advance") != std::string::npos);
    CHECK(e[1].field == "amount_fen");
    CHECK(field_of(payment_request_from_json(json::array(), p)) == "");
}

}  // namespace test_contracts_year
