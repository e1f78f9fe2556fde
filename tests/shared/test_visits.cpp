// Exhibition-hall visits and open days (visits.hpp, visit_kpi.hpp): the seed rule, the request validation with its
// Chinese messages per field, the capacity arithmetic, the codes, and 参观接待率 / 组织开放日活动.
#include <catch2/catch.hpp>

#include <set>

#include "support.hpp"
#include "yiyang/rule_registry.hpp"
#include "yiyang/visit_kpi.hpp"
#include "yiyang/visits.hpp"
#include "yiyang/wire/visits.hpp"

namespace test_visits {

using namespace yiyang;
using namespace yiyang::visits;
using nlohmann::json;

namespace {
VisitRule seed_rule() { return test::load_json("assets/rules/exhibition-visits.json").get<VisitRule>(); }
const FieldError* field(const std::vector<FieldError>& e, const std::string& name) {
    for (const auto& f : e)
        if (f.field == name) return &f;
    return nullptr;
}
KpiTarget target(const std::string& code) {
    const auto set = test::load_json("assets/rules/kpi-targets.json").get<KpiTargetSet>();
    const KpiTarget* t = set.find(code);
    REQUIRE(t != nullptr);
    return *t;
}
json booking(std::int64_t visitors = 20) {
    return {{"slot_id", 3}, {"organisation", "中山市实验小学"}, {"visitors", visitors}, {"contact_name", "李老师"},
            {"contact_phone", "13800138000"}, {"purpose", "社会实践"}};
}
}  // namespace

TEST_CASE("visits: the seed rule and its registry kind", "[visits]") {
    const VisitRule r = seed_rule();
    CHECK(r.version == "visits-2026-v1");
    CHECK(r.slot_minutes == 60);
    CHECK(r.opens_at_minute == 9 * 60);
    CHECK(r.closes_at_minute == 17 * 60);
    CHECK(r.open_day_max_people == 4);
    CHECK(r.code_length == 6);
    CHECK(r.rounding == Rounding::HalfUp);
    const RuleKind* k = find_rule_kind("exhibition_visits");
    REQUIRE(k != nullptr);
    CHECK(k->seed_file == "exhibition-visits.json");
    CHECK(k->canonical(k->parse(test::load_json("assets/rules/exhibition-visits.json")))["slot_minutes"] == 60);
    // Bad data names the field.
    json bad = test::load_json("assets/rules/exhibition-visits.json");
    bad["slot_minutes"] = 5;
    CHECK_THAT(test::load_error<VisitRule>(bad), Catch::Contains("slot_minutes"));
    bad = test::load_json("assets/rules/exhibition-visits.json");
    bad["closes_at"] = "25:00";
    CHECK_THAT(test::load_error<VisitRule>(bad), Catch::Contains("closes_at"));
    bad = test::load_json("assets/rules/exhibition-visits.json");
    bad["rounding"] = "up";
    CHECK_THAT(test::load_error<VisitRule>(bad), Catch::Contains("rounding"));
    bad = test::load_json("assets/rules/exhibition-visits.json");
    bad["extra"] = 1;
    CHECK_THAT(test::load_error<VisitRule>(bad), Catch::Contains("extra"));
    bad = test::load_json("assets/rules/exhibition-visits.json");
    bad["group_max_visitors"] = 1;
    CHECK_THAT(test::load_error<VisitRule>(bad), Catch::Contains("group_max_visitors"));
}

TEST_CASE("visits: capacity arithmetic — the last seats", "[visits]") {
    CHECK(seats_left(30, 0) == 30);
    CHECK(seats_left(30, 28) == 2);
    CHECK(seats_left(30, 30) == 0);
    CHECK(seats_left(30, 35) == 0);   // a capacity cut below what is held shows 0, never negative
    CHECK(fits(30, 28, 2));
    CHECK_FALSE(fits(30, 28, 3));
    CHECK_FALSE(fits(30, 30, 1));
    CHECK_FALSE(fits(30, 0, 0));
    CHECK(holds_seats(BookingStatus::Approved));
    CHECK(holds_seats(BookingStatus::Received));
    CHECK(holds_seats(BookingStatus::NoShow));
    CHECK_FALSE(holds_seats(BookingStatus::Requested));   // a request holds no seats (visits.hpp says why)
    CHECK_FALSE(holds_seats(BookingStatus::Declined));
    CHECK_FALSE(holds_seats(BookingStatus::Cancelled));
}

TEST_CASE("visits: the status changes allowed", "[visits]") {
    using S = BookingStatus;
    CHECK(may_change(S::Requested, S::Approved));
    CHECK(may_change(S::Requested, S::Declined));
    CHECK(may_change(S::Approved, S::Received));
    CHECK(may_change(S::Approved, S::NoShow));
    CHECK(may_change(S::Approved, S::Cancelled));
    CHECK_FALSE(may_change(S::Requested, S::Received));   // only an approved visit is checked in
    CHECK_FALSE(may_change(S::Received, S::Received));
    CHECK_FALSE(may_change(S::Declined, S::Approved));
    CHECK_FALSE(may_change(S::Approved, S::Declined));
    for (S s : {S::Requested, S::Approved, S::Declined, S::Received, S::NoShow, S::Cancelled})
        CHECK(parse_booking_status(code(s)) == s);
    CHECK(std::string(label_zh(S::Received)) == "已接待");
    CHECK_FALSE(parse_booking_status("done"));
    CHECK(parse_registration_status("received") == RegistrationStatus::Received);
}

TEST_CASE("visits: codes are short, unambiguous and typed back", "[visits]") {
    const auto& a = code_alphabet();
    CHECK(a.size() == 30);
    for (char c : std::string("01OILU")) CHECK(a.find(c) == std::string::npos);
    const std::string code = make_code({0, 1, 29, 30, 59, 1000}, 6);
    CHECK(code == std::string{a[0], a[1], a[29], a[0], a[29], a[1000 % 30]});
    CHECK_THROWS(make_code({1, 2}, 6));
    CHECK(normalise_code("ab2-c3 d", 6) == std::optional<std::string>("AB2C3D"));
    CHECK_FALSE(normalise_code("AB2C3", 6));       // too short
    CHECK_FALSE(normalise_code("AB2C3DE", 6));     // too long
    CHECK_FALSE(normalise_code("AB0C3D", 6));      // 0 is not in the alphabet
    std::set<std::string> seen;
    std::uint32_t x = 12345;   // a plain LCG as the random source
    const auto next = [&x] { return x = x * 1664525u + 1013904223u; };
    for (int i = 0; i < 200; ++i) seen.insert(make_code({next(), next(), next(), next(), next(), next()}, 6));
    CHECK(seen.size() > 150);
}

TEST_CASE("visits: a group booking is validated field by field in Chinese", "[visits]") {
    const VisitRule r = seed_rule();
    GroupBookingInput in;
    CHECK(group_booking_from_json(booking(), in, r).empty());
    CHECK(in.visitors == 20);
    CHECK(in.organisation == "中山市实验小学");

    auto e = group_booking_from_json(booking(61), in, r);
    REQUIRE(field(e, "visitors"));
    CHECK(field(e, "visitors")->message_zh == "参观人数应在 2 到 60 人之间，实际为 61");

    json j = booking();
    j["contact_phone"] = "12345";
    j["organisation"] = "校";
    j.erase("contact_name");
    j["color"] = "red";
    e = group_booking_from_json(j, in, r);
    REQUIRE(field(e, "contact_phone"));
    CHECK_THAT(field(e, "contact_phone")->message_zh, Catch::StartsWith("联系人手机号："));
    REQUIRE(field(e, "organisation"));
    CHECK(field(e, "organisation")->message_zh == "单位名称至少 2 个字");
    REQUIRE(field(e, "contact_name"));
    CHECK(field(e, "contact_name")->message_zh == "请填写联系人姓名");
    REQUIRE(field(e, "color"));
    CHECK(field(e, "color")->code == "unknown");

    j = booking();
    j["purpose"] = std::string(201 * 3, 'x');
    e = group_booking_from_json(j, in, r);
    REQUIRE(field(e, "purpose"));
    CHECK(field(e, "purpose")->code == "too_long");
    j = booking();
    j["organisation"] = "学校\n名称";
    CHECK(field(group_booking_from_json(j, in, r), "organisation"));
    CHECK(field(group_booking_from_json(json::array(), in, r), ""));

    // The day against notice (1 day) and horizon (60 days).
    const Date today{2026, 12, 6};
    CHECK(validate_booking_day(Date{2026, 12, 7}, r, today).empty());
    CHECK(validate_booking_day(Date{2027, 2, 4}, r, today).empty());
    e = validate_booking_day(Date{2026, 12, 6}, r, today);
    REQUIRE(e.size() == 1);
    CHECK(e[0].message_zh == "参观需至少提前 1 天预约（最早可约 2026-12-07）");
    e = validate_booking_day(Date{2027, 2, 5}, r, today);
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == "too_far");
}

TEST_CASE("visits: slots follow the rule's length and hours", "[visits]") {
    const VisitRule r = seed_rule();
    const Date today{2026, 12, 6};
    SlotInput s;
    REQUIRE(slot_from_json({{"day", "2026-12-08"}, {"start", "09:00"}, {"end", "10:00"}, {"capacity", 40}}, s).empty());
    CHECK(s.start_minute == 540);
    CHECK(validate_slot(s, r, today).empty());
    REQUIRE(slot_from_json({{"day", "2026-12-08"}, {"start", "16:30"}, {"end", "18:00"}, {"capacity", 40}}, s).empty());
    auto e = validate_slot(s, r, today);
    CHECK(field(e, "start"));
    REQUIRE(field(e, "end"));
    CHECK(field(e, "end")->message_zh == "时段长度应为 60 分钟（16:30–18:00）");
    e = slot_from_json({{"day", "2026-13-08"}, {"start", "9:00"}, {"end", "10:00"}, {"capacity", 0}}, s);
    CHECK(field(e, "day"));
    REQUIRE(field(e, "start"));
    CHECK(field(e, "start")->code == "too_short");
    CHECK(field(e, "capacity"));
    REQUIRE(slot_from_json({{"day", "2026-12-05"}, {"start", "09:00"}, {"end", "10:00"}, {"capacity", 40}}, s).empty());
    CHECK(field(validate_slot(s, r, today), "day"));
    CHECK(parse_hhmm("23:59") == 1439);
    CHECK_FALSE(parse_hhmm("24:00"));
    CHECK(format_hhmm(570) == "09:30");
}

TEST_CASE("visits: open days and registrations", "[visits]") {
    const VisitRule r = seed_rule();
    OpenDayInput d;
    const json day = {{"title", "市民开放日"}, {"day", "2026-12-20"}, {"start", "09:30"}, {"end", "11:30"},
                      {"place", "智慧养老展示大厅"}, {"capacity", 50}, {"registration_opens", "2026-12-01"},
                      {"registration_closes", "2026-12-18"}};
    CHECK(open_day_from_json(day, d).empty());
    CHECK(d.capacity == 50);
    json bad = day;
    bad["registration_closes"] = "2026-12-21";
    bad["end"] = "09:00";
    auto e = open_day_from_json(bad, d);
    REQUIRE(field(e, "registration_closes"));
    CHECK(field(e, "registration_closes")->code == "after_event");
    CHECK(field(e, "end"));

    RegistrationInput g;
    CHECK(registration_from_json({{"open_day_id", 1}, {"name", "王小明"}, {"phone", "13900139000"}}, g, r).empty());
    CHECK(g.people == 1);
    e = registration_from_json({{"open_day_id", 1}, {"name", "王小明"}, {"phone", "13900139000"}, {"people", 5}}, g, r);
    REQUIRE(field(e, "people"));
    CHECK(field(e, "people")->message_zh == "报名人数应在 1 到 4 人之间，实际为 5");
    e = registration_from_json({{"open_day_id", "1"}, {"name", "王"}, {"phone", ""}}, g, r);
    CHECK(field(e, "open_day_id"));
    CHECK(field(e, "name"));
    REQUIRE(field(e, "phone"));
    CHECK(field(e, "phone")->message_zh == "请填写手机号");

    CHECK_FALSE(registration_closed_reason(Date{2026, 12, 1}, Date{2026, 12, 18}, Date{2026, 12, 18}));
    CHECK(registration_closed_reason(Date{2026, 12, 1}, Date{2026, 12, 18}, Date{2026, 11, 30}) ==
          std::optional<std::string>("报名尚未开始（2026-12-01 开始报名）"));
    CHECK(registration_closed_reason(Date{2026, 12, 1}, Date{2026, 12, 18}, Date{2026, 12, 19}) ==
          std::optional<std::string>("报名已截止（截止日期 2026-12-18）"));

    std::string reason;
    CHECK(field(reason_from_json(json::object(), reason, true), "reason"));
    CHECK(reason_from_json({{"reason", "当日展厅检修"}}, reason, true).empty());
    CHECK(reason == "当日展厅检修");
}

TEST_CASE("visits: 参观接待率 = received / approved, judged after the visit day", "[visits][kpi]") {
    const VisitRule r = seed_rule();
    const Date today{2026, 12, 10};
    using S = BookingStatus;
    const std::vector<KpiBooking> bookings = {
        {1, {2026, 12, 1}, S::Received}, {2, {2026, 12, 2}, S::Received}, {3, {2026, 12, 3}, S::NoShow},
        {4, {2026, 12, 9}, S::Approved},    // day over, never checked in: a failure
        {5, {2026, 12, 10}, S::Approved},   // today: not judged yet
        {6, {2026, 12, 12}, S::Approved},   // to come
        {7, {2026, 12, 4}, S::Declined},  {8, {2026, 12, 4}, S::Cancelled}, {9, {2026, 12, 4}, S::Requested},
        {10, {2026, 12, 10}, S::Received},  // received today counts at once
    };
    const KpiResult k = compute_visit_kpi(target("exhibition_reception_rate"), bookings, {}, r, today);
    CHECK(k.value == Ratio{3, 5});
    CHECK(k.numerator_ids == std::vector<Id>{1, 2, 10});
    CHECK(k.denominator_ids == std::vector<Id>{1, 2, 3, 4, 10});
    CHECK(k.display == "60.00%");
    CHECK_FALSE(k.met);   // the target is 100 %
    CHECK(k.failure_count == 2);

    // Rounded once by the rule's rounding: 2/3 half-up 66.67 %, truncated 66.66 %.
    const std::vector<KpiBooking> thirds = {{1, {2026, 12, 1}, S::Received}, {2, {2026, 12, 1}, S::Received},
                                            {3, {2026, 12, 1}, S::NoShow}};
    CHECK(compute_visit_kpi(target("exhibition_reception_rate"), thirds, {}, r, today).display == "66.67%");
    VisitRule truncating = r;
    truncating.rounding = Rounding::Truncate;
    CHECK(compute_visit_kpi(target("exhibition_reception_rate"), thirds, {}, truncating, today).display == "66.66%");
    // All received: met.
    const std::vector<KpiBooking> all = {{1, {2026, 12, 1}, S::Received}};
    CHECK(compute_visit_kpi(target("exhibition_reception_rate"), all, {}, r, today).met);
    // No approved visit judged: no data, not met.
    const KpiResult none = compute_visit_kpi(target("exhibition_reception_rate"), {}, {}, r, today);
    CHECK_FALSE(none.value.defined());
    CHECK_FALSE(none.met);
    CHECK(none.display == "—");
}

TEST_CASE("visits: open days held count toward 组织开放日活动", "[visits][kpi]") {
    const VisitRule r = seed_rule();
    const Date today{2026, 12, 10};
    const std::vector<KpiOpenDay> days = {
        {1, {2026, 5, 1}, false, 0},    // over: held
        {2, {2026, 12, 10}, false, 3},  // today with check-ins: held
        {3, {2026, 12, 10}, false, 0},  // today, nobody in yet: not yet
        {4, {2026, 9, 1}, true, 0},     // cancelled
        {5, {2026, 12, 20}, false, 0},  // to come
    };
    const KpiResult k = compute_visit_kpi(target("open_days"), {}, days, r, today);
    CHECK(k.is_count);
    CHECK(k.value == Ratio{2, 1});
    CHECK(k.display == "2");
    CHECK(k.numerator_ids == std::vector<Id>{1, 2});
    CHECK(k.met);   // ≥ 2 场次
    CHECK_FALSE(compute_visit_kpi(target("open_days"), {}, {days[0]}, r, today).met);
    CHECK(target("open_days").source == KpiSource::Records);
    CHECK(target("exhibition_reception_rate").source == KpiSource::Records);
    CHECK(is_visit_kpi("open_days"));
    CHECK_FALSE(is_visit_kpi("response_rate"));
    CHECK_THROWS_AS(compute_visit_kpi(target("response_rate"), {}, {}, r, today), std::invalid_argument);
}

TEST_CASE("visits: wire replies round-trip", "[visits][wire]") {
    wire::VisitBoard b;
    b.from = "2026-12-06";
    b.to = "2026-12-19";
    wire::VisitSlotView s;
    s.id = 1;
    s.capacity = 40;
    s.bookings.push_back(wire::VisitBookingView{});
    s.bookings[0].contact_phone = "138****8000";
    s.bookings[0].contact_masked = true;
    b.slots.push_back(s);
    b.open_days.push_back(wire::OpenDayView{});
    test::round_trip(b);
    wire::ExhibitionSchedule sch;
    sch.days.push_back({"2026-12-06", "周日", {{"group", "09:00", "10:00", "实验小学", "<5", "展示大厅", 0}}});
    test::round_trip(sch);
    test::round_trip(wire::CheckInReply{"group", "AB2C3D", "received", "已接待", "实验小学", 20, "2026-12-06", "09:00",
                                        "10:00", "签到成功"});
}

}  // namespace test_visits
