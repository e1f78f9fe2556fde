// Institution inspections (inspections.hpp): the seed rule and its registry kind, the checklist's validation, the
// rectification deadline and the day it becomes overdue, the monthly inspection-rate table, the star bands on the
// exact total and the caregiver pass mark.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/inspections.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/wire/inspections.hpp"

namespace test_inspections {

using namespace yiyang;
using namespace yiyang::inspections;
using nlohmann::json;

namespace {
InspectionRule seed_rule() { return test::load_json("assets/rules/inspections.json").get<InspectionRule>(); }
WorkCalendar calendar() { return test::load_json("assets/rules/calendar-cn.json").get<WorkCalendar>(); }
Date d(const char* text) { return *parse_date(text); }
const FieldError* field(const std::vector<FieldError>& e, const std::string& name) {
    for (const auto& f : e)
        if (f.field == name) return &f;
    return nullptr;
}
json all_passed(const InspectionRule& r) {
    json items = json::array();
    for (const auto& c : r.checklist) items.push_back({{"code", c.code}, {"passed", true}});
    return {{"institution_id", 3}, {"day", "2026-12-03"}, {"inspector", "王主管"}, {"items", items}};
}
}  // namespace

TEST_CASE("inspections: the seed rule and its registry kind", "[inspections]") {
    const auto r = seed_rule();
    CHECK(r.version == "inspections-2026-v1");
    CHECK(r.inspections_per_month == 2);           // Yingkou 2.9.2: 每月巡检2次
    CHECK(r.checklist.size() == 12);
    CHECK(r.star_max() == 100);
    CHECK(r.caregiver_max() == 100);
    const RuleKind* k = find_rule_kind("inspections");
    REQUIRE(k != nullptr);
    CHECK(k->seed_file == "inspections.json");
    CHECK(k->canonical(k->parse(test::load_json("assets/rules/inspections.json")))["inspections_per_month"] == 2);

    json bad = test::load_json("assets/rules/inspections.json");
    bad["checklist"][1]["code"] = "fire_exits";
    CHECK_THAT(test::load_error<InspectionRule>(bad), Catch::Contains("重复"));
    bad = test::load_json("assets/rules/inspections.json");
    bad["star_rating"]["bands"][1]["from"] = 71;   // a gap between [60,70) and [71,80)
    CHECK_THAT(test::load_error<InspectionRule>(bad), Catch::Contains("star_rating.bands[1]"));
    bad = test::load_json("assets/rules/inspections.json");
    bad["star_rating"]["bands"][4]["to"] = 100;    // the full 100 points would fall in no band
    CHECK_THAT(test::load_error<InspectionRule>(bad), Catch::Contains("满分"));
    bad = test::load_json("assets/rules/inspections.json");
    bad["checklist"][0]["deadline"] = 3;
    CHECK_THAT(test::load_error<InspectionRule>(bad), Catch::Contains("deadline"));
}

TEST_CASE("inspections: a form is checked item by item", "[inspections]") {
    const auto r = seed_rule();
    const Date today = d("2026-12-06");
    InspectionInput in;
    CHECK(inspection_from_json(all_passed(r), in, r, today).empty());
    CHECK(in.items.size() == r.checklist.size());
    CHECK(checklist_outcome(in.items, r).all_passed());

    json body = all_passed(r);
    body["items"][2] = {{"code", "no_such_item"}, {"passed", true}};
    InspectionInput bad;
    auto e = inspection_from_json(body, bad, r, today);
    REQUIRE(field(e, "items[2].code") != nullptr);
    CHECK_THAT(field(e, "items[2].code")->message_zh, Catch::Contains("未知检查项"));
    CHECK(field(e, "items") != nullptr);            // electrical_gas now unanswered

    body = all_passed(r);
    body["items"][4]["passed"] = false;              // a failure needs a note
    InspectionInput no_note;
    e = inspection_from_json(body, no_note, r, today);
    REQUIRE(field(e, "items[4].note") != nullptr);
    body["items"][4]["note"] = "本周未留样";
    InspectionInput with_note;
    CHECK(inspection_from_json(body, with_note, r, today).empty());
    const auto o = checklist_outcome(with_note.items, r);
    CHECK(o.failed == 1);
    CHECK(o.failed_codes == std::vector<std::string>{"food_samples"});
    CHECK(std::string(o.label_zh()) == "需整改");

    body = all_passed(r);
    body["day"] = "2026-02-30";
    InspectionInput bad_day;
    e = inspection_from_json(body, bad_day, r, today);
    REQUIRE(field(e, "day") != nullptr);
    CHECK_THAT(field(e, "day")->message_zh, Catch::Contains("YYYY-MM-DD"));
    body["day"] = "2026-12-07";
    InspectionInput future;
    CHECK(field(inspection_from_json(body, future, r, today), "day") != nullptr);
}

TEST_CASE("inspections: a rectification is overdue the day after its deadline, not before", "[inspections]") {
    const auto r = seed_rule();
    const auto cal = calendar();
    const ChecklistItem* samples = r.item("food_samples");    // 3 calendar days
    REQUIRE(samples != nullptr);
    const Date deadline = rectification_deadline(*samples, d("2026-12-03"), cal);
    CHECK(deadline == d("2026-12-06"));
    CHECK_FALSE(overdue(RectificationStatus::Open, deadline, d("2026-12-05")));
    CHECK_FALSE(overdue(RectificationStatus::Open, deadline, d("2026-12-06")));   // the deadline itself: not yet
    CHECK(overdue(RectificationStatus::Open, deadline, d("2026-12-07")));
    CHECK(days_overdue(RectificationStatus::Open, deadline, d("2026-12-09")) == 3);
    CHECK_FALSE(overdue(RectificationStatus::Closed, deadline, d("2026-12-09")));   // closed is never overdue

    // In workdays: staffing, 5 workdays after Thursday 2026-12-03 skips the weekend → Thursday 2026-12-10.
    const ChecklistItem* staffing = r.item("staffing");
    REQUIRE(staffing != nullptr);
    CHECK(staffing->workdays);
    CHECK(rectification_deadline(*staffing, d("2026-12-03"), cal) == d("2026-12-10"));
    // ... and across the 2026 National Day holiday (10-01..10-07 off, 10-10 a make-up workday, per calendar-cn.json).
    CHECK(rectification_deadline(*staffing, d("2026-09-30"), cal) == cal.add_workdays(d("2026-09-30"), 5));
    CHECK(rectification_deadline(*staffing, d("2026-09-30"), cal) > d("2026-10-08"));
}

TEST_CASE("inspections: a re-check's day and note", "[inspections]") {
    RecheckInput ok;
    CHECK(recheck_from_json({{"day", "2026-12-05"}, {"passed", true}}, ok, d("2026-12-03"), d("2026-12-06")).empty());
    RecheckInput failed;
    auto e = recheck_from_json({{"day", "2026-12-05"}, {"passed", false}}, failed, d("2026-12-03"), d("2026-12-06"));
    CHECK(field(e, "note") != nullptr);
    RecheckInput early;
    e = recheck_from_json({{"day", "2026-12-01"}, {"passed", true}}, early, d("2026-12-03"), d("2026-12-06"));
    CHECK(field(e, "day") != nullptr);
}

TEST_CASE("inspections: the monthly rate table — inspected once is not met", "[inspections]") {
    const auto r = seed_rule();
    const std::vector<InstitutionRef> inst = {
        {1, "石岐颐康服务站", 1, "石岐街道"}, {2, "石岐乐龄日间照料中心", 1, "石岐街道"}, {3, "小榄康养驿站", 2, "小榄镇"}};
    const std::vector<InspectionRef> done = {
        {1, d("2026-12-01")}, {1, d("2026-12-15")},   // twice: met
        {2, d("2026-12-02")},                          // once: not met
        {3, d("2026-11-30")}, {3, d("2026-12-31")}, {3, d("2027-01-01")}};   // one in the month
    const auto t = rate_table(*parse_period("2026-12"), inst, done, r);
    REQUIRE(t.rows.size() == 3);
    // Rows by town, then name (UTF-8 order: 乐 before 颐), then id.
    CHECK(t.rows[0].institution_id == 2);
    CHECK(t.rows[1].institution_id == 1);
    CHECK(t.rows[2].institution_id == 3);
    CHECK(t.rows[1].count == 2);
    CHECK(t.rows[1].met);
    CHECK(t.rows[0].count == 1);
    CHECK_FALSE(t.rows[0].met);             // inspected once: not met
    CHECK(t.rows[2].count == 1);
    CHECK_FALSE(t.rows[2].met);
    CHECK(t.rate == Ratio{1, 3});
    CHECK(t.rate.percent_text(2, r.rounding) == "33.33%");
    CHECK(t.inspections == 4);
    REQUIRE(t.towns.size() == 2);
    CHECK(t.towns[0].rate == Ratio{1, 2});
    CHECK(t.towns[1].rate == Ratio{0, 1});
    // No institutions: no data, not 0 %.
    CHECK_FALSE(rate_table(*parse_period("2026-12"), {}, done, r).rate.defined());
}

TEST_CASE("inspections: star bands on the exact total, caregiver pass mark", "[inspections]") {
    const auto r = seed_rule();
    CHECK(stars_for(59, r) == 0);
    CHECK(stars_for(60, r) == 1);
    CHECK(stars_for(69, r) == 1);
    CHECK(stars_for(70, r) == 2);
    CHECK(stars_for(87, r) == 3);
    CHECK(stars_for(88, r) == 4);
    CHECK(stars_for(94, r) == 4);
    CHECK(stars_for(95, r) == 5);
    CHECK(stars_for(100, r) == 5);
    CHECK(stars_label_zh(3) == "三星级");
    CHECK(review_grade(59, r) == ReviewGrade::Fail);
    CHECK(review_grade(60, r) == ReviewGrade::Pass);
    CHECK(review_grade(89, r) == ReviewGrade::Pass);
    CHECK(review_grade(90, r) == ReviewGrade::Excellent);

    std::map<std::string, std::int64_t> s;
    json scores = {{"facilities", 18}, {"services", 22}, {"management", 17}, {"staff", 12}, {"safety", 9}, {"satisfaction", 10}};
    CHECK(scores_from_json(scores, r.star_items, s).empty());
    CHECK(total_of(s) == 88);
    CHECK(stars_for(total_of(s), r) == 4);
    scores["safety"] = 11;   // above the item's 10 points
    std::map<std::string, std::int64_t> s2;
    CHECK(field(scores_from_json(scores, r.star_items, s2), "scores.safety") != nullptr);
    scores["safety"] = 9;
    scores["bonus"] = 3;
    std::map<std::string, std::int64_t> s3;
    CHECK(field(scores_from_json(scores, r.star_items, s3), "scores.bonus") != nullptr);
}

TEST_CASE("inspections: the wire replies round-trip", "[inspections]") {
    wire::InspectionRateReply rate;
    rate.month = "2026-12";
    rate.rows.push_back({1, "石岐颐康服务站", "石岐街道", 2, 2, true});
    rate.rate = {1, 3, "33.33%"};
    test::round_trip(rate);
    wire::RectificationView rv;
    rv.id = 4;
    rv.item_text = "每餐食品留样 48 小时，台账完整";
    rv.overdue = true;
    rv.days_overdue = 2;
    test::round_trip(rv);
}

}  // namespace test_inspections
