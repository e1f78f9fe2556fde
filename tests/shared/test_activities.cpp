// Activity records (activities.hpp, activity_kpi.hpp; issue 13): the seed kinds rule and its registry kind, the ISO
// week, the record validation with its Chinese messages, evidence types by content, and every entered indicator from
// APPROVED records only — with the week-by-week rule of 每周2条 and the weeks at the turn of 2026/2027.
#include <catch2/catch.hpp>

#include <set>

#include "support.hpp"
#include "yiyang/activities.hpp"
#include "yiyang/activity_kpi.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/wire/activities.hpp"
#include "yiyang/wire/kpis.hpp"
#include "yiyang/wire/table.hpp"

namespace test_activities {

using namespace yiyang;
using namespace yiyang::activity;
using nlohmann::json;

namespace {
ActivityKinds seed_kinds() { return test::load_json("assets/rules/activity-kinds.json").get<ActivityKinds>(); }
KpiTarget target(const std::string& code) {
    const auto set = test::load_json("assets/rules/kpi-targets.json").get<KpiTargetSet>();
    const KpiTarget* t = set.find(code);
    REQUIRE(t != nullptr);
    return *t;
}
const FieldError* field(const std::vector<FieldError>& e, const std::string& name) {
    for (const auto& f : e)
        if (f.field == name) return &f;
    return nullptr;
}
Date d(const char* text) { return *parse_date(text); }
KpiActivity rec(Id id, const char* kind, const char* day, Status s = Status::Approved, std::int64_t quantity = 0,
                std::int64_t num = 0, std::int64_t den = 0, const char* place = "") {
    return KpiActivity{id, kind, d(day), s, place, quantity, num, den};
}
}  // namespace

TEST_CASE("activities: the seed kinds, registered as a rule kind, feeding only this part's codes", "[activities]") {
    const ActivityKinds k = seed_kinds();
    CHECK(k.version == "activity-kinds-2026-v1");
    CHECK(k.max_file_bytes == 8 * 1024 * 1024);
    REQUIRE(k.find("post") != nullptr);
    CHECK(k.find("post")->feeds("posts_per_week"));
    CHECK(k.find("promo_check")->measure == Measure::Counts);
    CHECK(k.find("display_site")->measure == Measure::DistinctPlaces);
    // Every code the kinds feed is an entered item of the target table that this part computes, and every such
    // code is fed by exactly one kind.
    const auto targets = test::load_json("assets/rules/kpi-targets.json").get<KpiTargetSet>();
    std::set<std::string> fed;
    for (const auto& kind : k.kinds) {
        for (const auto& code : kind.kpis) {
            INFO(code);
            REQUIRE(targets.find(code) != nullptr);
            CHECK(targets.find(code)->source == KpiSource::Entered);
            CHECK(is_activity_kpi(code));
            CHECK(fed.insert(code).second);
        }
    }
    CHECK(fed.size() == activity_kpi_codes().size());
    // Not this part's: the provider items and the signed reports.
    for (const char* other : {"active_providers", "provider_evaluations", "monthly_operation_reports", "survey_analysis_reports",
                              "service_item_online_rate", "key_information_checks"})
        CHECK_FALSE(is_activity_kpi(other));
    const RuleKind* rk = find_rule_kind("activity_kinds");
    REQUIRE(rk != nullptr);
    CHECK(rk->seed_file == "activity-kinds.json");
    CHECK(rk->canonical(rk->parse(test::load_json("assets/rules/activity-kinds.json")))["kinds"].size() == k.kinds.size());
    // Bad data names the field.
    json bad = test::load_json("assets/rules/activity-kinds.json");
    bad["kinds"][1]["kpis"] = json::array({"trainings"});
    CHECK_THAT(test::load_error<ActivityKinds>(bad), Catch::Contains("trainings") && Catch::Contains("另一类别"));
    bad = test::load_json("assets/rules/activity-kinds.json");
    bad["kinds"][0]["measure"] = "average";
    CHECK_THAT(test::load_error<ActivityKinds>(bad), Catch::Contains("measure"));
    bad = test::load_json("assets/rules/activity-kinds.json");
    bad["max_file_bytes"] = 100 << 20;
    CHECK_THAT(test::load_error<ActivityKinds>(bad), Catch::Contains("max_file_bytes"));
    bad = test::load_json("assets/rules/activity-kinds.json");
    bad["kinds"][4].erase("quantity_label");
    CHECK_THAT(test::load_error<ActivityKinds>(bad), Catch::Contains("quantity_label"));
}

TEST_CASE("activities: ISO weeks, the turn of 2026/2027 included", "[activities][date]") {
    CHECK(iso_week_of(d("2026-12-28")) == IsoWeek{2026, 53});   // Monday
    CHECK(iso_week_of(d("2027-01-03")) == IsoWeek{2026, 53});   // Sunday: still 2026-W53
    CHECK(iso_week_of(d("2027-01-04")) == IsoWeek{2027, 1});
    CHECK(iso_week_of(d("2026-01-01")) == IsoWeek{2026, 1});    // a Thursday
    CHECK(iso_week_of(d("2025-12-29")) == IsoWeek{2026, 1});    // Monday of 2026-W01
    CHECK(iso_week_of(d("2021-01-03")) == IsoWeek{2020, 53});
    CHECK(iso_week_of(d("2024-12-30")) == IsoWeek{2025, 1});
    CHECK(iso_week_monday(IsoWeek{2026, 53}) == d("2026-12-28"));
    CHECK(iso_week_monday(IsoWeek{2027, 1}) == d("2027-01-04"));
    CHECK(iso_week_thursday(IsoWeek{2026, 1}) == d("2026-01-01"));
    CHECK(format_iso_week(IsoWeek{2027, 1}) == "2027-W01");
    // Every day of four years maps to a week whose Monday..Sunday holds it.
    for (Date day = d("2025-01-01"); day <= d("2028-12-31"); day = add_days(day, 1)) {
        const auto w = iso_week_of(day);
        const auto monday = iso_week_monday(w);
        CHECK(!(day < monday));
        CHECK(day < add_days(monday, 7));
    }
}

TEST_CASE("activities: a record's validation says what and where, in Chinese", "[activities]") {
    const auto k = seed_kinds();
    const Date today = d("2026-12-06");
    ActivityInput in;
    json ok = {{"kind", "promo_check"}, {"date", "2026-12-01"}, {"title", "宣传展架季度检查"}, {"place", "石岐街道"},
               {"numerator", 47}, {"denominator", 48}};
    CHECK(activity_from_json(ok, in, k, today).empty());
    CHECK(in.numerator == 47);
    CHECK(in.day == d("2026-12-01"));
    json bad = ok;
    bad["numerator"] = 49;
    auto e = activity_from_json(bad, in, k, today);
    REQUIRE(field(e, "numerator") != nullptr);
    CHECK_THAT(field(e, "numerator")->message_zh, Catch::Contains("不能多于") && Catch::Contains("检查件数"));
    bad = ok;
    bad["date"] = "2026-12-07";
    e = activity_from_json(bad, in, k, today);
    REQUIRE(field(e, "date") != nullptr);
    CHECK_THAT(field(e, "date")->message_zh, Catch::Contains("晚于今天"));
    bad = ok;
    bad["kind"] = "party";
    CHECK(field(activity_from_json(bad, in, k, today), "kind") != nullptr);
    bad = ok;
    bad["colour"] = "red";
    CHECK(field(activity_from_json(bad, in, k, today), "colour") != nullptr);
    bad = ok;
    bad.erase("denominator");
    CHECK_THAT(field(activity_from_json(bad, in, k, today), "denominator")->message_zh, Catch::Contains("检查件数"));
    // A post names its channel, one of the kind's.
    json post = {{"kind", "post"}, {"date", "2026-12-02"}, {"title", "冬季养老服务消费补贴指引"}};
    CHECK(field(activity_from_json(post, in, k, today), "channel") != nullptr);
    post["channel"] = "抖音";
    CHECK_THAT(field(activity_from_json(post, in, k, today), "channel")->message_zh, Catch::Contains("微信公众号"));
    post["channel"] = "微信公众号";
    CHECK(activity_from_json(post, in, k, today).empty());
    // Quantities a kind does not take are refused, not silently kept.
    post["quantity"] = 3;
    CHECK(field(activity_from_json(post, in, k, today), "quantity") != nullptr);
    // A display site needs its place; printing needs its quantity.
    json site = {{"kind", "display_site"}, {"date", "2026-12-02"}, {"title", "长者饭堂展示点"}};
    CHECK(field(activity_from_json(site, in, k, today), "place") != nullptr);
    json print = {{"kind", "promo_print"}, {"date", "2026-12-02"}, {"title", "宣传折页"}};
    CHECK_THAT(field(activity_from_json(print, in, k, today), "quantity")->message_zh, Catch::Contains("印制份数"));
    std::string reason;
    CHECK(field(return_reason_from_json(json{{"reason", "x"}}, reason), "reason") != nullptr);
    CHECK(return_reason_from_json(json{{"reason", "签到表缺页"}}, reason).empty());
    CHECK(reason == "签到表缺页");
}

TEST_CASE("activities: decisions — only entered records, never one's own", "[activities]") {
    CHECK(decision_refusal_zh(Status::Entered, 7, 8).empty());
    CHECK_THAT(decision_refusal_zh(Status::Entered, 7, 7), Catch::Contains("本人"));
    CHECK_FALSE(decision_refusal_zh(Status::Approved, 7, 8).empty());
    CHECK_FALSE(decision_refusal_zh(Status::Returned, 7, 8).empty());
    CHECK(change_refusal_zh(Status::Returned).empty());
    CHECK_FALSE(change_refusal_zh(Status::Approved).empty());
    for (Status s : {Status::Entered, Status::Approved, Status::Returned}) CHECK(parse_status(code(s)) == s);
}

TEST_CASE("activities: evidence files are typed by their bytes", "[activities]") {
    using namespace std::string_literals;
    CHECK(sniff_file_type("\xFF\xD8\xFF\xE0rest"s) == FileType::Jpeg);
    CHECK(sniff_file_type("\x89PNG\r\n\x1A\n...."s) == FileType::Png);
    CHECK(sniff_file_type("%PDF-1.4\n...") == FileType::Pdf);
    CHECK_FALSE(sniff_file_type(" %PDF-1.4").has_value());     // not at the very start
    CHECK_FALSE(sniff_file_type("GIF89a").has_value());
    CHECK_FALSE(sniff_file_type("").has_value());
    CHECK(pdf_refusal_zh("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n").empty());
    CHECK_THAT(pdf_refusal_zh("%PDF-1.4\n1 0 obj\n<<>>"), Catch::Contains("%%EOF"));
    CHECK_THAT(pdf_refusal_zh("\xFF\xD8\xFF\xE0"s), Catch::Contains("%PDF-"));
    CHECK(std::string(mime_type(FileType::Pdf)) == "application/pdf");
}

TEST_CASE("activities: counts, sums, places and rates from approved records only", "[activities][kpi]") {
    const auto k = seed_kinds();
    const Date first = d("2026-02-01"), last = d("2027-01-31"), today = d("2026-12-06");
    const std::vector<KpiActivity> rs = {
        rec(1, "training", "2026-03-10"),
        rec(2, "training", "2026-04-10"),
        rec(3, "training", "2026-05-10", Status::Entered),    // waiting: does not count
        rec(4, "training", "2026-06-10", Status::Returned),   // returned: does not count
        rec(5, "training", "2026-01-20"),                     // before the range
        rec(6, "smart_ageing", "2026-07-01"),                 // another kind
        rec(10, "promo_print", "2026-03-01", Status::Approved, 2000),
        rec(11, "promo_print", "2026-09-01", Status::Approved, 1500),
        rec(12, "promo_print", "2026-10-01", Status::Entered, 9000),
        rec(20, "promo_check", "2026-06-30", Status::Approved, 0, 47, 48),
        rec(21, "promo_check", "2026-09-30", Status::Approved, 0, 50, 50),
        rec(22, "promo_check", "2026-10-30", Status::Returned, 0, 10, 50),
        rec(30, "display_site", "2026-03-01", Status::Approved, 0, 0, 0, "石岐街道长者饭堂"),
        rec(31, "display_site", "2026-04-01", Status::Approved, 0, 0, 0, "石岐街道 长者饭堂"),   // the same place
        rec(32, "display_site", "2026-05-01", Status::Approved, 0, 0, 0, "东区颐养院"),
        rec(33, "display_site", "2026-06-01", Status::Entered, 0, 0, 0, "南区日间照料中心"),
    };
    auto trainings = compute_activity_kpi(target("trainings"), k, rs, first, last, today).result;
    CHECK(trainings.value == Ratio{2, 1});
    CHECK(trainings.numerator_ids == std::vector<Id>{1, 2});
    CHECK_FALSE(trainings.met);   // ≥ 6
    auto printed = compute_activity_kpi(target("promotional_items"), k, rs, first, last, today).result;
    CHECK(printed.value == Ratio{3500, 1});
    CHECK(printed.display == "3500");
    CHECK(printed.met);           // ≥ 3000
    CHECK(printed.numerator_ids == std::vector<Id>{10, 11});
    auto maintained = compute_activity_kpi(target("promotional_item_maintenance_rate"), k, rs, first, last, today).result;
    CHECK(maintained.value.num == 97);
    CHECK(maintained.value.den == 98);
    CHECK(maintained.display == "98.98%");
    CHECK_FALSE(maintained.met);  // = 100%
    CHECK(maintained.numerator_ids == std::vector<Id>{20, 21});
    // Once the returned check is corrected and approved at 50 / 50 it still is not 100 %: exact, not rounded.
    auto sites = compute_activity_kpi(target("display_sites"), k, rs, first, last, today).result;
    CHECK(sites.value == Ratio{2, 1});
    CHECK(sites.numerator_ids == std::vector<Id>{30, 31, 32});
    // Nothing approved: a count is 0, a rate has no data (never met).
    auto feedback = compute_activity_kpi(target("feedback_response_rate"), k, rs, first, last, today).result;
    CHECK_FALSE(feedback.value.defined());
    CHECK(feedback.display == "—");
    CHECK_FALSE(feedback.met);
    auto events = compute_activity_kpi(target("exchange_events"), k, rs, first, last, today).result;
    CHECK(events.value == Ratio{0, 1});
    CHECK_THROWS_AS(compute_activity_kpi(target("response_rate"), k, rs, first, last, today), std::invalid_argument);
    // The same record turned approved moves the figure (the test can fail).
    auto more = rs;
    more[2].status = Status::Approved;
    CHECK(compute_activity_kpi(target("trainings"), k, more, first, last, today).result.value == Ratio{3, 1});
}

TEST_CASE("activities: 每周2条 is met week by week, not on average", "[activities][kpi][iso_week]") {
    const auto k = seed_kinds();
    const auto t = target("posts_per_week");
    // November 2026: the weeks whose Thursday is in November — W45 (Thu 11-05) … W48 (Thu 11-26). 2026-10-29 is the
    // Thursday of W44 (October's), 2026-12-03 of W49 (December's).
    std::vector<KpiActivity> rs;
    Id id = 1;
    auto post = [&](const char* day, Status s = Status::Approved) { rs.push_back(rec(id++, "post", day, s)); };
    post("2026-11-02"); post("2026-11-03"); post("2026-11-04"); post("2026-11-05"); post("2026-11-06");   // W45: 5
    post("2026-11-10");                                                                                  // W46: 1
    post("2026-11-16"); post("2026-11-17"); post("2026-11-18");                                          // W47: 3
    post("2026-11-23"); post("2026-11-24");                                                              // W48: 2
    post("2026-11-25", Status::Entered);                                                                 // not approved
    post("2026-11-11", Status::Returned);                                                                // not approved
    // 11 approved posts over 4 weeks: 2.75 a week on average, yet W46 had only 1.
    auto f = compute_activity_kpi(t, k, rs, d("2026-11-01"), d("2026-11-30"), d("2026-12-06"));
    CHECK(f.result.value == Ratio{1, 1});
    CHECK_FALSE(f.result.met);
    REQUIRE(f.weeks.size() == 4);
    CHECK(f.weeks.front().week == IsoWeek{2026, 45});
    CHECK(f.weeks.back().week == IsoWeek{2026, 48});
    REQUIRE(f.weeks_below.size() == 1);
    CHECK(f.weeks_below[0] == WeekCount{IsoWeek{2026, 46}, 1});
    CHECK_THAT(f.note_zh, Catch::Contains("2026-W46") && Catch::Contains("1条"));
    CHECK(f.result.numerator_ids.size() == 11);
    // Approving the returned post of W46 makes every week ≥ 2: the minimum is 2 and the target is met.
    rs[12].status = Status::Approved;
    f = compute_activity_kpi(t, k, rs, d("2026-11-01"), d("2026-11-30"), d("2026-12-06"));
    CHECK(f.result.value == Ratio{2, 1});
    CHECK(f.result.met);
    CHECK(f.weeks_below.empty());
    // A week still running is not judged: on Saturday 2026-11-28, W48 (ends Sunday 11-29) is left out.
    f = compute_activity_kpi(t, k, rs, d("2026-11-01"), d("2026-11-30"), d("2026-11-28"));
    CHECK(f.weeks.size() == 3);
    CHECK(f.weeks.back().week == IsoWeek{2026, 47});
    // No week over yet: no data, never met.
    f = compute_activity_kpi(t, k, rs, d("2026-11-01"), d("2026-11-30"), d("2026-11-03"));
    CHECK_FALSE(f.result.value.defined());
    CHECK_FALSE(f.result.met);
}

TEST_CASE("activities: the weeks at the turn of the year — 2026-W53 belongs to December, 2027-W01 to January",
          "[activities][kpi][iso_week]") {
    const auto k = seed_kinds();
    const auto t = target("posts_per_week");
    std::vector<KpiActivity> rs;
    Id id = 1;
    auto post = [&](const char* day) { rs.push_back(rec(id++, "post", day)); };
    for (const char* day : {"2026-11-30", "2026-12-01", "2026-12-07", "2026-12-08", "2026-12-14", "2026-12-15",
                            "2026-12-21", "2026-12-22"})
        post(day);   // W49..W52: 2 each
    post("2026-12-29");   // W53: one post in December ...
    post("2027-01-02");   // ... and one on its Saturday in January: the week has 2
    post("2027-01-05");   // 2027-W01: 1 only
    const Date today = d("2027-02-01");
    auto dec = compute_activity_kpi(t, k, rs, d("2026-12-01"), d("2026-12-31"), today);
    REQUIRE(dec.weeks.size() == 5);
    CHECK(dec.weeks.back() == WeekCount{IsoWeek{2026, 53}, 2});
    CHECK(dec.weeks.front() == WeekCount{IsoWeek{2026, 49}, 2});   // its Monday 11-30 is November's day, counted
    CHECK(dec.result.value == Ratio{2, 1});
    CHECK(dec.result.met);
    auto jan = compute_activity_kpi(t, k, rs, d("2027-01-01"), d("2027-01-31"), today);
    REQUIRE_FALSE(jan.weeks.empty());
    CHECK(jan.weeks.front() == WeekCount{IsoWeek{2027, 1}, 1});   // W53's Jan days are not January's week
    CHECK(jan.result.value == Ratio{0, 1});                       // later January weeks had none
    CHECK_FALSE(jan.result.met);
    // The project year to date (2026-02-01 … 2027-01-31) judges the union of its months' weeks: W53 once.
    auto year = compute_activity_kpi(t, k, rs, d("2026-02-01"), d("2027-01-31"), today);
    std::set<IsoWeek> seen;
    for (const auto& w : year.weeks) CHECK(seen.insert(w.week).second);
    CHECK(seen.count(IsoWeek{2026, 53}) == 1);
    CHECK(seen.count(IsoWeek{2026, 5}) == 0);   // 2026-01-29 is W05's Thursday: before the project year
    CHECK(seen.count(IsoWeek{2026, 6}) == 1);   // Thursday 2026-02-05
    // records_from / records_to widen the range by the days a week can reach beyond it.
    CHECK(records_from(d("2026-12-01")) == d("2026-11-25"));
    CHECK(records_to(d("2026-12-31")) == d("2027-01-06"));
}

TEST_CASE("activities: wire shapes round-trip; the drill-down reply carries activity records", "[activities][wire]") {
    wire::ActivityView v;
    v.id = 4;
    v.kind = "training";
    v.kind_name = "话务坐席培训";
    v.evidence.push_back({9, 4, "签到表.pdf", "application/pdf", std::string(64, 'a'), 1234, 0, 0, "王坐席", "2026-12-01T10:00:00", "",
                          "/api/v1/activity-files/9/full"});
    test::round_trip(v);
    wire::ActivityList list;
    list.month = "2026-12";
    list.items.push_back(v);
    list.kinds.push_back({"training", "话务坐席培训", "records", {"trainings"}, "", "", "", {}});
    test::round_trip(list);
    const auto table = wire::activities_table(list);
    CHECK(table.rows.size() == 1);
    CHECK(table.rows[0].size() == table.columns.size());
    wire::KpiRecordsReply r;
    r.code = "trainings";
    r.kind = "activities";
    r.side = "numerator";
    r.activities.push_back({4, "2026-12-01", "training", "话务坐席培训", "第三期坐席培训", "调度中心", 0, 0, 0, "李主管",
                            "2026-12-02T09:00:00", 2});
    const json j = r;
    CHECK(j["items"][0]["approved_by"] == "李主管");
    const auto back = j.get<wire::KpiRecordsReply>();
    REQUIRE(back.activities.size() == 1);
    CHECK(back.activities[0].title == "第三期坐席培训");
    CHECK(wire::kpi_records_table(back).rows.size() == 1);
}

}  // namespace test_activities
