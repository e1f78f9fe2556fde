// Contributions to the indicator aggregates (kpi_aggregate.hpp): summed over random orders and calls they give
// the same figures as the full formulas of kpi.hpp / sla_kpi.hpp; what settles an order's SLA clocks.
#include <catch2/catch.hpp>

#include <random>

#include "yiyang/kpi_aggregate.hpp"
#include "yiyang/order_lifecycle.hpp"
#include "yiyang/sla_kpi.hpp"

namespace test_kpi_aggregate {

using namespace yiyang;

namespace {

KpiTarget percent(const std::string& code) {
    KpiTarget t;
    t.code = code;
    t.name_zh = code;
    t.unit = "percent";
    t.target = Ratio{95, 100};
    return t;
}

KpiTarget count(const std::string& code) {
    KpiTarget t = percent(code);
    t.unit = "count";
    t.target = Ratio{2, 1};
    return t;
}

// An SLA rule set whose only rule is the SOS answer window of `seconds` (emergency_answer_seconds).
SlaRuleSet sos_window(std::int64_t seconds) {
    SlaRuleSet set;
    set.version = "sos-" + std::to_string(seconds);
    SlaRule r;
    r.code = "emergency_answer";
    r.name_zh = "紧急求助应答";
    r.starts_on = "created";
    r.stops_on = "dispatched";
    r.applies_to = {OrderType::Emergency};
    r.target_seconds = seconds;
    set.rules.push_back(r);
    return set;
}

}  // namespace

TEST_CASE("order contributions summed equal compute_order_kpi on random orders", "[kpi][aggregate]") {
    std::mt19937 rng(8);
    // The answer window changes in the middle of the orders' days (a new SLA version): each order is judged by
    // the rules of its own day, in the contribution and in the full recomputation alike.
    const SlaRuleSet early = sos_window(30), late = sos_window(45);
    const Date change = date_of(1'000'000 + 1500 * 600);
    const SlaRulesOn sla_on = [&](const Date& d) -> const SlaRuleSet& { return d < change ? early : late; };
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    std::vector<WorkOrder> orders;
    OrderKpiCounts sums;
    for (int i = 1; i <= 3000; ++i) {
        WorkOrder o;
        o.id = i;
        o.type = all_OrderTypes()[static_cast<std::size_t>(pick(0, static_cast<int>(all_OrderTypes().size()) - 1))];
        o.channel = all_Channels()[static_cast<std::size_t>(pick(0, static_cast<int>(all_Channels().size()) - 1))];
        o.status = all_OrderStatuss()[static_cast<std::size_t>(pick(0, static_cast<int>(all_OrderStatuss().size()) - 1))];
        o.created_at = 1'000'000 + i * 600;
        if (pick(0, 2) == 0) o.satisfaction = pick(0, 6);
        if (pick(0, 2) == 0) o.complaint_valid = pick(0, 1) == 1;
        if (pick(0, 2) == 0) o.acknowledged_at = o.created_at + pick(0, 60);
        orders.push_back(o);
        sums += order_kpi_contribution(o, sla_on(date_of(o.created_at)));
    }
    for (const auto& f : order_kpi_formulas()) {
        const auto t = percent(f.code);
        const auto full = compute_order_kpi(t, orders, sla_on);
        const auto agg = order_kpi_from_counts(t, sums);
        INFO(f.code);
        CHECK(agg.value.num == full.value.num);
        CHECK(agg.value.den == full.value.den);
        CHECK(agg.display == full.display);
        CHECK(agg.met == full.met);
        CHECK(agg.numerator_count == full.numerator_count);
        CHECK(agg.denominator_count == full.denominator_count);
    }
    // Subtracting a contribution undoes it exactly (what a write does before adding the new row's).
    OrderKpiCounts back = sums;
    for (const auto& o : orders) back -= order_kpi_contribution(o, sla_on(date_of(o.created_at)));
    CHECK(back.zero());
}

TEST_CASE("call day rows give the telephony figures of compute_call_kpi", "[kpi][aggregate]") {
    std::mt19937 rng(9);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const Date first{2026, 10, 1}, last{2026, 10, 31};
    std::vector<KpiCall> calls;
    for (int i = 1; i <= 2000; ++i) {
        KpiCall c;
        c.id = i;
        c.inbound = pick(0, 3) != 0;
        c.started_at = start_of(first) + pick(0, 31 * 86400 - 1);
        c.answered = pick(0, 4) != 0;
        if (c.answered || !c.inbound) c.agent = pick(0, 9) == 0 ? "" : "agent0" + std::to_string(pick(1, 4));
        calls.push_back(c);
    }
    const WorkCalendar calendar;   // weekdays
    const auto days = call_days(calls);
    for (const auto& t : {percent("connection_rate"), count("yearly_call_volume"), count("seats_per_workday")}) {
        for (const Date& until : {last, Date{2026, 10, 15}}) {
            const auto full = compute_call_kpi(t, calls, first, until, calendar);
            const auto agg = call_kpi_from_days(t, days, first, until, calendar);
            INFO(t.code << " until " << format_date(until));
            CHECK(agg.value.num == full.value.num);
            CHECK(agg.value.den == full.value.den);
            CHECK(agg.numerator_count == full.numerator_count);
            CHECK(agg.denominator_count == full.denominator_count);
        }
    }
}

TEST_CASE("an order's SLA clocks settle once none can change without a write", "[kpi][aggregate]") {
    WorkOrder o;
    o.id = 1;
    SlaClock met;
    met.rule_code = "review_24h";
    met.stopped_at = 100;
    met.due_at = 200;
    met.state = SlaState::Met;
    SlaClock running;
    running.rule_code = "callback_24h";
    running.due_at = 5000;
    running.state = SlaState::Running;

    auto c = sla_contribution(o, {met}, 300);
    CHECK(c.settled);
    CHECK(c.by_rule["review_24h"] == SlaRuleCounts{1, 1});
    // A running clock before its due time may still be met: not settled, looked at again just after it falls due.
    c = sla_contribution(o, {met, running}, 300);
    CHECK_FALSE(c.settled);
    CHECK(c.recheck_at == 5001);
    CHECK(c.by_rule.empty());
    // Past due it stays breached whatever happens later (only a write changes the order): settled.
    running.state = SlaState::Breached;
    c = sla_contribution(o, {met, running}, 6000);
    CHECK(c.settled);
    CHECK(c.by_rule["callback_24h"] == SlaRuleCounts{0, 1});
    // A paused order's due times follow the clock: never settled until it resumes (a write).
    o.paused_since = 50;
    c = sla_contribution(o, {met}, 300);
    CHECK_FALSE(c.settled);
    CHECK(c.recheck_at == kNever);
    // Summed settled contributions equal compute_sla_kpi over the same clocks.
    o.paused_since.reset();
    std::map<std::string, SlaRuleCounts> sums;
    add_sla_clocks(sums, {met, running});
    const auto t = percent("sla_callback_24h");
    const auto full = compute_sla_kpi(t, {OrderClocks{o, {met, running}}});
    const auto agg = sla_kpi_from_counts(t, sums["callback_24h"]);
    CHECK(agg.value.num == full.value.num);
    CHECK(agg.value.den == full.value.den);
    CHECK(agg.display == full.display);
}

}  // namespace test_kpi_aggregate
