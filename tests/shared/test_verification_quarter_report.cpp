// The quarterly report assembled from the Hanjiang figures: the seed's tables come out, percentages truncated by
// the report rule, each figure with its drill code, the previous quarter beside when given.
#include <catch2/catch.hpp>

#include "verification_hanjiang_data.hpp"
#include "yiyang/verification/quarter_report.hpp"

namespace test_verification_quarter_report {

using namespace yiyang;
using namespace yiyang::verification;

namespace {

const Period kQ1{PeriodKind::Quarter, 2024, 1};

struct Computed {
    PhysicalServiceReport physical;
    InfoServiceQuarter info;
    NewSubjects news;
    DeathCheck deaths;
    SampleDraw draw;
    CallbackFigures callbacks;
    SurveyFigures survey;
    QuarterFigures figures() const { return {physical, info, news, deaths, draw, callbacks, survey}; }
};

Computed compute() {
    namespace hj = test::hanjiang;
    Computed c;
    const auto subs = hj::ledger();
    const auto crem = hj::cremation_list();
    c.physical = physical_services({kQ1, yuan(30)}, hj::service_records(), crem, subs, {});
    std::vector<Subscription> spans;
    Id id = 1;
    for (const auto& s : subs) spans.push_back({id++, s.opened, s.removed});
    c.info = info_service_quarter(spans, kQ1, {yuan(20), yuan(20), yuan(20)});
    c.news = new_subjects(kQ1, {{"特困", "低保", "高龄"}, 60}, subs, hj::categories(), hj::phone_checks());
    c.deaths = death_check({{2023, 11, 1}, {2023, 12, 31}, kQ1, yuan(20), {}}, subs, crem, {});
    c.draw = draw_sample({{2024, 2, 29}, {5, 100}, "hj-2024Q1", false}, subs, test::fake_key);
    c.callbacks = callback_figures(c.draw.sample, hj::sample_callbacks(c.draw.sample.keys));
    c.survey = survey_figures(hj::survey_answers(c.physical.subjects_served.keys), c.physical.subjects_served);
    return c;
}

QuarterReportInput input() {
    QuarterReportInput in;
    in.quarter = kQ1;
    in.district_name = "莆田市涵江区";
    in.rule = {Rounding::Truncate, 2};
    in.rule_versions = {"verification_fees 2024-01-01", "verification_report 2024-01-01"};
    in.generated_at = "2026-12-05T07:00:00Z";
    in.death_window_from = {2023, 11, 1};
    in.death_window_to = {2023, 12, 31};
    in.physical_unit_fee = yuan(30);
    in.info_unit_fee = yuan(20);
    return in;
}

std::string text(const wire::QuarterReport& r, const std::string& drill) {
    const auto* c = wire::find_cell(r, drill);
    INFO(drill);
    REQUIRE(c != nullptr);
    return c->text;
}

}  // namespace

TEST_CASE("quarter report: the Hanjiang Q1 2024 tables come out of the figures", "[verification]") {
    const auto c = compute();
    const auto r = quarter_report(input(), c.figures(), nullptr);
    CHECK(r.quarter == "2024-Q1");
    CHECK(r.title_zh == "关于2024年1月-2024年3月莆田市涵江区城乡社区居家养老专业化服务项目核查报告");
    CHECK(r.rounding == "truncate");
    CHECK_FALSE(r.previous_available);
    REQUIRE(r.tables.size() == 7);
    CHECK(r.tables[0].code == "physical");
    CHECK(r.tables[0].rows.size() == 4);
    CHECK(r.tables[0].rows[3][0].text == "合计");
    CHECK(r.tables[0].columns[2] == "单次服务金额30元（人数）");
    // 实体服务数量
    CHECK(text(r, "physical.records@2024-01") == "3456");
    CHECK(text(r, "physical.records@2024-02") == "2347");
    CHECK(text(r, "physical.records@2024-03") == "3759");
    CHECK(text(r, "physical.fee@2024-01") == "103680");
    CHECK(text(r, "physical.records") == "9562");
    CHECK(text(r, "physical.fee") == "286860");
    CHECK(wire::find_cell(r, "physical.fee")->value == yuan(286860));
    // 实体服务质量
    CHECK(text(r, "survey.reached") == "203");
    CHECK(text(r, "survey.declined") == "9");
    CHECK(text(r, "survey.valid") == "188");
    CHECK(text(r, "survey.valid_share") == "5.01%");
    CHECK(text(r, "survey.overall") == "93.61%");
    // 信息化服务数量
    CHECK(text(r, "info_service.at_start@2024-01") == "5953");
    CHECK(text(r, "info_service.added@2024-01") == "11");
    CHECK(text(r, "info_service.removed@2024-01") == "38");
    CHECK(text(r, "info_service.total@2024-01") == "5926");
    CHECK(text(r, "info_service.fee@2024-01") == "118520");
    CHECK(text(r, "info_service.total@2024-02") == "5882");
    CHECK(text(r, "info_service.total@2024-03") == "5892");
    CHECK(text(r, "info_service.at_start") == "17761");
    CHECK(text(r, "info_service.added") == "75");
    CHECK(text(r, "info_service.removed") == "136");
    CHECK(text(r, "info_service.total") == "17700");
    CHECK(text(r, "info_service.fee") == "354000");
    // 新增服务对象核查
    CHECK(text(r, "new_subjects.provided@2024-03") == "58");
    CHECK(text(r, "new_subjects.empty@2024-03") == "3");
    CHECK(text(r, "new_subjects.provided") == "75");
    CHECK(text(r, "new_subjects.outcome_answered") == "27");
    CHECK(text(r, "new_subjects.usage") == "68.00%");
    // 死亡服务对象核查
    CHECK(text(r, "deaths.matched") == "91");
    CHECK(text(r, "deaths.already_removed") == "16");
    CHECK(text(r, "deaths.to_deduct") == "75");
    CHECK(text(r, "deaths.next_quarter") == "150");
    CHECK(text(r, "deaths.to_recover") == "740");
    // 回访
    CHECK(text(r, "callbacks.frame") == "5882");
    CHECK(text(r, "callbacks.sample") == "295");
    CHECK(text(r, "callbacks.share") == "5.01%");
    CHECK(text(r, "callbacks.overall") == "91.66%");
    CHECK(text(r, "callbacks.package") == "89.47%");
    CHECK(text(r, "callbacks.knows_sos") == "10.52%");
    CHECK(text(r, "callbacks.share_no_answer") == "36.94%");
    CHECK(text(r, "callbacks.suspended_arrears") == "2");
    // The paragraphs and the default recommendations carry the figures.
    CHECK(r.tables[0].note_zh.find("共计完成实体服务9562人次") != std::string::npos);
    CHECK(r.recommendations_default);
    CHECK(r.recommendations_zh.find("10.52%") != std::string::npos);
    CHECK(r.recommendations_zh.find("93.61%") != std::string::npos);
    // Every row has as many cells as its table has columns.
    for (const auto& t : r.tables)
        for (const auto& row : t.rows) CHECK(row.size() == t.columns.size());
}

TEST_CASE("quarter report: half-up rule, previous quarter beside, recommendations given", "[verification]") {
    const auto c = compute();
    auto in = input();
    in.rule = ReportRule{};   // half-up
    in.recommendations_zh = "自定义意见";
    const auto r = quarter_report(in, c.figures(), nullptr);
    CHECK(text(r, "survey.overall") == "93.62%");
    CHECK(r.rounding == "half_up");
    CHECK(r.recommendations_zh == "自定义意见");
    CHECK_FALSE(r.recommendations_default);

    const auto figs = c.figures();
    const auto p = quarter_report(input(), figs, &figs);   // the same figures as "previous": each beside itself
    CHECK(p.previous_available);
    CHECK(p.previous_quarter == "2023-Q4");
    CHECK(wire::find_cell(p, "physical.records@2024-01")->previous == "3456");
    CHECK(wire::find_cell(p, "survey.overall")->previous == "93.61%");
    CHECK(p.recommendations_zh.find("（上季度93.61%）") != std::string::npos);
    CHECK_FALSE(wire::find_cell(p, "physical.records")->previous == std::nullopt);
}

}  // namespace test_verification_quarter_report
