// Tests for the KPIs (yiyang/kpi.hpp): the shipped target table, loader errors, each formula on hand-built
// orders and calls with known counts, exact met / not-met, empty periods, drill-down lists and the JSON shape.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "support.hpp"
#include "yiyang/visit_kpi.hpp"
#include "yiyang/kpi.hpp"
#include "yiyang/sla_kpi.hpp"

namespace test_kpi {

using namespace yiyang;
using nlohmann::json;

namespace {

KpiTargetSet shipped() { return yiyang::test::load_json("assets/rules/kpi-targets.json").get<KpiTargetSet>(); }

// The shipped SLA rules (emergency_30s: the SOS answer window of 30 s) for every day.
const SlaRuleSet& shipped_sla_set() {
    static const SlaRuleSet set = yiyang::test::load_json("assets/rules/sla-rules.json").get<SlaRuleSet>();
    return set;
}
const SlaRulesOn shipped_sla = [](const Date&) -> const SlaRuleSet& { return shipped_sla_set(); };

const KpiTarget& target(const KpiTargetSet& set, const char* c) {
    const KpiTarget* t = set.find(c);
    REQUIRE(t != nullptr);
    return *t;
}

WorkOrder order(Id id, OrderType type, OrderStatus status, Channel channel = Channel::Hotline) {
    WorkOrder o;
    o.id = id;
    o.type = type;
    o.status = status;
    o.channel = channel;
    return o;
}

KpiTarget percent_target(const char* c, KpiComparison cmp, std::int64_t num) {
    KpiTarget t;
    t.code = c;
    t.name_zh = "测试";
    t.comparison = cmp;
    t.target = Ratio{num, 100};
    t.unit = "percent";
    t.period = "month";
    return t;
}

KpiCall call(Id id, bool inbound, LocalSeconds at, bool answered, std::string agent) {
    return KpiCall{id, inbound, at, answered, std::move(agent)};
}

json minimal_set() {
    return json::parse(R"({"version": "t1", "effective_from": "2026-02-01", "items": [
        {"code": "satisfaction", "item": 1, "name_zh": "服务满意率", "comparison": "ge",
         "target": {"num": 95, "den": 100}, "unit": "percent", "period": "month", "source": "records"},
        {"code": "trainings", "item": 2, "name_zh": "培训场次", "comparison": "ge", "target": 6,
         "unit": "count", "period": "project_year", "source": "entered"}]})");
}

}  // namespace

TEST_CASE("kpi: the shipped Zhongshan table covers all 19 rows with unique codes", "[kpi]") {
    KpiTargetSet set = shipped();
    CHECK(set.version == "zhongshan-2026-v4");
    REQUIRE(set.rows.size() == 19);
    for (const auto& t : set.items) {
        if (t.item > 0) CHECK(set.row(t.item));
    }
    CHECK(set.row(1)->category_zh == "养老服务需求响应与管理");
    CHECK(set.row(19)->category_zh == "养老服务分析与研究");
    CHECK(set.effective_from == Date{2026, 2, 1});
    std::set<int> rows;
    std::set<std::string> codes;
    for (const auto& t : set.items) {
        rows.insert(t.item);
        CHECK(codes.insert(t.code).second);
        CHECK_FALSE(t.name_zh.empty());
    }
    for (int row = 1; row <= 19; ++row) CHECK(rows.count(row) == 1);
    for (const char* c : {"response_rate", "satisfaction", "valid_complaint_rate", "demand_matching_rate",
                          "portal_acceptance_rate", "referral_callback_rate", "connection_rate",
                          "yearly_call_volume", "seats_per_workday", "trainings"}) {
        CHECK(set.find(c) != nullptr);
    }
    CHECK(target(set, "satisfaction").name_zh == "服务满意率");
    CHECK(target(set, "satisfaction").target == Ratio{95, 100});
    CHECK(target(set, "satisfaction").target_text() == "≥ 95%");
    CHECK(target(set, "valid_complaint_rate").target_text() == "＜ 2%");
    CHECK(target(set, "response_rate").target_text() == "= 100%");
    CHECK(target(set, "trainings").target == Ratio{6, 1});
    CHECK(target(set, "trainings").source == KpiSource::Entered);
    CHECK(target(set, "yearly_call_volume").target_text() == "≥ 20000");
    CHECK(target(set, "seats_per_workday").target.num == 2);
    CHECK(target(set, "posts_per_week").target_text() == "≥ 2 / 周");
    CHECK(target(set, "telephony_maintenance").target_text() == "按需开展");
    // Every computed code has a formula here.
    for (const auto& t : set.items) {
        if (t.source == KpiSource::Records)
            CHECK((is_order_kpi(t.code) || is_call_kpi(t.code) || is_sla_kpi(t.code) || visits::is_visit_kpi(t.code)));
    }
    // Round trip.
    json j = set;
    KpiTargetSet again = j.get<KpiTargetSet>();
    CHECK(json(again) == j);
}

TEST_CASE("kpi: loader errors name the item and the field", "[kpi]") {
    using yiyang::test::load_error;
    CHECK(load_error<KpiTargetSet>(minimal_set()) == "(no error)");

    json j = minimal_set();
    j["items"][0]["comparison"] = "gte";
    CHECK(load_error<KpiTargetSet>(j) ==
          "指标目标 \"t1\"，items[0]（satisfaction）：字段 \"comparison\" 应为 ge、gt、le、lt、eq 之一，实际为 \"gte\"");

    j = minimal_set();
    j["items"][1]["target"] = 6.5;
    CHECK_THAT(load_error<KpiTargetSet>(j),
               Catch::Contains("items[1]（trainings）：字段 \"target\" 在 unit 为 count 时应为不小于 0 的整数，实际为 6.5"));

    j = minimal_set();
    j["items"][0]["target"] = json{{"num", 101}, {"den", 100}};
    CHECK_THAT(load_error<KpiTargetSet>(j),
               Catch::Contains("items[0]（satisfaction）：字段 \"target\" 应满足 0 <= num <= den 且 den > 0，实际为 "
                               "{\"den\":100,\"num\":101}"));

    j = minimal_set();
    j["items"][1]["code"] = "satisfaction";
    CHECK_THAT(load_error<KpiTargetSet>(j), Catch::Contains("items[1]（satisfaction）：指标代码重复出现"));

    j = minimal_set();
    j["items"][0]["unti"] = "percent";
    CHECK_THAT(load_error<KpiTargetSet>(j), Catch::Contains("items[0]（satisfaction）：未知字段 \"unti\"（是否拼写错误？）"));

    j = minimal_set();
    j["items"][1].erase("name_zh");
    CHECK_THAT(load_error<KpiTargetSet>(j), Catch::Contains("items[1]（trainings）：缺少字段 \"name_zh\""));

    j = minimal_set();
    j["items"][0]["period"] = "week";
    CHECK_THAT(load_error<KpiTargetSet>(j),
               Catch::Contains("字段 \"period\" 应为 month、quarter、project_year 之一，实际为 \"week\""));

    j = minimal_set();
    j["items"] = "none";
    CHECK(load_error<KpiTargetSet>(j) == "指标目标 \"t1\"：字段 \"items\" 应为列表，实际为文本");
    j = minimal_set();
    j["effective_from"] = "2026-02-30";
    CHECK(load_error<KpiTargetSet>(j) == "指标目标 \"t1\"：字段 \"effective_from\" 应为 YYYY-MM-DD 格式的真实日期，实际为 \"2026-02-30\"");
    CHECK(load_error<KpiTargetSet>(json(nullptr)) == "指标目标：规则内容应为 JSON 对象，实际为空值");
}

TEST_CASE("kpi: comparisons are exact", "[kpi]") {
    const Ratio p95{95, 100};
    CHECK(kpi_met(Ratio{19, 20}, KpiComparison::Ge, p95));
    CHECK_FALSE(kpi_met(Ratio{189, 200}, KpiComparison::Ge, p95));   // 94.5 %
    CHECK(kpi_met(Ratio{1, 51}, KpiComparison::Lt, Ratio{2, 100}));   // 1.96 %
    CHECK_FALSE(kpi_met(Ratio{1, 50}, KpiComparison::Lt, Ratio{2, 100}));
    CHECK(kpi_met(Ratio{1, 50}, KpiComparison::Le, Ratio{2, 100}));
    CHECK(kpi_met(Ratio{7, 7}, KpiComparison::Eq, Ratio{100, 100}));
    CHECK_FALSE(kpi_met(Ratio{6, 7}, KpiComparison::Eq, Ratio{100, 100}));
    CHECK(kpi_met(Ratio{6, 1}, KpiComparison::Gt, Ratio{5, 1}));
    CHECK_FALSE(kpi_met(Ratio{0, 0}, KpiComparison::Ge, Ratio{0, 100}));   // no data is never met
    CHECK_FALSE(kpi_met(Ratio{0, 0}, KpiComparison::Lt, Ratio{2, 100}));
}

TEST_CASE("kpi: response rate and portal acceptance count handled orders", "[kpi]") {
    KpiTargetSet set = shipped();
    std::vector<WorkOrder> orders = {
        order(5, OrderType::Consultation, OrderStatus::AnsweredOnSpot),
        order(3, OrderType::Booking, OrderStatus::Dispatched, Channel::PublicPortal),
        order(9, OrderType::Booking, OrderStatus::Received, Channel::PublicPortal),
        order(1, OrderType::Referral, OrderStatus::Closed),
        order(7, OrderType::Booking, OrderStatus::Cancelled, Channel::PublicPortal),
        order(2, OrderType::Emergency, OrderStatus::Escalated),
        order(4, OrderType::Complaint, OrderStatus::Rectifying, Channel::PublicPortal),
    };
    KpiResult r = compute_order_kpi(target(set, "response_rate"), orders, shipped_sla);
    CHECK(r.value == Ratio{5, 7});
    CHECK(r.numerator_ids == std::vector<Id>{1, 2, 3, 4, 5});
    CHECK(r.denominator_ids == std::vector<Id>{1, 2, 3, 4, 5, 7, 9});
    CHECK(r.display == "71.43%");
    CHECK_FALSE(r.met);

    KpiResult p = compute_order_kpi(target(set, "portal_acceptance_rate"), orders, shipped_sla);
    CHECK(p.value == Ratio{2, 4});
    CHECK(p.numerator_ids == std::vector<Id>{3, 4});
    CHECK(p.denominator_ids == std::vector<Id>{3, 4, 7, 9});

    std::vector<WorkOrder> all_handled = {order(2, OrderType::Consultation, OrderStatus::Closed),
                                          order(1, OrderType::Booking, OrderStatus::Accepted)};
    KpiResult ok = compute_order_kpi(target(set, "response_rate"), all_handled, shipped_sla);
    CHECK(ok.display == "100.00%");
    CHECK(ok.met);
}

TEST_CASE("kpi: satisfaction counts answers 1..3 over answers 1..5", "[kpi]") {
    KpiTargetSet set = shipped();
    std::vector<WorkOrder> orders;
    for (Id id = 20; id >= 1; --id) {   // built in descending order: the lists still come out ascending
        WorkOrder o = order(id, OrderType::Booking, OrderStatus::Closed);
        o.satisfaction = id == 13 ? 4 : (id % 3) + 1;
        orders.push_back(o);
    }
    orders.push_back(order(21, OrderType::Booking, OrderStatus::Completed));   // not called back yet
    KpiResult r = compute_order_kpi(target(set, "satisfaction"), orders, shipped_sla);
    CHECK(r.value == Ratio{19, 20});
    CHECK(r.met);                       // 95 % meets ≥ 95 %
    CHECK(r.display == "95.00%");
    CHECK(r.denominator_ids.size() == 20);
    CHECK(r.denominator_ids.front() == 1);
    CHECK(r.denominator_ids.back() == 20);
    CHECK(std::is_sorted(r.numerator_ids.begin(), r.numerator_ids.end()));
    CHECK(std::find(r.numerator_ids.begin(), r.numerator_ids.end(), 13) == r.numerator_ids.end());

    // 189 / 200 = 94.5 % does not.
    std::vector<WorkOrder> many;
    for (Id id = 1; id <= 200; ++id) {
        WorkOrder o = order(id, OrderType::Booking, OrderStatus::CalledBack);
        o.satisfaction = id <= 189 ? 2 : 5;
        many.push_back(o);
    }
    KpiResult m = compute_order_kpi(target(set, "satisfaction"), many, shipped_sla);
    CHECK(m.value == Ratio{189, 200});
    CHECK(m.display == "94.50%");
    CHECK_FALSE(m.met);
}

TEST_CASE("kpi: valid complaint rate is valid complaints over requests handled", "[kpi]") {
    KpiTargetSet set = shipped();
    std::vector<WorkOrder> orders;
    for (Id id = 1; id <= 60; ++id) orders.push_back(order(id, OrderType::Consultation, OrderStatus::Closed));
    WorkOrder valid = order(61, OrderType::Complaint, OrderStatus::Rectifying);
    valid.complaint_valid = true;
    WorkOrder invalid = order(62, OrderType::Complaint, OrderStatus::Closed);
    invalid.complaint_valid = false;
    orders.push_back(valid);
    orders.push_back(invalid);
    orders.push_back(order(63, OrderType::Booking, OrderStatus::Received));   // not handled yet
    KpiResult r = compute_order_kpi(target(set, "valid_complaint_rate"), orders, shipped_sla);
    CHECK(r.value == Ratio{1, 62});
    CHECK(r.numerator_ids == std::vector<Id>{61});
    CHECK(r.met);   // 1.61 % < 2 %

    orders.resize(40);   // 40 consultations + the valid complaint: 1 / 41 = 2.44 %
    orders.push_back(valid);
    KpiResult worse = compute_order_kpi(target(set, "valid_complaint_rate"), orders, shipped_sla);
    CHECK(worse.value == Ratio{1, 41});
    CHECK(worse.display == "2.44%");
    CHECK_FALSE(worse.met);
}

TEST_CASE("kpi: demand matching and referral callback", "[kpi]") {
    KpiTargetSet set = shipped();
    std::vector<WorkOrder> orders = {
        order(1, OrderType::Booking, OrderStatus::Completed),
        order(2, OrderType::Referral, OrderStatus::CalledBack),
        order(3, OrderType::Emergency, OrderStatus::InService),
        order(4, OrderType::Referral, OrderStatus::Reviewed),
        order(5, OrderType::Consultation, OrderStatus::Closed),   // needs no provider
        order(6, OrderType::Referral, OrderStatus::Closed),
        order(7, OrderType::Referral, OrderStatus::Dispatched),
        order(8, OrderType::Referral, OrderStatus::Rectifying),
        order(9, OrderType::Referral, OrderStatus::Closed),
    };
    orders[5].satisfaction = 1;   // 6: closed after a callback
    orders[7].satisfaction = 5;   // 8: called back, unsatisfied
    // 9: closed without a callback answer
    KpiResult d = compute_order_kpi(target(set, "demand_matching_rate"), orders, shipped_sla);
    CHECK(d.value == Ratio{6, 8});
    CHECK(d.numerator_ids == std::vector<Id>{1, 2, 4, 6, 8, 9});
    CHECK(d.denominator_ids == std::vector<Id>{1, 2, 3, 4, 6, 7, 8, 9});
    CHECK(d.display == "75.00%");
    CHECK_FALSE(d.met);

    KpiResult c = compute_order_kpi(target(set, "referral_callback_rate"), orders, shipped_sla);
    CHECK(c.value == Ratio{3, 5});
    CHECK(c.numerator_ids == std::vector<Id>{2, 6, 8});
    CHECK(c.denominator_ids == std::vector<Id>{2, 4, 6, 8, 9});
    CHECK_FALSE(c.met);
}

TEST_CASE("kpi: no data is undefined, shown as a dash and not met", "[kpi]") {
    KpiTargetSet set = shipped();
    for (const char* c : {"response_rate", "satisfaction", "valid_complaint_rate", "demand_matching_rate",
                          "portal_acceptance_rate", "referral_callback_rate"}) {
        KpiResult r = compute_order_kpi(target(set, c), {}, shipped_sla);
        CHECK_FALSE(r.value.defined());
        CHECK(r.display == "—");
        CHECK_FALSE(r.met);
        CHECK(r.numerator_ids.empty());
        CHECK(r.denominator_ids.empty());
    }
    // Even "less than 2 %" is not met by an empty period.
    CHECK_FALSE(compute_order_kpi(percent_target("valid_complaint_rate", KpiComparison::Lt, 2), {}, shipped_sla).met);
    CHECK_THROWS_AS(compute_order_kpi(target(set, "trainings"), {}, shipped_sla), std::invalid_argument);
}

TEST_CASE("kpi: connection rate, call volume and seats per workday", "[kpi]") {
    KpiTargetSet set = shipped();
    WorkCalendar cal = yiyang::test::load_json("assets/rules/calendar-cn.json").get<WorkCalendar>();
    // Mon 2026-11-23 .. Sun 2026-11-29: five workdays.
    const LocalSeconds mon = start_of(Date{2026, 11, 23}) + 9 * 3600;
    const LocalSeconds day = 24 * 3600;
    std::vector<KpiCall> calls;
    Id next = 1;
    for (int d = 0; d < 5; ++d) {
        calls.push_back(call(next++, true, mon + d * day, true, "a01"));
        calls.push_back(call(next++, false, mon + d * day + 60, true, "a02"));
    }
    calls.push_back(call(next++, true, mon + 2 * day + 120, false, ""));   // 11: missed
    calls.push_back(call(next++, true, mon + 5 * day, true, "a03"));        // 12: Saturday

    KpiResult conn = compute_call_kpi(target(set, "connection_rate"), calls, Date{2026, 11, 23},
                                      Date{2026, 11, 29}, cal);
    CHECK(conn.value == Ratio{6, 7});
    CHECK(conn.denominator_ids == std::vector<Id>{1, 3, 5, 7, 9, 11, 12});
    CHECK(conn.numerator_ids == std::vector<Id>{1, 3, 5, 7, 9, 12});
    CHECK_FALSE(conn.met);

    KpiResult vol = compute_call_kpi(target(set, "yearly_call_volume"), calls, Date{2026, 11, 23},
                                     Date{2026, 11, 29}, cal);
    CHECK(vol.is_count);
    CHECK(vol.value == Ratio{12, 1});
    CHECK(vol.display == "12");
    CHECK(vol.numerator_ids.size() == 12);
    CHECK_FALSE(vol.met);

    KpiResult seats = compute_call_kpi(target(set, "seats_per_workday"), calls, Date{2026, 11, 23},
                                       Date{2026, 11, 29}, cal);
    CHECK(seats.value == Ratio{2, 1});
    CHECK(seats.met);
    CHECK(seats.numerator_ids == std::vector<Id>{1, 2});   // the first worst day

    // Friday with only one agent: the minimum decides.
    calls.erase(std::remove_if(calls.begin(), calls.end(), [](const KpiCall& c) { return c.id == 10; }),
                calls.end());
    KpiResult thin = compute_call_kpi(target(set, "seats_per_workday"), calls, Date{2026, 11, 23},
                                      Date{2026, 11, 29}, cal);
    CHECK(thin.value == Ratio{1, 1});
    CHECK(thin.numerator_ids == std::vector<Id>{9});
    CHECK_FALSE(thin.met);

    // A weekend-only range has no workday: no data.
    KpiResult none = compute_call_kpi(target(set, "seats_per_workday"), calls, Date{2026, 11, 28},
                                      Date{2026, 11, 29}, cal);
    CHECK_FALSE(none.value.defined());
    CHECK(none.display == "—");
    CHECK_FALSE(none.met);

    KpiResult empty = compute_call_kpi(target(set, "connection_rate"), {}, Date{2026, 11, 23},
                                       Date{2026, 11, 29}, cal);
    CHECK(empty.display == "—");
    CHECK_FALSE(empty.met);
}

TEST_CASE("kpi: entered figures and the result JSON shape", "[kpi]") {
    KpiTargetSet set = shipped();
    KpiResult t = make_kpi_result(target(set, "trainings"), Ratio{6, 1}, {}, {});
    CHECK(t.met);
    CHECK(t.display == "6");
    CHECK(t.target_text == "≥ 6");
    CHECK_FALSE(make_kpi_result(target(set, "trainings"), Ratio{5, 1}, {}, {}).met);

    json j = t;
    CHECK(j == json::parse(R"({"code": "trainings", "name_zh": "培训场次", "is_count": true, "value": 6,
        "display": "6", "target_text": "≥ 6", "met": true, "numerator_ids": [], "denominator_ids": [], "failure_count": null})"));

    KpiResult r = make_kpi_result(target(set, "satisfaction"), Ratio{19, 20}, {9, 3, 3, 1}, {4, 2});
    json k = r;
    CHECK(k["value"] == json{{"num", 19}, {"den", 20}});
    CHECK(k["display"] == "95.00%");
    CHECK(k["target_text"] == "≥ 95%");
    CHECK(k["met"] == true);
    CHECK(k["numerator_ids"] == json::array({1, 3, 9}));
    CHECK(k["denominator_ids"] == json::array({2, 4}));
    CHECK(json(make_kpi_result(target(set, "satisfaction"), Ratio{0, 0}, {}, {}))["display"] == "—");
}

TEST_CASE("kpi: emergencies answered within 30 s (Yingkou 3.1)", "[kpi]") {
    KpiTargetSet set = shipped();
    const KpiTarget& t = target(set, "emergency_answer_rate");
    CHECK(t.item == 0);
    CHECK(t.name_zh == "紧急求助30秒内应答率");
    CHECK(t.target_text() == "= 100%");
    CHECK(is_order_kpi("emergency_answer_rate"));

    const LocalSeconds created = *parse_timestamp("2026-11-23T09:00:00");
    auto sos = [&](Id id, OrderStatus s, std::optional<LocalSeconds> after) {
        WorkOrder o = order(id, OrderType::Emergency, s);
        o.created_at = created;
        if (after) {
            o.acknowledged_at = created + *after;
            o.acknowledged_by = 9;
        }
        return o;
    };
    std::vector<WorkOrder> orders = {
        sos(1, OrderStatus::Dispatched, 12),
        sos(2, OrderStatus::Closed, 30),              // exactly 30 s counts
        sos(3, OrderStatus::Dispatched, 31),          // one second late
        sos(4, OrderStatus::Received, std::nullopt),  // not answered
        sos(5, OrderStatus::Cancelled, 5),            // 误拨, still answered in time
        order(6, OrderType::Booking, OrderStatus::Received),   // not an emergency
    };
    KpiResult r = compute_order_kpi(t, orders, shipped_sla);
    CHECK(r.value == Ratio{3, 5});
    CHECK(r.numerator_ids == std::vector<Id>{1, 2, 5});
    CHECK(r.denominator_ids == std::vector<Id>{1, 2, 3, 4, 5});
    CHECK(r.display == "60.00%");
    CHECK_FALSE(r.met);

    // All answered in time: met; none in the period: no data, not met.
    std::vector<WorkOrder> good = {sos(1, OrderStatus::Dispatched, 12), sos(2, OrderStatus::Closed, 30)};
    CHECK(compute_order_kpi(t, good, shipped_sla).met);
    KpiResult none = compute_order_kpi(t, {order(6, OrderType::Booking, OrderStatus::Received)}, shipped_sla);
    CHECK(none.display == "—");
    CHECK_FALSE(none.met);
}

TEST_CASE("kpi: the emergency answer window is the SLA rule data of the order's day, not a constant", "[kpi][sla]") {
    KpiTargetSet set = shipped();
    const KpiTarget& t = target(set, "emergency_answer_rate");
    const LocalSeconds created = *parse_timestamp("2026-11-23T09:00:00");
    auto sos = [&](Id id, LocalSeconds after) {
        WorkOrder o = order(id, OrderType::Emergency, OrderStatus::Dispatched);
        o.created_at = created;
        o.acknowledged_at = created + after;
        return o;
    };
    const std::vector<WorkOrder> orders = {sos(1, 5), sos(2, 12), sos(3, 30), sos(4, 31), sos(5, 44)};
    // A rule set with the shipped rules but the emergency window set to `seconds`.
    auto with_window = [](std::int64_t seconds) {
        SlaRuleSet s = shipped_sla_set();
        for (auto& r : s.rules)
            if (r.code == "emergency_30s") r.target_seconds = seconds;
        REQUIRE(emergency_answer_seconds(s) == seconds);
        return s;
    };
    auto rate = [&](const SlaRuleSet& s) {
        return compute_order_kpi(t, orders, [&s](const Date&) -> const SlaRuleSet& { return s; });
    };
    CHECK(rate(shipped_sla_set()).numerator_ids == std::vector<Id>{1, 2, 3});
    const SlaRuleSet w45 = with_window(45), w10 = with_window(10);
    CHECK(rate(w45).value == Ratio{5, 5});
    CHECK(rate(w45).met);
    CHECK(rate(w10).numerator_ids == std::vector<Id>{1});
    // The deadline the banner shows (emergency_answer_due) is the one the indicator judges by.
    CHECK(emergency_answer_due(orders[0], w10) == created + 10);

    // Rule data per day: a new version from the 24th judges that day's emergencies only.
    WorkOrder next_day = sos(6, 40);
    next_day.created_at += 86400;
    next_day.acknowledged_at = next_day.created_at + 40;
    std::vector<WorkOrder> both = {sos(1, 40), next_day};
    const Date from = *parse_date("2026-11-24");
    auto r = compute_order_kpi(t, both, [&](const Date& d) -> const SlaRuleSet& { return d < from ? shipped_sla_set() : w45; });
    CHECK(r.numerator_ids == std::vector<Id>{6});
}

TEST_CASE("staffing is judged over the days that are over", "[kpi]") {
    // A finished period: its last day. A running one: yesterday. One that began today: nothing yet.
    CHECK(last_judged_day(Date{2026, 11, 30}, Date{2026, 12, 3}) == Date{2026, 11, 30});
    CHECK(last_judged_day(Date{2026, 12, 31}, Date{2026, 12, 3}) == Date{2026, 12, 2});
    CHECK(last_judged_day(Date{2026, 12, 31}, Date{2026, 12, 31}) == Date{2026, 12, 30});
    CHECK(last_judged_day(Date{2026, 12, 31}, Date{2027, 1, 1}) == Date{2026, 12, 31});

    KpiTargetSet set = shipped();
    WorkCalendar cal = yiyang::test::load_json("assets/rules/calendar-cn.json").get<WorkCalendar>();
    // Two agents on Tuesday 1 December; on Wednesday 2 December (today), nobody yet.
    const LocalSeconds tue = start_of(Date{2026, 12, 1}) + 10 * 3600;
    std::vector<KpiCall> calls = {{1, true, tue, true, "agent01"}, {2, false, tue + 60, true, "agent02"}};
    const Date today{2026, 12, 2};
    KpiResult judged = compute_call_kpi(target(set, "seats_per_workday"), calls, Date{2026, 12, 1},
                                        last_judged_day(Date{2026, 12, 31}, today), cal);
    CHECK(judged.value == Ratio{2, 1});
    CHECK(judged.met == true);
    // Walking the whole month would count the days to come as unstaffed.
    KpiResult whole = compute_call_kpi(target(set, "seats_per_workday"), calls, Date{2026, 12, 1}, Date{2026, 12, 31}, cal);
    CHECK(whole.value == Ratio{0, 1});
    // The first day of a month: no day is over yet, no data.
    KpiResult first_day = compute_call_kpi(target(set, "seats_per_workday"), calls, Date{2026, 12, 1},
                                           last_judged_day(Date{2026, 12, 31}, Date{2026, 12, 1}), cal);
    CHECK(first_day.value.den == 0);
}

TEST_CASE("staffing is judged from the hotline's first recorded call", "[kpi]") {
    // The year 2026 viewed on 3 December, the centre live since Tuesday 1 December: the workdays of January to
    // November are not unstaffed days (the 年度 view showed 0 while every month showed 2).
    CHECK(first_judged_day(Date{2026, 1, 1}, Date{2026, 12, 31}, Date{2026, 12, 1}) == Date{2026, 12, 1});
    CHECK(first_judged_day(Date{2026, 12, 1}, Date{2026, 12, 31}, Date{2026, 8, 3}) == Date{2026, 12, 1});
    CHECK(first_judged_day(Date{2026, 1, 1}, Date{2026, 12, 31}, std::nullopt) == Date{2027, 1, 1});

    KpiTargetSet set = shipped();
    WorkCalendar cal = yiyang::test::load_json("assets/rules/calendar-cn.json").get<WorkCalendar>();
    const LocalSeconds tue = start_of(Date{2026, 12, 1}) + 10 * 3600;
    std::vector<KpiCall> calls = {{1, true, tue, true, "agent01"}, {2, false, tue + 60, true, "agent02"}};
    const Date today{2026, 12, 2}, year_first{2026, 1, 1}, year_last{2026, 12, 31};
    const Date from = first_judged_day(year_first, year_last, Date{2026, 12, 1});
    KpiResult year = compute_call_kpi(target(set, "seats_per_workday"), calls, from, last_judged_day(year_last, today), cal);
    CHECK(year.value == Ratio{2, 1});
    CHECK(year.met == true);
    // The naive walk over the whole year is the bug.
    KpiResult naive = compute_call_kpi(target(set, "seats_per_workday"), calls, year_first, last_judged_day(year_last, today), cal);
    CHECK(naive.value == Ratio{0, 1});
    // Never any call: no data, not "0 agents".
    KpiResult none = compute_call_kpi(target(set, "seats_per_workday"), {}, first_judged_day(year_first, year_last, std::nullopt),
                                      last_judged_day(year_last, today), cal);
    CHECK(none.value.den == 0);
}

TEST_CASE("kpi: a ratio's failure count (未达标) is computed here, from the lists or from the counts", "[kpi]") {
    KpiTargetSet set = shipped();
    // From lists: the denominator's records not in the numerator (failure_ids).
    KpiResult r = make_kpi_result(target(set, "response_rate"), Ratio{3, 6}, {2, 3, 5}, {1, 2, 3, 4, 5, 6});
    REQUIRE(r.failure_count);
    CHECK(*r.failure_count == 3);
    CHECK(*r.failure_count == static_cast<std::int64_t>(failure_ids(r.numerator_ids, r.denominator_ids).size()));
    CHECK(json(r)["failure_count"] == 3);
    // From the summed counts of the aggregates (no lists): the same figure.
    KpiResult c = make_kpi_result_counts(target(set, "response_rate"), Ratio{89, 100}, 89, 100);
    REQUIRE(c.failure_count);
    CHECK(*c.failure_count == 11);
    // No data: nothing failed. A count has no failures at all.
    CHECK(make_kpi_result_counts(target(set, "response_rate"), Ratio{0, 0}, 0, 0).failure_count == 0);
    CHECK_FALSE(make_kpi_result(target(set, "trainings"), Ratio{6, 1}, {}, {}).failure_count);
    CHECK_FALSE(make_kpi_result_counts(target(set, "trainings"), Ratio{6, 1}, 6, 0).failure_count);
}

TEST_CASE("kpi: the project year runs twelve months from the project start", "[kpi][project_year]") {
    const KpiTargetSet t = shipped();   // effective 2026-02-01, no project_start: the project starts then
    CHECK(t.project_start == Date{2026, 2, 1});
    auto y = project_year_of(t, Date{2026, 12, 6});
    CHECK(y.first == Date{2026, 2, 1});
    CHECK(y.last == Date{2027, 1, 31});
    CHECK(y.number == 1);
    CHECK(y.label_zh() == "2026年2月—2027年1月");
    REQUIRE(y.months().size() == 12);
    CHECK(y.months().front().code() == "2026-02");
    CHECK(y.months().back().code() == "2027-01");
    CHECK(y.contains(Date{2027, 1, 31}));
    CHECK_FALSE(y.contains(Date{2027, 2, 1}));
    y = project_year_of(t, Date{2027, 2, 1});
    CHECK(y.first == Date{2027, 2, 1});
    CHECK(y.last == Date{2028, 1, 31});
    CHECK(y.number == 2);
    CHECK(project_year_of(t, Date{2025, 12, 31}).number == 1);   // before the start: year 1, nothing counted
    // A correction published mid-year names the project's start; a malformed one is refused by name.
    auto j = yiyang::test::load_json("assets/rules/kpi-targets.json");
    j["effective_from"] = "2026-07-15";
    j["project_start"] = "2026-02-01";
    const auto c = j.get<KpiTargetSet>();
    CHECK(project_year_of(c, Date{2026, 8, 1}).first == Date{2026, 2, 1});
    CHECK(nlohmann::json(c).at("project_start") == "2026-02-01");
    j["project_start"] = "2026-13-01";
    CHECK_THROWS_WITH(j.get<KpiTargetSet>(), Catch::Contains("project_start"));
}

TEST_CASE("kpi: a project year as a period, and its year to date", "[kpi][project_year]") {
    const auto y = project_year_of(shipped(), Date{2026, 11, 15});
    CHECK(y.period().code() == "2026-P02");
    CHECK(y.period().first_day() == y.first);
    CHECK(y.period().last_day() == y.last);
    CHECK(y.period_through(Period{PeriodKind::Month, 2026, 11}).code() == "2026-P02-10");
    CHECK(y.period_through(Period{PeriodKind::Month, 2026, 2}).last_day() == Date{2026, 2, 28});
    CHECK(y.period_through(Period{PeriodKind::Month, 2027, 1}).code() == "2026-P02");
    CHECK(y.period_through(Period{PeriodKind::Month, 2027, 3}).code() == "2026-P02");   // outside: the whole year
}

}  // namespace test_kpi
