// Tests for SLA clocks (yiyang/sla.hpp): due-time vectors on the real 2025/2026 calendar (weekends, Spring
// Festival and National Day with their make-up workdays), same-day and 30-second rules, pauses, consumed
// business time, states, and the rule data file with its loader errors. Same vectors natively and in WASM.
#include <catch2/catch.hpp>

#include "support.hpp"
#include "yiyang/rng.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "yiyang/sla.hpp"

namespace test_sla {

using namespace yiyang;
using nlohmann::json;
using yiyang::test::load_json;

namespace {

const WorkCalendar& cn() {
    static const WorkCalendar cal = load_json("assets/rules/calendar-cn.json").get<WorkCalendar>();
    return cal;
}

const SlaRuleSet& rules() {
    static const SlaRuleSet set = load_json("assets/rules/sla-rules.json").get<SlaRuleSet>();
    return set;
}

const SlaRule& rule(const char* code) {
    const SlaRule* r = rules().find(code);
    REQUIRE(r != nullptr);
    return *r;
}

LocalSeconds t(const char* text) {
    auto v = parse_timestamp(text);
    REQUIRE(v.has_value());
    return *v;
}

std::string due(const SlaRule& r, const char* started, const std::vector<Pause>& pauses = {}) {
    return format_timestamp(compute_clock(r, cn(), t(started), pauses, std::nullopt, t(started)).due_at);
}

constexpr std::int64_t kHour = 3600;

}  // namespace

TEST_CASE("the shipped SLA rules: defaults from DOMAIN.md", "[sla]") {
    CHECK(rules().version == "sla-2025-v1");
    CHECK(rules().effective_from == Date{2025, 1, 1});
    REQUIRE(rules().rules.size() == 6);

    const SlaRule& review = rule("review_24h");
    CHECK(review.kind == SlaTargetKind::Elapsed);
    CHECK(review.target_seconds == 24 * kHour);
    CHECK(review.counting == SlaCounting::Workdays);
    CHECK(review.uses_calendar());
    CHECK(review.starts_on == "completed");
    CHECK(review.stops_on == "reviewed");
    CHECK(rule("callback_24h").target_seconds == 24 * kHour);
    CHECK(rule("callback_24h").pausable);
    CHECK(rule("community_data_48h").target_seconds == 48 * kHour);
    CHECK(rule("problem_same_day").kind == SlaTargetKind::SameDay);
    CHECK(rule("complaint_same_day").applies_to_type(OrderType::Complaint));
    CHECK_FALSE(rule("complaint_same_day").applies_to_type(OrderType::Booking));
    const SlaRule& sos = rule("emergency_30s");
    CHECK(sos.target_seconds == 30);
    CHECK(sos.counting == SlaCounting::Wall);
    CHECK_FALSE(sos.uses_calendar());
    CHECK(sos.stops_on == "dispatched");

    // Round trip keeps every rule.
    const SlaRuleSet back = json(rules()).get<SlaRuleSet>();
    REQUIRE(back.rules.size() == rules().rules.size());
    for (std::size_t i = 0; i < back.rules.size(); ++i) {
        CHECK(back.rules[i].code == rules().rules[i].code);
        CHECK(back.rules[i].target_seconds == rules().rules[i].target_seconds);
        CHECK(back.rules[i].counting == rules().rules[i].counting);
        CHECK(back.rules[i].due_soon_seconds == rules().rules[i].due_soon_seconds);
    }
}

TEST_CASE("24 h on workdays: plain weeks and weekends", "[sla]") {
    const SlaRule& r = rule("review_24h");
    REQUIRE(iso_weekday(Date{2026, 11, 20}) == 5);
    CHECK(due(r, "2026-11-19T10:00:00") == "2026-11-20T10:00:00");   // Thursday -> Friday
    CHECK(due(r, "2026-11-20T17:00:00") == "2026-11-23T17:00:00");   // Friday 17:00 -> Monday 17:00
    CHECK(due(r, "2026-11-21T10:00:00") == "2026-11-24T00:00:00");   // Saturday: counts from Monday 00:00
    CHECK(due(r, "2026-11-22T23:59:59") == "2026-11-24T00:00:00");   // Sunday night, same
    CHECK(due(r, "2026-11-23T00:00:00") == "2026-11-24T00:00:00");   // Monday midnight
}

TEST_CASE("24 h and 48 h across the 2026 Spring Festival (2/15-2/23, make-up 2/14 and 2/28)", "[sla]") {
    const SlaRule& r = rule("review_24h");
    REQUIRE(iso_weekday(Date{2026, 2, 14}) == 6);
    CHECK(due(r, "2026-02-13T17:00:00") == "2026-02-14T17:00:00");   // Friday -> make-up Saturday
    CHECK(due(r, "2026-02-14T10:00:00") == "2026-02-24T10:00:00");   // make-up Saturday -> after the holiday
    CHECK(due(r, "2026-02-18T09:00:00") == "2026-02-25T00:00:00");   // in the holiday: counts from 2/24 00:00
    CHECK(due(r, "2026-02-15T00:00:00") == "2026-02-25T00:00:00");   // first holiday day
    CHECK(due(r, "2026-02-23T23:00:00") == "2026-02-25T00:00:00");   // last holiday day
    CHECK(due(r, "2026-02-27T17:00:00") == "2026-02-28T17:00:00");   // Friday -> make-up Saturday 2/28
    CHECK(due(r, "2026-02-28T17:00:00") == "2026-03-02T17:00:00");   // make-up Saturday -> Monday
    const SlaRule& data = rule("community_data_48h");
    CHECK(due(data, "2026-02-12T12:00:00") == "2026-02-14T12:00:00");
    CHECK(due(data, "2026-02-13T09:00:00") == "2026-02-24T09:00:00");
}

TEST_CASE("24 h and 48 h across 2026 National Day (10/1-10/7, make-up 9/20 and 10/10)", "[sla]") {
    const SlaRule& r = rule("callback_24h");
    REQUIRE(iso_weekday(Date{2026, 9, 20}) == 7);
    REQUIRE(iso_weekday(Date{2026, 10, 10}) == 6);
    CHECK(due(r, "2026-09-30T17:00:00") == "2026-10-08T17:00:00");   // eve of the holiday -> 10/8
    CHECK(due(r, "2026-10-03T11:00:00") == "2026-10-09T00:00:00");   // in the holiday: counts from 10/8
    CHECK(due(r, "2026-09-19T10:00:00") == "2026-09-21T00:00:00");   // Saturday: make-up Sunday 9/20 counts
    CHECK(due(r, "2026-09-18T17:00:00") == "2026-09-20T17:00:00");   // Friday -> make-up Sunday
    CHECK(due(r, "2026-10-09T17:00:00") == "2026-10-10T17:00:00");   // Friday -> make-up Saturday 10/10
    CHECK(due(r, "2026-09-24T17:00:00") == "2026-09-28T17:00:00");   // Mid-Autumn 9/25-9/27
    const SlaRule& data = rule("community_data_48h");
    CHECK(due(data, "2026-10-09T09:00:00") == "2026-10-12T09:00:00");
    CHECK(due(data, "2026-09-29T12:00:00") == "2026-10-08T12:00:00");
}

TEST_CASE("2025 calendar: National Day and Mid-Autumn 10/1-10/8, make-up 9/28 and 10/11", "[sla]") {
    const SlaRule& r = rule("review_24h");
    CHECK(due(r, "2025-09-30T17:00:00") == "2025-10-09T17:00:00");
    CHECK(due(r, "2025-09-27T08:00:00") == "2025-09-29T00:00:00");   // Saturday -> make-up Sunday 9/28 counts
    CHECK(due(r, "2025-10-10T12:00:00") == "2025-10-11T12:00:00");   // Friday -> make-up Saturday
}

TEST_CASE("emergency: 30 seconds of wall-clock time, holidays included", "[sla]") {
    const SlaRule& r = rule("emergency_30s");
    const LocalSeconds start = t("2026-02-17T03:00:00");   // night, in the Spring Festival
    CHECK(due(r, "2026-02-17T03:00:00") == "2026-02-17T03:00:30");

    SlaClock c = compute_clock(r, cn(), start, {}, start + 25, start + 40);
    CHECK(c.state == SlaState::Met);
    CHECK(c.consumed_seconds == 25);
    CHECK(c.remaining_seconds == 5);
    c = compute_clock(r, cn(), start, {}, start + 30, start + 40);
    CHECK(c.state == SlaState::Met);   // exactly on time
    c = compute_clock(r, cn(), start, {}, start + 31, start + 40);
    CHECK(c.state == SlaState::Breached);
    c = compute_clock(r, cn(), start, {}, std::nullopt, start + 10);
    CHECK(c.state == SlaState::Running);
    CHECK(c.remaining_seconds == 20);
    c = compute_clock(r, cn(), start, {}, std::nullopt, start + 21);
    CHECK(c.state == SlaState::DueSoon);
    c = compute_clock(r, cn(), start, {}, std::nullopt, start + 45);
    CHECK(c.state == SlaState::Breached);
    CHECK(c.remaining_seconds == -15);
    CHECK(c.seconds_to_due == -15);
    // Not pausable: a pause changes nothing.
    c = compute_clock(r, cn(), start, {Pause{start + 5, start + 20}}, std::nullopt, start + 10);
    CHECK(c.due_at == start + 30);
    CHECK(c.state == SlaState::Running);
}

TEST_CASE("same day (不过夜): due 23:59:59 of the day it started", "[sla]") {
    const SlaRule& r = rule("complaint_same_day");
    CHECK(due(r, "2026-02-17T10:00:00") == "2026-02-17T23:59:59");   // holidays too: wall counting
    CHECK(due(r, "2026-11-23T00:00:00") == "2026-11-23T23:59:59");
    const LocalSeconds start = t("2026-11-23T10:00:00");
    SlaClock c = compute_clock(r, cn(), start, {}, std::nullopt, t("2026-11-23T15:00:00"));
    CHECK(c.state == SlaState::Running);
    CHECK(c.consumed_seconds == 5 * kHour);
    c = compute_clock(r, cn(), start, {}, std::nullopt, t("2026-11-23T22:30:00"));
    CHECK(c.state == SlaState::DueSoon);
    CHECK(c.remaining_seconds == 5399);
    c = compute_clock(r, cn(), start, {}, t("2026-11-23T23:59:59"), t("2026-11-24T09:00:00"));
    CHECK(c.state == SlaState::Met);
    c = compute_clock(r, cn(), start, {}, t("2026-11-24T00:00:00"), t("2026-11-24T09:00:00"));
    CHECK(c.state == SlaState::Breached);
    c = compute_clock(r, cn(), start, {}, std::nullopt, t("2026-11-24T00:00:01"));
    CHECK(c.state == SlaState::Breached);

    // A bureau may make the same-day rule count workdays: started on a holiday, due the next workday's end.
    SlaRule wd = r;
    wd.counting = SlaCounting::Workdays;
    CHECK(due(wd, "2026-02-21T10:00:00") == "2026-02-24T23:59:59");
    CHECK(due(wd, "2026-02-14T10:00:00") == "2026-02-14T23:59:59");   // make-up Saturday is a workday
}

TEST_CASE("pauses (waiting on the elder) extend the due time", "[sla]") {
    const SlaRule& r = rule("callback_24h");
    REQUIRE(r.pausable);
    const LocalSeconds start = t("2026-11-23T10:00:00");   // Monday
    CHECK(due(r, "2026-11-23T10:00:00", {Pause{t("2026-11-23T14:00:00"), t("2026-11-23T16:00:00")}}) ==
          "2026-11-24T12:00:00");
    // A pause over a weekend only gives back the workday seconds it covered (Fri 20-24 h, Mon 0-2 h).
    CHECK(due(r, "2026-11-20T17:00:00", {Pause{t("2026-11-20T20:00:00"), t("2026-11-23T02:00:00")}}) ==
          "2026-11-23T23:00:00");
    // Unsorted, overlapping, and partly before the start.
    CHECK(due(r, "2026-11-23T10:00:00",
              {Pause{t("2026-11-23T15:00:00"), t("2026-11-23T16:00:00")},
               Pause{t("2026-11-23T08:00:00"), t("2026-11-23T11:00:00")},
               Pause{t("2026-11-23T14:30:00"), t("2026-11-23T15:30:00")}}) == "2026-11-24T12:30:00");

    // Still paused: state paused, consumed frozen, due as if resumed now.
    SlaClock c = compute_clock(r, cn(), start, {Pause{t("2026-11-23T12:00:00"), std::nullopt}}, std::nullopt,
                               t("2026-11-23T15:00:00"));
    CHECK(c.state == SlaState::Paused);
    CHECK(c.consumed_seconds == 2 * kHour);
    CHECK(c.remaining_seconds == 22 * kHour);
    CHECK(format_timestamp(c.due_at) == "2026-11-24T13:00:00");

    // A rule that is not pausable ignores pauses.
    CHECK(due(rule("review_24h"), "2026-11-23T10:00:00",
              {Pause{t("2026-11-23T14:00:00"), t("2026-11-23T16:00:00")}}) == "2026-11-24T10:00:00");
}

TEST_CASE("consumed business time, remaining time and states over a weekend", "[sla]") {
    const SlaRule& r = rule("review_24h");
    const LocalSeconds start = t("2026-11-20T17:00:00");   // Friday
    SlaClock c = compute_clock(r, cn(), start, {}, std::nullopt, t("2026-11-21T12:00:00"));   // Saturday noon
    CHECK(c.consumed_seconds == 7 * kHour);
    CHECK(c.remaining_seconds == 17 * kHour);
    CHECK(c.seconds_to_due == 53 * kHour);
    CHECK(c.state == SlaState::Running);
    c = compute_clock(r, cn(), start, {}, std::nullopt, t("2026-11-23T15:30:00"));
    CHECK(c.consumed_seconds == 22 * kHour + 1800);
    CHECK(c.state == SlaState::DueSoon);   // 1.5 h left <= 2 h
    c = compute_clock(r, cn(), start, {}, std::nullopt, t("2026-11-23T18:00:00"));
    CHECK(c.state == SlaState::Breached);
    CHECK(c.remaining_seconds == -kHour);
    c = compute_clock(r, cn(), start, {}, t("2026-11-23T16:00:00"), t("2026-11-25T09:00:00"));
    CHECK(c.state == SlaState::Met);
    CHECK(c.consumed_seconds == 23 * kHour);
    CHECK(c.stopped_at == t("2026-11-23T16:00:00"));
    // Consumed time across Spring Festival: Fri 2/13 12:00 to Tue 2/24 12:00 = 12 + 24 (2/14) + 12 hours.
    CHECK(counted_seconds(r, cn(), t("2026-02-13T12:00:00"), t("2026-02-24T12:00:00")) == 48 * kHour);
    CHECK(counted_seconds(r, cn(), t("2026-02-24T12:00:00"), t("2026-02-13T12:00:00")) == 0);
    const json j = c;
    CHECK(j["state"] == "met");
    CHECK(j["due_at"] == "2026-11-23T17:00:00");
    CHECK(std::string(label_zh(SlaState::Breached)) == "已超时");
}

TEST_CASE("business hours on workdays (optional counting)", "[sla]") {
    json j = load_json("assets/rules/sla-rules.json");
    j["version"] = "test-bh";
    j["rules"] = json::array({json::parse(R"({"code": "visit_8h", "name": "8个工作小时内上门",
        "starts_on": "accepted", "stops_on": "started", "target": {"kind": "elapsed", "seconds": 28800},
        "counting": "business_hours", "business_hours": {"open": "08:30", "close": "17:30"}, "pausable": true})")});
    const SlaRuleSet set = j.get<SlaRuleSet>();
    const SlaRule& r = set.rules.at(0);
    CHECK(r.open_minute == 510);
    CHECK(r.close_minute == 1050);
    CHECK(due(r, "2026-11-20T16:00:00") == "2026-11-23T15:00:00");   // Fri 1.5 h + Mon 6.5 h
    CHECK(due(r, "2026-11-19T07:00:00") == "2026-11-19T16:30:00");   // before opening: from 08:30
    CHECK(due(r, "2026-02-13T17:00:00") == "2026-02-14T16:00:00");   // make-up Saturday has hours too
    CHECK(json(set)["rules"][0]["business_hours"]["open"] == "08:30");
}

TEST_CASE("rule sets by effective date", "[sla]") {
    SlaRuleSet a = rules();
    SlaRuleSet b = rules();
    b.version = "sla-2026-v2";
    b.effective_from = Date{2026, 7, 1};
    const std::vector<SlaRuleSet> sets{b, a};
    CHECK(rule_set_in_force(sets, Date{2026, 6, 30})->version == "sla-2025-v1");
    CHECK(rule_set_in_force(sets, Date{2026, 7, 1})->version == "sla-2026-v2");
    CHECK(rule_set_in_force(sets, Date{2024, 12, 31}) == nullptr);
    CHECK(a.find("nope") == nullptr);
}

TEST_CASE("SLA rule loader: clear errors naming the set, the rule and the field", "[sla]") {
    // Chinese (they reach administrators on 规则管理), the location as JSON paths and ASCII-quoted field names.
    using Catch::Contains;
    using test::load_error;
    const json good = load_json("assets/rules/sla-rules.json");
    json bad = good;
    bad["rules"][2]["counting"] = "work_days";
    CHECK(load_error<SlaRuleSet>(bad) ==
          "SLA 规则 \"sla-2025-v1\"，rules[2]（callback_24h）：字段 \"counting\" 应为 wall、workdays、business_hours "
          "之一，实际为 \"work_days\"");
    bad = good;
    bad["rules"][1]["target"] = json{{"kind", "elapsed"}};
    CHECK_THAT(load_error<SlaRuleSet>(bad),
               Contains("rules[1]（review_24h），target：缺少字段 \"seconds\"（kind 为 elapsed 时必填）"));
    bad = good;
    bad["rules"][1]["target"]["seconds"] = 0;
    CHECK_THAT(load_error<SlaRuleSet>(bad), Contains("target：字段 \"seconds\" 应在 1 到 31622400 之间，实际为 0"));
    bad = good;
    bad["rules"][1]["target"]["seconds"] = 1.5;
    CHECK_THAT(load_error<SlaRuleSet>(bad), Contains("target：字段 \"seconds\" 应为整数，实际为 1.5"));
    bad = good;
    bad["rules"][1]["name"] = 5;
    CHECK_THAT(load_error<SlaRuleSet>(bad), Contains("rules[1]（review_24h）：字段 \"name\" 应为文本，实际为数字"));
    bad = good;
    bad["rules"][1]["pausable"] = "yes";
    CHECK_THAT(load_error<SlaRuleSet>(bad), Contains("字段 \"pausable\" 应为 true 或 false，实际为 \"yes\""));
    bad = good;
    bad["rules"][0]["pausible"] = true;
    CHECK_THAT(load_error<SlaRuleSet>(bad), Contains("rules[0]（emergency_30s）：未知字段 \"pausible\"（是否拼写错误？）"));
    bad = good;
    bad["rules"][3]["code"] = "review_24h";
    CHECK_THAT(load_error<SlaRuleSet>(bad), Contains("rules[3]：规则代码 \"review_24h\" 重复出现"));
    bad = good;
    bad["rules"][0]["applies_to"] = json::array({"sos"});
    CHECK_THAT(load_error<SlaRuleSet>(bad), Contains("字段 \"applies_to\" 中的 applies_to[0] 不是工单类型代码：\"sos\""));
    bad = good;
    bad["rules"][0]["business_hours"] = json{{"open", "08:30"}, {"close", "17:30"}};
    CHECK_THAT(load_error<SlaRuleSet>(bad), Contains("字段 \"business_hours\" 只能与 counting business_hours 一起使用"));
    bad = good;
    bad["rules"][0]["counting"] = "business_hours";
    bad["rules"][0]["business_hours"] = json{{"open", "8:30"}, {"close", "17:30"}};
    CHECK_THAT(load_error<SlaRuleSet>(bad),
               Contains("business_hours：字段 \"open\" 应为 HH:MM 格式的时刻（00:00–24:00），实际为 \"8:30\""));
    bad["rules"][0]["business_hours"] = json{{"open", "18:00"}, {"close", "17:30"}};
    CHECK_THAT(load_error<SlaRuleSet>(bad), Contains("字段 \"close\" 应晚于 \"open\"，实际为 17:30，不晚于 18:00"));
    bad = good;
    bad["rules"][0]["target"]["kind"] = "hours";
    CHECK_THAT(load_error<SlaRuleSet>(bad), Contains("target：字段 \"kind\" 应为 elapsed、same_day 之一，实际为 \"hours\""));
    bad = good;
    bad["rules"] = json::object();
    CHECK(load_error<SlaRuleSet>(bad) == "SLA 规则 \"sla-2025-v1\"：字段 \"rules\" 应为列表，实际为对象");
    bad = good;
    bad.erase("effective_from");
    CHECK(load_error<SlaRuleSet>(bad) == "SLA 规则 \"sla-2025-v1\"：缺少字段 \"effective_from\"");
    bad = good;
    bad.erase("version");
    CHECK(load_error<SlaRuleSet>(bad) == "SLA 规则：缺少字段 \"version\"");
    CHECK(load_error<SlaRuleSet>(json::array()) == "SLA 规则：规则内容应为 JSON 对象，实际为列表");
}

TEST_CASE("an order is overdue only while a breached clock is still running", "[sla]") {
    SlaClock running_late;
    running_late.state = SlaState::Breached;
    SlaClock stopped_late = running_late;
    stopped_late.stopped_at = LocalSeconds{1000};
    SlaClock on_time;
    on_time.state = SlaState::Running;
    CHECK_FALSE(is_overdue({}));
    CHECK_FALSE(is_overdue({on_time}));
    CHECK_FALSE(is_overdue({stopped_late, on_time}));
    CHECK(is_overdue({on_time, running_late}));
}

TEST_CASE("counted seconds over long spans equal the day-by-day sum (workdays, shipped calendar)", "[sla]") {
    const WorkCalendar cal = yiyang::test::load_json("assets/rules/calendar-cn.json").get<WorkCalendar>();
    SlaRule rule;
    rule.code = "r";
    rule.kind = SlaTargetKind::Elapsed;
    rule.target_seconds = 86400;
    rule.counting = SlaCounting::Workdays;
    yiyang::Rng rng(7);
    const LocalSeconds lo = start_of(Date{2025, 1, 1});
    for (int i = 0; i < 500; ++i) {
        const LocalSeconds from = lo + static_cast<LocalSeconds>(rng.next() % (600ULL * 86400));
        const LocalSeconds to = from + static_cast<LocalSeconds>(rng.next() % (400ULL * 86400));
        // Reference: each day's workday part, clipped to [from, to).
        std::int64_t expected = 0;
        for (LocalSeconds day = start_of(date_of(from)); day < to; day += 86400) {
            if (!cal.is_workday(date_of(day))) continue;
            expected += std::max<LocalSeconds>(0, std::min(to, day + 86400) - std::max(from, day));
        }
        INFO(format_timestamp(from) << " .. " << format_timestamp(to));
        REQUIRE(counted_seconds(rule, cal, from, to) == expected);
    }
}

TEST_CASE("the SOS answer window is the emergency rule's, from the data", "[sla]") {
    yiyang::SlaRuleSet set = rules();
    REQUIRE(yiyang::emergency_answer_seconds(set) == std::optional<std::int64_t>(30));
    // A new version with a 20-second window answers 20; a set without an emergency rule has no window.
    for (auto& r : set.rules) if (r.code == "emergency_30s") r.target_seconds = 20;
    CHECK(yiyang::emergency_answer_seconds(set) == std::optional<std::int64_t>(20));
    set.rules.erase(std::remove_if(set.rules.begin(), set.rules.end(),
                                   [](const yiyang::SlaRule& r) { return r.code == "emergency_30s"; }),
                    set.rules.end());
    CHECK_FALSE(yiyang::emergency_answer_seconds(set));
}

}  // namespace test_sla
